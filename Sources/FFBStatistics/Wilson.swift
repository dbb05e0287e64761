import Foundation

/// A two-sided confidence interval for a proportion, both ends in 0…1.
public struct ProportionInterval: Sendable, Hashable {
    /// The lower end of the interval.
    public let lower: Double
    /// The upper end of the interval.
    public let upper: Double

    /// An interval from `lower` to `upper`.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The z quantile of a two-sided 95 % interval, Φ⁻¹(0.975), as STATISTICS.md fixes it.
public let standardNormalQuantile975 = 1.959963984540054

/// The Wilson score interval for `successes` out of `trials`, without continuity
/// correction; `nil` when there are no trials (or `successes` is outside 0…trials).
///
/// Written as (2k + z² ∓ z √(z² + 4k(n − k)/n)) / (2(n + z²)) rather than the usual
/// centre ± half-width, so that the lower end for k = 0 is exactly 0 and the
/// interval of k successes mirrors that of n − k failures.
public func wilsonInterval(
    successes: Int, trials: Int, z: Double = standardNormalQuantile975
) -> ProportionInterval? {
    guard trials > 0, (0...trials).contains(successes) else { return nil }
    let k = Double(successes)
    let n = Double(trials)
    let zSquared = z * z
    let root = z * (zSquared + 4 * k * (Double(trials - successes) / n)).squareRoot()
    let denominator = 2 * (n + zSquared)
    return ProportionInterval(
        lower: max(0, (2 * k + zSquared - root) / denominator),
        upper: min(1, (2 * k + zSquared + root) / denominator))
}

/// The Wilson score interval for a proportion `proportion` observed at a sample size `size`
/// that need not be whole (an effective size: STATISTICS.md "Citizens as clusters"); `nil`
/// unless `size > 0` and the proportion is in 0…1. Written as `wilsonInterval(successes:trials:)`
/// is, with k = p·n.
public func wilsonInterval(
    proportion p: Double, size n: Double, z: Double = standardNormalQuantile975
) -> ProportionInterval? {
    guard n > 0, n.isFinite, (0...1).contains(p) else { return nil }
    let k = p * n
    let zSquared = z * z
    let root = z * (zSquared + 4 * k * (1 - p)).squareRoot()
    let denominator = 2 * (n + zSquared)
    return ProportionInterval(
        lower: max(0, (2 * k + zSquared - root) / denominator),
        upper: min(1, (2 * k + zSquared + root) / denominator))
}
