import FFBCatalog
import FFBModel
import FFBStatistics

/// Groups compared fairly (Docs/progression.md, "Providers compared fairly"): each group's
/// improved pairs O against the E its case mix predicts, by indirect standardisation. A pair's
/// stratum is its theme and baseline level; its expected improvement is the share improved of
/// all pairs of the run in that stratum.
public struct CaseMixComparison: Sendable {
    public struct Group: Sendable {
        public let key: GroupKey
        public let pairs: Int
        /// Citizens with a pair in the group (the disclosure unit).
        public let citizens: Int
        public let comparison: ObservedExpected
    }

    /// One theme and baseline level over every group: how many pairs, how many improved.
    public struct Stratum: Sendable, Hashable {
        public let theme: KLCode
        public let baseline: Int
        public let pairs: Int
        public let improved: Int

        /// The expected improvement of a pair in this stratum.
        public var rate: Double { pairs > 0 ? Double(improved) / Double(pairs) : 0 }
    }

    public let rule: BaselineRule
    public let tally: PairTally
    public let groups: [Group]
    /// The strata with at least one pair, by theme (catalogue order) and baseline.
    public let strata: [Stratum]

    /// The expected improvement of a pair of `theme` starting at `baseline`.
    public func rate(theme: KLCode, baseline: Int) -> Double {
        strata.first { $0.theme == theme && $0.baseline == baseline }?.rate ?? 0
    }
}

/// Counts pairs per group, citizen and stratum; the rates come from all of them together, so
/// a comparison is made once every pair is in. Each pair is kept as a small record (group,
/// citizen, stratum, improved): tens of millions of rows make a few million of them.
public struct CaseMixAccumulator: Sendable {
    struct Record: Sendable {
        var group: Int32
        var citizen: Int32
        var stratum: Int32
        var improved: Bool
    }

    public let rule: BaselineRule
    public let period: Period
    public var tally = PairTally()
    /// Strata are numbered theme × 5 + baseline level; `themes` names the theme numbers.
    let themes: [KLCode]
    private var strataPairs: [Int]
    private var strataImproved: [Int]
    private var keys: [GroupKey] = []
    private var keyIndex: [GroupKey: Int32] = [:]
    private var records: [Record] = []

    public init(rule: BaselineRule, period: Period, themes: [KLCode]) {
        self.rule = rule
        self.period = period
        self.themes = themes
        strataPairs = [Int](repeating: 0, count: themes.count * 5)
        strataImproved = strataPairs
    }

    /// The number of group `key`, for `add(baseline:followUp:…)`.
    public mutating func group(_ key: GroupKey) -> Int32 {
        if let index = keyIndex[key] { return index }
        let index = Int32(keys.count)
        keys.append(key)
        keyIndex[key] = index
        return index
    }

    /// Pairs `series` of theme number `theme` (an index into `themes`) and counts its pairs for
    /// `citizen` (a number that tells citizens apart) in group `key`.
    public mutating func add(_ series: LevelSeries, citizen: Int, theme: Int, to key: GroupKey) {
        guard period == .all || series.points.contains(where: { period.contains($0.day) }) else { return }
        let group = self.group(key)
        var tally = self.tally
        series.forEachPair(rule: rule, period: period, tally: &tally) { baseline, followUp in
            add(baseline: baseline, followUp: followUp, citizen: Int32(citizen), theme: theme, group: group)
        }
        self.tally = tally
    }

    /// Counts one pair (levels 0…4) of theme number `theme` for `citizen` in group number `group`.
    @inline(__always)
    public mutating func add(baseline: Int, followUp: Int, citizen: Int32, theme: Int, group: Int32) {
        let stratum = theme * 5 + baseline
        let improved = followUp < baseline
        strataPairs[stratum] += 1
        if improved { strataImproved[stratum] += 1 }
        records.append(Record(group: group, citizen: citizen, stratum: Int32(stratum), improved: improved))
    }

