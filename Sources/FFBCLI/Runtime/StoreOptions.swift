import FFBCatalog
import FFBCommandLine
import FFBDigest
import FFBFiles
import FFBModel
import FFBStore
import FFBWorkflows
import Foundation

/// `--db PATH` (default `$FFB_DB`, else `./ffb.sqlite`) and `--user NAME` (default `$USER`).
enum StoreOptions {
    static let db = OptionSpec(
        "db", value: "PATH", help: "The store: an SQLite file, or postgresql://… for a municipality's shared store (libpq URI; PG* variables fill in the rest).",
        defaultDescription: "$FFB_DB, else ./ffb.sqlite"
    )
    static let user = OptionSpec("user", value: "NAME", help: "Who is recording (kept with every write). A shared store (postgresql://…) records the database role you log in as instead; a --user that is not it is refused.", defaultDescription: "$USER")
    static let today = OptionSpec(
        "today", value: "DATE", help: "Judge records against this earlier day (tests; a day's records typed in later): none may be dated after it.",
        defaultDescription: "today"
    )
    static let backdatedReason = OptionSpec(
        "backdated-reason", value: "TEXT",
        help: "Why a record predates its case (entered late); kept in the audit trail."
    )
    static let purpose = OptionSpec("purpose", value: "TEXT", help: "Why you look (kept in the access log beside your name).")
    static let readOptions = [db]
    /// A view that shows CPR numbers or names: who looks is logged, with why.
    static let personalViewOptions = [db, user, purpose]
    static let writeOptions = [db, user, today, backdatedReason]

    static func path(_ arguments: ParsedArguments, context: CommandContext) -> String {
        location(arguments.value("db") ?? context.environment["FFB_DB"] ?? "ffb.sqlite", context: context)
    }

    /// Where an interactive assessment keeps its drafts (`InteractiveDraft`, `<base>.drafts/`):
    /// beside a store file; for a shared store in the user's own state folder
    /// (`$XDG_STATE_HOME`, else `~/.local/state`: `ffb/server-<digest of the address without its
    /// password>`), never in the working folder and never named with a password.
    static func draftBase(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> String {
        let store = path(arguments, context: context)
        guard CaseStores.isServerAddress(store) else { return store }
        let state = context.environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? context.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.local/state" }
        guard let state else { throw .invalid("--interactive on a shared store keeps its drafts in your own folder: set $HOME (or $XDG_STATE_HOME)") }
        let folder = state + "/ffb"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .invalid("cannot make the drafts' folder \(folder): \(error.localizedDescription)")
        }
        return folder + "/server-" + SHA256.hexHash(Array(CaseStores.withoutPassword(store).utf8)).prefix(16)
    }

    /// Where a store a user named is: a server's address as given, a file's path resolved.
    static func location(_ given: String, context: CommandContext) -> String {
        if CaseStores.isServerAddress(given) { return given }
        // Through a link, the store is the file it points to (SQLite names its -wal after that).
        return FilePath.resolved(context.url(for: given).path)
    }

    /// Who is writing, as the audit trail will show it. A name with a control character (a
    /// newline would forge a second line of `history`) or a bidi override is refused. On a shared
    /// store it is the database role that logs in, and a `--user` given must be that role —
    /// unless `--user` names whose records to show (`caseload --user NAME`), not who is looking.
    static func user(_ arguments: ParsedArguments, context: CommandContext, userIsAFilter: Bool = false) throws(CLIError) -> String {
        let given = arguments.value("user")
        if let given { try checkName(given, source: "--user") }
        let store = path(arguments, context: context)
        if CaseStores.isServerAddress(store) {
            let role: String
            do {
                role = try CaseStores.loginRole(store)
            } catch {
                throw CLIError(error)
            }
            // Nobody records in another's name.
            if let given, given != role, !userIsAFilter {
                throw .invalid("a shared store records who writes and looks as the database role you log in as (\(role)), not as \"\(given)\": log in as that role, or leave out --user")
            }
            return role
        }
        if let given { return given }
        let (user, source) = if let name = context.environment["USER"] ?? context.environment["LOGNAME"], !name.isEmpty {
            (name, "$USER")
        } else if let name = try AnalysisOptions.settingsFile(arguments, context: context).defaultUser {
            (name, "the settings' user")
        } else {
            throw CLIError.invalid("who is writing? give --user NAME (or set $USER, or user = NAME in the settings file): the audit trail keeps a name with every write")
        }
        try checkName(user, source: source)
        return user
    }

