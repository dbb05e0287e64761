import FFBCommandLine
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// `ffb citizen add`: register a citizen; prints the pseudonym every other view uses.
enum CitizenAddCommand: Command {
    static let spec = CommandSpec(
        "add",
        abstract: "Register a citizen by CPR number and name.",
        discussion: """
        KL's order message requires the citizen's phone number: give it here (--phone) or later \
        with ffb citizen update, before the order is exported with ffb export --fhir order.
        """,
        options: [
            OptionSpec("cpr", value: "CPR", help: "ddmmyy-nnnn or ten digits.", required: true),
            OptionSpec("name", value: "NAME", help: "The citizen's name.", required: true),
        ] + CitizenContactOptions.options + StoreOptions.writeOptions,
        examples: [
            "ffb citizen add --cpr 010190-1234 --name \"Mette Hansen\"",
            "ffb citizen add --cpr 020290-2345 --name \"Jens Holm\" --phone \"+45 22 33 44 55\" --address \"Vestergade 1, 8000 Aarhus C\"",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let cpr = try arguments.cpr("cpr")
        let name = try arguments.requiredValue("name")
        let phone = arguments.value("phone")
        let address = try CitizenContactOptions.address(arguments)
        let contact = try CitizenContactOptions.contact(name: name, phone: phone, address: address)
        let citizen = try StoreOptions.write(arguments, context: context) { _, writer in
            let citizen = try writer.addCitizen(cpr: cpr, name: name)
            if phone != nil || address != nil { try writer.recordContact(contact, of: citizen.pseudonym) }
            return citizen
        }
        context.stdout.line(citizen.pseudonym.rawValue)
    }
}

/// The phone and address options of `citizen add` and `citizen update`.
enum CitizenContactOptions {
    static let options = [
        OptionSpec("phone", value: "NUMBER", help: "The citizen's phone number (KL's order message requires one)."),
        OptionSpec("address", value: "ADDRESS", help: "The citizen's address, \"STREET, POSTCODE CITY\"."),
    ]

    static func address(_ arguments: ParsedArguments) throws(CLIError) -> PostalAddress? {
        guard let text = arguments.value("address") else { return nil }
        do {
            return try PostalAddress(text: text)
        } catch {
            throw .invalid("--address: \(error.message)")
        }
    }

    static func contact(name: String, phone: String?, address: PostalAddress?) throws(CLIError) -> CitizenContact {
        do {
            return try CitizenContact(name: name, phone: phone, address: address)
        } catch {
            throw .invalid(phone != nil && error.message.contains("phone") ? "--phone: \(error.message)" : error.message)
        }
    }
}

/// `ffb citizen update`: a new version of the citizen's name, phone number or address; the old
/// versions stay in the store (`ffb history`).
enum CitizenUpdateCommand: Command {
    static let spec = CommandSpec(
        "update",
        abstract: "Record a citizen's new name, phone number or address (a new version; the old is kept).",
        options: [OptionSpec("name", value: "NAME", help: "The citizen's name.")] + CitizenContactOptions.options + StoreOptions.writeOptions,
        positionals: [PositionalSpec("CITIZEN", help: "Pseudonym (P-XXXXXXXX) or CPR number.")],
        examples: ["ffb citizen update P-7K3M9Q2X --phone \"+45 22 33 44 55\" --address \"Vestergade 1, 8000 Aarhus C\""]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard ["name", "phone", "address"].contains(where: { arguments.value($0) != nil }) else {
            throw .usage(UsageError("give at least one of --name, --phone or --address", command: arguments.commandPath))
        }
        if let name = arguments.value("name"), name.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalid("--name: citizen name is empty") }
        let address = try CitizenContactOptions.address(arguments)
        _ = try CitizenContactOptions.contact(name: arguments.value("name") ?? "-", phone: arguments.value("phone"), address: address)
        let citizen = try StoreOptions.write(arguments, context: context) { store, writer in
            let citizen = try store.citizen(arguments.positionals[0])
            let current = try store.contact(of: citizen.pseudonym)?.value
            let contact = try CitizenContact(name: arguments.value("name") ?? current?.name ?? citizen.name,
                                             phone: arguments.value("phone") ?? current?.phone, address: address ?? current?.address)
            guard contact != current else { throw StoreError.alreadyRecorded("the citizen \(citizen.pseudonym) already has this name, phone number and address") }
            try writer.recordContact(contact, of: citizen.pseudonym)
            return citizen
        }
        context.stdout.line(citizen.pseudonym.rawValue)
    }
}

