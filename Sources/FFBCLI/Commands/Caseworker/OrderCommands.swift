import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBJSON
import FFBModel
import FFBParallel
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb order create`: the order (bestilling) to a provider.
enum OrderCreateCommand: Command {
    static let spec = CommandSpec(
        "create",
        abstract: "Create an order (bestilling) to a provider.",
        options: [
            OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number.", required: true),
            OptionSpec("case", value: "NUMBER", help: "The citizen's case number.", required: true),
            OptionSpec("service", kind: .repeated, value: "SERVICE", help: "A service (ydelse), by KL code or name.", required: true),
            OptionSpec("offer-type", value: "TYPE", help: "The offer type (tilbudstype)."),
            OptionSpec("target-group", kind: .repeated, value: "GROUP", help: "A target group (målgruppe)."),
            OptionSpec("primary-target-group", value: "GROUP", help: "The primary target group (at most one)."),
            OptionSpec("provider-name", value: "NAME", help: "The provider (udfører).", required: true),
            OptionSpec("provider-id", value: "ID", help: "The provider's identifier (e.g. SOR or CVR).", required: true),
            OptionSpec("payer-name", value: "NAME", help: "Who pays (betalingskommune)."),
            OptionSpec("payer-id", value: "ID", help: "The payer's identifier (e.g. kommunekode)."),
            OptionSpec("payer-account", value: "NUMBER", help: "The payer's account number (KL's order message requires it when a payer is named)."),
            OptionSpec("purpose", value: "TEXT", help: "The purpose of the intervention (indsatsformål; KL's order message requires it)."),
            OptionSpec("support-level", value: "LEVEL", help: "A–E or ikke-vurderet.", required: true),
            OptionSpec("issued", value: "DATE", help: "Date of the order.", defaultDescription: "--start"),
            OptionSpec("start", value: "DATE", help: "Start of the intervention.", required: true),
            OptionSpec("follow-up", value: "DATE", help: "Planned follow-up date."),
        ] + StoreOptions.writeOptions,
        examples: [
            "ffb order create --citizen P-7K3M9Q2X --case S-1 --service \"Støtte til praktiske opgaver\" --target-group \"Psykisk funktionsnedsættelse\" --provider-name \"Bostøtten\" --provider-id 123456 --support-level C --start 2025-03-01 --follow-up 2025-09-01",
            "ffb order create --citizen P-7K3M9Q2X --case S-1 --service \"Støtte til praktiske opgaver\" --provider-name \"Bostøtten\" --provider-id 123456 --payer-name \"Aarhus Kommune\" --payer-id 0751 --payer-account 4444-88888888 --purpose \"Borgeren bliver mere selvhjulpen i eget hjem\" --support-level C --start 2025-03-01",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = BuiltInCatalogs.standard
        if arguments.value("payer-account") != nil, arguments.value("payer-name") == nil {
            throw .usage(UsageError("--payer-account needs --payer-name (the payer whose account it is)", command: arguments.commandPath))
        }
        var problems = ProblemList()
        let services = try problems.checkEach(arguments.values("service")) { text throws(CLIError) in
            try catalog.code(text, kind: .services, option: "service")
        }
        let offerType = try problems.check { () throws(CLIError) in
            try arguments.value("offer-type").map { text throws(CLIError) in try catalog.code(text, kind: .offerTypes, option: "offer-type") }
        }
        var groups = try problems.checkEach(arguments.values("target-group")) { text throws(CLIError) in
            TargetGroupAssignment(code: try catalog.code(text, kind: .targetGroups, option: "target-group"), isPrimary: false)
        }
        let primaryGroup = try problems.check { () throws(CLIError) in
            try arguments.value("primary-target-group").map { text throws(CLIError) in try catalog.code(text, kind: .targetGroups, option: "primary-target-group") }
        }
        let supportLevel = try problems.check { () throws(CLIError) in
            guard let level = try arguments.supportLevel("support-level") else { throw .invalid("--support-level is missing") }
            return level
        }
        let start = try problems.check { () throws(CLIError) in try arguments.requiredDate("start") }
        let issuedDate = try problems.check { () throws(CLIError) in try arguments.date("issued") }
        let followUp = try problems.check { () throws(CLIError) in try arguments.date("follow-up") }
        let details = try problems.check { () throws(CLIError) in try OrderUpdateCommand.details(arguments) }
        try StoreReferences.check(arguments, context: context, citizen: arguments.value("citizen"), caseNumber: arguments.value("case"), problems: &problems)
        guard let offerType, let primaryGroup, let supportLevel, let start, let issuedDate, let followUp, let details, problems.isEmpty else {
            throw problems.failure
        }
        if let primary = primaryGroup {
            groups.removeAll { $0.code == primary }
            groups.insert(TargetGroupAssignment(code: primary, isPrimary: true), at: 0)
        }
        let issued = issuedDate ?? start
        let order = try StoreOptions.write(arguments, context: context) { store, writer in
            let citizen = try store.citizen(arguments.requiredValue("citizen"))
            let provider = try Organization(name: arguments.requiredValue("provider-name"), identifier: arguments.requiredValue("provider-id"))
            var payer: Organization?
            if let name = arguments.value("payer-name") {
                payer = try Organization(name: name, identifier: arguments.value("payer-id") ?? "")
            }
            let order = try Order(
                citizen: citizen.pseudonym, caseNumber: arguments.requiredValue("case"), services: services, offerType: offerType,
                targetGroups: groups, provider: provider, payer: payer, supportLevel: supportLevel,
                issued: issued, start: start, followUpDate: followUp, catalog: store.catalog
            )
            try writer.createOrder(order)
            if let details { try writer.recordDetails(details, of: order.id) }
            return order
        }
        context.stdout.line(order.id.storeText)
    }
}

/// `ffb order update`: a new version of an order's purpose or payer account number; the old is
/// kept. The order's terms never change (a changed order is a new order).
enum OrderUpdateCommand: Command {
    static let spec = CommandSpec(
        "update",
        abstract: "Record an order's purpose (indsatsformål) or payer account number (a new version; the old is kept).",
        options: [
            OptionSpec("purpose", value: "TEXT", help: "The purpose of the intervention (indsatsformål)."),
            OptionSpec("payer-account", value: "NUMBER", help: "The payer's account number."),
        ] + StoreOptions.writeOptions,
        positionals: [PositionalSpec("ORDER", help: "The order's id or an unambiguous prefix of at least 8 characters.")],
        examples: ["ffb order update 3f2a9c1e --purpose \"Borgeren bliver mere selvhjulpen i eget hjem\""]
    )

    /// The details the options give; nil when they give none.
    static func details(_ arguments: ParsedArguments) throws(CLIError) -> OrderDetails? {
        let purpose = arguments.value("purpose"), account = arguments.value("payer-account")
        guard purpose != nil || account != nil else { return nil }
        do {
            return try OrderDetails(purpose: purpose, payerAccount: account)
        } catch {
            throw .invalid(error.message)
        }
    }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let details = try details(arguments) else {
            throw .usage(UsageError("give --purpose or --payer-account", command: arguments.commandPath))
        }
        let order = try StoreOptions.write(arguments, context: context) { store, writer in
            let order = try store.order(arguments.positionals[0]).value
            if details.payerAccount != nil, order.payer == nil {
                throw CLIError.invalid("order \(order.id.storeText) names no payer, so it has no payer account; a changed order is a new order")
            }
            let current = try store.details(of: order.id)
            let updated = current.map { $0.updated(with: details) } ?? details
            guard updated != current else { throw StoreError.alreadyRecorded("order \(order.id.storeText) already has this purpose and payer account; nothing was written") }
            try writer.recordDetails(updated, of: order.id)
            return order
        }
        context.stdout.line(order.id.storeText)
    }
}

/// `ffb list orders`: every order, with pseudonyms (never CPR numbers).
enum ListOrdersCommand: Command {
    static let spec = CommandSpec(
        "orders",
        abstract: "List orders: id, citizen pseudonym, provider, issued, goals, themes, and when each ended.",
        options: StoreOptions.readOptions + [
            OptionSpec("citizen", value: "CITIZEN", help: "Only this citizen's orders."),
            .flag("include-errors", help: "Also list orders marked entered in error."),
            OutputFormat.option(),
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let summaries = try StoreOptions.read(arguments, context: context) { store in
            let citizen = try arguments.value("citizen").map { try store.citizen($0).pseudonym }
            return try OrderSummary.list(in: store, citizen: citizen, includingErrors: arguments.flag("include-errors"))
        }
        var records = RecordSet(tableColumns: [
            ("id", .init(title: "ID")), ("citizen", .init(title: "BORGER")), ("provider", .init(title: "UDFØRER", maxWidth: 30)),
            ("issued", .init(title: "BESTILT")), ("support_level", .init(title: "STØTTE")), ("goals", .init(title: "MÅL", alignment: .right)),
            ("theme_names", .init(title: "TEMAER", maxWidth: 50)), ("ended", .init(title: "AFSLUTTET")),
        ])
        records.append(contentsOf: WorkerPool.perCore.map(summaries, Self.record))
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
        // Sixty thousand orders' values are freed as the process ends, not one by one before.
        LetGo.aside((consume summaries, consume records))
    }
}

extension ListOrdersCommand {
    /// The CLI.md shape of one order in `ffb list orders`.
    static func record(_ summary: OrderSummary) -> JSONObject {
        let order = summary.order
        return JSONObject(uniqueKeys: [
            "id": .string(order.id.storeText),
            "citizen": .string(order.citizen.rawValue),
            "provider": .string(order.provider.name),
            "provider_id": .string(order.provider.identifier),
            "issued": .string(order.issued.iso),
            "start": .string(order.start.iso),
            "support_level": .string(order.supportLevel.cliValue),
            "goals": .number(JSONNumber(summary.goalCount)),
            "themes": .array(summary.themes.map { .string($0.rawValue) }),
            "theme_names": .string(summary.themeNames.joined(separator: ", ")),
            "entered_in_error": .bool(summary.isEnteredInError),
            "ended": summary.end.map { .string($0.date.iso) } ?? .null,
            "end_cause": summary.end.map { .string($0.cause.key) } ?? .null,
            "end_reason": summary.end?.cause.reason.map(JSONValue.string) ?? .null,
        ])
    }
}

/// `ffb order show ORDER`: one order with its goals and follow-ups, read for that order alone.
enum OrderShowCommand: Command {
    static let spec = CommandSpec(
        "show",
        abstract: "Show one order: its terms, current goals and follow-ups (no CPR number).",
        discussion: """
        Also what the provider needs beyond FFB's terms, with Danish labels: the purpose (formål), the \
        citizen's contact data (kontaktdata), the payer account (betalerkonto) and, for an order that \
        came in a KL order message, everything that message carried: guardian (værge), relatives \
        (pårørende), consent (samtykke), the citizen's own goals (borgerens egne mål), documents \
        (dokumenter), diagnoses (diagnoser), planned follow-ups and the resources kept as they came. \
        --format json adds these keys to the order's: purpose (string or null), purposes, \
        payer_account, contact {name, phone, address}, citizen_objectives (strings), guardians, \
        relatives and next_of_kin ({name, relationships, phone, email, address, guardianship_form}), \
        consents ({status, text, date, to, policy}), documents ({title, type, reference, \
        description}), diagnoses ({text, codes}), planned_follow_ups (dates) and kept_message \
        ({document_id, bytes, resources: {type: count}} or null).
        """,
        options: StoreOptions.personalViewOptions + [OutputFormat.option(allowed: [.table, .json])],
        positionals: [PositionalSpec("ORDER", help: "The order's id or an unambiguous prefix of at least 8 characters.")],
        examples: ["ffb order show 3f2a9c1e", "ffb order show 3f2a9c1e --format json"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let (summary, goals, followUps, extras) = try StoreOptions.readPersonal(arguments, context: context) { store in
            let stored = try store.order(arguments.positionals[0])
            let summary = try OrderSummary.one(in: store, order: stored)
            return ((summary, try store.goals(of: stored.value.id), try store.followUps(of: stored.value.id),
                     try OrderExtras.load(in: store, order: stored.value)), [stored.value.citizen])
        }
        let catalog = BuiltInCatalogs.standard
        let order = summary.order
        let current = Set(goals.currentVersions.map(\.id))
        let shownGoals = goals.filter { current.contains($0.value.id) }
        if OutputFormat.from(arguments) == .json {
            var record = ListOrdersCommand.record(summary)
            record["case"] = .string(order.caseNumber)
            record["goal_list"] = .array(shownGoals.map { stored in
                let goal = stored.value
                return .object(JSONObject([
                    ("id", .string(goal.id.storeText)), ("series", .string(goal.seriesID.storeText)), ("version", .number(JSONNumber(goal.version))),
                    ("type", .string(goal.type.cliValue)), ("theme", .string(goal.primaryTheme.rawValue)),
                    ("theme_name", .string(catalog.theme(goal.primaryTheme)?.name ?? "")),
                    ("secondary_themes", .array(goal.secondaryThemes.map { .string($0.rawValue) })),
                    ("expected_level", .number(JSONNumber(goal.expectedLevel.rawValue))), ("description", .string(goal.description)),
                    ("follow_up", goal.followUpDate.map { .string($0.iso) } ?? .null),
                ]))
            })
            record["follow_ups"] = .array(followUps.map { stored in
                let followUp = stored.value
                return .object(JSONObject([
                    ("id", .string(followUp.id.storeText)), ("date", .string(followUp.date.iso)), ("status", .string(followUp.status.cliValue)),
                    ("support_level", followUp.supportLevel.map { .string($0.cliValue) } ?? .null),
                    ("next_follow_up", followUp.nextFollowUp.map { .string($0.iso) } ?? .null),
                    ("entered_in_error", .bool(stored.enteredInError != nil)),
                ]))
            })
            for member in extrasRecord(extras) { record[member.key] = member.value }
            context.stdout.write(JSONWriter.fileText(.object(record)))
            return
        }
        let lang = context.language
        let out = context.stdout
        func line(_ da: String, _ en: String, _ text: String) { out.line(labelled(lang.pick(da, en), text)) }
        let error = lang.pick("  [fejlregistreret]", "  [entered in error]")
        out.line(lang.pick("Bestilling ", "Order ") + order.id.storeText + (summary.isEnteredInError ? error : ""))
        line("borger", "citizen", "\(order.citizen), " + lang.pick("sag ", "case ") + order.caseNumber)
        line("udfører", "provider", "\(order.provider.name) (\(order.provider.identifier))")
        if let payer = order.payer { line("betaler", "payer", "\(payer.name) (\(payer.identifier))") }
        for service in order.services { line("ydelse", "service", catalog.name(of: service, kind: .services)) }
        if let offerType = order.offerType { line("tilbudstype", "offer type", catalog.name(of: offerType, kind: .offerTypes)) }
        for group in order.targetGroups {
            line("målgruppe", "target group", catalog.name(of: group.code, kind: .targetGroups) + (group.isPrimary ? lang.pick(" (primær)", " (primary)") : ""))
        }
        line("støtteniveau", "support level", order.supportLevel.cliValue + lang.pick(", bestilt \(order.issued), start \(order.start)", ", issued \(order.issued), start \(order.start)")
            + (order.followUpDate.map { lang.pick(", opfølgning \($0)", ", follow-up \($0)") } ?? ""))
        if !summary.themeNames.isEmpty { line("temaer", "themes", summary.themeNames.joined(separator: ", ")) }
        if let end = summary.end { line("afsluttet", "ended", "\(end.date) (\(OrderEndText.text(end.cause, lang)))") }
        for stored in shownGoals {
            let goal = stored.value
            line("mål", "goal", HistoryCommand.summary(of: goal, catalog: catalog, lang) + (goal.version > 1 ? " (version \(goal.version))" : "") + "; \(goal.id.storeText.prefix(8))")
            out.line(labelled("", "\"\(goal.description)\""))
        }
        for stored in followUps {
            let followUp = stored.value
            line("opfølgning", "follow-up", "\(followUp.date) \(followUp.status.name(in: lang).lowercased())"
                + (followUp.supportLevel.map { lang.pick(", støtteniveau ", ", support level ") + $0.cliValue } ?? "")
                + (followUp.nextFollowUp.map { lang.pick(", næste \($0)", ", next \($0)") } ?? "") + (stored.enteredInError == nil ? "" : error))
        }
        for text in extrasLines(extras, lang) { out.line(text) }
    }
}
