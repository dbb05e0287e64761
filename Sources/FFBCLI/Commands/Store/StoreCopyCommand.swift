import FFBCommandLine
import FFBFiles
import FFBStore

/// `ffb store copy --from A --to B`: a whole store into a new one, SQLite ↔ PostgreSQL.
enum StoreCopyCommand: Command {
    static let spec = CommandSpec(
        "copy",
        abstract: "Copy a whole store into a new, empty one: an SQLite file to a shared PostgreSQL store, or back.",
        discussion: """
        Every record keeps its ids and its place in the order written, and the audit trail its \
        writers and hash chain, so every view reads the same from the copy (compare ffb export \
        --extract csv of both). One transaction on the target: all or nothing. The target is made \
        when missing (ffb init) and must hold no records; on PostgreSQL copy as the store's owner. \
        The copy holds every citizen's CPR number and name: the source's access log records the \
        look, for every citizen, before anything is copied.
        """,
        options: [
            OptionSpec("from", value: "STORE", help: "The store to copy (a file, or postgresql://…).", required: true),
            OptionSpec("to", value: "STORE", help: "The new store (a file, or postgresql://…).", required: true),
            .quiet,
        ],
        examples: [
            "ffb store copy --from ffb.sqlite --to postgresql://ffb-owner@db.kommune.dk/ffb",
            "ffb store copy --from postgresql://ffb-owner@db.kommune.dk/ffb --to backup.sqlite",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let from = try location(arguments, "from", context: context), to = try location(arguments, "to", context: context)
        guard from != to else { throw .invalid("--from and --to name the same store") }
        if !CaseStores.isServerAddress(from), FileKind(path: from) == .missing { throw .invalid("--from: there is no store at \(from)") }
        // Who copies: the login role of a server source, else --user, $USER or the settings' user.
        let user: String
        if CaseStores.isServerAddress(from) {
            do {
                user = try CaseStores.loginRole(from)
            } catch {
                throw CLIError(error)
            }
        } else {
            user = try StoreOptions.user(arguments, context: context)
        }
        let copied = try context.withProgress(arguments, "copy", unit: "rows") { progress throws(CLIError) in
            do {
                return try CaseStores.copy(from: from, to: to, user: user, progress: progress)
            } catch {
                throw CLIError(error)
            }
        }
        let rows = copied.reduce(0) { $0 + $1.rows }
        let writes = copied.first { $0.table == "writes" }?.rows ?? 0
        let citizens = copied.first { $0.table == "citizens" }?.rows ?? 0
        context.stdout.line("Copied \(rows) rows in \(copied.count) tables (\(citizens) citizens, \(writes) writes); every table's count checked.")
    }

    private static func location(_ arguments: ParsedArguments, _ name: String, context: CommandContext) throws(CLIError) -> String {
        let location = StoreOptions.location(try arguments.requiredValue(name), context: context)
        try StoreOptions.check(path: location)
        return location
    }
}
