import FFBCatalog
import FFBModel
import FFBStatistics

extension GroupDimension {
    /// The extract column that holds this dimension (`ffb export --extract csv` writes it): an
    /// order's keys and the goal type; nil for none, theme and area, which follow from the theme.
    public var extractColumn: String? { followsFromTheme ? nil : jsonKey }
}

extension Grouping {
    /// The extract columns this grouping reads, in its order (none for theme, area and none).
    public var extractColumns: [String] { dimensions.compactMap(\.extractColumn) }
}

/// The points of one series (a citizen's theme) that share one value of the grouping columns, in
/// day order. Usually that is the whole series; when the value changes (the citizen moved to
/// another provider) each value's points make a run of their own, as each order's course is a
/// series of its own in a store.
struct ExtractRun {
    let series: Int
    let lower: Int
    let upper: Int
    /// The value of the grouping columns (an index into `Extract.groupValues`; 0 without columns).
    let value: Int32
    /// Other values' points lie between `lower` and `upper`: only this value's belong to the run.
    let mixed: Bool
}

extension Extract {
    /// Calls `body` with every run of points, trimmed to `period`; a series with no point in the
    /// period has none. Points with a grouping cell empty belong to no run. Series are taken in
    /// `order` (positions into them) when one is given.
    func forEachRun(period: Period, order: [Int32]? = nil, _ body: (ExtractRun) -> Void) {
        let byColumn = !groupColumns.isEmpty
        for position in 0..<seriesCount {
            let series = order.map { Int($0[position]) } ?? position
            var lower = Int(seriesStart[series]), upper = Int(seriesStart[series + 1])
            if period != .all {
                while lower < upper, !period.contains(days[lower]) { lower += 1 }
                while upper > lower, !period.contains(days[upper - 1]) { upper -= 1 }
                if lower == upper { continue }
            }
            let first = byColumn ? pointGroups[lower] : 0
            if !byColumn || !(lower..<upper).contains(where: { pointGroups[$0] != first }) {
                if first >= 0 { body(ExtractRun(series: series, lower: lower, upper: upper, value: first, mixed: false)) }
                continue
            }
            for value in Set(pointGroups[lower..<upper]).sorted() where value >= 0 {
                body(ExtractRun(series: series, lower: lower, upper: upper, value: value, mixed: true))
            }
        }
    }

    /// The pairs of a run's points, as `LevelSeries.forEachPair` makes them over the same points.
    @inline(__always)
    func forEachPair(in run: ExtractRun, rule: BaselineRule, tally: inout PairTally, _ body: (_ baseline: Int8, _ followUp: Int8) -> Void) {
        func belongs(_ position: Int) -> Bool { !run.mixed || pointGroups[position] == run.value }
        var first = run.lower, last = run.upper - 1
        while first <= last, !belongs(first) { first += 1 }
        while last >= first, !belongs(last) { last -= 1 }
        guard first <= last else { return }
        guard days[last] > days[first] else {
            tally.unpaired += 1
            return
        }
        func emit(_ baseline: Int, _ followUp: Int) {
            if levels[baseline] < 0 || levels[followUp] < 0 {
                tally.skippedNotAssessed += 1
            } else {
                tally.pairs += 1
                body(levels[baseline], levels[followUp])
            }
        }
        switch rule {
        case .first:
            emit(first, last)
        case .previous:
            var previous = first
            for position in (first + 1)...last where belongs(position) {
                if days[position] > days[previous] { emit(previous, position) }
                previous = position
            }
        }
    }

    /// A run's points as a series (every point of the run, whatever the period).
    func levelSeries(of run: ExtractRun) -> LevelSeries {
        LevelSeries(points: (run.lower..<run.upper).compactMap { position in
            run.mixed && pointGroups[position] != run.value ? nil : LevelSeries.Point(day: days[position], level: levels[position])
        })
    }

    /// The groups of `grouping` for the runs of the extract, numbered as first met: the grouping
    /// columns' parts from a run's value, theme and area from its theme, worked out once per value
    /// and theme. The extract must have been read with `grouping.extractColumns`.
    struct RunGroups {
        let extract: Extract
        let grouping: Grouping
        /// The groups' keys, by number.
        private(set) var keys: [GroupKey] = []
        private var numberOfKey: [GroupKey: Int] = [:]
        private var numberOfSlot: [Int64: Int] = [:]

        init(_ extract: Extract, _ grouping: Grouping) {
            precondition(extract.groupColumns == grouping.extractColumns, "the extract was read with the columns \(extract.groupColumns), not \(grouping.extractColumns)")
            self.extract = extract
            self.grouping = grouping
        }

        /// The number of `run`'s group (`keys[number]` its key).
        mutating func number(_ run: ExtractRun) -> Int {
            let theme = Int(extract.seriesTheme[run.series])
            let slot = Int64(run.value) << 16 | Int64(theme)
            if let known = numberOfSlot[slot] { return known }
            var column = 0
            let parts = grouping.dimensions.map { dimension -> GroupKey in
                guard dimension.extractColumn != nil else { return extract.themeKey(theme, dimension) }
                column += 1
                return GroupKey(dimension, extract.groupValues[Int(run.value)][column - 1])
            }
            let key = grouping.key(parts) ?? .all
            let number = numberOfKey[key] ?? keys.count
            if number == keys.count {
                numberOfKey[key] = number
                keys.append(key)
            }
            numberOfSlot[slot] = number
            return number
        }
    }

