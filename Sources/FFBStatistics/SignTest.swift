/// The exact two-sided sign test: the binomial p-value for `successes` out of
/// `trials` with success probability ½, p = min(1, 2 · P(X ≤ min(k, m − k))).
/// `nil` when there are no trials (every pair was a tie) or `successes` is outside
/// 0…trials.
///
/// The lower tail is summed in log-space-safe steps from its largest term down: each
/// term follows from the one before by the ratio j / (m − j + 1) and every 128th is
/// recomputed by the saddle-point ``binomialProbability(_:trials:probability:)``; the
/// sum stops once the rest is provably below 1e-17 of it. That is O(√m) work (about
/// a millisecond for fifty million trials split near the middle) at ~1e-14 relative
/// precision, where the incomplete beta continued fraction (``binomialCDF(_:trials:probability:)``)
/// loses three digits near the middle of large groups.
public func signTestPValue(successes: Int, trials: Int) -> Double? {
    guard trials > 0, (0...trials).contains(successes) else { return nil }
    let smaller = min(successes, trials - successes)
    // P(X ≤ ⌊(m−1)/2⌋) is exactly ½ for odd m and above ½ for k = m/2: p is 1.
    if 2 * smaller + 1 >= trials { return 1 }
    return min(1, 2 * FairCoin.lowerTail(smaller, trials: trials))
}

private enum FairCoin {
    static let anchorInterval = 128

    /// P(X ≤ k) for X ~ Binomial(m, ½) and k < (m − 1)/2, below the mode, so every
    /// ratio j/(m − j + 1) is below 1 and falls as j falls.
    static func lowerTail(_ k: Int, trials m: Int) -> Double {
        // Neumaier's compensated sum: tens of thousands of terms would otherwise add
        // up to ~1e-14 of rounding.
        var sum = 0.0
        var compensation = 0.0
        var term = 0.0
        var j = k
        while j >= 0 {
            if (k - j) % anchorInterval == 0 {
                term = binomialProbability(j, trials: m, probability: 0.5)
            }
            let next = sum + term
            compensation += abs(sum) >= abs(term) ? (sum - next) + term : (term - next) + sum
            sum = next
            guard j > 0 else { break }
            let ratio = Double(j) / Double(m - j + 1)
            term *= ratio
            j -= 1
            // The remaining terms are at most term · (1 + r + r² + ⋯) with r the current ratio.
            if term / (1 - ratio) <= sum * 1e-17 { break }
        }
        return sum + compensation
    }
}
