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
/// a comparison is made once every pair is in. Merging two accumulators is exact.
public struct CaseMixAccumulator: Sendable {
    struct Count: Sendable {
        var pairs = 0
        var improved = 0
    }

    public let rule: BaselineRule
    public let period: Period
    public private(set) var tally = PairTally()
    /// Strata are numbered theme × 5 + baseline level; `themes` names the theme numbers.
    let themes: [KLCode]
    private var strata: [Int: Count] = [:]
    private var cells: [GroupKey: [Int: [Int: Count]]] = [:]

    public init(rule: BaselineRule, period: Period, themes: [KLCode]) {
        self.rule = rule
        self.period = period
        self.themes = themes
    }

    /// Pairs `series` of theme number `theme` (an index into `themes`) and counts its pairs for
    /// `citizen` (any number that tells citizens apart) in group `key`.
    public mutating func add(_ series: LevelSeries, citizen: Int, theme: Int, to key: GroupKey) {
        guard period == .all || series.points.contains(where: { period.contains($0.day) }) else { return }
        series.forEachPair(rule: rule, period: period, tally: &tally) { baseline, followUp in
            let stratum = theme * 5 + baseline
            let improved = followUp < baseline ? 1 : 0
            strata[stratum, default: Count()].pairs += 1
            strata[stratum, default: Count()].improved += improved
            cells[key, default: [:]][citizen, default: [:]][stratum, default: Count()].pairs += 1
            cells[key, default: [:]][citizen, default: [:]][stratum, default: Count()].improved += improved
        }
    }

    public mutating func merge(_ other: CaseMixAccumulator) {
        tally = tally + other.tally
        for (stratum, count) in other.strata {
            strata[stratum, default: Count()].pairs += count.pairs
            strata[stratum, default: Count()].improved += count.improved
        }
        for (key, citizens) in other.cells {
            for (citizen, counts) in citizens {
                for (stratum, count) in counts {
                    cells[key, default: [:]][citizen, default: [:]][stratum, default: Count()].pairs += count.pairs
                    cells[key, default: [:]][citizen, default: [:]][stratum, default: Count()].improved += count.improved
                }
            }
        }
    }

    /// Each group's O and E, groups ordered by `order`, then by key.
    public func result(order: (GroupKey) -> Int = { _ in 0 }) -> CaseMixComparison {
        var rates: [Int: Double] = [:]
        for (stratum, count) in strata where count.pairs > 0 { rates[stratum] = Double(count.improved) / Double(count.pairs) }
        let keys = cells.keys.sorted { (order($0), $0) < (order($1), $1) }
        let groups = keys.map { key in
            let citizens = cells[key] ?? [:]
            var pairs = 0
            // Citizens in a fixed order, so E's floating-point sum is the same on every run.
            let perCitizen = citizens.keys.sorted().map { citizen in
                var observed = 0, expected = 0.0
                for (stratum, count) in (citizens[citizen] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    pairs += count.pairs
                    observed += count.improved
                    expected += Double(count.pairs) * (rates[stratum] ?? 0)
                }
                return (observed: observed, expected: expected)
            }
            return CaseMixComparison.Group(key: key, pairs: pairs, citizens: citizens.count, comparison: ObservedExpected(citizens: perCitizen))
        }
        let counted = strata.keys.sorted().map { stratum in
            CaseMixComparison.Stratum(theme: themes[stratum / 5], baseline: stratum % 5, pairs: strata[stratum]?.pairs ?? 0, improved: strata[stratum]?.improved ?? 0)
        }
        return CaseMixComparison(rule: rule, tally: tally, groups: groups, strata: counted)
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

extension Extract {
    /// Groups of an extract (theme, area or none) compared by indirect standardisation on theme
    /// and baseline level, as `ProgressionData.caseMix` does for a store.
    public func caseMix(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> CaseMixComparison {
        let keys = themes.map { theme -> GroupKey in
            switch dimension {
            case .theme: GroupKey(.theme, theme.code.rawValue)
            case .area: GroupKey(.area, theme.area.rawValue)
            default: .all
            }
        }
        var accumulator = CaseMixAccumulator(rule: rule, period: period, themes: themes.map(\.code))
        for index in 0..<seriesCount {
            let theme = Int(seriesTheme[index])
            accumulator.add(series(index), citizen: Int(seriesCitizen[index]), theme: theme, to: keys[theme])
        }
        let order = Dictionary(themes.enumerated().flatMap { [($1.code.rawValue, $0), ($1.area.rawValue, $0)] }, uniquingKeysWith: { first, _ in first })
        return accumulator.result(order: { order[$0.value] ?? Int.max })
    }
}
