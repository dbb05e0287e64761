/// Counts of pairs by baseline level (row) and follow-up level (column), levels 0…4.
///
/// Every pair statistic of STATISTICS.md depends on the pairs only through this
/// matrix, so it is the whole state a group needs: accumulate pairs one at a time
/// with ``record(baseline:followUp:count:)``, combine partial results from several
/// threads or files with ``merge(_:)`` or `+`, and hand the result to
/// ``PairStatistics/init(_:)``.
///
/// Levels are plain integers because both function levels (0…4) and support levels
/// (A…E mapped to 0…4) land here; the caller's level type does the validation.
public struct TransitionMatrix: Sendable, Hashable {
    /// The number of levels on each axis.
    public static let levelCount = 5

    /// The valid levels, `0..<5`.
    public static let levels = 0..<levelCount

    // Row-major; a flat array keeps `record` to one index computation and one store.
    private var storage: [Int]

    /// An empty matrix: no pairs.
    public init() {
        storage = Array(repeating: 0, count: Self.levelCount * Self.levelCount)
    }

    /// A matrix from 5 rows of 5 non-negative counts; `nil` if the shape or a count is invalid.
    public init?(rows: [[Int]]) {
        guard rows.count == Self.levelCount,
              rows.allSatisfy({ $0.count == Self.levelCount && $0.allSatisfy { $0 >= 0 } })
        else { return nil }
        storage = rows.flatMap { $0 }
    }

    /// A matrix counting the given pairs.
    ///
    /// - Precondition: every level is in `0..<5`.
    public init<Pairs: Sequence>(pairs: Pairs) where Pairs.Element == (baseline: Int, followUp: Int) {
        self.init()
        for pair in pairs {
            record(baseline: pair.baseline, followUp: pair.followUp)
        }
    }

    /// The number of pairs with this baseline and follow-up level.
    ///
    /// - Precondition: both levels are in `0..<5`, as for an array index.
    public subscript(baseline: Int, followUp: Int) -> Int {
        storage[Self.index(baseline, followUp)]
    }

    /// Counts `count` more pairs (default one) that went from `baseline` to `followUp`.
    ///
    /// - Precondition: both levels are in `0..<5` and `count >= 0`. A level outside
    ///   the scale is a programming error in the caller's mapping, not bad input data.
    public mutating func record(baseline: Int, followUp: Int, count: Int = 1) {
        precondition(count >= 0, "a transition count cannot be negative")
        storage[Self.index(baseline, followUp)] += count
    }

    /// Adds the counts of `other` to this matrix.
    public mutating func merge(_ other: TransitionMatrix) {
        for index in storage.indices {
            storage[index] += other.storage[index]
        }
    }

    /// The matrix counting the pairs of both operands.
    public static func + (lhs: TransitionMatrix, rhs: TransitionMatrix) -> TransitionMatrix {
        var sum = lhs
        sum.merge(rhs)
        return sum
    }

    /// Adds the counts of `rhs` to `lhs`.
    public static func += (lhs: inout TransitionMatrix, rhs: TransitionMatrix) {
        lhs.merge(rhs)
    }

    /// The counts as 5 rows (baseline levels) of 5 columns (follow-up levels).
    public var rows: [[Int]] {
        Self.levels.map { row in Array(storage[(row * Self.levelCount)..<((row + 1) * Self.levelCount)]) }
    }

    /// The number of pairs, `n`.
    public var total: Int {
        storage.reduce(0, +)
    }

    /// The number of pairs whose baseline is `level`.
    public func baselineTotal(_ level: Int) -> Int {
        Self.levels.reduce(0) { $0 + self[level, $1] }
    }

    /// The number of pairs whose follow-up is `level`.
    public func followUpTotal(_ level: Int) -> Int {
        Self.levels.reduce(0) { $0 + self[$1, level] }
    }

    /// The number of pairs with change `d = baseline − followUp` equal to `change` (−4…4).
    public func count(withChange change: Int) -> Int {
        Self.levels.reduce(0) { sum, baseline in
            let followUp = baseline - change
            return Self.levels.contains(followUp) ? sum + self[baseline, followUp] : sum
        }
    }

    private static func index(_ baseline: Int, _ followUp: Int) -> Int {
        precondition(levels.contains(baseline) && levels.contains(followUp), "levels are 0…4")
        return baseline * levelCount + followUp
    }
}

extension TransitionMatrix: CustomStringConvertible {
    /// The rows, for test failures and debugging.
    public var description: String {
        "TransitionMatrix(\(rows))"
    }
}
