import FFBCatalog
import FFBModel
import FFBParallel
import FFBProgression
import FFBReport
import FFBStore
import Foundation

/// Everything the HTML report shows, computed from an extract or from a store: the renderer
/// only draws what this assembles.
public struct ReportAssembly {
    public let catalog: Catalog
    public let settings: ProgressionSettings
    public let language: ReportLanguage
    public let generated: LocalDate

    public init(catalog: Catalog, settings: ProgressionSettings, language: ReportLanguage, generated: LocalDate) {
        self.catalog = catalog
        self.settings = settings
        self.language = language
        self.generated = generated
    }

    /// From an extract: progression only (an extract has no goals, support levels or tariffs),
    /// and one extra grouping by the extract's columns (read with `extra.extractColumns`).
    public func input(extract: Extract, named name: String, by extra: Grouping? = nil) -> ReportInput {
        let rule = settings.baseline, period = settings.period
        var input = ReportInput(
            catalog: catalog, source: "\(language == .da ? "Udtræk" : "Extract") \(name)", generated: generated.iso, settings: settings,
            overall: extract.statistics(by: .none, rule: rule, period: period), byArea: extract.statistics(by: .area, rule: rule, period: period),
            byTheme: extract.statistics(by: .theme, rule: rule, period: period), citizens: extract.citizenCount,
            goals: nil, support: nil, costByLevel: nil, language: language
        )
        input.dataPeriod = extract.dateRange
        input.trajectory = extract.trajectories(by: .none, windows: settings.trajectoryWindows, period: period)
        if let extra {
            input.extra = (Self.title(extra, language), extract.statistics(grouping: extra, rule: rule, period: period))
            input.comparison = (Self.comparisonTitle(extra, language), extract.caseMix(grouping: extra, rule: rule, period: period))
        }
        return input
    }

    /// From a store: progression, goals, support levels and cost, and one extra grouping.
    public func input(store: any CaseStore, named name: String, by extra: Grouping?, progress: WorkProgress = .none) throws -> ReportInput {
        let (data, extract) = try StoreProgressionLoader.loadWithExtract(store, progress: progress)
        let tariffs = try store.tariffs()
        let rule = settings.baseline, period = settings.period, windows = settings.trajectoryWindows
        // The sections read from the extract, and the goals, are worked out on another core while
        // the rest of those read from the courses are here: neither waits for the other.
        var support: GroupedPairStatistics?, costByLevel: [(level: String, ore: Int, days: Int, citizens: Int)] = []
        var extraStatistics: GroupedPairStatistics?, comparison: CaseMixComparison?
        let beside = WorkerPool.aside(meanwhile: {
            support = data.supportStatistics(by: .none, rule: rule, period: period)
            costByLevel = Self.costByLevel(data: data, tariffs: tariffs, settings: settings)
            if let extra {
                extraStatistics = data.statistics(grouping: extra, rule: rule, period: period)
                comparison = data.caseMix(grouping: extra, rule: rule, period: period)
            }
        }) {
            (overall: extract.statistics(by: .none, rule: rule, period: period), byArea: extract.statistics(by: .area, rule: rule, period: period),
             byTheme: extract.statistics(by: .theme, rule: rule, period: period), trajectory: extract.trajectories(by: .none, windows: windows, period: period),
             goals: data.goalStatistics(by: .goalType, period: period))
        }
        var input = ReportInput(
            catalog: catalog, source: "\(language == .da ? "Database" : "Store") \(name)",
            generated: generated.iso, settings: settings,
            overall: beside.overall, byArea: beside.byArea, byTheme: beside.byTheme, citizens: extract.citizenCount,
            goals: beside.goals, support: support, costByLevel: costByLevel, language: language
        )
        input.dataPeriod = extract.dateRange
        input.trajectory = beside.trajectory
        input.providerNames = data.providerNames
        if let extra, let extraStatistics, let comparison {
            input.extra = (Self.title(extra, language), extraStatistics)
            input.providerNames.merge(data.groupNames(extra)) { _, named in named }
            input.comparison = (Self.comparisonTitle(extra, language), comparison)
        }
        // Everyone's series and courses are freed while the report is made and written.
        LetGo.aside((consume data, consume extract))
        return input
    }

    /// The heading of the extra grouping's section, in the report's language.
    static func title(_ grouping: Grouping, _ language: ReportLanguage) -> String {
        let words = grouping.dimensions.map { dimension -> (String, String) in
            switch dimension {
            case .provider: ("udfører", "provider")
            case .municipality: ("kommune", "municipality")
            case .intervention: ("indsats", "intervention")
            case .targetGroup: ("målgruppe", "target group")
            case .goalType: ("måltype", "goal type")
            case .area: ("funktionsområde", "area")
            case .theme: ("tema", "theme")
            case .none: ("alle", "all")
            }
        }
        return language.pick("Forandring pr. \(words.map(\.0).joined(separator: " og "))", "Change by \(words.map(\.1).joined(separator: " and "))")
    }

    /// The heading of the fair comparison's section.
    static func comparisonTitle(_ grouping: Grouping, _ language: ReportLanguage) -> String {
        let names = grouping.dimensions.map { dimension in
            language == .da ? ["provider": "udførere", "municipality": "kommuner", "intervention": "indsatser", "target-group": "målgrupper", "goal-type": "måltyper"][dimension.rawValue] ?? dimension.rawValue
                : ["provider": "providers", "municipality": "municipalities", "intervention": "interventions", "target-group": "target groups", "goal-type": "goal types"][dimension.rawValue] ?? dimension.rawValue
        }
        return language.pick("\(names.joined(separator: " og ").capitalizedFirst) sammenlignet retfærdigt", "\(names.joined(separator: " and ").capitalizedFirst) compared fairly")
    }

    /// Cost over the period by support level: øre, days and citizens (the disclosure unit) per
    /// level A–E.
    public static func costByLevel(data: ProgressionData, tariffs: [Tariff], settings: ProgressionSettings) -> [(level: String, ore: Int, days: Int, citizens: Int)] {
        guard !tariffs.isEmpty, let (from, to) = data.costPeriod(from: settings.from, to: settings.to) else { return [] }
        var ore = [Int](repeating: 0, count: 5), days = [Int](repeating: 0, count: 5)
        var citizens = [Set<Pseudonym>](repeating: [], count: 5)
        for (course, cost) in data.costs(tariffs: tariffs, from: from, to: to) {
            for level in 0..<5 {
                ore[level] += cost.oreByLevel[level]
                days[level] += cost.daysByLevel[level]
                if cost.daysByLevel[level] > 0 { citizens[level].insert(course.order.citizen) }
            }
        }
        return SupportLevel.allCases.map { ($0.rawValue, ore[$0.ordinal], days[$0.ordinal], citizens[$0.ordinal].count) }
    }
}

extension String {
    /// The text with its first letter in upper case ("udførere" → "Udførere").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
