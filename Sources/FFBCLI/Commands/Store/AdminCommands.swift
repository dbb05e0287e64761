import FFBCommandLine
import FFBJSON
import FFBStore

/// `ffb admin role add NAME`: a database role that works in a shared store, and for whom.
enum AdminRoleAddCommand: Command {
    static let spec = CommandSpec(
        "add",
        abstract: "Let a database role work in a shared store: a caseworker of a municipality, a provider, or an analyst.",
        discussion: """
        The role is made (LOGIN, no password: give it one, or a certificate, as your server's \
        authentication asks) when the server has none by that name, and joins one group: \
        ffb_caseworker sees the citizens with a case in its municipality; ffb_provider only the \
        orders addressed to it and their citizens; ffb_analyst every record but no CPR number, \
        name, contact detail, received message or note. The server enforces it (row-level security \
        and column privileges). Only the store's owner (who ran ffb init) may add roles.
        """,
        options: [
            OptionSpec("caseworker", value: "MUNICIPALITY", help: "A caseworker of the municipality with this code (e.g. 0751)."),
            OptionSpec("provider", value: "ID", help: "The provider with this id (SOR), as orders name it."),
            .flag("analyst", help: "An analyst: pseudonymised records only."),
            StoreOptions.db,
        ],
        positionals: [PositionalSpec("ROLE", help: "The database role (login name).")],
        examples: [
            "ffb admin role add karen --caseworker 0751 --db postgresql://ffb-owner@db.kommune.dk/ffb",
            "ffb admin role add bostotten --provider SOR-123456 --db postgresql://ffb-owner@db.kommune.dk/ffb",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let municipality = arguments.value("caseworker"), provider = arguments.value("provider")
        let analyst = arguments.flag("analyst")
        let kinds = [municipality != nil, provider != nil, analyst].filter { $0 }.count
        guard kinds == 1 else { throw .invalid("give exactly one of --caseworker MUNICIPALITY, --provider ID, --analyst") }
        let kind: StaffRole.Kind = municipality != nil ? .caseworker : provider != nil ? .provider : .analyst
        let role = StaffRole(name: arguments.positionals[0], kind: kind, municipalityCode: municipality, providerID: provider)
        try AdminOptions.administer(arguments, context: context) { store in try store.addStaff(role) }
        context.stdout.line("\(role.name): \(kind.rawValue)\(municipality.map { " of municipality \($0)" } ?? "")\(provider.map { " \($0)" } ?? "")")
    }
}

/// `ffb admin role list`.
enum AdminRoleListCommand: Command {
    static let spec = CommandSpec("list", abstract: "List the roles that work in a shared store.", options: [StoreOptions.db, OutputFormat.option()])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let staff = try AdminOptions.administer(arguments, context: context) { store in try store.staff() }
        var records = RecordSet(tableColumns: [
            ("role", .init(title: "ROLLE")), ("kind", .init(title: "SOM")), ("municipality", .init(title: "KOMMUNE")), ("provider", .init(title: "UDFØRER")),
        ])
        for role in staff {
            records.append(JSONObject([
                ("role", .string(role.name)), ("kind", .string(role.kind.rawValue)),
                ("municipality", role.municipalityCode.map(JSONValue.string) ?? .null), ("provider", role.providerID.map(JSONValue.string) ?? .null),
            ]))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}

enum AdminOptions {
    /// Runs administration on an existing shared store.
    static func administer<T>(_ arguments: ParsedArguments, context: CommandContext, _ body: (any CaseStore) throws -> T) throws(CLIError) -> T {
        let store = try StoreOptions.open(arguments, context: context, create: false)
        defer { store.close() }
        do {
            return try body(store)
        } catch {
            throw CLIError(error)
        }
    }
}

/// `ffb admin access-log --citizen P-…`: who was shown a citizen's CPR number or name, when, by
/// which command and why.
enum AdminAccessLogCommand: Command {
    static let spec = CommandSpec(
        "access-log",
        abstract: "Who looked at a citizen's CPR number or name: when, with which command, and why.",
        discussion: """
        Every view that shows a CPR number or a name (citizen show, list and search, history, order \
        show, caseload, export of documents) logs one row per citizen shown before it prints, with \
        --purpose when given. On a shared store the server names the database role and only the \
        store's owner may read the log.
        """,
        options: [
            OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number.", required: true),
            StoreOptions.db, OutputFormat.option(),
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let (citizen, entries) = try StoreOptions.read(arguments, context: context) { store in
            let citizen = try store.citizen(arguments.requiredValue("citizen"))
            return (citizen.pseudonym, try store.accessLog(of: citizen.pseudonym))
        }
        var records = RecordSet(tableColumns: [
            ("at", .init(title: "HVORNÅR")), ("user", .init(title: "HVEM")), ("command", .init(title: "KOMMANDO")), ("purpose", .init(title: "FORMÅL", maxWidth: 50)),
        ])
        for entry in entries {
            records.append(JSONObject([
                ("citizen", .string(citizen.rawValue)), ("at", .string(entry.at)), ("user", .string(entry.user)), ("command", .string(entry.command)),
                ("purpose", entry.purpose.map(JSONValue.string) ?? .null),
            ]))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}
