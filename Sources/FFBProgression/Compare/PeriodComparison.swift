import FFBModel
import FFBStatistics

/// Each group's pair statistics in two periods side by side, and the difference in the improved
/// share with a cluster-robust interval and test (Docs/progression.md, "Period against period").
/// A pair belongs to the period that holds both its assessments: each period is paired exactly as
/// `--from`/`--to` would pair it.
public struct PeriodComparison: Sendable {
    public let periods: ComparedPeriods
    public let first: GroupedPairStatistics
    public let second: GroupedPairStatistics
    /// Per group, its citizens' pairs in both periods (a citizen in both is one cluster).
    public let paired: [GroupKey: PairedClusterSums]
    /// The groups of either period: the first period's in its order, then the second's others.
    public let keys: [GroupKey]

    init(periods: ComparedPeriods, first: GroupedPairStatistics, second: GroupedPairStatistics, paired: [GroupKey: PairedClusterSums]) {
        self.periods = periods
        self.first = first
        self.second = second
        self.paired = paired
        var keys = first.groups.map(\.key)
        let seen = Set(keys)
        keys += second.groups.map(\.key).filter { !seen.contains($0) }
        self.keys = keys
    }

    /// The statistics of `key` in the first or second period (nil when the group has none there).
    public func statistics(of key: GroupKey, period index: Int) -> (pairs: PairStatistics, clustered: ClusteredPairStatistics)? {
        let result = index == 0 ? first : second
        guard let statistics = result.groups.first(where: { $0.key == key })?.statistics else { return nil }
        return (statistics, result.clusteredStatistics(of: key))
    }

    /// p2 − p1 of `key`, nil unless both periods have pairs in the group.
    public func difference(of key: GroupKey) -> ShareDifference? { paired[key]?.difference }
}

/// Each citizen's improved and paired counts per group in the two periods, as series come.
struct PeriodDifferenceCounter<Citizen: Hashable> {
    let rule: BaselineRule
    let periods: (Period, Period)
    private var counts: [GroupKey: [Citizen: (u1: Int, m1: Int, u2: Int, m2: Int)]] = [:]

    init(rule: BaselineRule, periods: ComparedPeriods) {
        self.rule = rule
        self.periods = (ComparedPeriods.period(periods.first), ComparedPeriods.period(periods.second))
    }

    mutating func add(_ series: LevelSeries, of citizen: Citizen, to key: GroupKey) {
        var tally = PairTally()
        var (u1, m1, u2, m2) = (0, 0, 0, 0)
        series.forEachPair(rule: rule, period: periods.0, tally: &tally) { baseline, followUp in
            m1 += 1
            if followUp < baseline { u1 += 1 }
        }
        series.forEachPair(rule: rule, period: periods.1, tally: &tally) { baseline, followUp in
            m2 += 1
            if followUp < baseline { u2 += 1 }
        }
        guard m1 + m2 > 0 else { return }
        var sum = counts[key, default: [:]][citizen] ?? (0, 0, 0, 0)
        sum = (sum.u1 + u1, sum.m1 + m1, sum.u2 + u2, sum.m2 + m2)
        counts[key, default: [:]][citizen] = sum
    }

    var result: [GroupKey: PairedClusterSums] {
        counts.mapValues { citizens in
            var sums = PairedClusterSums()
            for count in citizens.values { sums.add(first: count.u1, of: count.m1, second: count.u2, of: count.m2) }
            return sums
        }
    }
}

extension Extract {
    /// Period against period by one key or two (`statistics(grouping:)` pairs each period).
    public func comparison(grouping: Grouping, rule: BaselineRule, periods: ComparedPeriods) -> PeriodComparison {
        var counter = PeriodDifferenceCounter<Int32>(rule: rule, periods: periods)
        forEachGroupedSeries(grouping) { citizen, key, series in counter.add(series, of: citizen, to: key) }
        return PeriodComparison(periods: periods,
                                first: statistics(grouping: grouping, rule: rule, period: ComparedPeriods.period(periods.first)),
                                second: statistics(grouping: grouping, rule: rule, period: ComparedPeriods.period(periods.second)),
                                paired: counter.result)
    }
}

extension ProgressionData {
    /// Period against period by one key or two.
    public func comparison(grouping: Grouping, rule: BaselineRule, periods: ComparedPeriods) -> PeriodComparison {
        var counter = PeriodDifferenceCounter<Pseudonym>(rule: rule, periods: periods)
        forEachGroupedSeries(grouping) { series, citizen, _, key in counter.add(series, of: citizen, to: key) }
        return PeriodComparison(periods: periods,
                                first: statistics(grouping: grouping, rule: rule, period: ComparedPeriods.period(periods.first)),
                                second: statistics(grouping: grouping, rule: rule, period: ComparedPeriods.period(periods.second)),
                                paired: counter.result)
    }
}
