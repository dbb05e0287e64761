import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Writes native version 1 documents. The output depends on the content alone: the id is
/// derived from the content and `created` is the date the content is as of, so exporting the
/// same records from any store gives the same bytes.
public struct NativeWriter: Sendable {
    public init() {}

    public func document(_ exported: ExportedContent) -> JSONValue {
        document(content: exported.content, sender: exported.sender, receiver: exported.receiver, created: "\(exported.asOf.iso)T00:00:00Z")
    }

    public func document(content: ExchangeDocument.Content, sender: Organization, receiver: Organization, created: String, id: String? = nil) -> JSONValue {
        let kind = Self.kind(of: content)
        var body = JSONObject([
            ("format", .string(NativeFormat.name)),
            ("version", .number(JSONNumber(NativeFormat.version))),
            ("kind", .string(kind.rawValue)),
        ])
        let tail: [(String, JSONValue)] = [
            ("created", .string(created)),
            ("sender", party(sender)),
            ("receiver", party(receiver)),
            (NativeFormat.bodyKey(kind), contentValue(content)),
        ]
        var withoutID = body
        for (key, value) in tail where key != "created" { withoutID[key] = value }
        let documentID = id ?? DerivedID.uuid("document", ContentHash.of(.object(withoutID))).lowercased
        body["id"] = .string(documentID)
        for (key, value) in tail { body[key] = value }
        return .object(body)
    }

    static func kind(of content: ExchangeDocument.Content) -> DocumentKind {
        switch content {
        case .order: .order
        case .followUpReport: .followUpReport
        case .assessment: .assessment
        case .extract, .deliveryReport: .extract
        }
    }

    func contentValue(_ content: ExchangeDocument.Content) -> JSONValue {
        switch content {
        case .order(let package): order(package)
        case .followUpReport(let record): followUp(record)
        case .assessment(let package): assessmentDocument(package)
        case .extract(let extract):
            .object(JSONObject([
                ("orders", .array(extract.orders.map(order))),
                ("assessments", .array(extract.assessments.map(assessmentDocument))),
                ("follow_ups", .array(extract.followUps.map(followUp))),
            ]))
        case .deliveryReport(let report):
            contentValue(.extract(report.caseloadExtract))
        }
    }

    // MARK: Parts

    func party(_ organization: Organization) -> JSONValue {
        .object(JSONObject([("name", .string(organization.name)), ("identifier", .string(organization.identifier))]))
    }

    func citizen(_ identity: CitizenIdentity) -> JSONValue {
        .object(JSONObject([("cpr", .string(identity.cpr.formatted)), ("name", .string(identity.name))]))
    }

    func caseValue(_ details: CaseDetails) -> JSONValue {
        .object(JSONObject([
            ("number", .string(details.number)),
            ("opened", .string(details.opened.iso)),
            ("municipality", .object(JSONObject([("name", .string(details.municipality.name)), ("code", .string(details.municipality.code))]))),
        ]))
    }

    func entry(_ entry: AssessmentEntry) -> JSONValue {
        var object = JSONObject([("theme", .string(entry.theme.rawValue))])
        switch entry.finding {
        case .level(let level): object["level"] = functionLevel(level)
        case .relevance(let relevance): object["relevance"] = .string(relevance.rawValue)
        }
        if let note = entry.note { object["note"] = .string(note) }
        if let source = entry.source { object["source"] = .string(source.rawValue) }
        return .object(object)
    }

    func functionLevel(_ level: Assessed<FunctionLevel>) -> JSONValue {
        level.level.map { .number(JSONNumber($0.rawValue)) } ?? .string(Assessed<FunctionLevel>.notAssessedText)
    }

    func assessment(_ record: AssessmentRecord, includeCase: Bool) -> JSONObject {
        var object = JSONObject([("id", .string(record.id.lowercased))])
        if includeCase, let caseNumber = record.caseNumber { object["case_number"] = .string(caseNumber) }
        object["date"] = .string(record.date.iso)
        object["assessor"] = .string(record.assessor)
        object["entries"] = .array(record.entries.map(entry))
        if let reason = record.enteredInError { object["entered_in_error"] = .string(reason) }
        return object
    }

