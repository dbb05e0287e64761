import FFBJSON

/// The resources of KL's FFB order message, with the elements FFBKit maps. The elements it only
/// accepts stay in the kept resource (`KeptMessage`); an element neither read nor accepted is
/// reported as not understood when the resource is read.
struct FHIRAddress: Sendable {
    var reference: Reference
    var rank: Located<Int>?

    static func read(_ reader: inout FieldReader) -> FHIRAddress? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        guard let reference = Reference.read(&reader) else { return nil }
        return FHIRAddress(reference: reference, rank: extensions.first(FHIRURLs.conditionRank)?.valueInteger)
    }
}

struct FHIRPatient: Sendable {
    var cpr: Located<String>?
    var name: Located<String>?
    var phone: Located<String>?
    var address: FHIRPostalAddress?

    static func read(_ reader: inout FieldReader) -> FHIRPatient? {
        let identifiers = reader.objects("identifier", required: false) { Identifier.read(&$0) }?.value ?? []
        let names = reader.objects("name", required: false) { name -> Located<String>? in
            let text = name.string("text", required: false)
            let family = name.string("family", required: false)
            let given = name.strings("given", required: false)?.value.map(\.value) ?? []
            name.accept(["use", "prefix", "suffix", "period", "id", "extension"])
            if let text { return text }
            let joined = (given + [family?.value].compactMap { $0 }).joined(separator: " ")
            return joined.isEmpty ? nil : Located(joined, at: name.pointer)
        }?.value ?? []
        let telecoms = reader.objects("telecom", required: false) { FHIRContactPoint.read(&$0) }?.value ?? []
        let addresses = reader.objects("address", required: false) { FHIRPostalAddress.read(&$0) }?.value ?? []
        // Next of kin and the rest are kept with the resource (`KeptMessage`) and written back as they came.
        reader.accept(["active", "gender", "birthDate", "deceasedBoolean", "deceasedDateTime", "contact", "maritalStatus", "multipleBirthBoolean",
                       "multipleBirthInteger", "photo", "communication", "generalPractitioner", "managingOrganization", "link", "extension"])
        let cpr = identifiers.first { $0.system == FHIRURLs.cpr }?.value
        return FHIRPatient(cpr: cpr, name: names.first, phone: telecoms.first { $0.system == "phone" }?.value, address: addresses.first)
    }
}

/// A telecom entry (ContactPoint): phone, email, …
struct FHIRContactPoint: Sendable {
    var system: String?
    var value: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIRContactPoint? {
        let system = reader.string("system", required: false)
        let value = reader.string("value", required: false)
        reader.accept(["use", "rank", "period", "id", "extension"])
        return FHIRContactPoint(system: system?.value, value: value)
    }
}

/// An Address: street lines, postal code and city (what KL's citizen profile asks for).
struct FHIRPostalAddress: Sendable {
    var lines: [String]
    var postalCode: String?
    var city: String?
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRPostalAddress? {
        let lines = reader.strings("line", required: false)?.value.map(\.value) ?? []
        let postalCode = reader.string("postalCode", required: false)
        let city = reader.string("city", required: false)
        reader.accept(["use", "type", "text", "district", "state", "country", "period", "id", "extension"])
        return FHIRPostalAddress(lines: lines, postalCode: postalCode?.value, city: city?.value, pointer: reader.pointer)
    }
}

struct FHIROrganization: Sendable {
    var name: Located<String>?
    var identifier: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIROrganization? {
        let name = reader.string("name", required: false)
        let identifiers = reader.objects("identifier", required: false) { Identifier.read(&$0) }?.value ?? []
        reader.accept(["active", "type", "alias", "contact", "telecom", "address", "partOf", "endpoint", "extension"])
        return FHIROrganization(name: name, identifier: identifiers.compactMap(\.value).first)
    }
}

struct FHIRActivity: Sendable {
    var code: CodeableConcept?
    var scheduledStart: Located<String>?
    var outcomes: [Reference]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRActivity? {
        let outcomes = reader.objects("outcomeReference", required: false) { Reference.read(&$0) }?.value ?? []
        var code: CodeableConcept?
        var start: Located<String>?
        _ = reader.object("detail", required: false) { detail -> Bool? in
            code = detail.object("code", required: false) { CodeableConcept.read(&$0) }
            start = detail.object("scheduledTiming", required: false) { timing in
                timing.object("repeat", required: false) { repeating in
                    repeating.accept(["frequency", "period", "periodUnit", "count", "duration", "durationUnit", "when", "dayOfWeek", "timeOfDay"])
                    return repeating.object("boundsPeriod", required: false) { Period.read(&$0) }?.start
                }
            }
            detail.accept(["status", "description", "performer", "kind", "statusReason", "location", "scheduledPeriod", "scheduledString"])
            return true
        }
        reader.accept(["progress", "outcomeCodeableConcept", "reference"])
        return FHIRActivity(code: code, scheduledStart: start, outcomes: outcomes, pointer: reader.pointer)
    }
}

