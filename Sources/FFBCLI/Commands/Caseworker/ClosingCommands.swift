import FFBCommandLine
import FFBModel
import FFBStore
import Foundation

/// `ffb case close`: a case closed on a date, for a reason (a record of its own; the case stays).
enum CaseCloseCommand: Command {
    static let spec = CommandSpec(
        "close",
        abstract: "Close a case on a date, for a reason; its orders stop running then.",
        discussion: """
        The closing is a record of its own (the store is append-only). Refused, with nothing written, when \
        the case is closed already, was opened after the date, or has an order that starts or was followed up \
        after it. Every view counts the case's orders as ended on the closing date.
        """,
        options: [
            OptionSpec("date", value: "DATE", help: "The day the case closes.", required: true),
            OptionSpec("reason", value: "TEXT", help: "Why it closes.", required: true),
        ] + StoreOptions.writeOptions,
        positionals: [PositionalSpec("CASE", help: "The case number (sagsnummer).")],
        examples: ["ffb case close S-9 --date 2026-06-30 --reason \"Borgeren er flyttet til en anden kommune\""]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let closing = try ClosingOptions.closing(arguments)
        let number = arguments.positionals[0]
        try StoreOptions.write(arguments, context: context) { _, writer in
            try writer.closeCase(number, closing)
        }
        context.stdout.line(context.language.pick("Sag \(number) afsluttet \(closing.date).", "Case \(number) closed \(closing.date)."))
    }
}

/// `ffb order end`: an order ended on a date, for a reason, without a follow-up.
enum OrderEndCommand: Command {
    static let spec = CommandSpec(
        "end",
        abstract: "End an order on a date, for a reason (without a follow-up).",
        discussion: """
        The ending is a record of its own (the store is append-only). Refused, with nothing written, when the \
        order has ended already (a follow-up with status end or end-and-refer, an earlier ending, or its case \
        closed), starts after the date, or was followed up after it.
        """,
        options: [
            OptionSpec("date", value: "DATE", help: "The day the order ends.", required: true),
            OptionSpec("reason", value: "TEXT", help: "Why it ends.", required: true),
        ] + StoreOptions.writeOptions,
        positionals: [PositionalSpec("ORDER", help: "The order's id or an unambiguous prefix of at least 8 characters.")],
        examples: ["ffb order end 5c8d2e7a --date 2026-06-30 --reason \"Borgeren ønsker ikke længere støtten\""]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let closing = try ClosingOptions.closing(arguments)
        let order = try StoreOptions.write(arguments, context: context) { store, writer in
            let order = try store.order(arguments.positionals[0])
            try writer.endOrder(order.value.id, closing)
            return order.value
        }
        context.stdout.line(context.language.pick("Bestilling \(order.id.storeText) afsluttet \(closing.date).", "Order \(order.id.storeText) ended \(closing.date)."))
    }
}

/// `--date` and `--reason` of the closing commands.
enum ClosingOptions {
    static func closing(_ arguments: ParsedArguments) throws(CLIError) -> Closing {
        let date = try arguments.requiredDate("date")
        let reason = try arguments.requiredValue("reason")
        do {
            return try Closing(date: date, reason: reason)
        } catch {
            throw .invalid("--reason: \(error.message)")
        }
    }
}
