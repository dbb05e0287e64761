import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb import FILE...`: all files in one transaction, all or nothing, idempotent.
enum ImportCommand: Command {
    static let spec = CommandSpec(
        "import",
        abstract: "Import native exchange documents, KL FHIR order messages and DeliveryReports, all files in one transaction.",
        discussion: """
        Any invalid file means nothing is written (exit 1), and every problem of every file is printed \
        as FILE:/json/pointer: message. A document imported before is skipped; the same document id with \
        other content is an error. A provider importing an order for an unknown CPR number registers the \
        citizen under a new pseudonym and opens the case. A CPR number the store knows under another name, or \
        from a municipality none of that citizen's cases is in, is attached to that citizen with a warning \
        (kept in the audit trail), or refused with --strict. KL DeliveryReports (reporting IG 1.0.0) are applied         after everything else, oldest timestamp first; reports about one CPR number from any sender land on one         citizen, and a resource re-sent under its id with other content is a later version (never an overwrite).         What a report does not carry (names, the provider, who assessed) is recorded as "ikke indberettet".
        """,
        options: StoreOptions.writeOptions + [
            .flag("quiet", short: "q", help: "Print no warnings, and no progress line while the documents are applied."),
            .flag("strict", help: "Refuse, instead of warning about, a CPR number the store knows under another name or municipality."),
        ],
        positionals: [PositionalSpec("FILE", help: "Exchange documents (JSON); a directory means every .json file in it.", variadic: true)],
        examples: ["ffb import --db provider.sqlite order.json", "ffb import --db authority.sqlite follow-up-*.json"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard !arguments.positionals.isEmpty else { throw .usage(UsageError("give at least one FILE", command: arguments.commandPath)) }
        let started = Date()
        let files = ExchangeFiles.expand(arguments.positionals, base: context.currentDirectory)
        // A folder with no documents in it is a mistake (the wrong folder, an export not made
        // yet), not an import of nothing: said, and nothing written, not even an audit row.
        guard !files.isEmpty else {
            throw .invalid("no .json documents to import", file: arguments.positionals.joined(separator: ", "))
        }
        let user = try StoreOptions.user(arguments, context: context)
        let rules = try StoreOptions.rules(arguments, language: context.language)
        let storePath = StoreOptions.path(arguments, context: context)
        let storeExisted = FileManager.default.fileExists(atPath: storePath)
        let store = try StoreOptions.open(arguments, context: context, create: true)
        let command = StoreOptions.command(arguments)
        let report: ImportReport
        do {
            report = try context.withProgress(arguments, "import", unit: "documents") { progress throws(ImportError) in
                try ExchangeFiles.importFiles(files, base: context.currentDirectory, into: store, user: user, command: command,
                                              rules: rules, strict: arguments.flag("strict"), progress: progress)
            }
            store.close()
        } catch {
            store.close()
            // A store made for this import and left empty is removed again: nothing was written.
            if !storeExisted { removeStore(at: storePath) }
            switch error {
            case .rejected(let problems):
                throw .invalidInput(problems.flatMap { ExchangeDiagnostics.errors($0.issues, file: files[$0.index]) })
            case .store(let message, let isUserError):
                throw isUserError ? .invalid(message) : .store(message)
            }
        }
        if !arguments.flag("quiet") {
            for (index, file) in files.enumerated() {
                for line in ExchangeDiagnostics.warningLines(report.warnings[index] ?? [], file: file) { context.stderr.line(line) }
            }
        }
        let summary = report.summary
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

    private static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