struct FHIRCarePlan: Sendable {
    var extensions: [Extension]
    var status: Located<String>?
    var intent: Located<String>?
    var category: [CodeableConcept]
    var subject: Reference?
    var periodStart: Located<String>?
    var periodEnd: Located<String>?
    var created: Located<String>?
    var author: Reference?
    var careTeams: [Reference]
    var addresses: [FHIRAddress]
    var goals: [Reference]
    var activities: [FHIRActivity]
    var basedOn: [Reference]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRCarePlan? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        let status = reader.string("status", required: false)
        let intent = reader.string("intent", required: false)
        let category = reader.objects("category", required: false) { CodeableConcept.read(&$0) }?.value ?? []
        let subject = reader.object("subject", required: false) { Reference.read(&$0) }
        let period = reader.object("period", required: false) { Period.read(&$0) }
        let created = reader.string("created", required: false)
        let author = reader.object("author", required: false) { Reference.read(&$0) }
        let careTeams = reader.objects("careTeam", required: false) { Reference.read(&$0) }?.value ?? []
        let addresses = reader.objects("addresses", required: false) { FHIRAddress.read(&$0) }?.value ?? []
        let goals = reader.objects("goal", required: false) { Reference.read(&$0) }?.value ?? []
        let activities = reader.objects("activity", required: false) { FHIRActivity.read(&$0) }?.value ?? []
        let basedOn = reader.objects("basedOn", required: false) { Reference.read(&$0) }?.value ?? []
        reader.accept(["title", "description", "identifier", "modifierExtension"])
        return FHIRCarePlan(extensions: extensions, status: status, intent: intent, category: category, subject: subject, periodStart: period?.start,
                            periodEnd: period?.end, created: created, author: author, careTeams: careTeams, addresses: addresses, goals: goals,
                            activities: activities, basedOn: basedOn, pointer: reader.pointer)
    }
}

struct FHIRClinicalImpression: Sendable {
    var extensions: [Extension]
    var status: Located<String>?
    var statusReason: String?
    var effective: Located<String>?
    var assessor: Reference?
    var findings: [Reference]
    var investigations: [(code: CodeableConcept?, items: [Reference])]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRClinicalImpression? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        let status = reader.string("status", required: false)
        let statusReason = reader.object("statusReason", required: false) { CodeableConcept.read(&$0) }?.text
        let effective = reader.string("effectiveDateTime", required: false)
        let assessor = reader.object("assessor", required: false) { Reference.read(&$0) }
        let findings = reader.objects("finding", required: false) { finding -> Reference? in
            finding.accept(["itemCodeableConcept", "basis", "id", "extension"])
            return finding.object("itemReference", required: false) { Reference.read(&$0) }
                ?? Reference(reference: nil, display: nil, identifierValue: nil, pointer: finding.pointer)
        }?.value ?? []
        let investigations = reader.objects("investigation", required: false) { investigation -> (CodeableConcept?, [Reference])? in
            let code = investigation.object("code", required: false) { CodeableConcept.read(&$0) }
            let items = investigation.objects("item", required: false) { Reference.read(&$0) }?.value ?? []
            return (code, items)
        }?.value ?? []
        reader.accept(["subject", "date", "identifier"])
        return FHIRClinicalImpression(extensions: extensions, status: status, statusReason: statusReason, effective: effective, assessor: assessor,
                                      findings: findings, investigations: investigations.map { (code: $0.0, items: $0.1) }, pointer: reader.pointer)
    }
}

struct FHIRGoalTarget: Sendable {
    var measure: CodeableConcept?
    var detail: CodeableConcept?
    var due: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIRGoalTarget? {
        let measure = reader.object("measure", required: false) { CodeableConcept.read(&$0) }
        let detail = reader.object("detailCodeableConcept", required: false) { CodeableConcept.read(&$0) }
        let due = reader.string("dueDate", required: false)
        return FHIRGoalTarget(measure: measure, detail: detail, due: due)
    }
}

struct FHIRGoal: Sendable {
    var extensions: [Extension]
    var lifecycleStatus: String?
    var statusReason: String?
    var category: [CodeableConcept]
    var description: Located<String>?
    var targets: [FHIRGoalTarget]
    var targetsPointer: JSONPointer
    var addresses: [FHIRAddress]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRGoal? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        let lifecycle = reader.string("lifecycleStatus", required: false)
        let statusReason = reader.string("statusReason", required: false, maxLength: DecodeLimits.longText)
        let category = reader.objects("category", required: false) { CodeableConcept.read(&$0) }?.value ?? []
        let description = reader.object("description", required: false) { concept -> Located<String>? in
            concept.accept(["coding", "id", "extension"])
            return concept.string("text", required: false, maxLength: DecodeLimits.longText)
        }
        let targets = reader.objects("target", required: false) { FHIRGoalTarget.read(&$0) }?.value ?? []
        let addresses = reader.objects("addresses", required: false) { FHIRAddress.read(&$0) }?.value ?? []
        reader.accept(["subject", "identifier", "statusDate", "expressedBy", "priority", "startDate"])
        return FHIRGoal(extensions: extensions, lifecycleStatus: lifecycle?.value, statusReason: statusReason?.value, category: category,
                        description: description, targets: targets, targetsPointer: reader.pointer("target"), addresses: addresses,
                        pointer: reader.pointer)
    }
}

