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
        // Whole-vector adds of unit vectors: no store into a lane chosen at run time.
        balance &+= Self.unit[baseline] &- Self.unit[followUp]
    }

    private static let unit: [SIMD8<Int64>] = (0..<5).map { level in
        var vector = SIMD8<Int64>()
        vector[level] = 1
        return vector
    }

    /// Adds another part of the same citizen's pairs.
    public mutating func merge(_ other: CitizenPairs) {
        pairs += other.pairs
        improved += other.improved
        worsened += other.worsened
        changeSum += other.changeSum
        balance &+= other.balance
    }

    /// The citizen's mean change d̄_g; nil without pairs.
    public var meanChange: Double? {
        pairs > 0 ? Double(changeSum) / Double(pairs) : nil
    }
}

/// A group's citizens folded into exact sums, as much as the clustered statistics need:
/// summaries of parts of a group merge exactly, so work can be split across threads, and a
/// group of millions of citizens costs a few hundred bytes.
public struct ClusterSummary: Sendable, Hashable {
    /// The improved share over the citizens (y_g = u_g), whose sums make Σ (u_g − p·m_g)² exact.
    public private(set) var share = ClusterSums()
    /// G.
    public var citizens: Int { share.clusters }
    /// N = Σ m_g.
    public var pairs: Int { share.count }
    /// Σ u_g.
    public var improved: Int { share.total }
    // Σ s_g and Σ s_g², s_g = u_g − w_g.
    private var signSum = 0
    private var signSquares = 0
    // d = Σ c_g and V = Σ c_g c_gᵀ (row-major, 5×5).
    private var difference = SIMD8<Int64>()
    private var covariance = [Int64](repeating: 0, count: 25)
    // How many citizens have each mean change.
    private var means = MeanCounts()

    public init() {}

    /// Adds one citizen (nothing when the citizen has no pair).
    public mutating func add(_ citizen: CitizenPairs) {
        add(citizen, count: 1)
    }

    /// Adds `count` citizens whose pairs are alike.
    public mutating func add(_ citizen: CitizenPairs, count: Int) {
        guard citizen.pairs > 0, count > 0 else { return }
        share.add(total: citizen.improved, count: citizen.pairs, times: count)
        let sign = citizen.improved - citizen.worsened
        signSum += count * sign
        signSquares += count * sign * sign
        difference &+= Int64(count) &* citizen.balance
        // Most citizens have a pair or two in a group: only their non-zero levels meet in V.
        let balance = citizen.balance
        for i in 0..<5 where balance[i] != 0 {
            for j in 0..<5 where balance[j] != 0 { covariance[i * 5 + j] += Int64(count) * balance[i] * balance[j] }
        }
        means.add(changeSum: citizen.changeSum, pairs: citizen.pairs, count: count)
    }

    /// A group in which every citizen has exactly one pair (a theme, first against latest): its
    /// clusters follow from the pairs' transitions alone, one kind of citizen per cell.
    public init(singlePairs transitions: TransitionMatrix) {
        for baseline in 0..<5 {
            for followUp in 0..<5 where transitions[baseline, followUp] > 0 {
                var citizen = CitizenPairs()
                citizen.add(baseline: baseline, followUp: followUp)
                add(citizen, count: transitions[baseline, followUp])
            }
        }
    }

    public mutating func merge(_ other: ClusterSummary) {
        share.merge(other.share)
        signSum += other.signSum
        signSquares += other.signSquares
        difference &+= other.difference
        for index in covariance.indices { covariance[index] += other.covariance[index] }
        means.merge(other.means)
    }

    /// Σ_g (u_g − p·m_g)² with p = U/N.
    var squaredResiduals: Double { share.squaredResiduals }

    /// The sign test's sums, d and V of the clustered Stuart–Maxwell test.
    var signs: (sum: Int, squares: Int) { (signSum, signSquares) }
    var balance: (difference: [Double], covariance: [[Double]]) {
        ((0..<5).map { Double(difference[$0]) }, (0..<5).map { i in (0..<5).map { Double(covariance[i * 5 + $0]) } })
    }

    /// The non-zero citizen means as Wilcoxon's tie groups, smallest magnitude first.
    var meanTieGroups: [(positive: Int, negative: Int)] {
        var groups: [(magnitude: MeanChange, positive: Int, negative: Int)] = []
        for (mean, count) in means.reduced.filter({ $0.key.numerator != 0 }).sorted(by: { $0.key.magnitudeIsBelow($1.key) || ($0.key.magnitudeEquals($1.key) && $0.key.numerator < $1.key.numerator) }) {
            if groups.last.map({ !$0.magnitude.magnitudeEquals(mean) }) ?? true { groups.append((mean, 0, 0)) }
            if mean.numerator > 0 { groups[groups.count - 1].positive += count } else { groups[groups.count - 1].negative += count }
        }
        return groups.map { ($0.positive, $0.negative) }
    }
}