    /// Each group's O and E, groups ordered by `order`, then by key.
    public func result(order: (GroupKey) -> Int = { _ in 0 }) -> CaseMixComparison {
        let rates = zip(strataPairs, strataImproved).map { pairs, improved in pairs > 0 ? Double(improved) / Double(pairs) : 0 }
        // Each citizen's records together (they are, when citizens were added one after another).
        var ordered = records
        if zip(ordered, ordered.dropFirst()).contains(where: { $0.citizen > $1.citizen }) {
            ordered = ordered.enumerated().sorted { ($0.element.citizen, $0.offset) < ($1.element.citizen, $1.offset) }.map(\.element)
        }
        // Per group: the running citizen's counts, flushed when the next citizen's begin.
        var perCitizen = [[(observed: Int, expected: Double)]](repeating: [], count: keys.count)
        var pairs = [Int](repeating: 0, count: keys.count)
        var running = [(citizen: Int32, observed: Int, expected: Double)](repeating: (-1, 0, 0), count: keys.count)
        func flush(_ group: Int) {
            if running[group].citizen >= 0 { perCitizen[group].append((running[group].observed, running[group].expected)) }
        }
        for record in ordered {
            let group = Int(record.group)
            if running[group].citizen != record.citizen {
                flush(group)
                running[group] = (record.citizen, 0, 0)
            }
            pairs[group] += 1
            if record.improved { running[group].observed += 1 }
            running[group].expected += rates[Int(record.stratum)]
        }
        for group in keys.indices { flush(group) }
        // A group whose series made no pair has nothing to compare.
        let sorted = keys.indices.filter { pairs[$0] > 0 }.sorted { (order(keys[$0]), keys[$0]) < (order(keys[$1]), keys[$1]) }
        let groups = sorted.map { index in
            CaseMixComparison.Group(key: keys[index], pairs: pairs[index], citizens: perCitizen[index].count,
                                    comparison: ObservedExpected(citizens: perCitizen[index]))
        }
        let strata = strataPairs.indices.filter { strataPairs[$0] > 0 }.map { stratum in
            CaseMixComparison.Stratum(theme: themes[stratum / 5], baseline: stratum % 5, pairs: strataPairs[stratum], improved: strataImproved[stratum])
        }
        return CaseMixComparison(rule: rule, tally: tally, groups: groups, strata: strata)
    }
}

extension ProgressionData {
    /// Groups compared by indirect standardisation on theme and baseline level.
    public func caseMix(grouping: Grouping, rule: BaselineRule, period: Period = .all) -> CaseMixComparison {
        let themes = catalog.themes.map(\.code)
        let themeNumber = Dictionary(themes.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var citizenNumber: [Pseudonym: Int] = [:]
        var accumulator = CaseMixAccumulator(rule: rule, period: period, themes: themes)
        forEachGroupedSeries(grouping) { series, citizen, theme, key in
            guard let number = themeNumber[theme] else { return }
            let id = citizenNumber[citizen] ?? citizenNumber.count
            citizenNumber[citizen] = id
            accumulator.add(series, citizen: id, theme: number, to: key)
        }
        return accumulator.result(order: { self.catalogOrder($0.parts[0]) })
    }

    /// One pair of a group, for an analyst's drill-down: whose, which theme, when and at which
    /// level each end was assessed.
    public struct GroupPair: Sendable, Equatable {
        public let citizen: Pseudonym
        public let theme: KLCode
        public let baselineDate: LocalDate
        public let baseline: Int
        public let followUpDate: LocalDate
        public let followUp: Int
    }

    /// The pairs of group `key` under `grouping`, by citizen, theme and baseline date.
    public func pairs(of key: GroupKey, grouping: Grouping, rule: BaselineRule, period: Period = .all) -> [GroupPair] {
        var pairs: [GroupPair] = []
        var tally = PairTally()
        forEachGroupedSeries(grouping) { series, citizen, theme, groupKey in
            guard groupKey == key else { return }
            series.forEachPointPair(rule: rule, period: period, tally: &tally) { baseline, followUp in
                pairs.append(GroupPair(citizen: citizen, theme: theme, baselineDate: LocalDate(dayNumber: Int(baseline.day)), baseline: Int(baseline.level),
                                       followUpDate: LocalDate(dayNumber: Int(followUp.day)), followUp: Int(followUp.level)))
            }
        }
        return pairs.sorted { ($0.citizen, $0.theme.rawValue, $0.baselineDate) < ($1.citizen, $1.theme.rawValue, $1.baselineDate) }
    }
}
