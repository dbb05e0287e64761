/// The result of a chi-square test on a transition matrix: statistic, degrees of
/// freedom and p-value, all `nil` when the test is undefined (zero degrees of freedom).
public struct ChiSquareTest: Sendable, Hashable {
    /// The test statistic χ².
    public let chi2: Double?
    /// The degrees of freedom of the reference chi-square distribution.
    public let degreesOfFreedom: Int?
    /// P(χ²_df ≥ chi2).
    public let p: Double?

    /// The test that has no degrees of freedom, reported as nulls.
    public static let undefined = ChiSquareTest(statistic: nil, degreesOfFreedom: nil, p: nil)

    /// A defined test, with the p-value from the chi-square survival function at
    /// `chi2`; `nil` unless `degreesOfFreedom > 0` and `chi2` is finite and ≥ 0.
    public init?(chi2: Double, degreesOfFreedom: Int) {
        guard degreesOfFreedom > 0, chi2 >= 0, chi2.isFinite else { return nil }
        self.init(
            statistic: chi2, degreesOfFreedom: degreesOfFreedom,
            p: chiSquareSurvival(chi2, degreesOfFreedom: Double(degreesOfFreedom)))
    }

    private init(statistic: Double?, degreesOfFreedom: Int?, p: Double?) {
        self.chi2 = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
    }
}
