import Foundation

/// The standard normal distribution function Φ(z) = P(Z ≤ z).
///
/// Computed as `standardNormalSurvival(-z)`, so it keeps full relative precision
/// in the lower tail.
package func standardNormalCDF(_ z: Double) -> Double {
    standardNormalSurvival(-z)
}

/// The standard normal survival function Φc(z) = 1 − Φ(z) = P(Z > z), to about
/// 1e-15 relative precision down to the subnormal range, far upper tail included
/// (Φc(10) ≈ 7.6e-24, Φc(37) ≈ 5.7e-300).
///
/// Computed directly rather than as `1 − Φ(z)`, which would round every value below
/// 1.1e-16 to zero. Self-contained instead of calling the C library's `erfc`,
/// because `erfc(z/√2)` inherits the rounding error of `z/√2`, magnified by z² in
/// the tail. Two regimes:
/// - |z| < 1: Φ(z) − ½ = φ(z) Σ z^(2n+1) / (1·3·5⋯(2n+1)), a series of positive terms,
///   and ½ − that loses at most a factor 3;
/// - z ≥ 1: Φc(z) = φ(z) · R(z) with Laplace's continued fraction for Mills' ratio
///   R(z) = 1/(z + 1/(z + 2/(z + 3/(z + ⋯)))), evaluated from a fixed depth upwards
///   (at most 640 terms), which damps rounding errors where the forward Lentz
///   evaluation lets them grow to a few 1e-15.
/// φ(z) uses an exactly split z² so that exp(−z²/2) is accurate for large z.
package func standardNormalSurvival(_ z: Double) -> Double {
    if z.isNaN { return .nan }
    if z < 0 { return 1 - standardNormalSurvival(-z) }
    if z == .infinity { return 0 }
    if z < NormalTail.continuedFractionThreshold {
        return 0.5 - NormalTail.density(z, times: NormalTail.seriesSum(z))
    }
    return NormalTail.density(z, times: NormalTail.millsRatio(z))
}

/// The standard normal density φ(z) = exp(−z²/2)/√(2π).
package func standardNormalDensity(_ z: Double) -> Double {
    NormalTail.density(z, times: 1)
}

private enum NormalTail {
    static let inverseSquareRootTwoPi = 0.398942280401432677939946059934
    static let continuedFractionThreshold = 1.0

    /// factor · φ(z).
    static func density(_ z: Double, times factor: Double) -> Double {
        // z² = high + low exactly (fused multiply-add gives the rounding error), so
        // exp(−z²/2) = exp(−high/2) · exp(−low/2) with exp(−low/2) ≈ 1 − low/2.
        let high = z * z
        let low = (-high).addingProduct(z, z)
        return scaledExponential(-0.5 * high, times: (1 - 0.5 * low) * inverseSquareRootTwoPi * factor)
    }

    /// Σ z^(2n+1) / (2n+1)!!; every term is positive, so there is no cancellation.
    static func seriesSum(_ z: Double) -> Double {
        let square = z * z
        var term = z
        var sum = z
        var denominator = 1.0
        for _ in 0..<200 {
            denominator += 2
            term *= square / denominator
            let next = sum + term
            if next == sum { break }
            sum = next
        }
        return sum
    }

    /// Mills' ratio R(z) = Φc(z)/φ(z), for z ≥ 1.
    static func millsRatio(_ z: Double) -> Double {
        // The truncation error after n terms falls roughly like exp(−2z√n) (checked
        // against 60-digit arithmetic), so a depth of 600/z² leaves about e⁻⁴⁹, far
        // below one ulp, whatever z is; the 40 extra terms are margin for large z.
        let depth = 40 + Int(600 / (z * z))
        var f = z
        for n in stride(from: depth, through: 1, by: -1) {
            f = z + Double(n) / f
        }
        return 1 / f
    }
}
