import FFBModel
import FFBStatistics

/// Pairs counted per group, and the statistics of each group.
public struct GroupedPairStatistics: Sendable {
    public let rule: BaselineRule
    public let tally: PairTally
    public let groups: [(key: GroupKey, statistics: PairStatistics)]
    /// Each group's statistics over its citizens as clusters (STATISTICS.md).
    public let clustered: [GroupKey: ClusteredPairStatistics]

    public init(rule: BaselineRule, tally: PairTally, groups: [(key: GroupKey, statistics: PairStatistics)], clustered: [GroupKey: ClusteredPairStatistics]) {
        self.rule = rule
        self.tally = tally
        self.groups = groups
        self.clustered = clustered
    }

    /// The clustered statistics of group `key` (those of no citizen for a group it does not have).
    public func clusteredStatistics(of key: GroupKey) -> ClusteredPairStatistics {
        clustered[key] ?? ClusteredPairStatistics(ClusterSummary())
    }
}

/// Accumulates transition matrices per group; merging two accumulators is exact, so work can be
/// split across threads or files.
public struct PairAccumulator: Sendable {
    public private(set) var matrices: [GroupKey: TransitionMatrix] = [:]
    /// Each group's pairs by citizen (the clusters).
    private var citizens: [GroupKey: [Pseudonym: CitizenPairs]] = [:]
    public var tally = PairTally()
    public let rule: BaselineRule
    public let period: Period

    public init(rule: BaselineRule, period: Period) {
        self.rule = rule
        self.period = period
    }

    /// Pairs `series`, `citizen`'s, and counts its pairs in every group of `keys`. Tallies count
    /// each series once; a series with no assessment in the period adds nothing, not even an
    /// empty group.
    public mutating func add(_ series: LevelSeries, of citizen: Pseudonym, to keys: [GroupKey]) {
        guard period == .all || series.points.contains(where: { period.contains($0.day) }) else { return }
        var matrix = TransitionMatrix()
        var pairs = CitizenPairs()
        var seriesTally = PairTally()
        series.forEachPair(rule: rule, period: period, tally: &seriesTally) {
            matrix.record(baseline: $0, followUp: $1)
            pairs.add(baseline: $0, followUp: $1)
        }
        tally = tally + seriesTally
        for key in keys {
            matrices[key, default: TransitionMatrix()] += matrix
            if pairs.pairs > 0 { citizens[key, default: [:]][citizen, default: CitizenPairs()].merge(pairs) }
        }
    }

    /// Makes sure a group appears (with n = 0) even when none of its series paired.
    public mutating func ensure(_ key: GroupKey) {
        if matrices[key] == nil { matrices[key] = TransitionMatrix() }
    }

    public mutating func merge(_ other: PairAccumulator) {
        for (key, matrix) in other.matrices { matrices[key, default: TransitionMatrix()] += matrix }
        for (key, byCitizen) in other.citizens {
            for (citizen, pairs) in byCitizen { citizens[key, default: [:]][citizen, default: CitizenPairs()].merge(pairs) }
        }
        tally = tally + other.tally
    }

    /// The statistics per group, ordered by `order` (e.g. catalogue order), then by key.
    public func result(order: (GroupKey) -> Int = { _ in 0 }) -> GroupedPairStatistics {
        let keys = matrices.keys.sorted { (order($0), $0) < (order($1), $1) }
        return GroupedPairStatistics(
            rule: rule, tally: tally, groups: keys.map { ($0, PairStatistics(matrices[$0] ?? TransitionMatrix())) },
            clustered: Dictionary(uniqueKeysWithValues: keys.map { ($0, ClusteredPairStatistics((citizens[$0] ?? [:]).values)) })
        )
    }
}