    /// A name for the audit trail: not empty, no control character or text-direction override,
    /// at most 200 characters.
    private static func checkName(_ user: String, source: String) throws(CLIError) {
        if user.trimmingSpaces().isEmpty { throw .invalid("\(source): the user name is empty") }
        if user.unicodeScalars.contains(where: TerminalText.needsEscape) {
            throw .invalid("\(source): the user name holds a control character or a text-direction override (\(TerminalText.safe(user)))")
        }
        if user.count > 200 { throw .invalid("\(source): the user name is longer than 200 characters") }
    }

    /// Opens the store; writing commands create it on first use (CLI.md).
    static func open(_ arguments: ParsedArguments, context: CommandContext, create: Bool) throws(CLIError) -> any CaseStore {
        let path = path(arguments, context: context)
        try check(path: path)
        do {
            return try CaseStores.open(path, create: create)
        } catch {
            throw CLIError(error)
        }
    }

    /// A store path that cannot name a store file is bad input (exit 1), not a store error.
    static func check(path: String) throws(CLIError) {
        if CaseStores.isServerAddress(path) { return }
        switch FileKind(path: path) {
        case .missing, .regular: break
        case let kind: throw .invalid("--db: \(path) is \(kind.noun), not a store file")
        }
        if path.utf8.count > 4000 || path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) {
            throw .invalid("--db: the path is too long")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, FileKind(path: folder) != .directory {
            throw .invalid("--db: there is no folder \(folder)")
        }
    }

    /// Runs one write command as one transaction, recorded with the user and the command line.
    static func write<T>(
        _ arguments: ParsedArguments,
        context: CommandContext,
        _ body: (any CaseStore, any CaseStoreWriter) throws -> T
    ) throws(CLIError) -> T {
        // Who writes is checked before the store is opened (or made).
        let user = try user(arguments, context: context)
        let store = try open(arguments, context: context, create: true)
        defer { store.close() }
        return try write(store, arguments: arguments, user: user, context: context, body)
    }

    /// Writes to a store the command opened earlier (and has held open, e.g. while it asked
    /// questions): if the file was deleted or replaced meanwhile, the write fails, not vanishes.
    static func write<T>(
        _ arguments: ParsedArguments,
        store: any CaseStore,
        context: CommandContext,
        _ body: (any CaseStore, any CaseStoreWriter) throws -> T
    ) throws(CLIError) -> T {
        try write(store, arguments: arguments, user: user(arguments, context: context), context: context, body)
    }

    /// What the write's records are judged against: `--today` (tests, or a day's records typed in
    /// the next morning) and the caseworker's `--backdated-reason`.
    static func rules(_ arguments: ParsedArguments, language: Language) throws(CLIError) -> WriteRules {
        let reason = arguments.value("backdated-reason")?.trimmingSpacesAndNewlines()
        if let reason {
            if reason.isEmpty { throw .invalid("--backdated-reason: say why the record is entered late") }
            if reason.unicodeScalars.contains(where: TerminalText.needsEscape) {
                throw .invalid("--backdated-reason: the reason holds a control character or a text-direction override")
            }
        }
        let today = try arguments.date("today") ?? .today
        // A test or a day's records typed in the next morning judge against an earlier day; a
        // later one would let records dated in the future in.
        if today > .today { throw .invalid("--today \(today) is after today (\(LocalDate.today)); it may only be an earlier day") }
        return WriteRules(today: today, backdatedReason: reason, language: language)
    }

