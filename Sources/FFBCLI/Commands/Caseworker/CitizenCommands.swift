import FFBCommandLine
import FFBJSON
import FFBModel
import FFBStore

/// `ffb citizen add`: register a citizen; prints the pseudonym every other view uses.
enum CitizenAddCommand: Command {
    static let spec = CommandSpec(
        "add",
        abstract: "Register a citizen by CPR number and name.",
        options: [
            OptionSpec("cpr", value: "CPR", help: "ddmmyy-nnnn or ten digits.", required: true),
            OptionSpec("name", value: "NAME", help: "The citizen's name.", required: true),
        ] + StoreOptions.writeOptions,
        examples: ["ffb citizen add --cpr 010190-1234 --name \"Mette Hansen\""]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let cpr = try arguments.cpr("cpr")
        let name = try arguments.requiredValue("name")
        let citizen = try StoreOptions.write(arguments, context: context) { _, writer in
            try writer.addCitizen(cpr: cpr, name: name)
        }
        context.stdout.line(citizen.pseudonym.rawValue)
    }
}

/// `ffb citizen list`: pseudonyms and names (no CPR numbers).
enum CitizenListCommand: Command {
    static let spec = CommandSpec("list", abstract: "List citizens by pseudonym (CPR numbers are not shown).", options: StoreOptions.readOptions + [OutputFormat.option()])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let citizens = try StoreOptions.read(arguments, context: context) { store in try store.citizens() }
        var records = RecordSet(tableColumns: [
            ("pseudonym", .init(title: "PSEUDONYM")), ("name", .init(title: "NAVN")), ("registered", .init(title: "REGISTRERET")),
        ])
        for citizen in citizens {
            records.append(JSONObject([
                ("pseudonym", .string(citizen.value.pseudonym.rawValue)),
                ("name", .string(citizen.value.name)),
                ("registered", .string(String(citizen.recorded.at.prefix(10)))),
            ]))
        }
        context.stdout.write(records.render(OutputFormat.from(arguments)))
    }
}

/// `ffb citizen show`: the caseworker's own view, with the CPR number.
enum CitizenShowCommand: Command {
    static let spec = CommandSpec(
        "show",
        abstract: "Show one citizen with CPR number, cases and orders (the caseworker's view).",
        options: StoreOptions.readOptions + [OutputFormat.option(allowed: [.table, .json])],
        positionals: [PositionalSpec("CITIZEN", help: "Pseudonym (P-XXXXXXXX) or CPR number.")]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let (citizen, cases, orders) = try StoreOptions.read(arguments, context: context) { store in
            let citizen = try store.citizen(arguments.positionals[0])
            return (citizen, try store.cases(of: citizen.pseudonym), try store.orders(of: citizen.pseudonym))
        }
        if OutputFormat.from(arguments) == .json {
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("pseudonym", .string(citizen.pseudonym.rawValue)),
                ("cpr", .string(citizen.cpr.formatted)),
                ("name", .string(citizen.name)),
                ("cases", .array(cases.map { .string($0.value.caseNumber) })),
                ("orders", .array(orders.map { .string($0.value.id.storeText) })),
            ]))))
            return
        }
        context.stdout.line("\(citizen.name)  (\(citizen.pseudonym))")
        context.stdout.line("  CPR     \(citizen.cpr.formatted)")
        for stored in cases {
            let caseFile = stored.value
            context.stdout.line("  case    \(caseFile.caseNumber), opened \(caseFile.opened), \(caseFile.municipality.name) (\(caseFile.municipality.code))")
        }
        for stored in orders {
            let order = stored.value
            let mark = stored.enteredInError == nil ? "" : "  [entered in error]"
            context.stdout.line("  order   \(order.id.storeText)  \(order.provider.name), support \(order.supportLevel.cliValue), from \(order.start)\(mark)")
        }
    }
}

/// `ffb case open`: a case (sag) for a citizen.
enum CaseOpenCommand: Command {
    static let spec = CommandSpec(
        "open",
        abstract: "Open a case for a citizen.",
        options: [
            OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number.", required: true),
            OptionSpec("case-number", value: "NUMBER", help: "The case number (sagsnummer).", required: true),
            OptionSpec("opened", value: "DATE", help: "Date the case was opened.", required: true),
            OptionSpec("municipality", value: "NAME", help: "Responsible municipality.", required: true),
            OptionSpec("municipality-code", value: "CODE", help: "Its four-digit kommunekode.", required: true),
        ] + StoreOptions.writeOptions,
        examples: ["ffb case open --citizen P-7K3M9Q2X --case-number S-2025-001 --opened 2025-01-10 --municipality Aarhus --municipality-code 0751"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let opened = try arguments.requiredDate("opened")
        let number = try arguments.requiredValue("case-number")
        try StoreOptions.write(arguments, context: context) { store, writer in
            let citizen = try store.citizen(arguments.requiredValue("citizen"))
            let municipality = try Municipality(name: arguments.requiredValue("municipality"), code: arguments.requiredValue("municipality-code"))
            try writer.openCase(CaseFile(caseNumber: number, citizen: citizen.pseudonym, opened: opened, municipality: municipality))
        }
        context.stdout.line(number)
    }
}
