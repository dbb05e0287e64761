import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBProgression
import FFBStatistics
import FFBWorkflows

/// `ffb stats --trajectory` and `ffb stats --compare` (Docs/progression.md, "Trajectories" and
/// "Period against period"): from an extract or a store, by any dimension the source has.
extension StatsCommand {
    static let insightOptions: [OptionSpec] = [
        .flag("trajectory", help: "Levels, mean level and share improved by time since baseline, in windows of --window months."),
        OptionSpec("window", value: "MONTHS", help: "The width of a trajectory window in months (1–\(TrajectoryWindows.maxMonths)).",
                   defaultDescription: "trajectory_months in the settings, else \(TrajectoryWindows.defaultMonths)"),
        OptionSpec("compare", value: "FROM..TO,FROM..TO", help: "Two periods side by side, with the difference in the share improved (cluster-robust)."),
    ]

    /// Runs `--trajectory` or `--compare` when one is asked for; false otherwise.
    static func runInsight(_ arguments: ParsedArguments, settings: ProgressionSettings, format: OutputFormat, disclosure: DisclosureControl?, modes: [String],
                           context: CommandContext) throws(CLIError) -> Bool {
        let trajectory = arguments.flag("trajectory"), compare = arguments.value("compare")
        guard trajectory || compare != nil else {
            if arguments.value("window") != nil { throw .usage(UsageError("--window goes with --trajectory", command: arguments.commandPath)) }
            return false
        }
        let usage = { (message: String) -> CLIError in .usage(UsageError(message, command: arguments.commandPath)) }
        if trajectory, compare != nil { throw usage("choose one of --trajectory, --compare") }
        if let mode = modes.first { throw usage("--\(mode) does not go with --\(trajectory ? "trajectory" : "compare")") }
        let catalog = BuiltInCatalogs.standard
        let input = arguments.value("input")
        if input != nil, arguments.value("db") != nil { throw usage("give either --db or --input, not both") }
        let grouping = try AnalysisOptions.grouping(arguments) ?? Grouping(settings.by ?? .theme)

        if trajectory {
            if arguments.value("baseline") == BaselineRule.previous.rawValue {
                throw usage("--trajectory measures every level against the baseline (the first in the period); --baseline previous does not apply")
            }
            var windows = settings.trajectoryWindows
            if let text = arguments.value("window") {
                guard let chosen = Int(text).flatMap(TrajectoryWindows.init(months:)) else {
                    throw .invalid("--window must be a whole number of months from 1 to \(TrajectoryWindows.maxMonths), not \(text.debugDescription)")
                }
                windows = chosen
            }
            let (result, providers) = try source(arguments, input: input, grouping: grouping, catalog: catalog, context: context,
                                                 extract: { $0.trajectories(grouping: grouping, windows: windows, period: settings.period) },
                                                 data: { $0.trajectories(grouping: grouping, windows: windows, period: settings.period) })
            context.stdout.write(TrajectoryOutput.render(result, format: format, catalog: catalog, providers: providers, language: context.language, disclosure: disclosure))
            return true
        }

        if arguments.value("window") != nil { throw usage("--window goes with --trajectory") }
        if arguments.value("from") != nil || arguments.value("to") != nil { throw usage("--compare gives its own periods; leave out --from and --to") }
        let periods: ComparedPeriods
        do {
            periods = try ComparedPeriods(parsing: compare ?? "")
        } catch {
            throw .invalid(error.message)
        }
        let rule = settings.baseline
        let (result, providers) = try source(arguments, input: input, grouping: grouping, catalog: catalog, context: context,
                                             extract: { $0.comparison(grouping: grouping, rule: rule, periods: periods) },
                                             data: { $0.comparison(grouping: grouping, rule: rule, periods: periods) })
        context.stdout.write(CompareOutput.render(result, format: format, catalog: catalog, providers: providers, language: context.language, disclosure: disclosure))
        return true
    }

    /// Reads the extract (`--input`, with the columns the grouping needs), or the store: as an
    /// extract for levels-only dimensions, as progression data (courses) for the others; returns
    /// the result and the providers' names.
    private static func source<Result>(_ arguments: ParsedArguments, input: String?, grouping: Grouping, catalog: Catalog, context: CommandContext,
                                       extract fromExtract: (Extract) -> Result, data fromData: (ProgressionData) -> Result) throws(CLIError) -> (Result, [String: String]) {
        if let input { return (fromExtract(try AnalysisOptions.extract(input, catalog: catalog, context: context, grouping: grouping)), [:]) }
        if grouping.dimensions.allSatisfy(\.followsFromTheme) {
            let extract = try context.withProgress(arguments, "stats", unit: "theme entries") { progress throws(CLIError) in
                try StoreOptions.read(arguments, context: context) { store in try StoreProgressionLoader.extract(store, progress: progress) }
            }
            return (fromExtract(extract), [:])
        }
        let data = try loadWithProgress(arguments, context: context)
        return (fromData(data), data.providerNames)
    }
}
