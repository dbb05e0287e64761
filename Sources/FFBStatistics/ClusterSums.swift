/// A ratio over clusters: each cluster g (a citizen) gives a total y_g over m_g observations,
/// and the estimate is r = Σ y_g / Σ m_g. Folded into exact integer sums (Σ y², Σ y·m, Σ m² in
/// 128 bits), so parts merge exactly and Σ (y_g − r·m_g)² has no cancellation.
///
/// With y_g the citizen's improved pairs it is the improved share of STATISTICS.md "Citizens as
/// clusters"; with y_g the sum of the citizen's levels it is a mean level.
public struct ClusterSums: Sendable, Hashable {
    /// G: clusters with at least one observation.
    public private(set) var clusters = 0
    /// N = Σ m_g.
    public private(set) var count = 0
    /// Y = Σ y_g.
    public private(set) var total = 0
    private var totalSquares: Int128 = 0
    private var totalTimesCount: Int128 = 0
    private var countSquares: Int128 = 0

    public init() {}

    /// Adds one cluster's total `y` over `m` observations (nothing when `m` is 0).
    @inline(__always)
    public mutating func add(total y: Int, count m: Int) {
        add(total: y, count: m, times: 1)
    }

    /// Adds `times` clusters alike.
    @inline(__always)
    public mutating func add(total y: Int, count m: Int, times k: Int) {
        guard m > 0, k > 0 else { return }
        clusters += k
        count += k * m
        total += k * y
        let y128 = Int128(y), m128 = Int128(m), k128 = Int128(k)
        totalSquares += k128 * y128 * y128
        totalTimesCount += k128 * y128 * m128
        countSquares += k128 * m128 * m128
    }

    public mutating func merge(_ other: ClusterSums) {
        clusters += other.clusters
        count += other.count
        total += other.total
        totalSquares += other.totalSquares
        totalTimesCount += other.totalTimesCount
        countSquares += other.countSquares
    }

    /// r = Y / N; nil without observations.
    public var ratio: Double? { count > 0 ? Double(total) / Double(count) : nil }

    /// Σ_g (y_g − r·m_g)², from exact integers: (N²Σy² − 2NYΣym + Y²Σm²) / N².
    public var squaredResiduals: Double {
        guard count > 0 else { return 0 }
        let n = Int128(count), y = Int128(total)
        return Double(n * n * totalSquares - 2 * n * y * totalTimesCount + y * y * countSquares) / (Double(count) * Double(count))
    }

    /// Σ_g (y_g − r·m_g)(x_g − s·k_g) of this ratio's and `other`'s residuals for the same
    /// clusters, given Σ y·x, Σ y·k, Σ m·x and Σ m·k (the cross sums of `PairedClusterSums`).
    func crossResiduals(_ other: ClusterSums, yx: Int128, yk: Int128, mx: Int128, mk: Int128) -> Double {
        guard count > 0, other.count > 0 else { return 0 }
        let n = Int128(count), y = Int128(total), k = Int128(other.count), x = Int128(other.total)
        let scaled = n * k * yx - n * x * yk - y * k * mx + y * x * mk
        return Double(scaled) / (Double(count) * Double(other.count))
    }

    /// The cluster-robust variance of r: SE² = G/(G−1) · Σ (y_g − r·m_g)² / N²; nil with fewer
    /// than two clusters.
    public var variance: Double? {
        guard clusters >= 2 else { return nil }
        let g = Double(clusters), n = Double(count)
        return g / (g - 1) * squaredResiduals / (n * n)
    }

    public var standardError: Double? { variance?.squareRoot() }

    /// r ± z·SE (a mean level's interval); nil with fewer than two clusters.
    public var meanInterval: (lower: Double, upper: Double)? {
        guard let ratio, let standardError else { return nil }
        let half = standardNormalQuantile975 * standardError
        return (ratio - half, ratio + half)
    }

    /// For a share (y_g ≤ m_g): the design effect SE² / (p(1−p)/N) (1 when p is 0 or 1), the
    /// effective size min(N, N/deff) and the Wilson interval at that size; nil with fewer than
    /// two clusters (STATISTICS.md "Share improved, cluster-robust").
    public var clusteredShare: (designEffect: Double, effectiveSize: Double, interval: ProportionInterval?)? {
        guard let ratio, let variance else { return nil }
        let n = Double(count), p = ratio
        let deff = p > 0 && p < 1 ? variance / (p * (1 - p) / n) : 1
        let effective = deff > 0 ? min(n, n / deff) : n
        return (deff, effective, wilsonInterval(proportion: p, size: effective))
    }
}
