import FFBCatalog
import FFBModel
import FFBProgression

/// Everything a report shows, computed before rendering so the report only draws numbers.
public struct ReportInput: Sendable {
    public var catalog: Catalog
    public var source: String
    public var generated: String
    public var settings: ProgressionSettings
    public var overall: GroupedPairStatistics
    public var byArea: GroupedPairStatistics
    public var byTheme: GroupedPairStatistics
    public var citizens: Int
    /// nil when the data come from an extract (no goals, support levels or cost there).
    public var goals: [(key: GroupKey, counts: GoalStatusCounts)]?
    public var support: GroupedPairStatistics?
    /// Cost per support level in the period (øre and days); empty when the store has no tariffs.
    public var costByLevel: [(level: String, ore: Int, days: Int, citizens: Int)]?
    public var language: ReportLanguage
    /// An extra grouping asked for with `--by` (provider, intervention, ...), with its title.
    public var extra: (title: String, statistics: GroupedPairStatistics)?
    /// The first and last date in the data, shown when the settings give no period of their own.
    public var dataPeriod: ClosedRange<LocalDate>?
    /// Levels over time since baseline, all citizens (`--by none`); nil leaves the section out.
    public var trajectory: GroupedTrajectories?
    /// Providers' and municipalities' names by identifier or code (`--by provider`, `--by municipality`), so a reader sees a name beside "SOR-401".
    public var providerNames: [String: String] = [:]
    /// The extra grouping's groups compared fairly (case-mix adjusted O/E), drawn as a funnel plot.
    public var comparison: (title: String, result: CaseMixComparison)?

    public init(catalog: Catalog, source: String, generated: String, settings: ProgressionSettings, overall: GroupedPairStatistics,
                byArea: GroupedPairStatistics, byTheme: GroupedPairStatistics, citizens: Int,
                goals: [(key: GroupKey, counts: GoalStatusCounts)]?, support: GroupedPairStatistics?,
                costByLevel: [(level: String, ore: Int, days: Int, citizens: Int)]?, language: ReportLanguage) {
        self.catalog = catalog
        self.source = source
        self.generated = generated
        self.settings = settings
        self.overall = overall
        self.byArea = byArea
        self.byTheme = byTheme
        self.citizens = citizens
        self.goals = goals
        self.support = support
        self.costByLevel = costByLevel
        self.language = language
    }
}
