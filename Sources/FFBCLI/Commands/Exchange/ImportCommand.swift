import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBStore
import Foundation

/// `ffb import FILE...`: all files in one transaction, all or nothing, idempotent.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        "import",
        abstract: "Import native exchange documents and KL FHIR order messages, all files in one transaction.",
        discussion: """
        Any invalid file means nothing is written (exit 1), and every problem of every file is printed \
        as FILE:/json/pointer: message. A document imported before is skipped; the same document id with \
        other content is an error. A provider importing an order for an unknown CPR number registers the \
        citizen under a new pseudonym and opens the case.
        """,
        options: StoreOptions.writeOptions + [.flag("quiet", short: "q", help: "Do not print warnings.")],
        positionals: [PositionalSpec("FILE", help: "Exchange documents (JSON).", variadic: true)],
        examples: ["ffb import --db provider.sqlite order.json", "ffb import --db authority.sqlite follow-up-*.json"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard !arguments.positionals.isEmpty else { throw .usage(UsageError("give at least one FILE", command: arguments.commandPath)) }
        let started = Date()
        let checked = ExchangeFiles.check(arguments.positionals, context: context, validator: DocumentValidator())
        var diagnostics: [Diagnostic] = []
        var documents: [ExchangeDocument] = []
        var files: [String] = []
        for file in checked {
            switch file.result {
            case .success(let document):
                documents.append(document)
                files.append(file.path)
            case .failure(let error):
                diagnostics += ExchangeFiles.diagnostics(error.issues, file: file.path)
            }
        }
        guard diagnostics.isEmpty else { throw .invalidInput(diagnostics) }
        let store = try StoreOptions.open(arguments, context: context, create: true)
        defer { store.close() }
        let command = (["ffb"] + arguments.commandPath).joined(separator: " ")
        let summary: ImportSummary
        do {
            summary = try ExchangeImport.run(documents, into: store, user: StoreOptions.user(arguments, context: context), command: command)
        } catch {
            switch error {
            case .rejected(let problems):
                throw .invalidInput(problems.flatMap { ExchangeFiles.diagnostics($0.issues, file: files[$0.index]) })
            case .store(let message, let isUserError):
                throw isUserError ? .invalid(message) : .store(message)
            }
        }
        if !arguments.flag("quiet") {
            for (document, file) in zip(documents, files) {
                for line in ExchangeFiles.warningLines(document.warnings, file: file) { context.stderr.line(line) }
            }
        }
        let seconds = max(Date().timeIntervalSince(started), 1e-6)
        var parts = ["\(summary.documents) document\(summary.documents == 1 ? "" : "s") imported"]
        if summary.alreadyImported > 0 { parts.append("\(summary.alreadyImported) already imported (unchanged)") }
        context.stdout.line(parts.joined(separator: ", ") + ".")
        context.stdout.line("""
            Added \(summary.citizensCreated) citizens, \(summary.casesOpened) cases, \(summary.orders) orders, \(summary.goalVersions) goal versions, \
            \(summary.assessments) assessments, \(summary.followUps) follow-ups, \(summary.themeEntries) theme entries \
            in \(String(format: "%.2f", seconds)) s.
            """)
    }
}
