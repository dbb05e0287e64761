/// Which assessments of a theme are compared (STATISTICS.md "Pairs").
public enum BaselineRule: String, CaseIterable, Sendable {
    /// The first assessment in the period against the last one, strictly later.
    case first
    /// Every consecutive pair of assessments.
    case previous
}

/// A closed range of days; either end may be open.
public struct Period: Sendable, Equatable {
    public var from: Int32?
    public var to: Int32?

    public init(from: Int32? = nil, to: Int32? = nil) {
        self.from = from
        self.to = to
    }

    public static let all = Period()

    @inline(__always)
    public func contains(_ day: Int32) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
}
