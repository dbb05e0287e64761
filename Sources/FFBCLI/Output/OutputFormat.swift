import FFBCommandLine

/// `--format table|json|csv`: tables for people, JSON and CSV for programs.
enum OutputFormat: String, CaseIterable {
    case table
    case json
    case csv

    static func option(default value: OutputFormat = .table, allowed: [OutputFormat] = OutputFormat.allCases) -> OptionSpec {
        OptionSpec("format", value: "FORMAT", help: "Output format.", allowed: allowed.map(\.rawValue), defaultDescription: value.rawValue)
    }

    static func from(_ arguments: ParsedArguments, default value: OutputFormat = .table) -> OutputFormat {
        arguments.value("format").flatMap(OutputFormat.init(rawValue:)) ?? value
    }
}
