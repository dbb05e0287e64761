import Foundation

/// The natural logarithm of the gamma function, ln Γ(x), for x > 0 (NaN otherwise).
///
/// Implemented here rather than taken from the C library so that the Stirling
/// correction ``stirlingCorrection(_:)``, which the incomplete gamma and beta
/// functions need on its own, comes from the same series. Absolute error is a few
/// units in 1e-15 for small x and relative error about 1e-16 for x ≥ 15.
package func logGamma(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
    return (x - 0.5) * log(x) - x + StirlingSeries.halfLogTwoPi + stirlingCorrection(x)
}

/// δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the error of Stirling's formula.
///
/// The tail functions are written as `exp(−bd0 − δ)` (Loader's saddle-point form)
/// because subtracting two large ln Γ values loses digits once the arguments reach
/// the millions, which the sign test does for big groups.
func stirlingCorrection(_ x: Double) -> Double {
    guard x < StirlingSeries.asymptoticThreshold else {
        return StirlingSeries.asymptotic(x)
    }
    // Below the threshold the asymptotic series is not accurate enough: step up with
    // δ(x) = δ(x + 1) + (x + ½) ln(1 + 1/x) − 1, each step a small positive number
    // computed without cancellation, instead of subtracting ln Γ values of size ~25.
    var shifted = x
    var sum = 0.0
    while shifted < StirlingSeries.asymptoticThreshold {
        sum += StirlingSeries.step(shifted)
        shifted += 1
    }
    return sum + StirlingSeries.asymptotic(shifted)
}

/// Loader's deviance term bd0(x, μ) = x ln(x/μ) + μ − x ≥ 0, computed without the
/// cancellation of the naive formula when x ≈ μ.
func devianceTerm(_ x: Double, _ mean: Double) -> Double {
    if x == 0 { return mean }
    if abs(x - mean) < 0.1 * (x + mean) {
        // With v = (x − μ)/(x + μ): bd0 = (x − μ) v + 2x Σ_{j≥1} v^(2j+1)/(2j+1).
        var v = (x - mean) / (x + mean)
        var sum = (x - mean) * v
        var term = 2 * x * v
        v *= v
        for j in 1..<1_000 {
            term *= v
            let next = sum + term / Double(2 * j + 1)
            if next == sum { return next }
            sum = next
        }
        return sum
    }
    return x * log(x / mean) + mean - x
}

private enum StirlingSeries {
    static let halfLogTwoPi = 0.918938533204672741780329736406

    /// At 15 the eighth term of the series is below 1e-19, far under one ulp of δ.
    static let asymptoticThreshold = 15.0

    /// B₂ₖ / (2k (2k − 1)) for k = 1…8.
    private static let coefficients: [Double] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
        -3617.0 / 122_400.0,
    ]

    /// δ(x) − δ(x + 1) = (x + ½) ln(1 + 1/x) − 1.
    static func step(_ x: Double) -> Double {
        // With u = 1/(2x + 1) this is u⁻¹ atanh(u) − 1 = u²/3 + u⁴/5 + u⁶/7 + ⋯, a
        // series of positive terms; below x = ½ it converges slowly but the value is
        // large enough (> 0.1) for the closed form.
        guard x >= 0.5 else { return (x + 0.5) * log1p(1 / x) - 1 }
        let u = 1 / (2 * x + 1)
        let uSquared = u * u
        var power = uSquared
        var sum = 0.0
        var denominator = 3.0
        for _ in 0..<100 {
            let next = sum + power / denominator
            if next == sum { break }
            sum = next
            power *= uSquared
            denominator += 2
        }
        return sum
    }

    static func asymptotic(_ x: Double) -> Double {
        let inverseSquare = 1 / (x * x)
        // Horner in 1/x² from the smallest term up.
        var sum = 0.0
        for coefficient in coefficients.reversed() {
            sum = sum * inverseSquare + coefficient
        }
        return sum / x
    }
}
