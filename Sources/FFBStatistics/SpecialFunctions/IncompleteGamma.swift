import Foundation

/// The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), for
/// a > 0 and x ≥ 0 (NaN otherwise).
package func regularizedLowerIncompleteGamma(_ a: Double, _ x: Double) -> Double {
    guard let kind = IncompleteGamma.evaluate(a, x) else { return .nan }
    switch kind {
    case .lower(let p): return p
    case .upper(let q): return 1 - q
    }
}

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x),
/// for a > 0 and x ≥ 0 (NaN otherwise).
///
/// Numerical Recipes' scheme: the power series for P when x < a + 1, the Lentz
/// continued fraction for Q otherwise, so a small Q is never the difference of two
/// numbers near 1. For a ≥ ½ (every chi-square test) Q stays above 0.08 on the series
/// side, so `1 − P` loses at most one digit; for smaller a, Q(a, x) there can fall to
/// ~a/5 with a correspondingly larger relative error. The common
/// factor xᵃ e⁻ˣ/Γ(a) is taken in Loader's saddle-point form for accuracy at large x.
package func regularizedUpperIncompleteGamma(_ a: Double, _ x: Double) -> Double {
    guard let kind = IncompleteGamma.evaluate(a, x) else { return .nan }
    switch kind {
    case .lower(let p): return 1 - p
    case .upper(let q): return q
    }
}

/// The chi-square survival function P(χ²_df > x) = Q(df/2, x/2); 1 for x ≤ 0,
/// NaN for degrees of freedom ≤ 0 or a NaN argument.
package func chiSquareSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
    guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
    if x <= 0 { return 1 }
    return regularizedUpperIncompleteGamma(degreesOfFreedom / 2, x / 2)
}

private enum IncompleteGamma {
    enum Value {
        case lower(Double)
        case upper(Double)
    }

    static func evaluate(_ a: Double, _ x: Double) -> Value? {
        guard a > 0, a.isFinite, x >= 0 else { return nil }
        if x == 0 { return .lower(0) }
        if x == .infinity { return .upper(0) }
        return x < a + 1 ? .lower(series(a, x)) : .upper(continuedFraction(a, x))
    }

    /// factor · xᵃ e⁻ˣ / Γ(a + 1), with xᵃ e⁻ˣ / Γ(a + 1) = exp(−bd0(a, x) − δ(a)) / √(2πa).
    static func powerOverGammaPlusOne(_ a: Double, _ x: Double, times factor: Double) -> Double {
        scaledExponential(
            -devianceTerm(a, x) - stirlingCorrection(a), times: factor / (2 * Double.pi * a).squareRoot())
    }

    /// P(a, x) = xᵃ e⁻ˣ / Γ(a + 1) · Σₙ xⁿ / ((a + 1)(a + 2)⋯(a + n)).
    static func series(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1.0
        var sum = 1.0
        for _ in 0..<10_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * Double.ulpOfOne { break }
        }
        return min(1, powerOverGammaPlusOne(a, x, times: sum))
    }

    /// Q(a, x) = xᵃ e⁻ˣ / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − ⋯))).
    static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        var b = x + 1 - a
        // Lentz starts from C = ∞; 1/tiny stands in for it.
        var c = 1 / awayFromZero(0)
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let step = Double(i)
            let an = -step * (step - a)
            b += 2
            d = 1 / awayFromZero(an * d + b)
            c = awayFromZero(b + an / c)
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        // xᵃ e⁻ˣ / Γ(a) = a · xᵃ e⁻ˣ / Γ(a + 1).
        return min(1, powerOverGammaPlusOne(a, x, times: a * h))
    }
}
