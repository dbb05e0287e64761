import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Builds one citizen-day DeliveryReport.
package struct DeliveryReportBuilder {
    let history: CitizenHistory
    let day: LocalDate
    let settings: DeliveryReportSettings
    let catalog: Catalog
    private var entries: [(id: UUID, resource: JSONValue)] = []
    private var written: Set<UUID> = []

    package init(history: CitizenHistory, day: LocalDate, settings: DeliveryReportSettings, catalog: Catalog) {
        self.history = history
        self.day = day
        self.settings = settings
        self.catalog = catalog
    }

    var pseudonym: String { history.citizen.pseudonym.rawValue }
    var patientID: UUID { DerivedID.uuid("report-patient", pseudonym) }
    var timestamp: String { "\(day.iso)T23:59:59Z" }

    package mutating func bundle() -> JSONValue {
        add(patientID, patient())
        for assessment in history.assessments where assessment.date == day {
            informationGathering(assessment)
        }
        for order in history.orders where changed(order) {
            carePlan(order)
        }
        return FHIRBuild.object([
            ("resourceType", .string("Bundle")),
            ("id", .string(DerivedID.uuid("report-bundle", pseudonym, day.iso).lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.reportingProfile("deliveryReport"))),
            ("type", .string("collection")),
            ("timestamp", .string(timestamp)),
            ("entry", .array(entries.map { FHIRBuild.entry($0.id, $0.resource) })),
        ])
    }

    private func changed(_ history: CitizenHistory.OrderHistory) -> Bool {
        history.order.issued == day || history.followUps.contains { $0.date == day } || history.goals.contains { $0.day == day }
    }

    mutating func add(_ id: UUID, _ resource: JSONValue) {
        guard written.insert(id).inserted else { return }
        entries.append((id, resource))
    }

    func meta(_ profile: String, updated: LocalDate? = nil) -> JSONValue {
        FHIRBuild.meta(FHIRURLs.reportingProfile(profile), lastUpdated: "\((updated ?? day).iso)T00:00:00Z")
    }

    func base(_ type: String, _ id: UUID, _ profile: String, updated: LocalDate? = nil) -> [(String, JSONValue?)] {
        [("resourceType", .string(type)), ("id", .string(id.lowercased)), ("meta", meta(profile, updated: updated))]
    }

    // MARK: Citizen and case

    func patient() -> JSONValue {
        // The exporter refuses to run without the STS id; a builder used alone marks its absence.
        let organisation = settings.reportingOrganisation ?? "ukendt"
        return FHIRBuild.object(base("Patient", patientID, "citizen", updated: history.changeDays.first) + [
            ("identifier", .array([FHIRBuild.object([
                ("use", .string("official")), ("system", .string(FHIRURLs.cpr)), ("value", .string(history.citizen.cpr.digits)),
            ])])),
            ("managingOrganization", FHIRBuild.object([("identifier", FHIRBuild.object([
                ("use", .string("official")), ("system", .string(DeliveryReportSettings.stsOrganisationSystem)), ("value", .string(organisation)),
            ]))])),
        ])
    }

    func serviceRequestID(_ caseFile: CaseFile) -> UUID { DerivedID.uuid("report-service-request", caseFile.caseNumber) }

    func caseNumberExtension(_ caseFile: CaseFile) -> JSONValue {
        FHIRBuild.object([
            ("url", .string(FHIRURLs.reportingCaseNumber)),
            ("extension", .array([FHIRBuild.object([
                ("url", .string("municipalitySpecific")),
                ("valueIdentifier", FHIRBuild.object([
                    ("use", .string("usual")), ("system", .string(settings.caseSystem)), ("value", .string(caseFile.caseNumber)),
                ])),
            ])])),
        ])
    }

    mutating func serviceRequest(_ caseFile: CaseFile) -> UUID {
        let id = serviceRequestID(caseFile)
        add(id, FHIRBuild.object(base("ServiceRequest", id, "serviceRequest", updated: caseFile.opened) + [
            ("extension", .array([caseNumberExtension(caseFile)])),
            ("status", .string("active")),
            ("intent", .string("proposal")),
            ("subject", FHIRBuild.reference(patientID)),
        ]))
        return id
    }

    // MARK: Assessments and themes

    func conditionID(_ theme: KLCode) -> UUID { DerivedID.uuid("report-condition", pseudonym, theme.rawValue) }
    func supportID(order: UUID) -> UUID { DerivedID.uuid("report-support", order.lowercased) }
    func supportID(followUp: UUID) -> UUID { DerivedID.uuid("report-support", followUp.lowercased) }

    /// An information gathering (an assessment or a follow-up's levels) and its themes.
    mutating func informationGathering(_ assessment: StoredAssessment) {
        guard let caseFile = history.caseFile(assessment.caseNumber) else { return }
        let request = serviceRequest(caseFile)
        let followUp = history.orders.flatMap(\.followUps).first { $0.assessmentID == assessment.id }
        var investigation: JSONValue?
        if let followUp, followUp.supportLevel != nil {
            investigation = .array([FHIRBuild.object([
                ("code", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.supportLevelEvaluation)),
                ("item", .array([FHIRBuild.reference(supportID(followUp: followUp.id))])),
            ])])
            careEvaluation(supportID(followUp: followUp.id), level: followUp.supportLevel, date: followUp.date)
        }
        add(assessment.id, FHIRBuild.object(base("ClinicalImpression", assessment.id, "informationGathering", updated: assessment.date) + [
            ("extension", .array([FHIRBuild.object([
                ("url", .string(FHIRURLs.basedOnServiceRequest)), ("valueReference", FHIRBuild.reference(request)),
            ])])),
            ("status", .string("completed")),
            ("subject", FHIRBuild.reference(patientID)),
            ("effectiveDateTime", .string(assessment.date.iso)),
            ("investigation", investigation),
            ("finding", .array(assessment.entries.map { FHIRBuild.object([("itemReference", FHIRBuild.reference(conditionID($0.theme)))]) })),
        ]))
        for entry in assessment.entries { themeCondition(entry.theme, recordedFallback: assessment.date) }
    }

    /// A theme as of the report's day: the same id all course long, severity on A&D themes only
    /// (the latest level, or ikke vurderet), the date of the latest re-assessment.
    mutating func themeCondition(_ theme: KLCode, recordedFallback: LocalDate) {
        let id = conditionID(theme)
        guard !written.contains(id) else { return }
        let observations = history.observations(through: day)[theme] ?? []
        let scored = catalog.theme(theme)?.scored ?? false
        let latest = observations.last
        let recorded = observations.first?.day ?? recordedFallback
        var clinical = "active"
        var verification = "confirmed"
        var severity: JSONValue?
        if scored {
            let level = latest?.entry.level ?? .notAssessed
            severity = FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, level.klCode.rawValue)]))])
        } else if case .relevance(let relevance)? = latest?.entry.finding {
            if relevance == .notRelevant { clinical = "inactive" }
            if relevance == .unspecified { verification = "unconfirmed" }
        }
        var lastAsserted: JSONValue?
        if let latest, latest.day > recorded {
            lastAsserted = .array([FHIRBuild.object([
                ("url", .string(FHIRURLs.conditionLastAssertedDate)), ("valueDateTime", .string(latest.day.iso)),
            ])])
        }
        add(id, FHIRBuild.object(base("Condition", id, "condition", updated: latest?.day ?? recorded) + [
            ("extension", lastAsserted),
            ("clinicalStatus", FHIRBuild.concept(FHIRURLs.conditionClinical, clinical)),
            ("verificationStatus", FHIRBuild.concept(FHIRURLs.conditionVerification, verification)),
            ("severity", severity),
            ("code", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, theme.rawValue)]))])),
            ("subject", FHIRBuild.reference(patientID)),
            ("recordedDate", .string(recorded.iso)),
        ]))
    }

    mutating func careEvaluation(_ id: UUID, level: Assessed<SupportLevel>?, date: LocalDate) {
        guard let level else { return }
        add(id, FHIRBuild.object(base("Observation", id, "careEvaluation", updated: date) + [
            ("status", .string("final")),
            ("code", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.careSocialCodes, FHIRURLs.supportLevelEvaluation, display: "FFB støttebehovsvurdering")]))])),
            ("subject", FHIRBuild.reference(patientID)),
            ("effectiveDateTime", .string(date.iso)),
            ("valueCodeableConcept", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, level.klCode.rawValue)]))])),
        ]))
    }
}
