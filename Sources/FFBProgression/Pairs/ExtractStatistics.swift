import FFBCatalog
import FFBStatistics

extension Extract {
    /// The pair statistics of an extract grouped by theme, area or nothing, groups in catalogue
    /// order. Works on the compact arrays in place: one transition matrix per theme, no per-series
    /// allocation, so tens of millions of rows cost only their pairing.
    public func statistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        // Each theme's group, numbered in the catalogue order of its first theme.
        var keys: [GroupKey] = [], keyIndex: [GroupKey: Int] = [:]
        let groupOfTheme = themes.map { theme in
            let key: GroupKey = switch dimension {
            case .theme: GroupKey(.theme, theme.code.rawValue)
            case .area: GroupKey(.area, theme.area.rawValue)
            default: .all
            }
            if let index = keyIndex[key] { return index }
            keyIndex[key] = keys.count
            keys.append(key)
            return keys.count - 1
        }
        var perTheme = [TransitionMatrix](repeating: TransitionMatrix(), count: themes.count)
        var seen = [Bool](repeating: false, count: themes.count)
        var tally = PairTally()
        // Citizens are the clusters: a citizen's pairs in each group, folded into the group's
        // summary when the next citizen's series begin.
        var clusters = [ClusterSummary](repeating: ClusterSummary(), count: keys.count)
        var citizenPairs = [CitizenPairs](repeating: CitizenPairs(), count: keys.count)
        var touched: [Int] = []
        var citizen: Int32 = -1
        func foldCitizen() {
            for group in touched {
                clusters[group].add(citizenPairs[group])
                citizenPairs[group] = CitizenPairs()
            }
            touched.removeAll(keepingCapacity: true)
        }
        let filtered = period != .all
        let order = seriesGroupedByCitizen()
        for position in 0..<seriesCount {
            let series = order.map { Int($0[position]) } ?? position
            if seriesCitizen[series] != citizen {
                foldCitizen()
                citizen = seriesCitizen[series]
            }
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
            let group = groupOfTheme[theme]
            let pairsBefore = citizenPairs[group].pairs
            switch rule {
            case .first:
                count(levels[lower], levels[upper - 1], into: &perTheme[theme], citizen: &citizenPairs[group], tally: &tally)
            case .previous:
                for index in (lower + 1)..<upper where days[index] > days[index - 1] {
                    count(levels[index - 1], levels[index], into: &perTheme[theme], citizen: &citizenPairs[group], tally: &tally)
                }
            }
            if pairsBefore == 0, citizenPairs[group].pairs > 0 { touched.append(group) }
        }
        foldCitizen()
        var accumulator = [GroupKey: TransitionMatrix]()
        for (index, _) in themes.enumerated() where seen[index] {
            accumulator[keys[groupOfTheme[index]], default: TransitionMatrix()] += perTheme[index]
        }
        if dimension == .none, accumulator.isEmpty { accumulator[.all] = TransitionMatrix() }
        let shown = accumulator.keys.sorted { (keyIndex[$0] ?? 0, $0) < (keyIndex[$1] ?? 0, $1) }
        return GroupedPairStatistics(
            rule: rule, tally: tally, groups: shown.map { ($0, PairStatistics(accumulator[$0] ?? TransitionMatrix())) },
            clustered: Dictionary(uniqueKeysWithValues: shown.map { ($0, ClusteredPairStatistics(keyIndex[$0].map { clusters[$0] } ?? ClusterSummary())) })
        )
    }

    /// The series in an order that keeps each citizen's together, or nil when they already are
    /// (an extract written citizen by citizen, a store's pass): a counting sort by citizen, stable.
    private func seriesGroupedByCitizen() -> [Int32]? {
        var finished = [Bool](repeating: false, count: citizenCount)
        var grouped = true
        for series in 0..<seriesCount where series > 0 && seriesCitizen[series] != seriesCitizen[series - 1] {
            finished[Int(seriesCitizen[series - 1])] = true
            if finished[Int(seriesCitizen[series])] {
                grouped = false
                break
            }
        }
        if grouped { return nil }
        var start = [Int](repeating: 0, count: citizenCount + 1)
        for citizen in seriesCitizen { start[Int(citizen) + 1] += 1 }
        for index in 0..<citizenCount { start[index + 1] += start[index] }
        var order = [Int32](repeating: 0, count: seriesCount)
        for series in 0..<seriesCount {
            let citizen = Int(seriesCitizen[series])
            order[start[citizen]] = Int32(series)
            start[citizen] += 1
        }
        return order
    }

    @inline(__always)
    private func count(_ baseline: Int8, _ followUp: Int8, into matrix: inout TransitionMatrix, citizen: inout CitizenPairs, tally: inout PairTally) {
        if baseline < 0 || followUp < 0 {
            tally.skippedNotAssessed += 1
        } else {
            tally.pairs += 1
            matrix.record(baseline: Int(baseline), followUp: Int(followUp))
            citizen.add(baseline: Int(baseline), followUp: Int(followUp))
        }
    }
}
