/// Two periods' improved shares over the same population of clusters, each citizen's pairs in
/// either period counted together: a citizen in both periods is one cluster.
///
/// Each citizen g gives (u1_g, m1_g) in the first period and (u2_g, m2_g) in the second. The
/// sums are exact integers, so parts merge exactly.
public struct PairedClusterSums: Sendable, Hashable {
    public private(set) var first = ClusterSums()
    public private(set) var second = ClusterSums()
    /// G: citizens with a pair in either period.
    public private(set) var citizens = 0
    /// Citizens with a pair in both periods.
    public private(set) var citizensInBoth = 0
    // Σ u1·u2, Σ u1·m2, Σ m1·u2, Σ m1·m2: zero for a citizen in one period only.
    private var u1u2: Int128 = 0
    private var u1m2: Int128 = 0
    private var m1u2: Int128 = 0
    private var m1m2: Int128 = 0

    public init() {}

    /// Adds one citizen's improved and paired counts in each period.
    public mutating func add(first u1: Int, of m1: Int, second u2: Int, of m2: Int) {
        guard m1 + m2 > 0 else { return }
        citizens += 1
        first.add(total: u1, count: m1)
        second.add(total: u2, count: m2)
        guard m1 > 0, m2 > 0 else { return }
        citizensInBoth += 1
        u1u2 += Int128(u1) * Int128(u2)
        u1m2 += Int128(u1) * Int128(m2)
        m1u2 += Int128(m1) * Int128(u2)
        m1m2 += Int128(m1) * Int128(m2)
    }

    public mutating func merge(_ other: PairedClusterSums) {
        first.merge(other.first)
        second.merge(other.second)
        citizens += other.citizens
        citizensInBoth += other.citizensInBoth
        u1u2 += other.u1u2
        u1m2 += other.u1m2
        m1u2 += other.m1u2
        m1m2 += other.m1m2
    }

    /// The difference p2 − p1 with its cluster-robust variance (Docs/progression.md, "Period
    /// against period"): the OLS of the improved indicator on a constant and a second-period
    /// dummy, with the cluster (citizen) sandwich and statsmodels' small-sample factor
    /// G/(G−1)·(N−1)/(N−2):
    ///
    /// SE² = c · Σ_g (a_g/N2 − b_g/N1)², a_g = u2_g − p2·m2_g, b_g = u1_g − p1·m1_g.
    public var difference: ShareDifference? {
        guard let p1 = first.ratio, let p2 = second.ratio else { return nil }
        let n1 = Double(first.count), n2 = Double(second.count), n = n1 + n2, g = Double(citizens)
        guard citizens >= 2, n > 2 else {
            return ShareDifference(difference: p2 - p1, standardError: nil, citizens: citizens, citizensInBoth: citizensInBoth)
        }
        let cross = second.crossResiduals(first, yx: u1u2, yk: m1u2, mx: u1m2, mk: m1m2)
        let sum = second.squaredResiduals / (n2 * n2) - 2 * cross / (n1 * n2) + first.squaredResiduals / (n1 * n1)
        let factor = g / (g - 1) * (n - 1) / (n - 2)
        return ShareDifference(difference: p2 - p1, standardError: (factor * max(0, sum)).squareRoot(), citizens: citizens, citizensInBoth: citizensInBoth)
    }
}

/// p2 − p1 with a Wald interval and z-test from a cluster-robust standard error.
public struct ShareDifference: Sendable, Hashable {
    public let difference: Double
    /// nil with fewer than two citizens or two pairs.
    public let standardError: Double?
    public let citizens: Int
    public let citizensInBoth: Int

    public init(difference: Double, standardError: Double?, citizens: Int, citizensInBoth: Int) {
        self.difference = difference
        self.standardError = standardError
        self.citizens = citizens
        self.citizensInBoth = citizensInBoth
    }

    /// (p2 − p1) ± z·SE; nil when SE is nil or 0.
    public var interval: (lower: Double, upper: Double)? {
        guard let standardError, standardError > 0 else { return nil }
        let half = standardNormalQuantile975 * standardError
        return (difference - half, difference + half)
    }

    /// z = (p2 − p1)/SE; nil when SE is nil or 0.
    public var z: Double? {
        guard let standardError, standardError > 0 else { return nil }
        return difference / standardError
    }

    /// Two-sided p = 2·(1 − Φ(|z|)).
    public var p: Double? { z.map { 2 * standardNormalSurvival(abs($0)) } }
}
