import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBProgression
import FFBReport
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb report`: one self-contained HTML report for analysts and managers.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        "report",
        abstract: "Write a self-contained HTML report (inline CSS and SVG, no scripts, prints well).",
        options: [
            StoreOptions.db,
            OptionSpec("input", value: "FILE", help: "An extract CSV instead of a store."),
            OptionSpec("by", value: "KEY", help: "An extra grouping besides area and theme (\(GroupDimension.allCases.map(\.rawValue).joined(separator: "|")), or two: municipality,provider), with its groups compared fairly in a funnel plot. With --input from the extract's column of that name."),
            AnalysisOptions.minimumGroupSize(help: "Suppress groups of fewer citizens than this (privacy)."),
            OptionSpec("out", value: "FILE", help: "Where to write the HTML.", required: true),
        ] + AnalysisOptions.options + [.quiet],
        examples: ["ffb report --db ffb.sqlite --out report.html", "ffb report --input extract.csv --lang en --out report.html", "ffb report --input extract.csv --by provider --out report.html"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        var settings = try AnalysisOptions.settings(arguments, context: context)
        try AnalysisOptions.applyMinimumGroupSize(arguments, to: &settings)
        let language = context.language
        let out = try arguments.requiredValue("out")
        let path = try OutputOptions.path(arguments, context: context)
        let input = try reportInput(arguments, settings: settings, language: language, context: context)
        let html = ReportRenderer().render(input)
        try OutputOptions.write(html, to: path, shown: out)
        context.stdout.line("Wrote \(out) (\(input.overall.tally.pairs) pairs, groups under \(settings.minimumGroupSize) suppressed).")
    }

    static func reportInput(_ arguments: ParsedArguments, settings: ProgressionSettings, language: ReportLanguage, context: CommandContext) throws(CLIError) -> ReportInput {
        let catalog = BuiltInCatalogs.standard
        let extra = try AnalysisOptions.grouping(arguments).flatMap { $0.single.map { [.theme, .area, .none].contains($0) } == true ? nil : $0 }
        let assembly = ReportAssembly(catalog: catalog, settings: settings, language: language, generated: LocalDate.today)
        if let path = arguments.value("input") {
            guard arguments.value("db") == nil else { throw .usage(UsageError("give either --db or --input, not both", command: arguments.commandPath)) }
            let extract = try AnalysisOptions.extract(path, catalog: catalog, context: context, grouping: extra)
            return assembly.input(extract: extract, named: URL(fileURLWithPath: path).lastPathComponent, by: extra)
        }
        let storeName = URL(fileURLWithPath: StoreOptions.path(arguments, context: context)).lastPathComponent
        return try context.withProgress(arguments, "report", unit: "theme entries") { progress throws(CLIError) in
            try StoreOptions.read(arguments, context: context) { store in
                try assembly.input(store: store, named: storeName, by: extra, progress: progress)
            }
        }
    }
}
