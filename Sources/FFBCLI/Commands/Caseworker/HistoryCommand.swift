import FFBCatalog
import FFBCommandLine
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// `ffb history --citizen`: everything recorded about a citizen, superseded versions and
/// entered-in-error records included, in date order.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        "history",
        abstract: "Show the timeline of everything recorded for a citizen, including superseded versions.",
        options: [OptionSpec("citizen", value: "CITIZEN", help: "Pseudonym or CPR number.", required: true)]
            + StoreOptions.personalViewOptions + [OutputFormat.option(allowed: [.table, .json])]
    )

    struct Event {
        var date: LocalDate
        var sequence: Int64
        var kind: String
        var id: String
        var summary: String
        var details: [String]
        var recorded: WriteInfo
        var enteredInError: String?
        var supersededBy: String?
        /// Warnings the write that recorded this gave (kept in the audit trail).
        var warnings: [String] = []

        var record: JSONObject {
            JSONObject([
                ("date", .string(date.iso)),
                ("kind", .string(kind)),
                ("id", .string(id)),
                ("summary", .string(summary)),
                ("details", .array(details.map(JSONValue.string))),
                ("recorded_at", .string(recorded.at)),
                ("recorded_by", .string(recorded.user)),
                ("command", .string(recorded.command)),
                ("entered_in_error", enteredInError.map(JSONValue.string) ?? .null),
                ("superseded_by", supersededBy.map(JSONValue.string) ?? .null),
                ("warnings", .array(warnings.map(JSONValue.string))),
            ])
        }
    }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let (citizen, name, events) = try StoreOptions.readPersonal(arguments, context: context) { store in
            let citizen = try store.citizen(arguments.requiredValue("citizen"))
            // The name as last recorded (`citizen update`), as `citizen show` gives it.
            let name = try store.contact(of: citizen.pseudonym)?.value.name ?? citizen.name
            var events = try timeline(of: citizen, in: store, language: context.language)
            let warnings = try store.warnings(ofWrites: Set(events.map(\.recorded.id)))
            for index in events.indices { events[index].warnings = warnings[events[index].recorded.id] ?? [] }
            return ((citizen, name, events), [citizen.pseudonym])
        }
        if OutputFormat.from(arguments) == .json {
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("citizen", .string(citizen.pseudonym.rawValue)),
                ("cpr", .string(citizen.cpr.formatted)),
                ("name", .string(name)),
                ("events", .array(events.map { .object($0.record) })),
            ]))))
            return
        }
        let lang = context.language
        context.stdout.line("\(name)  \(citizen.cpr.formatted)  (\(citizen.pseudonym))")
        context.stdout.line("")
        for event in events {
            var flags: [String] = []
            if let supersededBy = event.supersededBy { flags.append(lang.pick("erstattet af", "superseded by") + " \(supersededBy.prefix(8))") }
            if let reason = event.enteredInError { flags.append(lang.pick("FEJLREGISTRERET", "ENTERED IN ERROR") + ": \(reason)") }
            let flagText = flags.isEmpty ? "" : "  [\(flags.joined(separator: "; "))]"
            context.stdout.line("\(event.date)  \(kindLabel(event.kind, lang).padding(toLength: 13, withPad: " ", startingAt: 0))  \(event.summary)\(flagText)")
            for detail in event.details { context.stdout.line("              \(detail)") }
            let recorded = "\(event.recorded.at.prefix(19)) \(lang.pick("af", "by")) \(event.recorded.user) (\(event.recorded.command)); id \(event.id)"
            context.stdout.line("              " + lang.pick("registreret ", "recorded ") + recorded)
            for warning in event.warnings { context.stdout.line("              " + lang.pick("bemærkning: ", "warning: ") + warning) }
        }
    }

    /// An event's kind as the table shows it (`kind` itself is a key, the same in every language).
    static func kindLabel(_ kind: String, _ lang: Language) -> String {
        guard lang == .da else { return kind }
        switch kind {
        case "case": return "sag"
        case "contact": return "kontakt"
        case "assessment": return "udredning"
        case "order": return "bestilling"
        case "goal": return "mål"
        case "follow-up": return "opfølgning"
        case "case closed": return "sag afsluttet"
        case "order ended": return "afsluttet"
        default: return kind.hasPrefix("goal v") ? "mål v" + kind.dropFirst(6) : kind
        }
    }

    static func timeline(of citizen: Citizen, in store: any CaseStore, language lang: Language) throws -> [Event] {
        let catalog = store.catalog
        func themeName(_ code: KLCode) -> String { catalog.name(of: code, kind: .themes) }
        var events: [Event] = []
        for stored in try store.cases(of: citizen.pseudonym) {
            let caseFile = stored.value
            events.append(Event(date: caseFile.opened, sequence: stored.recorded.id, kind: "case", id: caseFile.caseNumber,
                                summary: lang.pick("sag \(caseFile.caseNumber) oprettet", "case \(caseFile.caseNumber) opened") + ", \(caseFile.municipality.name) (\(caseFile.municipality.code))",
                                details: [], recorded: stored.recorded))
        }
        for (number, stored) in try store.caseClosings(of: citizen.pseudonym) {
            events.append(Event(date: stored.value.date, sequence: stored.recorded.id, kind: "case closed", id: number,
                                summary: lang.pick("sag \(number) afsluttet: ", "case \(number) closed: ") + stored.value.reason,
                                details: [], recorded: stored.recorded))
        }
        for (order, stored) in try store.orderEndings(of: citizen.pseudonym) {
            events.append(Event(date: stored.value.date, sequence: stored.recorded.id, kind: "order ended", id: order,
                                summary: lang.pick("bestilling \(order.prefix(8)) afsluttet: ", "order \(order.prefix(8)) ended: ") + stored.value.reason,
                                details: [], recorded: stored.recorded))
        }
        let contacts = try store.contacts(of: citizen.pseudonym)
        for (index, stored) in contacts.enumerated() {
            let contact = stored.value
            // Contact data has no clinical date: it belongs to the day it was recorded.
            events.append(Event(date: LocalDate(iso: String(stored.recorded.at.prefix(10))) ?? LocalDate(dayNumber: 0), sequence: stored.recorded.id,
                                kind: "contact", id: "\(citizen.pseudonym)/\(index + 1)",
                                summary: lang.pick("kontaktdata version \(index + 1)", "contact data version \(index + 1)")
                                    + (index + 1 < contacts.count ? lang.pick(" (erstattet af version \(index + 2))", " (replaced by version \(index + 2))") : "")
                                    + ": \(contact.name)",
                                details: [contact.phone.map { lang.pick("telefon ", "phone ") + $0 } ?? lang.pick("intet telefonnummer", "no phone"),
                                          contact.address.map { lang.pick("adresse ", "address ") + $0.text } ?? lang.pick("ingen adresse", "no address")],
                                recorded: stored.recorded))
        }
        for stored in try store.assessments(of: citizen.pseudonym) where stored.value.kind == .assessment {
            let assessment = stored.value
            events.append(Event(date: assessment.date, sequence: stored.recorded.id, kind: "assessment", id: assessment.id.storeText,
                                summary: lang.pick("udredning ved ", "assessment by ") + assessment.assessor
                                    + (assessment.caseNumber.map { lang.pick(" (sag \($0))", " (case \($0))") } ?? ""),
                                details: assessment.entries.map { describe($0, name: themeName($0.theme), lang) },
                                recorded: stored.recorded, enteredInError: stored.enteredInError))
        }
        let followUpLevels = Dictionary(try store.assessments(of: citizen.pseudonym).filter { $0.value.kind == .followUp }.map { ($0.value.id, $0.value) },
                                        uniquingKeysWith: { first, _ in first })
        for stored in try store.orders(of: citizen.pseudonym) {
            let order = stored.value
            events.append(Event(date: order.issued, sequence: stored.recorded.id, kind: "order", id: order.id.storeText,
                                summary: lang.pick("bestilling hos", "order to") + " \(order.provider.name) (\(order.provider.identifier)), "
                                    + lang.pick("støtteniveau \(order.supportLevel.cliValue), start \(order.start)", "support level \(order.supportLevel.cliValue), start \(order.start)"),
                                details: order.services.map { lang.pick("ydelse: ", "service: ") + catalog.name(of: $0, kind: .services) }
                                    + order.targetGroups.map {
                                        lang.pick("målgruppe: ", "target group: ") + catalog.name(of: $0.code, kind: .targetGroups) + ($0.isPrimary ? lang.pick(" (primær)", " (primary)") : "")
                                    },
                                recorded: stored.recorded, enteredInError: stored.enteredInError))
            let goals = try store.goals(of: order.id)
            for stored in goals {
                let goal = stored.value
                let successor = goals.first { $0.value.supersedes == goal.id }
                // A goal has no clinical date: the first version belongs to the order, a revision to
                // the day it was recorded.
                let recordedDay = LocalDate(iso: String(stored.recorded.at.prefix(10))) ?? order.issued
                events.append(Event(date: goal.version == 1 ? order.issued : max(order.issued, recordedDay),
                                    sequence: stored.recorded.id, kind: goal.version == 1 ? "goal" : "goal v\(goal.version)", id: goal.id.storeText,
                                    summary: summary(of: goal, catalog: catalog, lang),
                                    details: ["\"\(goal.description)\"", goal.followUpDate.map { lang.pick("opfølgning ", "follow-up ") + $0.iso } ?? lang.pick("ingen opfølgningsdato", "no follow-up date")]
                                        + (goal.supersedes.map { [lang.pick("erstatter ", "replaces ") + $0.storeText] } ?? []),
                                    recorded: stored.recorded, enteredInError: stored.enteredInError, supersededBy: successor?.value.id.storeText))
            }
            for stored in try store.followUps(of: order.id) {
                let followUp = stored.value
                let levels = followUpLevels[followUp.assessmentID]?.entries.map { describe($0, name: themeName($0.theme), lang) } ?? []
                let notes = followUp.goalNotes.map { lang.pick("mål ", "goal ") + "\($0.goalSeriesID.storeText.prefix(8)): \"\($0.note)\"" }
                events.append(Event(date: followUp.date, sequence: stored.recorded.id, kind: "follow-up", id: followUp.id.storeText,
                                    summary: lang.pick("opfølgning på bestilling ", "follow-up on order ") + "\(order.id.storeText.prefix(8)): "
                                        + followUp.status.name(in: lang).lowercased()
                                        + (followUp.supportLevel.map { lang.pick(", støtteniveau ", ", support level ") + $0.cliValue } ?? ""),
                                    details: levels + notes, recorded: stored.recorded, enteredInError: stored.enteredInError))
            }
        }
        return events.sorted { ($0.date, $0.sequence) < ($1.date, $1.sequence) }
    }

    /// A goal in one line: its type, themes and expected level.
    static func summary(of goal: Goal, catalog: Catalog, _ lang: Language) -> String {
        let secondary = goal.secondaryThemes.isEmpty ? ""
            : lang.pick(", også ", ", also ") + goal.secondaryThemes.map { catalog.name(of: $0, kind: .themes) }.joined(separator: ", ")
        return "\(goal.type.name(in: lang)) \(lang.pick("i", "on")) \(catalog.name(of: goal.primaryTheme, kind: .themes))\(secondary): "
            + lang.pick("forventet niveau ", "expected level ") + String(goal.expectedLevel.rawValue)
    }

    static func describe(_ entry: AssessmentEntry, name: String, _ lang: Language) -> String {
        var text: String
        switch entry.finding {
        case .level(.assessed(let level)): text = "\(name): \(level.rawValue) (\(level.name(in: lang).lowercased()))"
        case .level(.notAssessed): text = "\(name): " + lang.pick("ikke vurderet", "not assessed")
        case .relevance(.relevant): text = "\(name): relevant"
        case .relevance(.notRelevant): text = "\(name): " + lang.pick("ikke relevant", "not relevant")
        case .relevance(.unspecified): text = "\(name): " + lang.pick("uspecificeret", "unspecified")
        }
        if let note = entry.note { text += " — \"\(note)\"" }
        if let source = entry.source { text += " [\(source.danishName.lowercased())]" }
        return text
    }
}