    /// The key of theme number `theme` by theme, area or nothing.
    func themeKey(_ theme: Int, _ dimension: GroupDimension) -> GroupKey {
        switch dimension {
        case .theme: GroupKey(.theme, themes[theme].code.rawValue)
        case .area: GroupKey(.area, themes[theme].area.rawValue)
        default: .all
        }
    }

    /// Groups in catalogue order where a key's first part is a theme, an area or a goal type
    /// (as a store's), then by key.
    func catalogOrder(_ key: GroupKey) -> Int {
        let part = key.parts[0]
        let index = switch part.dimension {
        case .theme: themes.firstIndex { $0.code.rawValue == part.value }
        case .area: themes.firstIndex { $0.area.rawValue == part.value }
        case .goalType: GoalType.allCases.firstIndex { $0.cliValue == part.value }
        default: Int?.none
        }
        return index ?? Int.max
    }

    /// Every run a grouping pairs, with its citizen (a number), key and points: the extract's
    /// counterpart of `ProgressionData.forEachGroupedSeries`.
    func forEachGroupedSeries(_ grouping: Grouping, _ body: (Int32, GroupKey, LevelSeries) -> Void) {
        var groups = RunGroups(self, grouping)
        forEachRun(period: .all) { run in
            let number = groups.number(run)
            body(seriesCitizen[run.series], groups.keys[number], levelSeries(of: run))
        }
    }

    /// Pair statistics by one key or two. Theme, area and none pair each citizen's whole history
    /// of a theme (`statistics(by:)`); a grouping by the extract's columns pairs each run, as a
    /// store pairs each order's course, counted in place: citizen by citizen, each citizen's pairs
    /// per group folded into the group's clusters when the next citizen's runs begin.
    public func statistics(grouping: Grouping, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        if let single = grouping.single, single.extractColumn == nil { return statistics(by: single, rule: rule, period: period) }
        var groups = RunGroups(self, grouping)
        var matrices: [TransitionMatrix] = [], clusters: [ClusterSummary] = [], current: [CitizenPairs] = []
        var touched: [Int] = []
        var citizen: Int32 = -1
        var tally = PairTally()
        func flush() {
            for group in touched {
                clusters[group].add(current[group])
                current[group] = CitizenPairs()
            }
            touched.removeAll(keepingCapacity: true)
        }
        forEachRun(period: period, order: seriesGroupedByCitizen()) { run in
            if seriesCitizen[run.series] != citizen {
                flush()
                citizen = seriesCitizen[run.series]
            }
            // A run with a point in the period makes its group appear, paired or not.
            let group = groups.number(run)
            if group == matrices.count {
                matrices.append(TransitionMatrix())
                clusters.append(ClusterSummary())
                current.append(CitizenPairs())
            }
            forEachPair(in: run, rule: rule, tally: &tally) { baseline, followUp in
                matrices[group].record(baseline: Int(baseline), followUp: Int(followUp))
                if current[group].pairs == 0 { touched.append(group) }
                current[group].add(baseline: Int(baseline), followUp: Int(followUp))
            }
        }
        flush()
        let keys = groups.keys
        let shown = keys.indices.sorted { (catalogOrder(keys[$0]), keys[$0]) < (catalogOrder(keys[$1]), keys[$1]) }
        return GroupedPairStatistics(
            rule: rule, tally: tally, groups: shown.map { (keys[$0], PairStatistics(matrices[$0])) },
            clustered: Dictionary(uniqueKeysWithValues: shown.map { (keys[$0], ClusteredPairStatistics(clusters[$0])) }))
    }

    /// Groups compared by indirect standardisation on theme and baseline level, as
    /// `ProgressionData.caseMix` compares a store's: each run is paired first against latest (or
    /// step by step).
    public func caseMix(grouping: Grouping, rule: BaselineRule, period: Period = .all) -> CaseMixComparison {
        var accumulator = CaseMixAccumulator(rule: rule, period: period, themes: themes.map(\.code))
        var groups = RunGroups(self, grouping)
        // The accumulator's number of each of our groups.
        var accumulated: [Int32] = []
        var tally = PairTally()
        forEachRun(period: period) { run in
            let theme = Int(seriesTheme[run.series]), citizen = seriesCitizen[run.series]
            let number = groups.number(run)
            if number == accumulated.count { accumulated.append(accumulator.group(groups.keys[number])) }
            let group = accumulated[number]
            forEachPair(in: run, rule: rule, tally: &tally) { baseline, followUp in
                accumulator.add(baseline: Int(baseline), followUp: Int(followUp), citizen: citizen, theme: theme, group: group)
            }
        }
        accumulator.tally = tally
        return accumulator.result(order: catalogOrder)
    }
}
