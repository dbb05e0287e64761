import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

/// Reads a KL DeliveryReport (reporting IG 1.0.0, `Bundle.type` `collection`) into the raw shape
/// validation checks: the citizen, the cases, the information gatherings with their themes, the
/// social indsatser (CarePlans) with services, offer type, target groups, support level and goals,
/// and the follow-ups. What a report never carries (names, notes, the provider, who assessed) is
/// recorded as "ikke indberettet". See `Docs/fhir/kl-reporting-1.0.0.md` §14 for where each
/// element goes.
struct DeliveryReportReader {
    func read(_ document: JSONValue, contentHash: String) throws(ExchangeError) -> RawDocument {
        try FHIRMapping.read("the DeliveryReport") { $0.mapDeliveryReport(document, contentHash: contentHash) }
    }
}

extension FHIRMapping {
    /// What a DeliveryReport never reports (names, the provider, the assessor), as it is recorded.
    static let notReported = ReportedIntervention.providerNotReported

    /// The state of one report's reading that its parts share.
    struct ReportContext {
        var caseNumbers: [Int: Located<String>] = [:]
        var caseDates: [String: (opened: LocalDate, pointer: JSONPointer)] = [:]
        var caseOrder: [String] = []
        var reportDay: LocalDate?
        /// Gatherings some of whose themes were re-assessed after their date (and moved out).
        var partialAssessments: Set<UUID> = []

        mutating func noteCase(_ number: Located<String>, date: LocalDate?) {
            guard let date = date ?? reportDay else { return }
            if let known = caseDates[number.value] {
                if date < known.opened { caseDates[number.value] = (date, known.pointer) }
            } else {
                caseDates[number.value] = (date, number.pointer)
                caseOrder.append(number.value)
            }
        }
    }

    mutating func mapDeliveryReport(_ document: JSONValue, contentHash: String) -> RawDocument? {
        guard readBundle(document) else { return nil }
        // A resource twice, a reference to nothing: everything after would read a different report.
        checkEntries(.deliveryReport)
        checkSubjects()
        guard !issues.hasErrors else { return nil }

        var context = ReportContext()
        var created: Located<String>?
        if let timestamp = bundle.timestamp {
            do {
                created = Located(try Formats.dateTime(timestamp.value), at: timestamp.pointer)
                context.reportDay = LocalDate(iso: String(timestamp.value.prefix(10)))
            } catch {
                issues.error(String(describing: error), at: timestamp.pointer)
            }
        } else {
            issues.error("missing required property \"timestamp\" (when the report was made)", at: JSONPointer())
        }
        guard let (citizen, organisation) = reportedCitizen() else { return nil }
        serviceRequests(&context)
        let assessments = reportedAssessments(&context)
        let interventions = reportedInterventions(&context)
        let (followUps, withdrawn) = reportedFollowUps(interventions: interventions)
        let cases = reportedCases(context, organisation: organisation, citizen: citizen)
        var documentID = bundle.id
        if documentID == nil {
            documentID = Located(DerivedID.uuid("delivery-report", contentHash).lowercased, at: JSONPointer())
            issues.warning("the report has no id (Bundle.id); an id derived from its content is recorded", at: JSONPointer())
        }
        reportUnused()
        guard let documentID, let created, !issues.hasErrors else { return nil }
        let senderName = organisation ?? Located(Self.notReported, at: citizen.pointer)
        let sender = RawParty(name: senderName, identifier: senderName, pointer: senderName.pointer)
        let receiver = RawParty(name: Located("KL FFB uddatasæt", at: JSONPointer()), identifier: Located("http://fhir.kl.dk/ffbreporting", at: JSONPointer()),
                                pointer: JSONPointer())
        let header = RawHeader(id: documentID, kind: .deliveryReport, created: created, sender: sender, receiver: receiver)
        let content = RawDeliveryReport(citizen: citizen, cases: cases, assessments: assessments, interventions: interventions.map(\.raw),
                                        followUps: followUps, withdrawnFollowUps: withdrawn, partialAssessments: context.partialAssessments)
        return RawDocument(header: header, content: .deliveryReport(content), syntax: .fhirDeliveryReport, contentHash: contentHash, warnings: issues.warnings)
    }

    // MARK: The bundle as a whole

    /// Every resource is about the report's citizen: its `subject` is the Patient.
    private mutating func checkSubjects() {
        for resource in bundle.resources {
            guard let text = resource.value["subject"]?["reference"]?.stringValue else { continue }
            let pointer = resource.pointer.appending("subject").appending("reference")
            guard let target = bundle.resolve(text) else { continue }
            if target.type != "Patient" {
                issues.error("the subject must be the citizen (a Patient), found \(Excerpt.plain(target.type))", at: pointer)
            }
        }
    }