    func assessmentDocument(_ package: AssessmentPackage) -> JSONValue {
        var object = JSONObject([("citizen", citizen(package.citizen))])
        if let details = package.caseDetails { object["case"] = caseValue(details) }
        for member in assessment(package.assessment, includeCase: false) { object[member.key] = member.value }
        return .object(object)
    }

    func order(_ package: OrderPackage) -> JSONValue {
        let terms = package.order
        var citizen = citizen(package.citizen)
        if case .object(var members) = citizen, let contact = package.contact {
            if let phone = contact.phone { members["phone"] = .string(phone) }
            if let address = contact.address {
                members["address"] = .object(JSONObject([
                    ("line", .string(address.line)), ("postal_code", .string(address.postalCode)), ("city", .string(address.city)),
                ]))
            }
            citizen = .object(members)
        }
        var object = JSONObject([
            ("citizen", citizen),
            ("case", caseValue(package.caseDetails)),
            ("assessments", .array(package.assessments.map { .object(assessment($0, includeCase: true)) })),
            ("id", .string(terms.id.lowercased)),
            ("services", .array(terms.services.map { .string($0.rawValue) })),
        ])
        if let offerType = terms.offerType { object["offer_type"] = .string(offerType.rawValue) }
        object["target_groups"] = .array(terms.targetGroups.map { group in
            .object(JSONObject([("code", .string(group.code.rawValue)), ("primary", .bool(group.isPrimary))]))
        })
        object["provider"] = party(terms.provider)
        if let payer = terms.payer { object["payer"] = party(payer) }
        if let account = package.details?.payerAccount { object["payer_account"] = .string(account) }
        if let purpose = package.details?.purpose { object["purpose"] = .string(purpose) }
        object["support_level"] = .string(terms.supportLevel.cliValue)
        object["issued"] = .string(terms.issued.iso)
        object["start"] = .string(terms.start.iso)
        if let followUp = terms.followUpDate { object["follow_up_date"] = .string(followUp.iso) }
        object["goals"] = .array(package.goals.map(goal))
        return .object(object)
    }

    func goal(_ record: GoalRecord) -> JSONValue {
        let goal = record.goal
        var object = JSONObject([
            ("id", .string(goal.id.lowercased)),
            ("series_id", .string(goal.seriesID.lowercased)),
            ("version", .number(JSONNumber(goal.version))),
        ])
        if let supersedes = goal.supersedes { object["supersedes"] = .string(supersedes.lowercased) }
        object["primary_theme"] = .string(goal.primaryTheme.rawValue)
        object["secondary_themes"] = .array(goal.secondaryThemes.map { .string($0.rawValue) })
        object["type"] = .string(goal.type.rawValue)
        object["expected_level"] = .number(JSONNumber(goal.expectedLevel.rawValue))
        object["description"] = .string(goal.description)
        if let followUp = goal.followUpDate { object["follow_up_date"] = .string(followUp.iso) }
        if let reason = record.enteredInError { object["entered_in_error"] = .string(reason) }
        return .object(object)
    }

    func followUp(_ record: FollowUpRecord) -> JSONValue {
        var object = JSONObject([
            ("id", .string(record.id.lowercased)),
            ("order", .string(record.orderID.lowercased)),
            ("date", .string(record.date.iso)),
            ("author", .string(record.author)),
            ("status", .string(record.status.rawValue)),
        ])
        if let level = record.supportLevel { object["support_level"] = .string(level.cliValue) }
        object["entries"] = .array(record.entries.map(entry))
        object["goal_evaluations"] = .array(record.goalNotes.map { note in
            .object(JSONObject([("goal", .string(note.goalSeriesID.lowercased)), ("note", .string(note.note))]))
        })
        return .object(object)
    }
}
