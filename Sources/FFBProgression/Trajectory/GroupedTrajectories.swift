import FFBStatistics

/// What one window of one group's trajectory counts (Docs/progression.md, "Trajectories").
public struct TrajectoryWindow: Sendable, Equatable {
    /// Observations (series) per level 0…4 in the window.
    public internal(set) var levels = [Int](repeating: 0, count: 5)
    /// The levels over the citizens: y_g = the sum of the citizen's levels, m_g = its observations.
    public internal(set) var level = ClusterSums()
    /// Against baseline (windows after 0): y_g = the citizen's observations below their baseline.
    public internal(set) var improvement = ClusterSums()

    public init() {}

    /// Observations: series with a level in the window.
    public var n: Int { level.count }
    /// Citizens with a level in the window.
    public var citizens: Int { level.clusters }
    public var meanLevel: Double? { level.ratio }
    /// Mean ± z·SE over citizens as clusters.
    public var meanLevelInterval: (lower: Double, upper: Double)? { level.meanInterval }
    public var improved: Int { improvement.total }
    /// nil in window 0 (the baseline) and in an empty window.
    public var improvedShare: Double? { improvement.ratio }
    /// The clustered Wilson interval of STATISTICS.md.
    public var improvedShareInterval: ProportionInterval? { improvement.clusteredShare?.interval }

    mutating func merge(_ other: TrajectoryWindow) {
        for index in levels.indices { levels[index] += other.levels[index] }
        level.merge(other.level)
        improvement.merge(other.improvement)
    }
}

/// Per group, the windows of its trajectory.
public struct GroupedTrajectories: Sendable {
    public let windows: TrajectoryWindows
    public let groups: [(key: GroupKey, windows: [TrajectoryWindow])]
    /// Series whose baseline, and window levels, that were "ikke vurderet" (left out).
    public let skippedNotAssessed: Int

    public init(windows: TrajectoryWindows, groups: [(key: GroupKey, windows: [TrajectoryWindow])], skippedNotAssessed: Int) {
        self.windows = windows
        self.groups = groups
        self.skippedNotAssessed = skippedNotAssessed
    }

    /// A group's citizens: those with an assessed baseline (window 0), the disclosure unit.
    public static func citizens(_ windows: [TrajectoryWindow]) -> Int { windows.first?.citizens ?? 0 }
}