    // MARK: Citizen and cases

    /// The one Patient: the CPR number, and the reporting organisation.
    private mutating func reportedCitizen() -> (RawCitizen, Located<String>?)? {
        let patients = bundle.resources.filter { $0.type == "Patient" }
        guard let resource = patients.first else {
            issues.error("a DeliveryReport is about one citizen, but it holds no Patient", at: JSONPointer([.key("entry")]))
            return nil
        }
        for extra in patients.dropFirst() {
            issues.error("a DeliveryReport is about one citizen; this is a second Patient (the first is at \(resource.pointer.location))", at: extra.pointer)
        }
        guard let patient = read(resource, as: FHIRReportedCitizen.self, FHIRReportedCitizen.read) else { return nil }
        guard let cpr = patient.cpr else {
            issues.error("the citizen has no CPR number (an identifier with system \(FHIRURLs.cpr))", at: resource.pointer.appending("identifier"))
            return nil
        }
        if patient.organisation == nil {
            issues.warning("the report names no reporting organisation (managingOrganization.identifier); its cases are recorded under municipality code 0000",
                           at: resource.pointer)
        }
        do {
            let citizen = RawCitizen(cpr: Located(try Formats.cpr(cpr.value), at: cpr.pointer), name: Located(Self.notReported, at: resource.pointer),
                                     pointer: resource.pointer)
            return (citizen, patient.organisation)
        } catch {
            issues.error(String(describing: error), at: cpr.pointer)
            return nil
        }
    }

    /// The case numbers the ServiceRequests carry, by bundle position.
    private mutating func serviceRequests(_ context: inout ReportContext) {
        for resource in bundle.resources where resource.type == "ServiceRequest" {
            guard let request = read(resource, as: FHIRServiceRequest.self, FHIRServiceRequest.read) else { continue }
            guard let number = request.extensions.caseNumber else {
                issues.warning("the ServiceRequest carries no case number (municipalityCaseNumber); what is based on it is recorded without a case",
                               at: resource.pointer)
                continue
            }
            context.caseNumbers[resource.position] = number
        }
    }

    /// The cases named, each opened on the earliest day the report gives for it. The municipality
    /// is the reporting organisation when that is a kommunekode (as FFBKit writes it); KL's own
    /// reports name a KOMBIT STS organisation instead, which has no kommunekode.
    private mutating func reportedCases(_ context: ReportContext, organisation: Located<String>?, citizen: RawCitizen) -> [RawCase] {
        guard !context.caseOrder.isEmpty else { return [] }
        let isCode = organisation.map { $0.value.utf8.count == 4 && $0.value.utf8.allSatisfy { (48...57).contains($0) } } ?? false
        let location = organisation?.pointer ?? citizen.pointer
        let code = Located(isCode ? organisation?.value ?? "0000" : "0000", at: location)
        let name = Located(isCode ? "Kommune \(code.value)" : organisation.map { "KOMBIT-organisation \($0.value)" } ?? Self.notReported, at: location)
        // A KOMBIT STS organisation id is what KL's guide asks for (and what `ffb export --fhir
        // reporting` writes): expected, so no warning; anything else is named in one.
        let isSTS = organisation.map { UUID(uuidString: $0.value) != nil } ?? false
        if let organisation, !isCode, !isSTS {
            issues.warning("the reporting organisation is neither a kommunekode nor a KOMBIT STS organisation id; its cases are recorded under municipality code 0000 with that id as the name",
                           at: organisation.pointer)
        }
        return context.caseOrder.compactMap { number in
            guard let (opened, pointer) = context.caseDates[number] else { return nil }
            return RawCase(number: Located(number, at: pointer), opened: Located(opened, at: pointer), municipalityName: name, municipalityCode: code,
                           pointer: pointer)
        }
    }

    // MARK: Information gatherings