/// `ffb citizen list`: pseudonyms and names (no CPR numbers).
enum CitizenListCommand: Command {
    static let spec = CommandSpec("list", abstract: "List citizens by pseudonym (CPR numbers are not shown).", options: StoreOptions.personalViewOptions + [OutputFormat.option()])

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let citizens = try StoreOptions.readPersonal(arguments, context: context) { store in
            let citizens = try store.citizens()
            return (citizens, citizens.map(\.value.pseudonym))
        }
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
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}

/// `ffb citizen show`: the caseworker's own view, with the CPR number.
enum CitizenShowCommand: Command {
    static let spec = CommandSpec(
        "show",
        abstract: "Show one citizen with CPR number, cases and orders (the caseworker's view).",
        options: StoreOptions.personalViewOptions + [OutputFormat.option(allowed: [.table, .json])],
        positionals: [PositionalSpec("CITIZEN", help: "Pseudonym (P-XXXXXXXX) or CPR number.")]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let (citizen, contact, cases, orders, closings, ends) = try StoreOptions.readPersonal(arguments, context: context) { store in
            let citizen = try store.citizen(arguments.positionals[0])
            return ((citizen, try store.contact(of: citizen.pseudonym)?.value, try store.cases(of: citizen.pseudonym), try store.orders(of: citizen.pseudonym),
                     try store.caseClosings(of: citizen.pseudonym), try store.orderEnds(of: citizen.pseudonym)), [citizen.pseudonym])
        }
        let name = contact?.name ?? citizen.name
        if OutputFormat.from(arguments) == .json {
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("pseudonym", .string(citizen.pseudonym.rawValue)),
                ("cpr", .string(citizen.cpr.formatted)),
                ("name", .string(name)),
                ("phone", contact?.phone.map(JSONValue.string) ?? .null),
                ("address", contact?.address.map { .string($0.text) } ?? .null),
                ("cases", .array(cases.map { .string($0.value.caseNumber) })),
                ("orders", .array(orders.map { .string($0.value.id.storeText) })),
                ("case_closings", .array(cases.compactMap { stored in
                    closings[stored.value.caseNumber].map { closing in
                        .object(JSONObject([("case", .string(stored.value.caseNumber)), ("date", .string(closing.value.date.iso)),
                                            ("reason", .string(closing.value.reason))]))
                    }
                })),
                ("order_ends", .array(orders.compactMap { stored in
                    ends[stored.value.id].map { end in
                        .object(JSONObject([("order", .string(stored.value.id.storeText)), ("date", .string(end.date.iso)),
                                            ("cause", .string(end.cause.key)), ("reason", end.cause.reason.map(JSONValue.string) ?? .null)]))
                    }
                })),
            ]))))
            return
        }
        let lang = context.language
        func line(_ da: String, _ en: String, _ text: String) { context.stdout.line("  " + lang.pick(da, en).padding(toLength: 11, withPad: " ", startingAt: 0) + text) }
        context.stdout.line("\(name)  (\(citizen.pseudonym))")
        line("CPR", "CPR", citizen.cpr.formatted)
        if let phone = contact?.phone { line("telefon", "phone", phone) }
        if let address = contact?.address { line("adresse", "address", address.text) }
        for stored in cases {
            let caseFile = stored.value
            let closed = closings[caseFile.caseNumber].map { lang.pick(", afsluttet \($0.value.date): ", ", closed \($0.value.date): ") + $0.value.reason } ?? ""
            line("sag", "case", "\(caseFile.caseNumber), " + lang.pick("oprettet", "opened") + " \(caseFile.opened), \(caseFile.municipality.name) (\(caseFile.municipality.code))\(closed)")
        }
        for stored in orders {
            let order = stored.value
            let mark = stored.enteredInError == nil ? "" : lang.pick("  [fejlregistreret]", "  [entered in error]")
            let ended = ends[order.id].map { lang.pick(", afsluttet \($0.date)", ", ended \($0.date)") } ?? ""
            line("bestilling", "order", "\(order.id.storeText)  \(order.provider.name), " + lang.pick("støtte", "support")
                + " \(order.supportLevel.cliValue), " + lang.pick("fra", "from") + " \(order.start)\(ended)\(mark)")
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
