import Foundation

/// Indirect standardisation of a count of improvements: a group's observed count O against the
/// count E it would have had if each of its pairs improved at the rate of all pairs of the same
/// stratum (Docs/progression.md, "Providers compared fairly").
///
/// The ratio R = O / E is a ratio estimator over the group's citizens as clusters, each with its
/// observed o_g and expected e_g. Its cluster-robust (sandwich) variance is
/// Var(R) = G/(G−1) · Σ_g (o_g − R·e_g)² / E², over the G citizens with e_g > 0 — exactly the
/// variance statsmodels gives the slope of `WLS(y, r, weights=1/r)` with `cov_type='cluster'`
/// (y the improved indicator, r the pair's stratum rate), whose estimate is Σy/Σr = O/E.
public struct ObservedExpected: Sendable, Hashable {
    /// The group's improved pairs, O.
    public let observed: Int
    /// The improvements expected from the group's case mix, E.
    public let expected: Double
    /// Citizens with an expected improvement above zero (the clusters of the variance), G.
    public let clusters: Int
    /// Σ_g (o_g − R·e_g)²; 0 when E = 0.
    public let residualSquares: Double

    /// O and E from each citizen's observed and expected count.
    public init(citizens: some Sequence<(observed: Int, expected: Double)>) {
        var observed = 0, expected = 0.0, clusters = 0
        var parts: [(Int, Double)] = []
        for citizen in citizens {
            observed += citizen.observed
            expected += citizen.expected
            if citizen.expected > 0 {
                clusters += 1
                parts.append((citizen.observed, citizen.expected))
            }
        }
        self.observed = observed
        self.expected = expected
        self.clusters = clusters
        let ratio = expected > 0 ? Double(observed) / expected : 0
        residualSquares = parts.reduce(0) { sum, part in
            let residual = Double(part.0) - ratio * part.1
            return sum + residual * residual
        }
    }

    /// O / E; nil when nothing was expected (every pair started at a level nobody left).
    public var ratio: Double? {
        expected > 0 ? Double(observed) / expected : nil
    }

    /// The cluster-robust standard error of O / E; nil with fewer than two clusters.
    public var standardError: Double? {
        guard expected > 0, clusters >= 2 else { return nil }
        let g = Double(clusters)
        return (g / (g - 1) * residualSquares).squareRoot() / expected
    }

    /// R ± z·SE, the lower end at least 0 (a Wald interval on the ratio).
    public func interval(z: Double = standardNormalQuantile975) -> ProportionInterval? {
        guard let ratio, let standardError else { return nil }
        return ProportionInterval(lower: max(0, ratio - z * standardError), upper: ratio + z * standardError)
    }

    /// The funnel plot's control limits for a group with `expected` improvements:
    /// 1 ± z/√E (O Poisson with mean E under the hypothesis that the group improves as the
    /// case mix predicts; Spiegelhalter 2005). The lower limit is at least 0; nil for E = 0.
    public static func controlLimits(expected: Double, z: Double) -> ProportionInterval? {
        guard expected > 0 else { return nil }
        let half = z / expected.squareRoot()
        return ProportionInterval(lower: max(0, 1 - half), upper: 1 + half)
    }

    /// The z of the funnel's inner (95 %) and outer (99.8 %) limits: Φ⁻¹(0.975) and Φ⁻¹(0.999).
    public static let innerLimitZ = standardNormalQuantile975
    public static let outerLimitZ = 3.090232306167813

    /// Where a group falls against the funnel's limits.
    public enum FunnelPosition: String, Sendable {
        case within
        /// Outside the 95 % limits but inside the 99.8 % ones.
        case above95 = "above-95", below95 = "below-95"
        /// Outside the 99.8 % limits.
        case above998 = "above-99.8", below998 = "below-99.8"
    }

    /// Where this group falls in the funnel; nil when nothing was expected.
    public var funnelPosition: FunnelPosition? {
        guard let ratio, let inner = Self.controlLimits(expected: expected, z: Self.innerLimitZ),
              let outer = Self.controlLimits(expected: expected, z: Self.outerLimitZ) else { return nil }
        if ratio > outer.upper { return .above998 }
        if ratio < outer.lower { return .below998 }
        if ratio > inner.upper { return .above95 }
        if ratio < inner.lower { return .below95 }
        return .within
    }
}
