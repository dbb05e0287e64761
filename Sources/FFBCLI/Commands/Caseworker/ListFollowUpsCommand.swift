import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb list follow-ups`: every follow-up, or one citizen's or one order's (pseudonyms, never CPR numbers).
enum ListFollowUpsCommand: Command {
    static let spec = CommandSpec(
        "follow-ups",
        abstract: "List follow-ups: id, citizen pseudonym, order, provider, date, decision, support level, next planned.",
        discussion: """
        --format json gives an array of {id, citizen, order, provider, date, status, support_level, \
        next_follow_up, goal_notes (count), recorded_by, entered_in_error}; csv the same columns.
        """,
        options: StoreOptions.readOptions + [
            OptionSpec("citizen", value: "CITIZEN", help: "Only this citizen's follow-ups (pseudonym or CPR number)."),
            OptionSpec("order", value: "ORDER", help: "Only this order's follow-ups (its id or first 8+ characters)."),
            .flag("include-errors", help: "Also list follow-ups marked entered in error (superseded ones too)."),
            OutputFormat.option(),
        ],
        examples: ["ffb list follow-ups --citizen P-7K3M9Q2X", "ffb list follow-ups --order 3f2a9c1e --format json"]
    )

    /// The view's headings, in one place.
    static let columns: [(key: String, column: TextTable.Column)] = [
        ("id", .init(title: "ID", maxWidth: 9)), ("citizen", .init(title: "BORGER")), ("order", .init(title: "BESTILLING", maxWidth: 9)),
        ("provider", .init(title: "UDFØRER", maxWidth: 30)), ("date", .init(title: "DATO")), ("status", .init(title: "AFGØRELSE")),
        ("support_level", .init(title: "STØTTE")), ("next_follow_up", .init(title: "NÆSTE PLANLAGT")),
        ("entered_in_error", .init(title: "FEJLREGISTRERET")),
    ]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let listing = try StoreOptions.read(arguments, context: context) { store in
            let citizen = try arguments.value("citizen").map { try store.citizen($0).pseudonym }
            return try FollowUpListing.list(in: store, citizen: citizen, order: arguments.value("order"),
                                            includingErrors: arguments.flag("include-errors"))
        }
        var records = RecordSet(tableColumns: columns, tableText: [
            "status": { value, language in value.stringValue.flatMap(FollowUpStatus.init(cliValue:))?.shortName(in: language) ?? RecordSet.plainText(value) },
            "support_level": { value, language in
                value.stringValue.flatMap(Assessed<SupportLevel>.init(text:))?.cellText(in: language) ?? RecordSet.plainText(value)
            },
        ])
        for item in listing {
            let followUp = item.followUp.value
            records.append(JSONObject([
                ("id", .string(followUp.id.storeText)),
                ("citizen", .string(item.order.citizen.rawValue)),
                ("order", .string(item.order.id.storeText)),
                ("provider", .string(item.order.provider.name)),
                ("provider_id", .string(item.order.provider.identifier)),
                ("date", .string(followUp.date.iso)),
                ("status", .string(followUp.status.cliValue)),
                ("support_level", followUp.supportLevel.map { .string($0.cliValue) } ?? .null),
                ("next_follow_up", followUp.nextFollowUp.map { .string($0.iso) } ?? .null),
                ("goal_notes", .number(JSONNumber(followUp.goalNotes.count))),
                ("recorded_by", .string(item.followUp.recorded.user)),
                ("entered_in_error", .bool(item.followUp.enteredInError != nil)),
            ]))
        }
        records.write(OutputFormat.from(arguments), language: context.language, to: context.stdout)
    }
}