/// How many citizens have each mean change Σd / m, counted by (Σd, m) as they come (a table for
/// the small m nearly every citizen has, a dictionary beyond) and reduced to fractions when read.
struct MeanCounts: Sendable, Hashable {
    /// Counts for m = 1 … 16: m's row starts at `rowStart(m)` and holds Σd = −4m … 4m.
    private var small = [Int](repeating: 0, count: rowStart(17))
    private var large: [Int64: Int] = [:]

    private static func rowStart(_ pairs: Int) -> Int {
        // Σ over m' < m of (8m' + 1).
        4 * pairs * (pairs - 1) + pairs - 1
    }

    mutating func add(changeSum: Int, pairs: Int, count: Int = 1) {
        if pairs <= 16, abs(changeSum) <= 4 * pairs {
            small[Self.rowStart(pairs) + changeSum + 4 * pairs] += count
        } else {
            large[Int64(changeSum) << 32 | Int64(pairs), default: 0] += count
        }
    }

    mutating func merge(_ other: MeanCounts) {
        for index in small.indices { small[index] += other.small[index] }
        for (key, count) in other.large { large[key, default: 0] += count }
    }

    /// The counts by reduced fraction.
    var reduced: [MeanChange: Int] {
        var result: [MeanChange: Int] = [:]
        for pairs in 1...16 {
            for changeSum in (-4 * pairs)...(4 * pairs) {
                let count = small[Self.rowStart(pairs) + changeSum + 4 * pairs]
                if count > 0 { result[MeanChange(changeSum, pairs), default: 0] += count }
            }
        }
        for (key, count) in large { result[MeanChange(Int(key >> 32), Int(key & 0xFFFF_FFFF)), default: 0] += count }
        return result
    }
}

/// A citizen's mean change Σd / m as a reduced fraction (denominator > 0), so equal means are
/// equal keys and ties are exact.
struct MeanChange: Hashable, Sendable {
    let numerator: Int
    let denominator: Int

    init(_ numerator: Int, _ denominator: Int) {
        var a = abs(numerator), b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = max(1, a)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    func magnitudeIsBelow(_ other: MeanChange) -> Bool {
        abs(numerator) * other.denominator < abs(other.numerator) * denominator
    }

    func magnitudeEquals(_ other: MeanChange) -> Bool {
        abs(numerator) * other.denominator == abs(other.numerator) * denominator
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
        var summary = ClusterSummary()
        for cluster in clusters { summary.add(cluster) }
        self.init(summary)
    }

    /// The statistics of a group's citizens folded into `summary`.
    public init(_ summary: ClusterSummary) {
        citizens = summary.citizens
        guard summary.citizens >= 2 else {
            designEffect = nil
            effectiveSize = nil
            improvedShareInterval = nil
            signTest = .undefined
            wilcoxon = nil
            rankBiserial = nil
            stuartMaxwell = .undefined
            return
        }
        let share = summary.share.clusteredShare
        designEffect = share?.designEffect
        effectiveSize = share?.effectiveSize
        improvedShareInterval = share?.interval

        let (signSum, signSquares) = summary.signs
        signTest = signSquares > 0
            ? ChiSquareTest(chi2: Double(signSum) * Double(signSum) / Double(signSquares), degreesOfFreedom: 1) ?? .undefined
            : .undefined

        let test = WilcoxonSignedRank(tieGroups: summary.meanTieGroups)
        wilcoxon = test
        rankBiserial = test.rankBiserial

        let (difference, covariance) = summary.balance
        stuartMaxwell = .clusteredStuartMaxwell(difference: difference, covariance: covariance)
    }
}

extension ChiSquareTest {
    /// The clustered Stuart–Maxwell test: d = Σ c_g, V = Σ c_g c_gᵀ over the citizens'
    /// balance vectors, χ² = dᵀV⁺d with the Moore–Penrose pseudo-inverse, df = rank V
    /// (eigenvalues above 1e-9 × the largest entry of V as non-zero). Undefined when df = 0.
    static func clusteredStuartMaxwell(difference: [Double], covariance: [[Double]]) -> ChiSquareTest {
        let levels = difference.count
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
