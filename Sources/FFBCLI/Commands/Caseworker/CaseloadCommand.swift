import FFBCommandLine
import FFBFiles
import FFBJSON
import FFBModel
import FFBProgression
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb caseload`: every running order with its next planned follow-up and what is overdue.
enum CaseloadCommand: Command {
    static let spec = CommandSpec(
        "caseload",
        abstract: "The caseload at a glance: running orders per citizen, the next planned follow-up, what is overdue.",
        discussion: """
        An order runs until it ends: a follow-up with status end or end-and-refer, ffb order end, or its case \
        closed (ffb case close); an ended order is never overdue. Two things fall due on a running order: the \
        planned follow-up (the --next of its latest follow-up, or before the first one the order's own \
        --follow-up date; overdue once passed with no follow-up since) and a follow-up at the latest \
        follow_up_months after its latest follow-up, or after its start if it never had one (12 unless the \
        settings file or --follow-up-months says otherwise). Each overdue date is a row; an order with nothing \
        overdue shows its next due date. --user NAME keeps the citizens whose newest assessment or order NAME \
        recorded (the audit trail's user: --user or $USER when it was written). --format json gives an array of \
        {citizen, name, caseworker, order, provider, start, theme_count, last_follow_up, next_follow_up, kind \
        (planned-follow-up or no-follow-up-12-months), due, days_overdue (negative: days left), overdue}.
        """,
        options: [
            StoreOptions.db,
            OptionSpec("today", value: "DATE", help: "The day overdue is judged at.", defaultDescription: "today"),
            OptionSpec("user", value: "NAME", help: "Only this caseworker's citizens (who recorded their newest assessment or order)."),
            OptionSpec("follow-up-months", value: "N", help: "Months without a follow-up before a running order is overdue.",
                       defaultDescription: "follow_up_months in the settings file, else 12"),
            OptionSpec("settings", value: "FILE", help: "A settings file (key = value; see Docs/progression.md).", defaultDescription: "$FFB_SETTINGS"),
            .flag("overdue", help: "Only what is overdue."),
            StoreOptions.purpose,
            OutputFormat.option(),
        ],
        examples: ["ffb caseload", "ffb caseload --today 2026-06-01 --user sagsbehandler-anna --format json", "ffb caseload --overdue --follow-up-months 6"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let today = try arguments.date("today") ?? LocalDate.today
        let months = try followUpMonths(arguments, context: context)
        let caseworker = arguments.value("user")
        // The caseload shows names: the look is logged under --user or $USER (who looks is, here,
        // whose caseload); on a shared store under the role that logs in, whoever's caseload it is.
        let caseload = try StoreOptions.readPersonal(arguments, context: context, userIsAFilter: true) { store in
            let caseload = try Caseload.load(store, today: today, months: months, caseworker: caseworker, onlyOverdue: arguments.flag("overdue"))
            return (caseload, caseload.entries.map(\.citizen))
        }
        let format = OutputFormat.from(arguments)
        guard format == .table else {
            var records = RecordSet(tableColumns: [])
            for entry in caseload.entries { records.append(record(entry)) }
            records.write(format, language: context.language, to: context.stdout)
            return
        }
        context.stdout.write(table(caseload, caseworker: caseworker, onlyOverdue: arguments.flag("overdue"), words: .of(context.language)))
    }

    /// `--follow-up-months`, else the settings file's `follow_up_months`, else 12.
    static func followUpMonths(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> Int {
        let settings = try AnalysisOptions.settingsFile(arguments, context: context)
        guard let text = arguments.value("follow-up-months") else { return settings.followUpMonths }
        guard let months = Int(text), (1...ProgressionSettings.maxFollowUpMonths).contains(months) else {
            throw .invalid("--follow-up-months: \"\(text)\" is not a whole number from 1 to \(ProgressionSettings.maxFollowUpMonths)")
        }
        return months
    }

    static func record(_ entry: Caseload.Entry) -> JSONObject {
        func date(_ value: LocalDate?) -> JSONValue { value.map { .string($0.iso) } ?? .null }
        return JSONObject([
            ("citizen", .string(entry.citizen.rawValue)),
            ("name", .string(entry.name)),
            ("caseworker", entry.caseworker.map(JSONValue.string) ?? .null),
            ("order", .string(entry.order.id.storeText)),
            ("provider", .string(entry.order.provider.name)),
            ("provider_id", .string(entry.order.provider.identifier)),
            ("start", .string(entry.order.start.iso)),
            ("theme_count", .number(JSONNumber(entry.themeCount))),
            ("last_follow_up", date(entry.schedule.lastFollowUp)),
            ("next_follow_up", date(entry.schedule.planned)),
            ("kind", .string(entry.due.kind.key)),
            ("due", .string(entry.due.date.iso)),
            ("days_overdue", .number(JSONNumber(entry.daysOverdue))),
            ("overdue", .bool(entry.isOverdue)),
        ])
    }

    /// The people's view: a line per citizen, their orders' due dates under it.
    static func table(_ caseload: Caseload, caseworker: String?, onlyOverdue: Bool = false, words: CaseloadWords) -> String {
        let entries = caseload.entries
        var text = words.title(caseload.today, caseload.months, caseworker.map(TerminalText.safe)) + "\n"
        guard !entries.isEmpty else { return text + (onlyOverdue ? words.nothingOverdue : words.nothing) + "\n" }
        let citizens = Set(entries.map(\.citizen)).count, orders = Set(entries.map(\.order.id)).count
        text += words.summary(citizens, orders, entries.filter(\.isOverdue).count) + "\n\n"
        var table = TextTable([
            .init(title: words.citizen), .init(title: words.name, maxWidth: 24), .init(title: words.order), .init(title: words.provider, maxWidth: 24),
            .init(title: words.themes, alignment: .right), .init(title: words.lastFollowUp), .init(title: words.planned),
            .init(title: words.what), .init(title: words.due), .init(title: words.status),
        ])
        var previous: (citizen: Pseudonym, order: UUID)?
        for entry in entries {
            let sameCitizen = previous?.citizen == entry.citizen, sameOrder = sameCitizen && previous?.order == entry.order.id
            table.append([
                sameCitizen ? "" : entry.citizen.rawValue, sameCitizen ? "" : entry.name,
                sameOrder ? "" : String(entry.order.id.storeText.prefix(8)), sameOrder ? "" : entry.order.provider.name,
                sameOrder ? "" : String(entry.themeCount), sameOrder ? "" : entry.schedule.lastFollowUp?.iso ?? "–",
                sameOrder ? "" : entry.schedule.planned?.iso ?? "–",
                words.kind(entry.due.kind), entry.due.date.iso, words.status(entry.daysOverdue),
            ])
            previous = (entry.citizen, entry.order.id)
        }
        return text + table.render()
    }
}
