import Foundation

/// factor · eˣ, rounded once when the result is subnormal.
///
/// Multiplying a subnormal eˣ by a factor rounds twice at a precision of a few bits,
/// which can turn a true value below the smallest subnormal into 5e-324 instead of 0.
/// In the normal range the plain product is more accurate than folding ln(factor)
/// into a large exponent, so that is used there.
func scaledExponential(_ exponent: Double, times factor: Double) -> Double {
    guard factor > 0 else { return 0 }
    // Below −700, eˣ · factor can fall under the normal range for any plausible factor.
    if exponent < -700 {
        return exp(exponent + log(factor))
    }
    return exp(exponent) * factor
}
