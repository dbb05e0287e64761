import FFBCatalog
import FFBCommandLine
import FFBCSV
import FFBJSON
import FFBModel
import FFBProgression
import FFBStatistics
import FFBStore
import FFBWorkflows

/// `ffb stats`: progression statistics over a population (STATISTICS.md), from the store or an
/// extract file.
enum StatsCommand: Command {
    static let spec = CommandSpec(
        "stats",
        abstract: "Population statistics of progression: counts, shares, tests, transitions.",
        discussion: """
        Pairs each citizen's first and latest level of a theme (--baseline previous: every consecutive pair) and \
        reports per group: improved/unchanged/worsened, mean change, the share improved with a Wilson interval, the \
        sign test, Wilcoxon signed-rank, rank-biserial, the 5×5 transitions, Stuart–Maxwell and Bowker. \
        --goals judges goals by their type; --support does the same pair statistics on support levels A–E; \
        --cost prices support levels with the tariffs imported by 'ffb tariff import'. \
        --trajectory follows levels by time since baseline in windows; --compare puts two periods side by side. \
        --adjusted compares providers (or municipalities, …) fairly: each group's improved pairs against those its \
        citizens' themes and baseline levels predict (O/E, Docs/progression.md); --group ID --citizens opens one group. \
        The table hides groups of fewer than min_n citizens (and a sibling that would give one back); \
        json and csv are exact for analysts unless --min-n is given.
        """,
        options: [
            StoreOptions.db,
            OptionSpec("input", value: "FILE", help: "An extract CSV (citizen,theme,date,level) instead of a store."),
            OptionSpec("by", value: "KEY", help: "Group by \(GroupDimension.allCases.map(\.rawValue).joined(separator: "|")), or two of them (municipality,provider). With --input an order's key and the goal type come from the extract's column of that name (target_group, goal_type).", defaultDescription: "theme"),
            .flag("goals", help: "Goal status counts and achieved share per group."),
            .flag("support", help: "Pair statistics on support levels A–E."),
            .flag("cost", help: "Cost per citizen and group from the tariffs (needs --db)."),
            .flag("adjusted", help: "Compare groups fairly (e.g. --by provider): improved pairs observed against expected from each group's theme and baseline levels, O/E with a 95% interval over citizens, the funnel plot's limits, and cost per improved pair from the tariffs."),
            OptionSpec("group", value: "KEY", help: "With --citizens: the group to open, as the key column shows it (SOR-401, or 0751,SOR-401 for two keys)."),
            .flag("citizens", help: "With --by and --group (needs --db): that group's citizens (pseudonyms) and their pairs, for analysts; never in the report."),
        ] + insightOptions + [
            AnalysisOptions.minimumGroupSize(help: "Suppress groups of fewer citizens than this (privacy): always in the table, in json and csv when given."),
        ] + AnalysisOptions.options + [OutputFormat.option(), .quiet],
        examples: [
            "ffb stats --db ffb.sqlite --by area",
            "ffb stats --input extract.csv --by theme --format json",
            "ffb stats --db ffb.sqlite --goals --by goal-type",
            "ffb stats --db ffb.sqlite --cost --from 2025-01-01 --to 2025-12-31",
            "ffb stats --input extract.csv --trajectory --by area",
            "ffb stats --db ffb.sqlite --compare 2024-01-01..2024-12-31,2025-01-01..2025-12-31",
            "ffb stats --db ffb.sqlite --by provider --adjusted",
            "ffb stats --db ffb.sqlite --by municipality,provider --adjusted --format csv",
            "ffb stats --db ffb.sqlite --by provider --group SOR-401 --citizens",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        var settings = try AnalysisOptions.settings(arguments, context: context)
        let format = OutputFormat.from(arguments)
        // People's tables are always suppressed; exact JSON and CSV for analysts only on request.
        let explicit = try AnalysisOptions.applyMinimumGroupSize(arguments, to: &settings)
        let disclosure: DisclosureControl? = format == .table || explicit ? settings.disclosure : nil
        let modes = ["goals", "support", "cost", "adjusted", "citizens"].filter { arguments.flag($0) }
        guard modes.count <= 1 else { throw .usage(UsageError("choose one of --goals, --support, --cost, --adjusted, --citizens", command: arguments.commandPath)) }
        let catalog = BuiltInCatalogs.standard
        let grouping = try AnalysisOptions.grouping(arguments)
        if arguments.value("group") != nil, !arguments.flag("citizens") {
            throw .usage(UsageError("--group goes with --citizens", command: arguments.commandPath))
        }
        if try runInsight(arguments, settings: settings, format: format, disclosure: disclosure, modes: modes, context: context) { return }

        if let input = arguments.value("input") {
            guard arguments.value("db") == nil else { throw .usage(UsageError("give either --db or --input, not both", command: arguments.commandPath)) }
            guard modes.isEmpty || modes == ["adjusted"] else { throw .usage(UsageError("--\(modes[0]) needs the store (--db), not an extract", command: arguments.commandPath)) }
            let adjusted = arguments.flag("adjusted")
            let grouping = grouping ?? Grouping(settings.by ?? (adjusted ? .provider : .theme))
            if adjusted { try requireAcrossThemes(grouping, arguments) }
            let extract = try AnalysisOptions.extract(input, catalog: catalog, context: context, grouping: grouping)
            if adjusted {
                let result = extract.caseMix(grouping: grouping, rule: settings.baseline, period: settings.period)
                context.stdout.write(CaseMixOutput.render(result, costOre: nil, format: format, catalog: catalog, names: [:], language: context.language, disclosure: disclosure))
                return
            }
            let result = extract.statistics(grouping: grouping, rule: settings.baseline, period: settings.period)
            context.stdout.write(render(result, format: format, catalog: catalog, language: context.language, disclosure: disclosure,
                                        areas: areasBehind(result, extract, catalog: catalog, settings: settings, disclosure: disclosure)))
            return
        }

        if modes.isEmpty {
            let grouping = grouping ?? Grouping(settings.by ?? .theme)
            let result: GroupedPairStatistics
            var providers: [String: String] = [:], areas: GroupedPairStatistics?
            if let dimension = grouping.single, dimension.followsFromTheme {
                // Levels only: the store read into the extract's compact form, paired by the same code.
                let extract = try context.withProgress(arguments, "stats", unit: "theme entries") { progress throws(CLIError) in
                    try StoreOptions.read(arguments, context: context) { store in try StoreProgressionLoader.extract(store, progress: progress) }
                }
                result = extract.statistics(by: dimension, rule: settings.baseline, period: settings.period)
                areas = areasBehind(result, extract, catalog: catalog, settings: settings, disclosure: disclosure)
            } else {
                let data = try loadWithProgress(arguments, context: context)
                result = data.statistics(grouping: grouping, rule: settings.baseline, period: settings.period)
                providers = data.groupNames(grouping)
            }
            context.stdout.write(render(result, format: format, catalog: catalog, providers: providers, language: context.language, disclosure: disclosure, areas: areas))
            return
        }
        if modes == ["adjusted"] || modes == ["citizens"] {
            try compareFairly(arguments, grouping: grouping, settings: settings, format: format, disclosure: disclosure, context: context)
            return
        }
        if let grouping, grouping.single == nil {
            throw .usage(UsageError("--by with two keys goes with the plain statistics, --adjusted or --citizens", command: arguments.commandPath))
        }
        let data = try loadWithProgress(arguments, context: context)
        if arguments.flag("goals") {
            let dimension = try dimension(arguments, settings: settings, default: .goalType, allowed: GroupDimension.allCases)
            context.stdout.write(GoalStatsOutput.render(data.goalStatistics(by: dimension, period: settings.period), format: format, catalog: catalog, providers: data.providerNames,
                                                        language: context.language, disclosure: disclosure))
        } else if arguments.flag("support") {
            let dimension = try dimension(arguments, settings: settings, default: .none, allowed: [.none, .intervention, .provider, .targetGroup])
            let result = data.supportStatistics(by: dimension, rule: settings.baseline, period: settings.period)
            context.stdout.write(render(result, format: format, catalog: catalog, providers: data.providerNames, support: true, language: context.language, disclosure: disclosure))
        } else {
            let dimension = try dimension(arguments, settings: settings, default: .provider, allowed: [.none, .intervention, .provider, .targetGroup])
            let tariffs = try StoreOptions.read(arguments, context: context) { store in try store.tariffs() }
            try CostOutput.run(data: data, tariffs: tariffs, dimension: dimension, settings: settings, format: format, disclosure: disclosure, context: context)
        }
    }

    /// `--adjusted` and `--group … --citizens` from the store.
    static func compareFairly(_ arguments: ParsedArguments, grouping: Grouping?, settings: ProgressionSettings, format: OutputFormat,
                              disclosure: DisclosureControl?, context: CommandContext) throws(CLIError) {
        let grouping = grouping ?? Grouping(settings.by ?? .provider)
        let citizens = arguments.flag("citizens")
        if !citizens { try requireAcrossThemes(grouping, arguments) }
        var groupID: String?
        if citizens {
            guard arguments.value("by") != nil || settings.by != nil, grouping.single != GroupDimension.none else {
                throw .usage(UsageError("--citizens needs --by (e.g. --by provider) and --group", command: arguments.commandPath))
            }
            groupID = try arguments.requiredValue("group")
        }
        let data = try loadWithProgress(arguments, context: context)
        let result = data.caseMix(grouping: grouping, rule: settings.baseline, period: settings.period)
        let names = data.groupNames(grouping)
        if let groupID {
            guard let key = result.groups.map(\.key).first(where: { $0.valueText == groupID }) else {
                let known = result.groups.map(\.key.valueText)
                throw .invalid("--group \(groupID): no group by \(grouping) has that key" + (known.isEmpty ? "" : " (\(known.prefix(10).joined(separator: "; "))\(known.count > 10 ? "; …" : ""))"))
            }
            let pairs = data.pairs(of: key, grouping: grouping, rule: settings.baseline, period: settings.period)
            context.stdout.write(CaseMixOutput.citizens(pairs, key: key, rates: result, format: format, catalog: data.catalog, language: context.language))
            return
        }
        let tariffs = try StoreOptions.read(arguments, context: context) { store in try store.tariffs() }
        let cost = data.costByGroup(tariffs: tariffs, grouping: grouping, from: settings.from, to: settings.to)
        context.stdout.write(CaseMixOutput.render(result, costOre: cost, format: format, catalog: data.catalog, names: names, language: context.language, disclosure: disclosure))
    }

    /// `--adjusted` compares groups that cut across themes: the strata are themes, so a group
    /// made of whole themes expects exactly what it observes.
    static func requireAcrossThemes(_ grouping: Grouping, _ arguments: ParsedArguments) throws(CLIError) {
        guard grouping.dimensions.allSatisfy(\.followsFromTheme) else { return }
        throw .usage(UsageError("--adjusted compares groups across themes (provider, municipality, intervention, target-group, goal-type); by \(grouping) each group's expected equals its observed",
                                command: arguments.commandPath))
    }

    static func loadWithProgress(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> ProgressionData {
        try context.withProgress(arguments, "stats", unit: "theme entries") { progress throws(CLIError) in
            try StoreOptions.read(arguments, context: context) { store in try StoreProgressionLoader.load(store, progress: progress) }
        }
    }

    static func dimension(_ arguments: ParsedArguments, settings: ProgressionSettings, default value: GroupDimension, allowed: [GroupDimension]) throws(CLIError) -> GroupDimension {
        if let text = arguments.value("by"), GroupDimension(rawValue: text) == nil {
            throw .usage(UsageError("--by \(text) is not available here (use \(allowed.map(\.rawValue).joined(separator: ", ")))", command: arguments.commandPath))
        }
        let dimension = arguments.value("by").flatMap(GroupDimension.init(rawValue:)) ?? settings.by ?? value
        guard allowed.contains(dimension) else {
            throw .usage(UsageError("--by \(dimension.rawValue) is not available here (use \(allowed.map(\.rawValue).joined(separator: ", ")))", command: arguments.commandPath))
        }
        return dimension
    }

    /// The table by area that a table by theme adds up to, when groups are suppressed: what it
    /// hides, the theme table may not give back (`DisclosureControl.suppressed(groups:catalog:hiddenAreas:)`).
    /// Read only when an area may be hidden: an area with a theme of `min_n` citizens or more has
    /// at least as many, so when every area with pairs has one, the area table hides nothing.
    static func areasBehind(_ result: GroupedPairStatistics, _ extract: Extract, catalog: Catalog, settings: ProgressionSettings, disclosure: DisclosureControl?) -> GroupedPairStatistics? {
        guard let disclosure, result.groups.contains(where: { $0.key.dimension == .theme && $0.key.second == nil }) else { return nil }
        var largest: [KLCode: Int] = [:]
        for group in result.groups {
            guard let area = group.key.themeArea(catalog) else { continue }
            largest[area] = max(largest[area] ?? 0, result.clusteredStatistics(of: group.key).citizens)
        }
        guard largest.values.contains(where: { $0 > 0 && $0 < disclosure.minimum }) else { return nil }
        return extract.statistics(by: .area, rule: settings.baseline, period: settings.period)
    }

    static func render(_ result: GroupedPairStatistics, format: OutputFormat, catalog: Catalog, providers: [String: String] = [:], support: Bool = false, language: Language = .da,
                       disclosure control: DisclosureControl? = nil, areas: GroupedPairStatistics? = nil) -> String {
        let hiddenAreas = control.flatMap { control in areas?.hiddenAreas(control, catalog: catalog) } ?? []
        let disclosure = StatsDisclosure(control, groups: result.groups.map { (key: $0.key, citizens: result.clusteredStatistics(of: $0.key).citizens) },
                                         catalog: catalog, hiddenAreas: hiddenAreas)
        switch format {
        case .json: return JSONWriter.fileText(StatsOutput.json(result, disclosure: disclosure))
        case .csv: return StatsOutput.csv(result, catalog: catalog, providers: providers, disclosure: disclosure)
        case .table: return StatsOutput.table(result, catalog: catalog, providers: providers, support: support, language: language, disclosure: disclosure)
        }
    }
}

/// `ffb stats --goals` output.
enum GoalStatsOutput {
    static func render(_ groups: [(key: GroupKey, counts: GoalStatusCounts)], format: OutputFormat, catalog: Catalog, providers: [String: String] = [:], language lang: Language = .da,
                       disclosure control: DisclosureControl? = nil) -> String {
        let disclosure = StatsDisclosure(control, groups: groups.map { (key: $0.key, citizens: $0.counts.disclosedCitizens) })
        switch format {
        case .json:
            let shown = groups.filter { disclosure.hidden[$0.key] == nil }
            return JSONWriter.fileText(.object(JSONObject([("groups", .array(shown.map { .object(record($0.key, $0.counts)) }))] + disclosure.jsonMembers())))
        case .csv:
            let writer = CSVWriter()
            let header = ["dimension", "key", "key_name", "goals", "evaluated"] + GoalStatus.allCases.map(\.rawValue)
                + ["achieved_share", "achieved_share_ci_low", "achieved_share_ci_high", "success_share", "success_share_ci_low", "success_share_ci_high", "citizens"]
            var text = writer.line(header)
            for (key, counts) in groups {
                let leading = [key.dimension.rawValue, key.value, key.dimension == .none ? "" : StatsOutput.label(key, catalog: catalog, providers: providers)]
                if let row = disclosure.row(key, leading: leading, columns: header.count, citizensColumn: header.count - 1) {
                    text += writer.line(row)
                    continue
                }
                let interval = counts.achievedShareInterval, success = counts.successShareInterval
                let share = counts.achievedShare.map { String($0) } ?? ""
                text += writer.line(leading + [String(counts.total), String(counts.evaluated)]
                    + GoalStatus.allCases.map { String(counts.count($0)) }
                    + [share, interval.map { String($0.lower) } ?? "", interval.map { String($0.upper) } ?? ""]
                    + [counts.successShare.map { String($0) } ?? "", success.map { String($0.lower) } ?? "", success.map { String($0.upper) } ?? ""]
                    + [String(counts.citizens)])
            }
            return text
        case .table:
            let titles = lang == .da
                ? ["GRUPPE", "BORGERE", "MÅL", "OPNÅET", "FASTHOLDER", "BEDRE", "UÆNDRET", "VÆRRE", "IKKE VURDERBAR", "LYKKES [95% CI]", "HERAF OPNÅET"]
                : ["GROUP", "CITIZENS", "GOALS", "ACHIEVED", "SUSTAINING", "IMPROVING", "NO CHANGE", "WORSENING", "NOT EVALUABLE", "SUCCEEDING [95% CI]", "OF WHICH ACHIEVED"]
            var table = TextTable(titles.enumerated().map { index, title in
                index == 0 ? .init(title: title, maxWidth: 40) : .init(title: title, alignment: index < 9 ? .right : .left)
            })
            for (key, counts) in groups {
                if let row = disclosure.row(key, leading: [StatsOutput.label(key, catalog: catalog, providers: providers, withIdentifier: true)], columns: titles.count, citizensColumn: 1) {
                    table.append(row)
                    continue
                }
                let interval = counts.successShareInterval
                let share = counts.successShare.map { StatsOutput.percent($0, lang) + (interval.map { " [\(StatsOutput.percent($0.lower, lang))–\(StatsOutput.percent($0.upper, lang))]" } ?? "") } ?? "–"
                table.append([StatsOutput.label(key, catalog: catalog, providers: providers, withIdentifier: true), String(counts.citizens), String(counts.total), String(counts.count(.achieved)), String(counts.count(.sustaining)),
                              String(counts.count(.improving)), String(counts.count(.noChange)), String(counts.count(.worsening)), String(counts.count(.notEvaluable)),
                              share, counts.achievedShare.map { StatsOutput.percent($0, lang) } ?? "–"])
            }
            return table.render() + lang.pick(
                "\nLykkes = opnået, eller fastholder (et fastholde-mål, der holder niveauet, mens det løber, gør hvad det skal), "
                    + "blandt vurderede mål; opnået alene i sidste kolonne. "
                    + "Et begrænse tab-mål er opnået, når niveauet holdt sig inden for det forventede tab (opfølgning ≤ forventet niveau), "
                    + "ellers er det en forværring: det kan ikke blive \"bedre\".\n",
                "\nSucceeding = achieved, or sustaining (a maintain goal that holds its level while it runs is doing what it asks), "
                    + "among evaluated goals; achieved alone in the last column. "
                    + "A limit-loss goal is achieved when the level stayed within the expected loss (follow-up ≤ expected level), "
                    + "else it is worsening: it cannot be \"improving\".\n") + disclosure.note(lang)
        }
    }

    static func record(_ key: GroupKey, _ counts: GoalStatusCounts) -> JSONObject {
        return JSONObject([
            ("key", .object(StatsOutput.key(key))),
            ("goals", StatsOutput.number(counts.total)),
            ("citizens", StatsOutput.number(counts.citizens)),
            ("evaluated", StatsOutput.number(counts.evaluated)),
            ("statuses", .object(JSONObject(GoalStatus.allCases.map { ($0.rawValue, StatsOutput.number(counts.count($0))) }))),
            ("achieved_share", StatsOutput.number(counts.achievedShare)),
            ("achieved_share_ci", StatsOutput.interval(counts.achievedShareInterval)),
            ("success_share", StatsOutput.number(counts.successShare)),
            ("success_share_ci", StatsOutput.interval(counts.successShareInterval)),
        ])
    }
}
