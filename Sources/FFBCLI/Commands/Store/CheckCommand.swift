import FFBCatalog
import FFBFiles
import FFBCommandLine
import FFBJSON
import FFBStore

/// `ffb check`: is the store sound and untouched? SQLite's integrity, the references between
/// records, the schema and append-only triggers against this ffb's, and the audit hash chain.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        "check",
        abstract: "Check the store: integrity, triggers and schema as ffb made them, and the audit trail's hash chain.",
        discussion: """
        Every write makes the same schema check and refuses to write into a store changed outside ffb. \
        Exit 0 when every check passes, 3 when one finds a problem (each problem is printed). Records that \
        break a plausibility rule (dated after today, before their case was opened, outside their order, a goal \
        whose expected level contradicts its type and baseline) are listed for review; they do not fail the check.
        """,
        options: StoreOptions.readOptions + [
            OptionSpec("today", value: "DATE", help: "The day records are judged against.", defaultDescription: "today"),
            OutputFormat.option(allowed: [.table, .json]), .quiet,
        ],
        examples: ["ffb check --db ffb.sqlite"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let today = try arguments.date("today") ?? .today
        let json = OutputFormat.from(arguments) == .json
        // JSON is for programs: its messages in English whatever the reader's language.
        let lang = json ? Language.en : context.language
        let (report, implausible) = try StoreOptions.read(arguments, context: context) { store in
            (try context.withProgress(arguments, "check", unit: "pages") { progress throws(StoreError) in try store.check(progress: progress) },
             try store.implausibleRecords(today: today, language: lang))
        }
        if json {
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("schema_version", .number(JSONNumber(report.schemaVersion))),
                ("ok", .bool(report.problems.isEmpty)),
                ("checks", .array(report.findings.map { finding in
                    .object(JSONObject([
                        ("check", .string(finding.check)),
                        ("ok", .bool(finding.problems.isEmpty)),
                        ("detail", .string(finding.detail)),
                        ("problems", .array(finding.problems.map(JSONValue.string))),
                    ]))
                })),
                ("implausible", .array(implausible.map { record in
                    .object(JSONObject([("rule", .string(record.rule.rawValue)), ("message", .string(record.message))]))
                })),
            ]))))
        } else {
            let path = StoreOptions.path(arguments, context: context)
            context.stdout.line(lang.pick("Database \(path) (skemaversion \(report.schemaVersion))", "Store \(path) (schema version \(report.schemaVersion))"))
            for finding in report.findings {
                let check = CheckWords.check(finding.check, lang)
                if finding.problems.isEmpty {
                    context.stdout.line("  ok       \(check): \(CheckWords.detail(finding.detail, lang))")
                } else {
                    for problem in finding.problems { context.stdout.line("  " + lang.pick("PROBLEM ", "PROBLEM ") + " \(check): \(TerminalText.safe(problem))") }
                }
            }
            let plausibility = lang.pick("plausibilitet", "plausibility")
            if implausible.isEmpty {
                context.stdout.line(lang.pick(
                    "  ok       \(plausibility): intet dateret efter \(today), uden for sin sag eller bestilling, og intet mål imod sit udgangspunkt",
                    "  ok       \(plausibility): no record dated after \(today), outside its case or order, or a goal against its baseline"))
            } else {
                for record in implausible { context.stdout.line("  " + lang.pick("SE PÅ   ", "REVIEW  ") + " \(plausibility): \(record.message)") }
            }
        }
        guard report.problems.isEmpty else {
            throw .store("the check found \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); do not write to this store before they are understood")
        }
    }
}