struct FHIRNote: Sendable {
    var text: Located<String>?
    var informer: CodeableConcept?

    static func read(_ reader: inout FieldReader) -> FHIRNote? {
        let text = reader.string("text", required: false, maxLength: DecodeLimits.longText)
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        reader.accept(["authorString", "authorReference", "time", "id"])
        return FHIRNote(text: text, informer: extensions.first(FHIRURLs.matterOfInterestInformer)?.valueCodeableConcept)
    }
}

struct FHIRCondition: Sendable {
    var extensions: [Extension]
    var clinicalStatus: CodeableConcept?
    var verificationStatus: CodeableConcept?
    var severity: CodeableConcept?
    var code: CodeableConcept?
    var recordedDate: Located<String>?
    var notes: [FHIRNote]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRCondition? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        let clinical = reader.object("clinicalStatus", required: false) { CodeableConcept.read(&$0) }
        let verification = reader.object("verificationStatus", required: false) { CodeableConcept.read(&$0) }
        let severity = reader.object("severity", required: false) { CodeableConcept.read(&$0) }
        let code = reader.object("code", required: false) { CodeableConcept.read(&$0) }
        let recorded = reader.string("recordedDate", required: false)
        let notes = reader.objects("note", required: false) { FHIRNote.read(&$0) }?.value ?? []
        reader.accept(["subject", "category", "identifier"])
        return FHIRCondition(extensions: extensions, clinicalStatus: clinical, verificationStatus: verification, severity: severity, code: code,
                             recordedDate: recorded, notes: notes, pointer: reader.pointer)
    }
}

struct FHIREncounter: Sendable {
    var start: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIREncounter? {
        let period = reader.object("period", required: false) { Period.read(&$0) }
        reader.accept(["status", "class", "type", "subject", "serviceProvider", "identifier"])
        return FHIREncounter(start: period?.start)
    }
}

struct FHIRObservation: Sendable {
    var status: Located<String>?
    var code: CodeableConcept?
    var value: CodeableConcept?
    var effective: Located<String>?
    var focus: [Reference]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRObservation? {
        let status = reader.string("status", required: false)
        let code = reader.object("code", required: false) { CodeableConcept.read(&$0) }
        let value = reader.object("valueCodeableConcept", required: false) { CodeableConcept.read(&$0) }
        let effective = reader.string("effectiveDateTime", required: false)
        let focus = reader.objects("focus", required: false) { Reference.read(&$0) }?.value ?? []
        reader.accept(["subject", "identifier"])
        return FHIRObservation(status: status, code: code, value: value, effective: effective, focus: focus, pointer: reader.pointer)
    }
}

struct FHIRCareTeam: Sendable {
    var category: [CodeableConcept]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRCareTeam? {
        let category = reader.objects("category", required: false) { CodeableConcept.read(&$0) }?.value ?? []
        // Participants name the people and units around the order; the provider is the message's receiver.
        reader.accept(["subject", "status", "identifier", "participant", "managingOrganization", "name"])
        return FHIRCareTeam(category: category, pointer: reader.pointer)
    }
}

struct FHIRAccount: Sendable {
    var owner: Reference?
    var name: Located<String>?
    /// The account number: the identifier with system `urn:accountno` (1.0.0), else the first
    /// identifier's value (KL's draft gave the number without a system).
    var number: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIRAccount? {
        let owner = reader.object("owner", required: false) { Reference.read(&$0) }
        let name = reader.string("name", required: false)
        let identifiers = reader.objects("identifier", required: false) { Identifier.read(&$0) }?.value ?? []
        reader.accept(["status", "subject", "type", "servicePeriod", "coverage", "description", "guarantor", "partOf", "extension"])
        let number = identifiers.first { $0.system == FHIRURLs.accountNumber }?.value ?? identifiers.compactMap(\.value).first
        return FHIRAccount(owner: owner, name: name, number: number)
    }
}

struct FHIRMessageHeader: Sendable {
    var event: Coding?
    var receiver: Reference?
    var sender: Reference?
    var focus: [Reference]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> FHIRMessageHeader? {
        let event = reader.object("eventCoding", required: false) { Coding.read(&$0) }
        let destinations = reader.objects("destination", required: false) { destination -> Reference? in
            destination.accept(["endpoint", "name", "target", "id", "extension"])
            return destination.object("receiver", required: false) { Reference.read(&$0) }
        }?.value ?? []
        let sender = reader.object("sender", required: false) { Reference.read(&$0) }
        let focus = reader.objects("focus", required: false) { Reference.read(&$0) }?.value ?? []
        reader.accept(["source", "reason", "author", "enterer", "responsible", "definition", "response"])
        return FHIRMessageHeader(event: event, receiver: destinations.first, sender: sender, focus: focus, pointer: reader.pointer)
    }
}
