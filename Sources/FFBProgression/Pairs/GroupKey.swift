/// What `--by` groups on; one dimension at a time (CLI.md).
public enum GroupDimension: String, CaseIterable, Sendable {
    case none
    case theme
    case area
    case intervention
    case provider
    case targetGroup = "target-group"
    case goalType = "goal-type"

    /// The key's name in JSON output (`{"target_group": ...}`).
    public var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// Dimensions an extract file can group on (the rest need the store).
    public static let extractDimensions: [GroupDimension] = [.none, .theme, .area]
}

/// One group's key: a value of the grouping dimension, or nothing for `--by none`.
public struct GroupKey: Hashable, Sendable, Comparable {
    public let dimension: GroupDimension
    public let value: String

    public init(_ dimension: GroupDimension, _ value: String) {
        self.dimension = dimension
        self.value = dimension == .none ? "" : value
    }

    public static let all = GroupKey(.none, "")

    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        (lhs.dimension.rawValue, lhs.value) < (rhs.dimension.rawValue, rhs.value)
    }
}
