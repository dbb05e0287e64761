import FFBStatistics

/// |a − b| / max(|a|, |b|), and 0 when the two are equal (including both zero).
func relativeError(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
}

/// Whether `actual` is within `tolerance` relative of `expected`.
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-14) -> Bool {
    guard let actual else { return false }
    return relativeError(actual, expected) <= tolerance
}

/// A transition matrix from rows written out in a test; an empty matrix if the rows are malformed,
/// which the test's expectations then catch.
func matrix(_ rows: [[Int]]) -> TransitionMatrix {
    TransitionMatrix(rows: rows) ?? TransitionMatrix()
}

/// A matrix with the given (baseline, follow-up) → count cells and zeros elsewhere.
func matrix(_ cells: [(baseline: Int, followUp: Int, count: Int)]) -> TransitionMatrix {
    var result = TransitionMatrix()
    for cell in cells {
        result.record(baseline: cell.baseline, followUp: cell.followUp, count: cell.count)
    }
    return result
}
