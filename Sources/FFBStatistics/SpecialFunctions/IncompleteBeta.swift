import Foundation

/// The regularized incomplete beta function Iₓ(a, b), for a, b > 0 and 0 ≤ x ≤ 1
/// (NaN otherwise).
///
/// Numerical Recipes' continued fraction evaluated by the modified Lentz method,
/// applied to Iₓ(a, b) when x < (a + 1)/(a + b + 2) and to 1 − I₁₋ₓ(b, a) otherwise,
/// where it converges in O(√max(a, b)) steps. The factor xᵃ(1 − x)ᵇ / B(a, b) is
/// taken in Loader's saddle-point form, so parameters in the tens of millions keep
/// ~1e-14 relative precision instead of the ~1e-8 left after subtracting ln Γ values.
package func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    IncompleteBeta.regularized(x: x, complement: 1 - x, a: a, b: b)
}

enum IncompleteBeta {
    /// Iₓ(a, b) with the complement y = 1 − x passed in, so that callers that know
    /// it exactly (the binomial with probability p gives x = 1 − p, y = p) do not round it.
    static func regularized(x: Double, complement y: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, x <= 1, !y.isNaN else { return .nan }
        if x == 0 { return 0 }
        if y == 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return min(1, front(x: x, y: y, a: a, b: b, times: continuedFraction(x: x, a: a, b: b) / a))
        }
        return max(0, 1 - front(x: x, y: y, a: a, b: b, times: continuedFraction(x: y, a: b, b: a) / b))
    }

    /// factor · xᵃ yᵇ / B(a, b), with
    /// xᵃ yᵇ / B(a, b) = √(ab / (2π(a + b))) · exp(δ(a + b) − δ(a) − δ(b) − bd0(a, x(a + b)) − bd0(b, y(a + b))),
    /// which follows from Stirling's formula with δ its exact correction; every term is
    /// small where the function is not negligible, so nothing large cancels.
    static func front(x: Double, y: Double, a: Double, b: Double, times factor: Double) -> Double {
        let total = a + b
        let exponent = stirlingCorrection(total) - stirlingCorrection(a) - stirlingCorrection(b)
            - devianceTerm(a, x * total) - devianceTerm(b, y * total)
        return scaledExponential(exponent, times: (a / (2 * Double.pi) * (b / total)).squareRoot() * factor)
    }

    /// The continued fraction of Numerical Recipes' `betacf`.
    static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let sum = a + b
        var c = 1.0
        var d = 1 / awayFromZero(1 - sum * x / (a + 1))
        var h = d
        // Convergence takes O(√max(a, b)) steps; the bound only guards against a
        // pathological input looping for ever.
        let maximumSteps = 1_000 + Int(min(20 * max(a, b).squareRoot(), 1e8))
        for step in 1...maximumSteps {
            let m = Double(step)
            let twoM = 2 * m
            let even = m * (b - m) * x / ((a - 1 + twoM) * (a + twoM))
            d = 1 / awayFromZero(1 + even * d)
            c = awayFromZero(1 + even / c)
            h *= d * c
            let odd = -(a + m) * (sum + m) * x / ((a + twoM) * (a + 1 + twoM))
            d = 1 / awayFromZero(1 + odd * d)
            c = awayFromZero(1 + odd / c)
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 2 * Double.ulpOfOne { break }
        }
        return h
    }
}

/// The modified Lentz method replaces a vanishing denominator by a tiny number
/// instead of dividing by zero.
func awayFromZero(_ value: Double) -> Double {
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
    return abs(value) < tiny ? tiny : value
}
