import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBStore
import Foundation

/// `ffb followup record`: a follow-up on an order with new levels, support level and decision.
enum FollowUpRecordCommand: Command {
    static let spec = CommandSpec(
        "record",
        abstract: "Record a follow-up (opfølgning) on an order.",
        discussion: """
        Recording the same follow-up again (same order, date, levels, support level, goal notes and decision) \
        writes nothing and says so (exit 0), so a retry is always safe. A different follow-up for an order and \
        date that already has one is refused unless it names the one it replaces with --supersedes; that one is \
        then marked entered in error and stops counting.
        """,
        options: [
            OptionSpec("order", value: "ORDER", help: "The order id (or its first 8+ characters).", required: true),
            OptionSpec("date", value: "DATE", help: "Date of the follow-up.", required: true),
            OptionSpec("theme", kind: .repeated, value: "THEME=LEVEL", help: "A new level for a scored theme."),
            OptionSpec("note", kind: .repeated, value: "THEME=TEXT", help: "A note on a theme."),
            OptionSpec("support-level", value: "LEVEL", help: "New support level A–E or ikke-vurderet."),
            OptionSpec("goal-note", kind: .repeated, value: "GOAL=TEXT", help: "A note on a goal (goal id or its first 8+ characters)."),
            OptionSpec("status", value: "STATUS", help: "The decision: continue, end or end-and-refer (or fortsæt, afslut, afslut-og-visiter).", required: true),
            OptionSpec("author", value: "NAME", help: "Who followed up.", defaultDescription: "--user"),
            OptionSpec("source", value: "SOURCE", help: "Where the levels come from.", allowed: AssessmentSource.allCases.map(\.rawValue)),
            OptionSpec("supersedes", value: "FOLLOW-UP", help: "The follow-up this one replaces (its id or first 8+ characters)."),
            OptionSpec("next", value: "DATE", help: "When the next follow-up is planned (after --date; status continue only). ffb caseload shows it, overdue once passed."),
        ] + StoreOptions.writeOptions,
        examples: [
            "ffb followup record --order 3f2a9c1e --date 2025-09-01 --theme \"Købe ind\"=2 --support-level B --goal-note 9b1c2d3e=\"Handler med følge\" --status continue",
            "ffb followup record --order 3f2a9c1e --date 2025-10-01 --support-level B --status continue --next 2026-04-01",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = BuiltInCatalogs.standard
        let source = arguments.value("source").flatMap(AssessmentSource.init(rawValue:))
        var problems = ProblemList()
        let date = try problems.check { () throws(CLIError) in try arguments.requiredDate("date") }
        let entries = try AssessCommand.flagEntries(arguments, catalog: catalog, source: source, problems: &problems)
        let supportLevel = try problems.check { () throws(CLIError) in try arguments.supportLevel("support-level") }
        let status = try problems.check { () throws(CLIError) in try arguments.followUpStatus("status") ?? .continue }
        try StoreReferences.check(arguments, context: context, order: arguments.value("order"), problems: &problems)
        guard let date, let supportLevel, let status, problems.isEmpty else { throw problems.failure }
        let user = try StoreOptions.user(arguments, context: context)
        let author = arguments.value("author") ?? user
        let goalNotes = try arguments.pairs("goal-note")
        let next = try arguments.date("next")
        let followUp = try StoreOptions.write(arguments, context: context) { store, writer in
            let stored = try store.order(arguments.requiredValue("order"))
            let order = stored.value
            let notes = try goalNotes.map { key, value in
                let goal = try store.goal(key).value
                guard goal.orderID == order.id else { throw StoreError.invalid("goal \(key) belongs to another order") }
                return FollowUp.GoalNote(goalSeriesID: goal.seriesID, note: value)
            }
            let replaced = try arguments.value("supersedes").flatMap { UUID(uuidString: try store.resolveID($0, kind: .followUp)) }
            let followUp = try FollowUp(order: order, date: date, entries: entries, supportLevel: supportLevel, goalNotes: notes, status: status,
                                        author: author, supersedes: replaced, nextFollowUp: next)
            try writer.record(followUp, citizen: order.citizen, caseNumber: order.caseNumber)
            return followUp
        }
        context.stdout.line(followUp.id.storeText)
    }
}

/// `ffb mark-error`: mark a record as entered in error. It stays in the history, marked.
enum MarkErrorCommand: Command {
    static let spec = CommandSpec(
        "mark-error",
        abstract: "Mark an assessment, order, goal or follow-up as entered in error (nothing is deleted).",
        options: [
            OptionSpec("kind", value: "KIND", help: "What to mark.", required: true, allowed: RecordKind.allCases.map(\.rawValue)),
            OptionSpec("id", value: "ID", help: "Its id (or its first 8+ characters).", required: true),
            OptionSpec("reason", value: "TEXT", help: "Why.", required: true),
        ] + StoreOptions.writeOptions
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let kind = RecordKind(rawValue: try arguments.requiredValue("kind")) else { return }
        let reason = try arguments.requiredValue("reason")
        // The audit keeps the reason beside the mark: spaces are none. (An imported mark keeps what
        // the sender wrote.)
        guard !reason.trimmingSpacesAndNewlines().isEmpty else { throw .invalid("--reason: say why the record is entered in error") }
        let id = try StoreOptions.write(arguments, context: context) { store, writer in
            let id = try store.resolveID(arguments.requiredValue("id"), kind: kind)
            try writer.markEnteredInError(kind: kind, id: id, reason: reason)
            return id
        }
        context.stdout.line(context.language.pick("\(kind.rawValue) \(id) er markeret som fejlregistreret.", "\(kind.rawValue) \(id) marked as entered in error."))
    }
}
