/// What one citizen contributes to a group's pairs: the citizen is the cluster
/// (STATISTICS.md "Citizens as clusters").
public struct CitizenPairs: Sendable, Hashable {
    /// m_g: the citizen's pairs in the group.
    public private(set) var pairs = 0
    /// u_g: those that improved (d > 0).
    public private(set) var improved = 0
    /// w_g: those that worsened (d < 0).
    public private(set) var worsened = 0
    /// Σ_j d_gj.
    public private(set) var changeSum = 0
    /// c_g: per level i, the pairs with baseline i minus those with follow-up i (lanes 0…4).
    public private(set) var balance = SIMD8<Int64>()

    public init() {}

    /// Counts one pair, levels 0…4.
    public mutating func add(baseline: Int, followUp: Int) {
        pairs += 1
        let change = baseline - followUp
        if change > 0 { improved += 1 } else if change < 0 { worsened += 1 }
        changeSum += change
        balance[baseline] += 1
        balance[followUp] -= 1
    }

    /// The citizen's mean change d̄_g; nil without pairs.
    public var meanChange: Double? {
        pairs > 0 ? Double(changeSum) / Double(pairs) : nil
    }
}

/// The statistics of a group over its citizens as clusters, as STATISTICS.md defines them:
/// a cluster-robust interval for the improved share with its design effect, Durkalski's
/// clustered sign test, Wilcoxon on the citizens' mean changes and a clustered
/// Stuart–Maxwell test. Every statistic is nil with fewer than two citizens.
public struct ClusteredPairStatistics: Sendable, Hashable {
    /// G: the citizens with at least one pair in the group.
    public let citizens: Int
    /// SE² / (p(1 − p)/N) when 0 < p < 1, else 1.
    public let designEffect: Double?
    /// n_eff = min(N, N / deff).
    public let effectiveSize: Double?
    /// The Wilson interval for the improved share at the effective size.
    public let improvedShareInterval: ProportionInterval?
    /// χ² = (Σ s_g)² / Σ s_g² with s_g = u_g − w_g, df 1.
    public let signTest: ChiSquareTest
    /// The Wilcoxon signed-rank test on the citizens' mean changes.
    public let wilcoxon: WilcoxonSignedRank?
    /// The rank-biserial correlation of the same.
    public let rankBiserial: Double?
    /// χ² = dᵀV⁺d with d = Σ c_g and V = Σ c_g c_gᵀ; df = rank V.
    public let stuartMaxwell: ChiSquareTest

    /// The statistics of the citizens' pairs (citizens with no pair are ignored).
    public init(_ clusters: some Collection<CitizenPairs>) {
        let clusters = clusters.filter { $0.pairs > 0 }
        citizens = clusters.count
        guard clusters.count >= 2 else {
            designEffect = nil
            effectiveSize = nil
            improvedShareInterval = nil
            signTest = .undefined
            wilcoxon = nil
            rankBiserial = nil
            stuartMaxwell = .undefined
            return
        }
        let g = Double(clusters.count)
        let pairs = clusters.reduce(0) { $0 + $1.pairs }, improved = clusters.reduce(0) { $0 + $1.improved }
        let n = Double(pairs), p = Double(improved) / n

        let squares = clusters.reduce(0.0) { sum, cluster in
            let residual = Double(cluster.improved) - p * Double(cluster.pairs)
            return sum + residual * residual
        }
        let variance = g / (g - 1) * squares / (n * n)
        let deff = p > 0 && p < 1 ? variance / (p * (1 - p) / n) : 1
        let effective = deff > 0 ? min(n, n / deff) : n
        designEffect = deff
        effectiveSize = effective
        improvedShareInterval = wilsonInterval(proportion: p, size: effective)

        let signs = clusters.map { Double($0.improved - $0.worsened) }
        let signSquares = signs.reduce(0) { $0 + $1 * $1 }
        let signSum = signs.reduce(0, +)
        signTest = signSquares > 0 ? ChiSquareTest(chi2: signSum * signSum / signSquares, degreesOfFreedom: 1) ?? .undefined : .undefined

        let test = WilcoxonSignedRank(clusters.compactMap(\.meanChange))
        wilcoxon = test
        rankBiserial = test.rankBiserial

        stuartMaxwell = .clusteredStuartMaxwell(clusters.map(\.balance))
    }
}

extension ChiSquareTest {
    /// The clustered Stuart–Maxwell test: d = Σ c_g, V = Σ c_g c_gᵀ over the citizens'
    /// balance vectors, χ² = dᵀV⁺d with the Moore–Penrose pseudo-inverse, df = rank V
    /// (eigenvalues above 1e-9 × the largest count as non-zero). Undefined when df = 0.
    static func clusteredStuartMaxwell(_ balances: [SIMD8<Int64>]) -> ChiSquareTest {
        let levels = TransitionMatrix.levelCount
        var difference = [Double](repeating: 0, count: levels)
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: levels), count: levels)
        for balance in balances {
            for i in 0..<levels {
                difference[i] += Double(balance[i])
                for j in 0..<levels { covariance[i][j] += Double(balance[i] * balance[j]) }
            }
        }
        let (values, vectors) = symmetricEigen(covariance)
        let largest = covariance.joined().map(abs).max() ?? 0
        var chi2 = 0.0
        var rank = 0
        for (index, value) in values.enumerated() where value > 1e-9 * largest {
            let projection = (0..<levels).reduce(0.0) { $0 + vectors[$1][index] * difference[$1] }
            chi2 += projection * projection / value
            rank += 1
        }
        return ChiSquareTest(chi2: max(0, chi2), degreesOfFreedom: rank) ?? .undefined
    }
}