    /// Each ClinicalImpression as an assessment on its day, with its findings as the report gives
    /// them. A theme whose Condition was re-asserted after the gathering's date
    /// (`conditionLastAssertedDate`: KL's update of a theme under its id) is a new level observation
    /// on that day, not a change of what the gathering found: it becomes an assessment of its own
    /// (an id derived from the gathering and the day), and the gathering keeps its earlier level.
    private mutating func reportedAssessments(_ context: inout ReportContext) -> [RawAssessment] {
        var result: [RawAssessment] = []
        var evaluatedAtAssessment: [FHIRResource] = []
        defer { noteAssessmentEvaluations(evaluatedAtAssessment) }
        for resource in bundle.resources where resource.type == "ClinicalImpression" {
            guard let impression = read(resource, as: FHIRClinicalImpression.self, FHIRClinicalImpression.read) else { continue }
            let date = self.date(impression.effective)
            if impression.effective == nil { issues.error("the information gathering has no date (effectiveDateTime)", at: resource.pointer) }
            var caseNumber: Located<String>?
            if let reference = impression.extensions.first(FHIRURLs.basedOnServiceRequest)?.valueReference {
                if let request = resolve(reference, "ServiceRequest", what: "the information gathering's case (basedOnServiceRequest)") {
                    caseNumber = context.caseNumbers[request.position]
                }
            } else {
                issues.warning("the information gathering names no ServiceRequest (basedOnServiceRequest); it is recorded without a case", at: resource.pointer)
            }
            for item in impression.investigations.flatMap(\.items) {
                guard let evaluation = resolve(item, "Observation", what: "the support-level evaluation (investigation.item)") else { continue }
                evaluatedAtAssessment.append(evaluation)
            }
            var entries: [(entry: RawEntry, asserted: Located<LocalDate>?)] = []
            for finding in impression.findings {
                guard let conditionResource = resolve(finding, "Condition", what: "a finding"),
                      let condition = read(conditionResource, as: FHIRCondition.self, FHIRCondition.read) else { continue }
                checkSeverities(condition)
                guard let entry = entry(condition, resource: conditionResource) else {
                    issues.error("a finding must be an FFB theme (a Condition with an FFB code)", at: conditionResource.pointer.appending("code"))
                    continue
                }
                entries.append((entry, self.date(condition.extensions.first(FHIRURLs.conditionLastAssertedDate)?.valueString)))
            }
            guard !entries.isEmpty else {
                issues.warning("the information gathering reports no themes (finding); there is no assessment to record", at: resource.pointer)
                continue
            }
            guard let date else { continue }
            if let caseNumber { context.noteCase(caseNumber, date: date.value) }
            let id = Located(uuid(resource), at: resource.pointer.appending("id"))
            let enteredInError = impression.status?.value == "entered-in-error" ? "entered in error (DeliveryReport)" : nil
            func assessment(_ id: Located<UUID>, _ date: Located<LocalDate>, _ group: [RawEntry]) -> RawAssessment {
                RawAssessment(id: id, caseNumber: caseNumber, date: date, assessor: Located(Self.notReported, at: resource.pointer),
                              entries: Located(group, at: resource.pointer.appending("finding")), enteredInError: enteredInError, pointer: resource.pointer)
            }
            let later = entries.filter { ($0.asserted?.value).map { $0 > date.value } ?? false }
            let own = entries.filter { ($0.asserted?.value).map { $0 <= date.value } ?? true }.map(\.entry)
            if !own.isEmpty { result.append(assessment(id, date, own)) }
            if !later.isEmpty, !own.isEmpty { context.partialAssessments.insert(id.value) }
            let days = Dictionary(grouping: later) { $0.asserted?.value ?? date.value }
            for day in days.keys.sorted() {
                guard let group = days[day], let first = group.first?.asserted else { continue }
                let dayID = Located(DerivedID.uuid("reassessed-themes", id.value.lowercased, day.iso), at: id.pointer)
                result.append(assessment(dayID, first, group.map(\.entry)))
            }
        }
        return result
    }

    /// A support-level evaluation linked from an information gathering only: KL lets a CarePlan's
    /// link decide, and FFBKit keeps support levels with an order, so one no CarePlan links waits
    /// for the report that grants the indsats.
    private mutating func noteAssessmentEvaluations(_ evaluations: [FHIRResource]) {
        let linked = Set(bundle.resources.filter { $0.type == "CarePlan" }.flatMap { plan in
            (plan.value["activity"]?.arrayValue ?? []).flatMap { $0["outcomeReference"]?.arrayValue ?? [] }
                .compactMap { bundle.resolve($0["reference"]?.stringValue)?.position }
        })
        for evaluation in evaluations where !linked.contains(evaluation.position) {
            _ = read(evaluation, as: FHIRObservation.self, FHIRObservation.read)
            issues.warning("no indsats (CarePlan) in this report links this support-level evaluation; FFBKit keeps a support level with its order: not imported",
                           at: evaluation.pointer)
        }
    }
}
