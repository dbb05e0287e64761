import FFBCatalog
import FFBParallel
import FFBStatistics

extension Extract {
    /// The pair statistics of an extract grouped by theme, area or nothing, groups in catalogue
    /// order. Works on the compact arrays in place: one transition matrix per theme, no per-series
    /// allocation, so tens of millions of rows cost only their pairing.
    public func statistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        let (keys, keyIndex, groupOfTheme) = themeGroups(dimension)
        // Parts of the citizens counted on the cores and merged: every count is exact.
        let order = seriesGroupedByCitizen()
        let parts = citizenParts(order: order, count: seriesCount >= 100_000 ? 2 : 1)
        // A theme's series is one citizen's, so with one theme per group and the first level
        // against the latest each citizen has one pair in a group: its clusters follow from the
        // transitions, and the pass need not follow citizens at all.
        let onePairPerCitizen = rule == .first && Set(groupOfTheme).count == groupOfTheme.count
        let counting = PartCounter(extract: self, order: order, groupOfTheme: groupOfTheme, groups: keys.count, rule: rule, period: period,
                                   clustersFromTransitions: onePairPerCitizen)
        let counts = WorkerPool(workers: parts.count).map(parts.count) { counting.count(parts[$0]) }
        var total = counts[0]
        for part in counts.dropFirst() { total.merge(part) }
        if onePairPerCitizen {
            for (theme, group) in groupOfTheme.enumerated() { total.clusters[group] = ClusterSummary(singlePairs: total.perTheme[theme]) }
        }

        var accumulator = [GroupKey: TransitionMatrix]()
        for (index, _) in themes.enumerated() where total.seen[index] {
            accumulator[keys[groupOfTheme[index]], default: TransitionMatrix()] += total.perTheme[index]
        }
        if dimension == .none, accumulator.isEmpty { accumulator[.all] = TransitionMatrix() }
        let shown = accumulator.keys.sorted { (keyIndex[$0] ?? 0, $0) < (keyIndex[$1] ?? 0, $1) }
        return GroupedPairStatistics(
            rule: rule, tally: total.tally, groups: shown.map { ($0, PairStatistics(accumulator[$0] ?? TransitionMatrix())) },
            clustered: Dictionary(uniqueKeysWithValues: shown.map { key in
                (key, ClusteredPairStatistics(keyIndex[key].map { total.clusters[$0] } ?? ClusterSummary()))
            })
        )
    }

    /// Each theme's group (by theme, area or nothing), numbered in the catalogue order of its
    /// first theme.
    func themeGroups(_ dimension: GroupDimension) -> (keys: [GroupKey], keyIndex: [GroupKey: Int], groupOfTheme: [Int]) {
        var keys: [GroupKey] = [], keyIndex: [GroupKey: Int] = [:]
        let groupOfTheme = themes.indices.map { theme in
            let key = themeKey(theme, dimension)
            if let index = keyIndex[key] { return index }
            keyIndex[key] = keys.count
            keys.append(key)
            return keys.count - 1
        }
        return (keys, keyIndex, groupOfTheme)
    }

    /// Position ranges of the series (in `order`) that split the citizens into `count` parts of
    /// about the same size, each citizen in one part.
    func citizenParts(order: [Int32]?, count: Int) -> [Range<Int>] {
        func citizen(at position: Int) -> Int32 { seriesCitizen[order.map { Int($0[position]) } ?? position] }
        var bounds = [0]
        for part in 1..<max(1, count) {
            var position = max(bounds[bounds.count - 1], seriesCount * part / count)
            while position > 0, position < seriesCount, citizen(at: position) == citizen(at: position - 1) { position += 1 }
            bounds.append(position)
        }
        bounds.append(seriesCount)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    }

    /// The series in an order that keeps each citizen's together, or nil when they already are
    /// (an extract written citizen by citizen, a store's pass): a counting sort by citizen, stable.
    func seriesGroupedByCitizen() -> [Int32]? {
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
}

/// What one part of the series counts: per theme its transitions, per group its citizens.
struct PartCount: Sendable {
    var perTheme: [TransitionMatrix]
    var seen: [Bool]
    var tally: PairTally
    var clusters: [ClusterSummary]

    mutating func merge(_ other: PartCount) {
        for index in perTheme.indices {
            perTheme[index] += other.perTheme[index]
            seen[index] = seen[index] || other.seen[index]
        }
        tally = tally + other.tally
        for index in clusters.indices { clusters[index].merge(other.clusters[index]) }
    }
}

/// Counts the pairs of a range of series positions, in place on the extract's arrays.
struct PartCounter: Sendable {
    let extract: Extract
    let order: [Int32]?
    let groupOfTheme: [Int]
    let groups: Int
    let rule: BaselineRule
    let period: Period
    /// The caller makes the clusters from the transitions (`ClusterSummary(singlePairs:)`).
    let clustersFromTransitions: Bool

    func count(_ positions: Range<Int>) -> PartCount {
        let seriesStart = extract.seriesStart, days = extract.days, levels = extract.levels
        // Separate variables, not one struct's fields: a pair is counted into two at once.
        var perTheme = [TransitionMatrix](repeating: TransitionMatrix(), count: extract.themes.count)
        var seen = [Bool](repeating: false, count: extract.themes.count)
        var tally = PairTally()
        var clusters = [ClusterSummary](repeating: ClusterSummary(), count: groups)
        // Citizens are the clusters: a citizen's pairs in each group, folded into the group's
        // summary when the next citizen's series begin.
        var citizenPairs = [CitizenPairs](repeating: CitizenPairs(), count: groups)
        var touched: [Int] = []
        var citizen: Int32 = -1
        let filtered = period != .all
        for position in positions.lowerBound...positions.upperBound {
            let series = position == positions.upperBound ? -1 : order.map { Int($0[position]) } ?? position
            if clustersFromTransitions {
                // No citizen bookkeeping: only the transitions and the tally.
                if series < 0 { break }
            } else if series < 0 || extract.seriesCitizen[series] != citizen {
                for group in touched {
                    clusters[group].add(citizenPairs[group])
                    citizenPairs[group] = CitizenPairs()
                }
                touched.removeAll(keepingCapacity: true)
                if series < 0 { break }
                citizen = extract.seriesCitizen[series]
            }
            var lower = Int(seriesStart[series]), upper = Int(seriesStart[series + 1])
            if filtered {
                while lower < upper, !period.contains(days[lower]) { lower += 1 }
                while upper > lower, !period.contains(days[upper - 1]) { upper -= 1 }
                if lower == upper { continue }
            }
            let theme = Int(extract.seriesTheme[series])
            seen[theme] = true
            guard upper - lower >= 2, days[upper - 1] > days[lower] else {
                tally.unpaired += 1
                continue
            }
            if clustersFromTransitions {
                // `rule` is first: one pair, counted without a citizen.
                var unused = CitizenPairs()
                count(levels[lower], levels[upper - 1], into: &perTheme[theme], citizen: &unused, tally: &tally)
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
        return PartCount(perTheme: perTheme, seen: seen, tally: tally, clusters: clusters)
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
