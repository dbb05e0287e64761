import Foundation

/// The binomial probability P(X = k) for X ~ Binomial(trials, probability).
///
/// Loader's saddle-point form, exp(δ(n) − δ(k) − δ(n − k) − bd0(k, np) − bd0(n − k, nq))
/// · √(n / (2π k (n − k))), keeps ~1e-15 relative precision for n in the billions,
/// where ln C(n, k) alone would lose seven digits. 0 for k outside 0…n; NaN for a
/// negative `trials` or a probability outside 0…1.
package func binomialProbability(_ k: Int, trials: Int, probability: Double) -> Double {
    guard trials >= 0, probability >= 0, probability <= 1 else { return .nan }
    guard k >= 0, k <= trials else { return 0 }
    let complement = 1 - probability
    if k == 0 { return pow(complement, Double(trials)) }
    if k == trials { return pow(probability, Double(trials)) }
    if probability == 0 || complement == 0 { return 0 }
    let n = Double(trials)
    let successes = Double(k)
    let failures = Double(trials - k)
    let exponent = stirlingCorrection(n) - stirlingCorrection(successes) - stirlingCorrection(failures)
        - devianceTerm(successes, n * probability) - devianceTerm(failures, n * complement)
    return scaledExponential(exponent, times: (n / (2 * Double.pi * successes * failures)).squareRoot())
}

/// The binomial distribution function P(X ≤ k) for X ~ Binomial(trials, probability).
///
/// Uses P(X ≤ k) = I₁₋ₚ(n − k, k + 1), so it costs O(√n) at most however large n is.
/// Relative precision is ~1e-15 in the tails and degrades to ~1e-12 for n in the
/// tens of millions with k within a few standard deviations of the mean, where the
/// continued fraction's leading denominators nearly cancel; ``signTestPValue(successes:trials:)``
/// avoids that for p = ½. 0 for k < 0, 1 for k ≥ n; NaN for a negative `trials` or a
/// probability outside 0…1.
package func binomialCDF(_ k: Int, trials: Int, probability: Double) -> Double {
    guard trials >= 0, probability >= 0, probability <= 1 else { return .nan }
    if k < 0 { return 0 }
    if k >= trials { return 1 }
    return IncompleteBeta.regularized(
        x: 1 - probability, complement: probability, a: Double(trials - k), b: Double(k + 1))
}
