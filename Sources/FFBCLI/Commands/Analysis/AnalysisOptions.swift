import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBProgression
import FFBText
import Foundation

/// Baseline rule, period and settings file, shared by `stats`, `progress` and `report`.
enum AnalysisOptions {
    static let options: [OptionSpec] = [
        OptionSpec("baseline", value: "RULE", help: "Which assessments are compared: the first against the latest, or each against the previous.", allowed: BaselineRule.allCases.map(\.rawValue), defaultDescription: "first"),
        OptionSpec("from", value: "DATE", help: "Only assessments on or after this date."),
        OptionSpec("to", value: "DATE", help: "Only assessments on or before this date."),
        OptionSpec("settings", value: "FILE", help: "A settings file (key = value; see Docs/progression.md).", defaultDescription: "$FFB_SETTINGS"),
    ]

    /// The settings file (if any) with command-line flags on top.
    static func settings(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> ProgressionSettings {
        var settings = try settingsFile(arguments, context: context)
        if let rule = arguments.value("baseline").flatMap(BaselineRule.init(rawValue:)) { settings.baseline = rule }
        var problems = ProblemList()
        let from = try problems.check { () throws(CLIError) in try arguments.date("from") }
        let to = try problems.check { () throws(CLIError) in try arguments.date("to") }
        try problems.finish()
        if let from = from ?? nil { settings.from = from }
        if let to = to ?? nil { settings.to = to }
        if let from = settings.from, let to = settings.to, to < from {
            throw .invalid("--to \(to) is before --from \(from)")
        }
        return settings
    }

    /// `--min-n N`: the disclosure threshold (`min_n`, STATISTICS.md) for this run.
    static func minimumGroupSize(help: String) -> OptionSpec {
        OptionSpec("min-n", value: "N", help: help, defaultDescription: "min_n in the settings, else 5")
    }

    /// Puts `--min-n` into `settings`; true when it was given (then files for programs are
    /// suppressed too).
    @discardableResult
    static func applyMinimumGroupSize(_ arguments: ParsedArguments, to settings: inout ProgressionSettings) throws(CLIError) -> Bool {
        guard let text = arguments.value("min-n") else { return false }
        guard let minimum = Int(text), minimum >= 1 else { throw .invalid("--min-n must be a whole number of at least 1") }
        settings.minimumGroupSize = minimum
        return true
    }

    /// `--by` as one key or two; nil when not given. An unknown key is refused with the nearest.
    static func grouping(_ arguments: ParsedArguments) throws(CLIError) -> Grouping? {
        guard let text = arguments.value("by") else { return nil }
        if let grouping = Grouping(text) { return grouping }
        let allowed = GroupDimension.allCases.map(\.rawValue)
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let unknown = parts.first(where: { GroupDimension(rawValue: $0) == nil }) {
            let message = "--by: \"\(unknown)\" is not one of \(allowed.joined(separator: ", "))"
            throw .usage(UsageError(DidYouMean.message(message, suggesting: ClosestMatches().among(allowed, for: unknown)), command: arguments.commandPath))
        }
        throw .usage(UsageError("--by takes one key or two different ones, none alone (e.g. municipality,provider)", command: arguments.commandPath))
    }

    /// The settings file `--settings` or `$FFB_SETTINGS` names, or the defaults.
    static func settingsFile(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> ProgressionSettings {
        guard let path = arguments.value("settings") ?? context.environment["FFB_SETTINGS"] else { return ProgressionSettings() }
        do {
            return try ProgressionSettings.load(path: context.url(for: path).path)
        } catch {
            throw .invalidInput(error.diagnostics(file: path))
        }
    }

    /// The extract CSV `--input` names (`stats`, `report`), with the columns `grouping` reads (an
    /// order's keys, the goal type).
    static func extract(_ path: String, catalog: Catalog, context: CommandContext, grouping: Grouping? = nil) throws(CLIError) -> Extract {
        do {
            var reader = ExtractReader(catalog: catalog)
            reader.groupColumns = grouping?.extractColumns ?? []
            return try reader.read(contentsOf: context.url(for: path))
        } catch {
            throw .invalid(error.message, file: path, location: error.line > 0 ? String(error.line) : nil)
        }
    }
}
