/// Collects the differences between FFBStatistics and the oracle, so one failing
/// statistic is reported with its data set instead of stopping the comparison.
struct OracleComparison {
    let tolerance: Double
    private(set) var mismatches: [String] = []
    private(set) var comparedValues = 0
    private(set) var largestRelativeError = 0.0
    private(set) var largestRelativeErrorLabel = ""

    init(tolerance: Double) {
        self.tolerance = tolerance
    }

    /// Nulls must match nulls; numbers must agree to `tolerance` relative, or to
    /// `absoluteTolerance` where the oracle's own formula leaves rounding noise next
    /// to an exact zero, or both be below the normal range.
    mutating func compare(
        _ actual: Double?, _ expected: Double?, _ label: @autoclosure () -> String,
        absoluteTolerance: Double = 0
    ) {
        comparedValues += 1
        switch (actual, expected) {
        case (nil, nil):
            return
        case let (actual?, expected?):
            guard actual.isFinite else {
                mismatches.append("\(label()): \(actual) is not finite (oracle \(expected))")
                return
            }
            if abs(actual - expected) <= absoluteTolerance { return }
            // Subnormal numbers carry too few bits for a relative comparison; scipy
            // flushes exp(−745) ≈ 2.8e-324 to 0 where correct rounding gives 5e-324.
            if max(abs(actual), abs(expected)) < Double.leastNormalMagnitude { return }
            let error = relativeError(actual, expected)
            if error > largestRelativeError {
                largestRelativeError = error
                largestRelativeErrorLabel = label()
            }
            if error > tolerance {
                mismatches.append("\(label()): \(actual) vs oracle \(expected) (relative error \(error))")
            }
        default:
            mismatches.append("\(label()): \(String(describing: actual)) vs oracle \(String(describing: expected))")
        }
    }

    mutating func compareExactly<Value: Equatable>(_ actual: Value, _ expected: Value, _ label: @autoclosure () -> String) {
        comparedValues += 1
        if actual != expected {
            mismatches.append("\(label()): \(actual) vs oracle \(expected)")
        }
    }

    var summary: String {
        "\(comparedValues) values compared, largest relative error \(largestRelativeError) (\(largestRelativeErrorLabel))"
    }
}
