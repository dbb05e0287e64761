import FFBCatalog
import FFBStatistics

extension Extract {
    /// The pair statistics of an extract grouped by theme, area or nothing, groups in catalogue
    /// order. Works on the compact arrays in place: one transition matrix per theme, no per-series
    /// allocation, so tens of millions of rows cost only their pairing.
    public func statistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        var perTheme = [TransitionMatrix](repeating: TransitionMatrix(), count: themes.count)
        var seen = [Bool](repeating: false, count: themes.count)
        var tally = PairTally()
        let filtered = period != .all
        for series in 0..<seriesCount {
            var lower = Int(seriesStart[series]), upper = Int(seriesStart[series + 1])
            if filtered {
                while lower < upper, !period.contains(days[lower]) { lower += 1 }
                while upper > lower, !period.contains(days[upper - 1]) { upper -= 1 }
                if lower == upper { continue }
            }
            let theme = Int(seriesTheme[series])
            seen[theme] = true
            guard upper - lower >= 2, days[upper - 1] > days[lower] else {
                tally.unpaired += 1
                continue
            }
            switch rule {
            case .first:
                count(levels[lower], levels[upper - 1], into: &perTheme[theme], tally: &tally)
            case .previous:
                for index in (lower + 1)..<upper where days[index] > days[index - 1] {
                    count(levels[index - 1], levels[index], into: &perTheme[theme], tally: &tally)
                }
            }
        }
        var accumulator = [GroupKey: TransitionMatrix]()
        var order: [GroupKey: Int] = [:]
        for (index, theme) in themes.enumerated() where seen[index] {
            let key: GroupKey = switch dimension {
            case .theme: GroupKey(.theme, theme.code.rawValue)
            case .area: GroupKey(.area, theme.area.rawValue)
            default: .all
            }
            accumulator[key, default: TransitionMatrix()] += perTheme[index]
            if order[key] == nil { order[key] = index }
        }
        if dimension == .none, accumulator.isEmpty { accumulator[.all] = TransitionMatrix() }
        let keys = accumulator.keys.sorted { (order[$0] ?? 0, $0) < (order[$1] ?? 0, $1) }
        return GroupedPairStatistics(rule: rule, tally: tally, groups: keys.map { ($0, PairStatistics(accumulator[$0] ?? TransitionMatrix())) })
    }

    @inline(__always)
    private func count(_ baseline: Int8, _ followUp: Int8, into matrix: inout TransitionMatrix, tally: inout PairTally) {
        if baseline < 0 || followUp < 0 {
            tally.skippedNotAssessed += 1
        } else {
            tally.pairs += 1
            matrix.record(baseline: Int(baseline), followUp: Int(followUp))
        }
    }
}
