import FFBCatalog
import FFBJSON
import FFBModel

/// The order and follow-up parts of native documents.
enum OrderReader {
    static func read(_ reader: inout FieldReader) -> RawOrder? {
        var contact: (phone: String?, address: PostalAddress?)?
        let citizen = reader.object("citizen") { inner -> RawCitizen? in
            contact = ContactReader.read(&inner)
            return CitizenReader.read(&inner)
        }
        let caseFile = reader.object("case") { CaseReader.read(&$0) }
        let assessments = reader.objects("assessments", required: false) { AssessmentReader.read(&$0) }
        let id = reader.uuid("id")
        let services = reader.strings("services")
        let offerType = reader.string("offer_type", required: false)
        let targetGroups = reader.objects("target_groups", required: false) { group -> RawTargetGroup? in
            let code = group.string("code")
            let primary = group.bool("primary", required: false) ?? false
            guard let code else { return nil }
            return RawTargetGroup(code: code, isPrimary: primary, pointer: group.pointer)
        }
        let provider = reader.object("provider") { PartyReader.read(&$0) }
        let payer = reader.object("payer", required: false) { PartyReader.read(&$0) }
        let payerAccount = reader.string("payer_account", required: false)
        let purpose = reader.string("purpose", required: false, maxLength: DecodeLimits.longText)
        if payerAccount != nil, payer == nil { reader.fail("\"payer_account\" needs a \"payer\"", at: reader.pointer("payer_account")) }
        let supportLevel = reader.supportLevel("support_level")
        let issued = reader.date("issued")
        let start = reader.date("start")
        let followUpDate = reader.date("follow_up_date", required: false)
        let goals = reader.objects("goals", required: false) { GoalReader.read(&$0) }
        guard !reader.reader.hasIssues, let citizen, let caseFile, let id, let services, let provider, let supportLevel, let issued, let start else {
            return nil
        }
        let terms = RawOrderTerms(
            id: id, services: services, offerType: offerType,
            targetGroups: targetGroups ?? Located([], at: reader.pointer("target_groups")),
            provider: provider, payer: payer, supportLevel: supportLevel, issued: issued, start: start,
            followUpDate: followUpDate, pointer: reader.pointer
        )
        var order = RawOrder(citizen: citizen, caseFile: caseFile, assessments: assessments?.value ?? [], order: terms,
                             goals: goals?.value ?? [], pointer: reader.pointer)
        // Checked when read (a bad phone or address is an error at its member), so these cannot fail.
        let details = purpose != nil || payerAccount != nil ? try? OrderDetails(purpose: purpose?.value, payerAccount: payerAccount?.value) : nil
        let citizenContact = contact.flatMap { try? CitizenContact(name: citizen.name.value, phone: $0.phone, address: $0.address) }
        if details != nil || citizenContact != nil { order.extras = RawOrderExtras(contact: citizenContact, details: details, kept: nil) }
        return order
    }
}

/// The citizen's phone and address an order may carry (what KL's order message requires).
enum ContactReader {
    static func read(_ reader: inout FieldReader) -> (phone: String?, address: PostalAddress?)? {
        let phone = reader.string("phone", required: false)
        if let phone {
            do {
                _ = try CitizenContact(name: "-", phone: phone.value, address: nil)
            } catch {
                reader.fail(error.message, at: phone.pointer)
            }
        }
        let address = reader.object("address", required: false) { inner -> PostalAddress? in
            let line = inner.string("line"), postalCode = inner.string("postal_code"), city = inner.string("city")
            guard let line, let postalCode, let city else { return nil }
            do throws(ModelError) {
                return try PostalAddress(line: line.value, postalCode: postalCode.value, city: city.value)
            } catch {
                inner.fail(error.message)
                return nil
            }
        }
        guard phone != nil || address != nil else { return nil }
        return (phone?.value, address)
    }
}

enum GoalReader {
    static func read(_ reader: inout FieldReader) -> RawGoal? {
        let id = reader.uuid("id")
        let seriesID = reader.uuid("series_id")
        let version = reader.int("version")
        let supersedes = reader.uuid("supersedes", required: false)
        let primary = reader.string("primary_theme")
        let secondary = reader.strings("secondary_themes", required: false)
        let type = reader.code("type", as: GoalType.self)
        let expected = reader.functionLevel("expected_level")
        let description = reader.string("description", maxLength: DecodeLimits.longText)
        let followUpDate = reader.date("follow_up_date", required: false)
        let enteredInError = reader.string("entered_in_error", required: false, maxLength: DecodeLimits.longText)
        if let version, version.value < 1 { reader.fail("a goal version is 1 or more", at: version.pointer) }
        if let expected, expected.value.level == nil { reader.fail("an expected level is 0–4; \"ikke-vurderet\" cannot be a goal", at: expected.pointer) }
        guard !reader.reader.hasIssues, let id, let seriesID, let version, let primary, let type, let expected,
              let expectedLevel = expected.value.level, let description else { return nil }
        return RawGoal(id: id, seriesID: seriesID, version: version, supersedes: supersedes, primaryTheme: primary,
                       secondaryThemes: secondary?.value ?? [], type: type, expectedLevel: Located(expectedLevel, at: expected.pointer),
                       description: description, followUpDate: followUpDate, enteredInError: enteredInError?.value, pointer: reader.pointer)
    }
}

enum FollowUpReader {
    static func read(_ reader: inout FieldReader) -> RawFollowUp? {
        let id = reader.uuid("id")
        let orderID = reader.uuid("order")
        let date = reader.date("date")
        let author = reader.string("author")
        let status = reader.code("status", as: FollowUpStatus.self)
        let supportLevel = reader.supportLevel("support_level", required: false)
        let entries = EntryReader.readAll(&reader, "entries", required: false)
        let evaluations = reader.objects("goal_evaluations", required: false) { evaluation -> RawGoalEvaluation? in
            let goal = evaluation.uuid("goal")
            let note = evaluation.string("note", maxLength: DecodeLimits.longText)
            guard let goal, let note else { return nil }
            return RawGoalEvaluation(goalSeries: goal, note: note)
        }
        guard !reader.reader.hasIssues, let id, let orderID, let date, let author, let status else { return nil }
        return RawFollowUp(id: id, orderID: orderID, date: date, author: author, status: status, supportLevel: supportLevel,
                           entries: entries ?? Located([], at: reader.pointer("entries")), goalEvaluations: evaluations?.value ?? [],
                           pointer: reader.pointer)
    }
}
