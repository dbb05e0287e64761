import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBWorkflows
import Foundation

/// `ffb validate FILE...`: checks exchange documents without writing anything.
enum ValidateCommand: Command {
    static let spec = CommandSpec(
        "validate",
        abstract: "Check native exchange documents, KL FHIR order messages and DeliveryReports; nothing is written.",
        discussion: """
        Every problem is printed as FILE:/json/pointer: message. Elements that are read but not kept \
        (FHIR elements FFBKit has no place for, members a newer writer added) are printed as warnings \
        and do not make a document invalid. Exit 0 when every file is valid, 1 otherwise.
        """,
        options: [.flag("quiet", short: "q", help: "Do not print warnings.")],
        positionals: [PositionalSpec("FILE", help: "Exchange documents (JSON); a directory means every .json file in it.", variadic: true)],
        examples: ["ffb validate order.json follow-up.json", "ffb validate kl-order-message.json"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard !arguments.positionals.isEmpty else { throw .usage(UsageError("give at least one FILE", command: arguments.commandPath)) }
        let checked = ExchangeFiles.check(arguments.positionals, base: context.currentDirectory)
        var diagnostics: [Diagnostic] = []
        for file in checked {
            switch file.result {
            case .success(let document):
                if !arguments.flag("quiet") {
                    for line in ExchangeDiagnostics.warningLines(document.warnings, file: file.path) { context.stderr.line(line) }
                }
                context.stdout.line("\(file.path): valid \(document.header.kind.rawValue) document \(document.header.id)")
            case .failure(let error):
                diagnostics += ExchangeDiagnostics.errors(error.issues, file: file.path)
            }
        }
        guard diagnostics.isEmpty else { throw .invalidInput(diagnostics) }
    }
}
