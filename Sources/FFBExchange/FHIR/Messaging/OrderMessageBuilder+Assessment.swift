import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension OrderMessageBuilder {
    func clinicalImpression(_ assessment: AssessmentRecord) -> JSONValue {
        let isLatest = package.assessments.last?.id == assessment.id
        var caseExtension: JSONValue?
        if assessment.caseNumber != nil { caseExtension = .array([caseNumberExtension()]) }
        return FHIRBuild.object([
            ("resourceType", .string("ClinicalImpression")),
            ("id", .string(assessment.id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("informationGathering"))),
            ("extension", caseExtension),
            ("status", .string(assessment.enteredInError == nil ? "completed" : "entered-in-error")),
            ("statusReason", assessment.enteredInError.map { FHIRBuild.object([("text", .string($0))]) }),
            ("subject", FHIRBuild.reference(patientID)),
            ("effectiveDateTime", .string(assessment.date.iso)),
            ("assessor", FHIRBuild.object([("display", .string(assessment.assessor))])),
            ("investigation", isLatest ? .array([FHIRBuild.object([
                ("code", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.supportLevelEvaluation, display: "FFB støttebehovsvurdering")),
                ("item", .array([FHIRBuild.reference(supportID)])),
            ])]) : nil),
            ("finding", .array(assessment.entries.map { entry in
                FHIRBuild.object([("itemReference", FHIRBuild.reference(conditionID(assessment: assessment.id, theme: entry.theme)))])
            })),
        ])
    }

    /// A theme as KL's Condition profile has it: severity only on A&D themes, the relevance as
    /// clinical/verification status, the note and its source (kilde) as an annotation.
    func condition(_ entry: AssessmentEntry, id: UUID, recorded: LocalDate) -> JSONValue {
        var clinical = "active"
        var verification = "confirmed"
        var severity: JSONValue?
        switch entry.finding {
        case .level(let level):
            severity = FHIRBuild.concept(FHIRURLs.ffb, level.klCode.rawValue, display: level.danishName)
        case .relevance(.notRelevant):
            clinical = "inactive"
        case .relevance(.unspecified):
            verification = "unconfirmed"
        case .relevance(.relevant):
            break
        }
        let informer = entry.source.map { source in
            FHIRBuild.object([
                ("url", .string(FHIRURLs.matterOfInterestInformer)),
                ("valueCodeableConcept", FHIRBuild.concept(AssessmentSource.codeSystem, source.klCode.rawValue, display: source.danishName)),
            ])
        }
        var notes: JSONValue?
        var conditionExtension: JSONValue?
        if let note = entry.note {
            notes = .array([FHIRBuild.object([("extension", informer.map { .array([$0]) }), ("text", .string(note))])])
        } else if let informer {
            // An annotation needs text; a source without a note rides on the Condition itself.
            conditionExtension = .array([informer])
        }
        return FHIRBuild.object([
            ("resourceType", .string("Condition")),
            ("id", .string(id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("condition"))),
            ("extension", conditionExtension),
            ("clinicalStatus", FHIRBuild.concept(FHIRURLs.conditionClinical, clinical)),
            ("verificationStatus", FHIRBuild.concept(FHIRURLs.conditionVerification, verification)),
            ("severity", severity),
            ("code", FHIRBuild.concept(FHIRURLs.ffb, entry.theme.rawValue)),
            ("subject", FHIRBuild.reference(patientID)),
            ("recordedDate", .string(recorded.iso)),
            ("note", notes),
        ])
    }

    /// Themes goals name that no assessment in the message covers: they get a Condition of their
    /// own, without severity and outside every information gathering.
    var goalOnlyThemes: [KLCode] {
        let assessed = Set(package.assessments.flatMap { $0.entries.map(\.theme) })
        var themes: [KLCode] = []
        for record in package.goals {
            for theme in [record.goal.primaryTheme] + record.goal.secondaryThemes where !assessed.contains(theme) && !themes.contains(theme) {
                themes.append(theme)
            }
        }
        return themes
    }

    func bareCondition(_ theme: KLCode) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Condition")),
            ("id", .string(goalThemeID(theme).lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("condition"))),
            ("clinicalStatus", FHIRBuild.concept(FHIRURLs.conditionClinical, "active")),
            ("code", FHIRBuild.concept(FHIRURLs.ffb, theme.rawValue)),
            ("subject", FHIRBuild.reference(patientID)),
        ])
    }

    /// The Condition a goal's theme points at: the latest assessment's, else its own.
    func themeConditionID(_ theme: KLCode) -> UUID {
        if let assessment = package.assessments.last(where: { $0.entries.contains { $0.theme == theme } }) {
            return conditionID(assessment: assessment.id, theme: theme)
        }
        return goalThemeID(theme)
    }

    func goal(_ record: GoalRecord) -> JSONValue {
        let goal = record.goal
        let successor = package.goals.first { $0.goal.supersedes == goal.id }
        let status = record.enteredInError != nil ? "entered-in-error" : successor != nil ? "cancelled" : "active"
        let due = goal.followUpDate.map { JSONValue.string($0.iso) }
        var relationship: JSONValue?
        if let successor {
            relationship = .array([FHIRBuild.object([
                ("url", .string(FHIRURLs.goalRelationship)),
                ("extension", .array([
                    FHIRBuild.object([("url", .string("type")), ("valueCodeableConcept", FHIRBuild.concept(FHIRURLs.goalRelationshipType, "replacement"))]),
                    FHIRBuild.object([("url", .string("target")), ("valueReference", FHIRBuild.reference(successor.goal.id))]),
                ])),
            ])])
        }
        return FHIRBuild.object([
            ("resourceType", .string("Goal")),
            ("id", .string(goal.id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("interventionGoal"))),
            ("extension", relationship),
            ("lifecycleStatus", .string(status)),
            ("category", .array([FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.interventionGoalCategory, display: "FFB indsatsmål")])),
            ("description", FHIRBuild.object([("text", .string(goal.description))])),
            ("subject", FHIRBuild.reference(patientID)),
            ("target", .array([
                FHIRBuild.object([
                    ("measure", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.goalTypeMeasure, display: "måltype")),
                    ("detailCodeableConcept", FHIRBuild.concept(FHIRURLs.ffb, goal.type.klCode.rawValue, display: goal.type.danishName)),
                    ("dueDate", due),
                ]),
                FHIRBuild.object([
                    ("measure", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.expectedLevelMeasure, display: "funktionsevneniveau")),
                    ("detailCodeableConcept", FHIRBuild.concept(FHIRURLs.ffb, goal.expectedLevel.klCode.rawValue, display: goal.expectedLevel.danishName)),
                    ("dueDate", due),
                ]),
            ])),
            ("statusReason", FHIRBuild.string(record.enteredInError)),
            ("addresses", .array([FHIRBuild.rankedReference(themeConditionID(goal.primaryTheme), rank: 1)]
                + goal.secondaryThemes.map { FHIRBuild.rankedReference(themeConditionID($0), rank: 2) })),
        ])
    }

    func account(owner: Organization) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Account")),
            ("id", .string(accountID.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("account"))),
            ("identifier", package.details?.payerAccount.map { .array([FHIRBuild.object([
                ("system", .string(FHIRURLs.accountNumber)), ("value", .string($0)),
            ])]) }),
            ("status", .string("active")),
            ("subject", .array([FHIRBuild.reference(patientID)])),
            ("owner", FHIRBuild.reference(organizationID(owner))),
        ])
    }
}