    private static func write<T>(
        _ store: any CaseStore, arguments: ParsedArguments, user: String, context: CommandContext, _ body: (any CaseStore, any CaseStoreWriter) throws -> T
    ) throws(CLIError) -> T {
        let rules = try rules(arguments, language: context.language)
        // A command's own refusal inside the write (its input against what the store holds) stays
        // the command's: the store would only see an error it does not know.
        var refusal: CLIError?
        do {
            return try store.write(user: user, command: command(arguments), rules: rules) { writer in
                do {
                    return try body(store, writer)
                } catch let error as CLIError {
                    refusal = error
                    throw error
                }
            }
        } catch {
            throw refusal ?? CLIError(error)
        }
    }

    /// The command line as the audit trail records it (`ffb followup record`; never its values).
    static func command(_ arguments: ParsedArguments) -> String {
        (["ffb"] + arguments.commandPath).joined(separator: " ")
    }

    /// Runs read-only work whose output shows people's CPR numbers or names: `body` returns what to
    /// show and whose it is, and the look is logged (who, when, which command, `--purpose`) before
    /// anything is shown; a look that cannot be logged is not shown.
    static func readPersonal<T>(
        _ arguments: ParsedArguments, context: CommandContext, userIsAFilter: Bool = false, _ body: (any CaseStore) throws -> (T, shown: [Pseudonym])
    ) throws(CLIError) -> T {
        let user = try user(arguments, context: context, userIsAFilter: userIsAFilter)
        let purpose = arguments.value("purpose")?.trimmingSpacesAndNewlines()
        if let purpose, purpose.isEmpty || purpose.unicodeScalars.contains(where: TerminalText.needsEscape) {
            throw .invalid("--purpose: say why in plain text")
        }
        let store = try open(arguments, context: context, create: false)
        defer { store.close() }
        do {
            let (value, shown) = try store.snapshot { try body(store) }
            try store.logAccess(to: shown, user: user, command: command(arguments), purpose: purpose, now: Date())
            return value
        } catch {
            throw CLIError(error)
        }
    }

    /// Runs read-only work on an existing store.
    static func read<T>(_ arguments: ParsedArguments, context: CommandContext, _ body: (any CaseStore) throws -> T) throws(CLIError) -> T {
        try read(try open(arguments, context: context, create: false), body)
    }

    /// `read`, or nil when there is no store yet: no file, or a database without one (one
    /// connection either way).
    static func readIfPresent<T>(_ arguments: ParsedArguments, context: CommandContext, _ body: (any CaseStore) throws -> T) throws(CLIError) -> T? {
        let path = path(arguments, context: context)
        if !CaseStores.isServerAddress(path), !FileManager.default.fileExists(atPath: path) { return nil }
        try check(path: path)
        let store: any CaseStore
        do {
            store = try CaseStores.open(path, create: false)
        } catch .missingStore {
            return nil
        } catch {
            throw CLIError(error)
        }
        return try read(store, body)
    }

    private static func read<T>(_ store: any CaseStore, _ body: (any CaseStore) throws -> T) throws(CLIError) -> T {
        defer { store.close() }
        do {
            return try store.snapshot { try body(store) }
        } catch {
            throw CLIError(error)
        }
    }
}

extension CLIError {
    /// Maps the libraries' errors to exit codes: the user's input → 1, the store's trouble → 3.
    init(_ error: any Error) {
        switch error {
        case let error as CLIError: self = error
        case StoreError.alreadyRecorded(let message): self = .unchanged(message)
        case let error as StoreError: self = error.isUserError ? .invalid(error.description) : .store(error.description)
        case let error as ModelError: self = .invalid(error.message)
        case let error as CatalogLookupError: self = .invalid(error.description)
        case let error as UsageError: self = .usage(error)
        case let error as ExportError: self = CLIError(exporting: error)
        default: self = .store("\(error)")
        }
    }
}
