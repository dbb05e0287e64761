import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension FHIRMapping {
    /// The assessments: each information gathering (ClinicalImpression) with the theme
    /// Conditions it found.
    mutating func assessments(order: FHIRResource, plan: FHIRCarePlan, issued: LocalDate?, caseNumber: String?) -> [RawAssessment] {
        var result: [RawAssessment] = []
        for resource in bundle.resources where resource.type == "ClinicalImpression" {
            guard let impression = read(resource, as: FHIRClinicalImpression.self, FHIRClinicalImpression.read) else { continue }
            assign(resource, .assessment(uuid(resource)))
            var entries: [RawEntry] = []
            var recorded: [LocalDate] = []
            for finding in impression.findings {
                guard let conditionResource = resolve(finding, "Condition", what: "a finding"),
                      let condition = read(conditionResource, as: FHIRCondition.self, FHIRCondition.read) else { continue }
                checkSeverities(condition)
                // A finding without an FFB theme code is a diagnosis, kept as it came.
                guard let entry = entry(condition, resource: conditionResource) else { continue }
                if let theme = KLCode(entry.theme.value) { assign(conditionResource, .theme(theme)) }
                entries.append(entry)
                if let date = date(condition.recordedDate) { recorded.append(date.value) }
            }
            var date = self.date(impression.effective)
            if date == nil {
                if let day = recorded.max() ?? issued {
                    date = Located(day, at: resource.pointer)
                    issues.warning("the information gathering has no date (effectiveDateTime); the themes' recorded date is used", at: resource.pointer)
                } else {
                    issues.error("the information gathering has no date (effectiveDateTime)", at: resource.pointer)
                    continue
                }
            }
            let assessor = assessor(impression, plan: plan, at: resource.pointer)
            let caseExtension = impression.extensions.first(FHIRURLs.municipalityCaseNumber)
            let caseIdentifier = caseExtension?.nested("municipalitySpecific")?.valueIdentifier?.value
            let enteredInError = impression.status?.value == "entered-in-error" ? impression.statusReason ?? "entered in error" : nil
            guard let date, let assessor else { continue }
            result.append(RawAssessment(
                id: Located(uuid(resource), at: resource.pointer.appending("id")), caseNumber: caseIdentifier, date: date, assessor: assessor,
                entries: Located(entries, at: resource.pointer.appending("finding")), enteredInError: enteredInError, pointer: resource.pointer
            ))
        }
        return result
    }

    /// Who assessed: the assessor's display, else the authority unit that wrote the order.
    private mutating func assessor(_ impression: FHIRClinicalImpression, plan: FHIRCarePlan, at pointer: JSONPointer) -> Located<String>? {
        if let display = impression.assessor?.display { return Located(display, at: impression.assessor?.pointer ?? pointer) }
        if let author = plan.author, let resource = bundle.resolve(author), resource.type == "Organization",
           let organization = read(resource, as: FHIROrganization.self, FHIROrganization.read), let name = organization.name {
            issues.warning("the information gathering names no assessor; the order's author (\(Quoted.value(name.value))) is recorded", at: pointer)
            return name
        }
        issues.warning("the information gathering names no assessor; recorded as \"ukendt\"", at: pointer)
        return Located("ukendt", at: pointer)
    }

    /// One theme Condition as an assessment entry; nil when it has no FFB code.
    func entry(_ condition: FHIRCondition, resource: FHIRResource) -> RawEntry? {
        guard let coding = condition.code?.ffb, let code = coding.code else { return nil }
        var level: Located<Assessed<FunctionLevel>>?
        if let severity = condition.severity?.ffb, let severityCode = severity.code {
            if let parsed = KLCode(severityCode).flatMap(Assessed<FunctionLevel>.init(klCode:)) {
                level = Located(parsed, at: severity.codePointer)
            } else {
                level = nil
            }
        }
        var relevance: Located<AssessmentEntry.Relevance>?
        if let status = condition.clinicalStatus?.coding.first?.code, ["inactive", "resolved", "remission"].contains(status) {
            relevance = Located(.notRelevant, at: condition.pointer.appending("clinicalStatus"))
        } else if condition.verificationStatus?.coding.first?.code == "unconfirmed" {
            relevance = Located(.unspecified, at: condition.pointer.appending("verificationStatus"))
        }
        let note = condition.notes.compactMap(\.text).first?.value
        let informer = condition.notes.compactMap(\.informer).first ?? condition.extensions.first(FHIRURLs.matterOfInterestInformer)?.valueCodeableConcept
        let source = informer?.coding.compactMap { $0.code.flatMap(AssessmentSource.init(text:)) }.first
        return RawEntry(theme: Located(code, at: coding.codePointer), level: level, relevance: relevance, note: note, source: source,
                        pointer: resource.pointer, lenient: true)
    }

    /// A severity code that is not a function level; reported where the entry is read.
    mutating func checkSeverities(_ condition: FHIRCondition) {
        guard let severity = condition.severity?.ffb, let code = severity.code,
              KLCode(code).flatMap(Assessed<FunctionLevel>.init(klCode:)) == nil else { return }
        issues.error("\(Quoted.value(code)) is not an FFB function level (0–4 or ikke vurderet)", at: severity.codePointer)
    }
}
