import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBProgression
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb progress --citizen`: one citizen's progression: levels per theme over time, goals judged
/// by type with their evidence, support levels per intervention, and what is overdue.
enum ProgressCommand: Command {
    static let spec = CommandSpec(
        "progress",
        abstract: "One citizen's progression: theme timelines, goal status, support levels, overdue follow-ups.",
        discussion: "Overdue follows the caseload's rules (ffb caseload --help): the planned follow-up (a follow-up's --next, else the order's own date before its first follow-up) passed with no follow-up since, or no follow-up for follow_up_months (12) months, while the order still runs on --today.",
        options: [OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number.", required: true), StoreOptions.db,
                  OptionSpec("today", value: "DATE", help: "The date overdue is judged at.", defaultDescription: "today")]
            + AnalysisOptions.options + [OutputFormat.option(allowed: [.table, .json])]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let settings = try AnalysisOptions.settings(arguments, context: context)
        let today = try arguments.date("today") ?? LocalDate.today
        let (citizen, data, followUps) = try StoreOptions.read(arguments, context: context) { store in
            let citizen = try store.citizen(arguments.requiredValue("citizen"))
            // Each order's follow-ups as its course read them: one read per order.
            let (data, followUps) = try StoreProgressionLoader.loadWithFollowUps(store, citizens: [citizen.pseudonym])
            return (citizen.pseudonym, data, followUps)
        }
        let catalog = data.catalog
        let period = settings.period
        let themes = (data.levels[citizen] ?? [:]).sorted { (catalog.themePosition($0.key) ?? 0) < (catalog.themePosition($1.key) ?? 0) }
        let courses = data.courses.filter { $0.order.citizen == citizen }
        let goals = data.goalEvaluations(period: period).filter { $0.order.citizen == citizen }

        var themeRecords: [JSONValue] = []
        for (code, series) in themes {
            let points = series.points.filter { period.contains($0.day) }
            guard !points.isEmpty else { continue }
            var previous: Int8?
            let baseline = points.first { $0.level >= 0 }?.level
            var timeline: [JSONValue] = []
            for point in points {
                let reference = settings.baseline == .first ? baseline : previous
                let change: JSONValue = (point.level >= 0 && (reference ?? -1) >= 0) ? .number(JSONNumber(Int(reference ?? 0) - Int(point.level))) : .null
                timeline.append(.object(JSONObject([
                    ("date", .string(LocalDate(dayNumber: Int(point.day)).iso)),
                    ("level", point.level >= 0 ? .number(JSONNumber(Int(point.level))) : .string(Assessed<FunctionLevel>.notAssessedText)),
                    ("change", change),
                ])))
                if point.level >= 0 { previous = point.level }
            }
            themeRecords.append(.object(JSONObject([
                ("theme", .string(code.rawValue)), ("name", .string(catalog.theme(code)?.name ?? code.rawValue)), ("timeline", .array(timeline)),
            ])))
        }
        let goalRecords: [JSONValue] = goals.map { evaluation in
            .object(JSONObject([
                ("goal", .string(evaluation.goal.id.storeText)),
                ("order", .string(evaluation.order.id.storeText)),
                ("theme", .string(evaluation.goal.primaryTheme.rawValue)),
                ("theme_name", .string(catalog.theme(evaluation.goal.primaryTheme)?.name ?? "")),
                ("type", .string(evaluation.goal.type.cliValue)),
                ("description", .string(evaluation.goal.description)),
                ("baseline", evaluation.baseline.map { levelRecord($0) } ?? .null),
                ("expected", .number(JSONNumber(evaluation.goal.expectedLevel.rawValue))),
                ("latest", evaluation.latest.map { levelRecord($0) } ?? .null),
                ("running", .bool(evaluation.running)),
                ("status", .string(evaluation.status.rawValue)),
            ]))
        }
        var overdue: [JSONValue] = []
        var overdueDues: [(order: String, due: FollowUpDue)] = []
        let courseRecords: [JSONValue] = courses.map { course in
            let done = followUps[course.order.id] ?? []
            // The caseload's rules (`FollowUpSchedule`), as of `today`, for an order still running then.
            if course.end.map({ $0 > today }) ?? true {
                let known = done.filter { $0.date <= today }
                let schedule = FollowUpSchedule(order: course.order, followUps: known, months: settings.followUpMonths)
                for due in schedule.dues where due.isOverdue(on: today) {
                    overdueDues.append((course.order.id.storeText, due))
                    overdue.append(.object(JSONObject([
                        ("order", .string(course.order.id.storeText)), ("kind", .string(due.kind.key)), ("what", .string(due.kind.key)),
                        ("due", .string(due.date.iso)), ("days_overdue", .number(JSONNumber(due.daysOverdue(on: today)))),
                    ])))
                }
            }
            return .object(JSONObject([
                ("order", .string(course.order.id.storeText)),
                ("provider", .string(course.order.provider.name)),
                ("start", .string(course.order.start.iso)),
                ("end", course.end.map { .string($0.iso) } ?? .null),
                ("support_levels", .array(course.supportSpells.map { .object(JSONObject([("from", .string($0.from.iso)), ("level", .string($0.level.cliValue))])) })),
            ]))
        }

        if OutputFormat.from(arguments) == .json {
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("citizen", .string(citizen.rawValue)), ("baseline", .string(settings.baseline.rawValue)), ("today", .string(today.iso)),
                ("themes", .array(themeRecords)), ("goals", .array(goalRecords)), ("interventions", .array(courseRecords)), ("overdue", .array(overdue)),
            ]))))
            return
        }
        let out = context.stdout
        let lang = context.language
        let baselineRule = settings.baseline == .first ? lang.pick("første", "first") : lang.pick("forrige", "previous")
        out.line(lang.pick("Progression for \(citizen) (udgangspunkt: \(baselineRule); lavere niveau er bedre; ændring > 0 er fremgang)",
                           "Progression for \(citizen) (baseline: \(baselineRule); lower level is better; change > 0 is improvement)"))
        out.line("")
        out.line(lang.pick("TEMAER", "THEMES"))
        for case .object(let record) in themeRecords {
            let steps = (record["timeline"]?.arrayValue ?? []).compactMap(\.objectValue).map { point in
                let level = point["level"]?.intValue.map(String.init) ?? lang.pick("ikke vurderet", "not assessed")
                let change = point["change"].flatMap(\.intValue).map { $0 > 0 ? " (+\($0))" : $0 < 0 ? " (\($0))" : " (±0)" } ?? ""
                return "\(RecordSet.plainText(point["date"] ?? .null)): \(level)\(change)"
            }
            out.line("  \(RecordSet.plainText(record["name"] ?? .null))")
            out.line("    " + steps.joined(separator: "  →  "))
        }
        out.line("")
        out.line(lang.pick("MÅL", "GOALS"))
        if goals.isEmpty { out.line(lang.pick("  ingen", "  none")) }
        for evaluation in goals {
            let name = catalog.theme(evaluation.goal.primaryTheme)?.name ?? ""
            let on = lang.pick("den", "on")
            let baseline = evaluation.baseline.map { "\($0.level.rawValue) \(on) \($0.day)" } ?? "–"
            let latest = evaluation.latest.map { "\($0.level.rawValue) \(on) \($0.day)" } ?? "–"
            out.line("  \(evaluation.status.name(in: lang).uppercased()): \(evaluation.goal.type.name(in: lang)) \(lang.pick("i", "on")) \(name) — \"\(evaluation.goal.description)\"")
            out.line(lang.pick(
                "    udgangspunkt \(baseline), forventet \(evaluation.goal.expectedLevel.rawValue), seneste \(latest)\(evaluation.running ? ", løber stadig" : "")",
                "    baseline \(baseline), expected \(evaluation.goal.expectedLevel.rawValue), latest \(latest)\(evaluation.running ? ", still running" : "")"
            ))
        }
        out.line("")
        out.line(lang.pick("STØTTENIVEAUER", "SUPPORT LEVELS"))
        for course in courses {
            let trajectory = course.supportSpells.map { "\($0.level.cliValue) \(lang.pick("fra", "from")) \($0.from)" }.joined(separator: " → ")
            let ended = course.end.map { lang.pick(", afsluttet \($0)", ", ended \($0)") } ?? ""
            out.line("  \(course.order.provider.name) (\(lang.pick("bestilling", "order")) \(course.order.id.storeText.prefix(8))): \(trajectory)\(ended)")
        }
        out.line("")
        out.line(lang.pick("OVERSKREDET (pr. \(today))", "OVERDUE (as of \(today))"))
        if overdue.isEmpty { out.line(lang.pick("  intet", "  nothing")) }
        let words = CaseloadWords.of(lang)
        for (order, due) in overdueDues {
            let days = due.daysOverdue(on: today)
            out.line(lang.pick("  \(words.kind(due.kind)) på bestilling \(order.prefix(8)): frist \(due.date), \(days) dage siden",
                               "  \(words.kind(due.kind)) on order \(order.prefix(8)): due \(due.date), \(days) days ago"))
        }
    }

    static func levelRecord(_ value: (day: LocalDate, level: FunctionLevel)) -> JSONValue {
        .object(JSONObject([("date", .string(value.day.iso)), ("level", .number(JSONNumber(value.level.rawValue)))]))
    }
}
