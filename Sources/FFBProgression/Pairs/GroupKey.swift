import Foundation

/// What `--by` groups on (CLI.md); two of them at once make a `Grouping`.
public enum GroupDimension: String, CaseIterable, Sendable {
    case none
    case theme
    case area
    case intervention
    case provider
    case targetGroup = "target-group"
    case goalType = "goal-type"
    /// The municipality of the order's case (the ordering municipality).
    case municipality

    /// The key's name in JSON output (`{"target_group": ...}`).
    public var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// Dimensions that follow from the theme alone: levels group on them without an order
    /// (an extract's four columns, the store's levels read as an extract).
    public var followsFromTheme: Bool { [.none, .theme, .area].contains(self) }

    /// Dimensions that belong to an order's course (its pairs are the course's).
    public var isCourse: Bool { [.intervention, .provider, .targetGroup, .municipality].contains(self) }
}

/// One group's key: a value of the grouping dimension, or nothing for `--by none`; with a
/// grouping by two dimensions, a value of the second too.
public struct GroupKey: Hashable, Sendable, Comparable {
    public let dimension: GroupDimension
    public let value: String
    /// The second dimension and its value (`--by municipality,provider`); nil for one dimension.
    public let second: GroupDimension?
    public let secondValue: String

    public init(_ dimension: GroupDimension, _ value: String) {
        self.dimension = dimension
        self.value = dimension == .none ? "" : value
        second = nil
        secondValue = ""
    }

    /// The key of a grouping by two dimensions.
    public init(_ first: GroupKey, _ second: GroupKey) {
        dimension = first.dimension
        value = first.value
        self.second = second.dimension
        secondValue = second.value
    }

    public static let all = GroupKey(.none, "")

    /// The one-dimension keys this key is made of.
    public var parts: [GroupKey] {
        [GroupKey(dimension, value)] + (second.map { [GroupKey($0, secondValue)] } ?? [])
    }

    /// The dimensions as `--by` names them ("municipality,provider"), and the values likewise
    /// ("0751,SOR-401"): a single key reads as its dimension and value.
    public var dimensionText: String { parts.map(\.dimension.rawValue).joined(separator: ",") }
    public var valueText: String { parts.map(\.value).joined(separator: ",") }

    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        (lhs.dimension.rawValue, lhs.value, lhs.second?.rawValue ?? "", lhs.secondValue) < (rhs.dimension.rawValue, rhs.value, rhs.second?.rawValue ?? "", rhs.secondValue)
    }
}

/// What `--by` asks for: one dimension, or two ("municipality,provider"), each group a pair of
/// values.
public struct Grouping: Hashable, Sendable, CustomStringConvertible {
    public let dimensions: [GroupDimension]

    public init(_ dimension: GroupDimension) {
        dimensions = [dimension]
    }

    /// "provider" or "municipality,provider"; nil for an unknown name, more than two, the same
    /// twice, or `none` beside another.
    public init?(_ text: String) {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let dimensions = names.compactMap(GroupDimension.init(rawValue:))
        guard dimensions.count == names.count, (1...2).contains(dimensions.count), Set(dimensions).count == dimensions.count,
              dimensions.count == 1 || !dimensions.contains(.none) else { return nil }
        self.dimensions = dimensions
    }

    /// The only dimension of a grouping by one.
    public var single: GroupDimension? { dimensions.count == 1 ? dimensions[0] : nil }

    public var description: String { dimensions.map(\.rawValue).joined(separator: ",") }

    /// A key from one key per dimension; nil when one is missing.
    public func key(_ parts: [GroupKey?]) -> GroupKey? {
        let found = parts.compactMap { $0 }
        guard found.count == parts.count else { return nil }
        return found.count == 1 ? found[0] : GroupKey(found[0], found[1])
    }
}
