import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import Foundation
import Testing

/// KL's published order message example (messaging IG 1.0.0), read as a provider would.
@Suite struct KLOrderMessageTests {
    let message: JSONValue
    let text: String

    init() throws {
        message = try Documents.json(Paths.klOrderMessage)
        text = try String(contentsOf: Paths.klOrderMessage, encoding: .utf8)
    }

    @Test func everythingTheModelHoldsIsMapped() throws {
        let document = try Documents.decode(message)
        #expect(document.header.id == "909e720e-3edb-45b9-aeb2-655a97861f7c")
        #expect(document.header.sender.name == "X-Købing kommune")
        let package = try #require(Documents.order(document))
        #expect(package.citizen.cpr.digits == "1111111111")
        #expect(package.citizen.name == "Christian Christiansen")
        #expect(package.caseDetails.municipality.code == "0157")
        let order = package.order
        #expect(order.id.storeText == "55602964-b665-45bc-ad84-620c42e1761b")
        #expect(order.provider.name == "Bostedet Lillested")
        #expect(order.issued.iso == "2021-03-15")
        #expect(order.start.iso == "2021-03-22")
        #expect(order.followUpDate?.iso == "2021-06-15")
        #expect(order.supportLevel == .assessed(.c))
        #expect(order.services.count == 4)
        #expect(order.offerType?.rawValue == "498fe92c-d7f7-41cd-9404-5b38fe113be0")
        #expect(order.targetGroups.count == 5)
        #expect(order.targetGroups.first(where: \.isPrimary)?.code.rawValue == "9b3fd322-a75a-4ed8-9b74-425fa1e01c95")
        #expect(order.payer?.identifier == "1313131313131")
        let assessment = try #require(package.assessments.first)
        #expect(assessment.date.iso == "2021-03-03")
        #expect(assessment.entries.count == 4)
        #expect(assessment.entries[0].level == .assessed(.severe))
        #expect(assessment.entries.dropFirst().allSatisfy { $0.level == .notAssessed })
        let goal = try #require(package.goals.first?.goal)
        #expect(package.goals.count == 1)
        #expect(goal.id.storeText == "b6f135d6-ac63-401a-bd0c-95bb10c5dae1")
        #expect(goal.type == .develop)
        #expect(goal.expectedLevel == .moderate)
        #expect(goal.primaryTheme.rawValue == "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7")
        #expect(goal.secondaryThemes.count == 3)
        #expect(goal.followUpDate?.iso == "2021-06-15")
    }

    @Test func onlyWhatIsFilledInIsAWarningNothingKeptIs() throws {
        let warnings = try Documents.decode(message).warnings
        // Every resource and element is kept (KeptMessageTests); what is left are the values FFBKit filled in.
        #expect(warnings.map(\.pointer.location) == ["/entry/1/resource", "/entry/2/resource", "/entry/3/resource", "/entry/4/resource",
                                                     "/entry/4/resource", "/entry/15/resource", "/entry/16/resource", "/entry/17/resource"])
        #expect(warnings.has("/entry/15/resource", "recorded as ikke vurderet"))
        #expect(!warnings.contains { $0.message.contains("not imported") || $0.message.contains("keeps no such data") })
        #expect(!warnings.contains { $0.message.contains("1111111111") })
    }

    @Test func theDraftGuidesExampleReadsAsTheReleasedOne() throws {
        let draftText = try String(contentsOf: Paths.klDraftOrderMessage, encoding: .utf8)
        // The draft spells every KL URL its own way (Tests/Fixtures/fhir/kl-messaging-0.1.0-draft/PROVENANCE.md).
        #expect(!draftText.contains("fhir.kl.dk") && !draftText.contains("urn:oid:1.2.208.176.2.22"))
        #expect(draftText.contains("http://ffb/messaging/kl.dk/1.0/StructureDefinition/kl-messaging-ffb-actingMunicipality"))
        #expect(draftText.contains("http://kl.dk/fhir/common/caresocial/StructureDefinition/ConditionRank"))
        let draft = try Documents.decode(try Documents.json(Paths.klDraftOrderMessage))
        let current = try Documents.decode(message)
        var package = try #require(Documents.order(draft))
        var released = try #require(Documents.order(current))
        // The kept resources are each guide's own text; what is read from them is the same.
        #expect(package.kept?.resources.map(\.role) == released.kept?.resources.map(\.role))
        package.kept = nil
        released.kept = nil
        #expect(package == released)
        // What only the draft's extensions carry: the acting municipality, the ranks, the follow-up encounter.
        #expect(package.caseDetails.municipality.code == "0157")
        #expect(package.order.targetGroups.filter(\.isPrimary).map(\.code.rawValue) == ["9b3fd322-a75a-4ed8-9b74-425fa1e01c95"])
        #expect(package.goals.first?.goal.primaryTheme.rawValue == "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7")
        #expect(package.goals.first?.goal.followUpDate?.iso == "2021-06-15")
        #expect(draft.warnings.map(\.pointer.location) == current.warnings.map(\.pointer.location))
    }

    @Test func theDraftIsAsStrictAsTheRelease() throws {
        let draft = try Documents.json(Paths.klDraftOrderMessage)
        let errors = Documents.errors(draft
            .setting("/entry/14/resource/code/coding/0/code", to: "f5b8e809-7689-4952-838c-a069c99408b3")
            .setting("/entry/3/resource/addresses/1/extension/0/valuePositiveInt", to: 1))
        #expect(errors.has("/entry/14/resource/severity/coding/0/code", "level on an unscored theme"))
        #expect(errors.has("/entry/3/resource/addresses/1/extension/0/valuePositiveInt", "more than one primary target group"))
        let unknown = Documents.errors(draft.setting("/entry/15/resource/code/coding/0/code", to: "00000000-0000-4000-8000-000000000000"))
        #expect(unknown.has("/entry/15/resource/code/coding/0/code", "unknown theme"))
        // Two primary themes on the goal: the draft's ConditionRank URL is read, and the ranks contradict.
        let ranks = Documents.errors(draft.setting("/entry/6/resource/addresses/1/extension/0/valuePositiveInt", to: 1))
        #expect(ranks.has("/entry/6/resource/addresses/1", "exactly one primary theme"))
    }

    @Test func aGoalWithoutACategoryIsReadByWhatItHoldsWithAWarning() throws {
        // KL Core makes Goal.category 1..1; a message that leaves it out still has one reading.
        let uncategorised = message.setting("/entry/5/resource/category", to: nil).setting("/entry/6/resource/category", to: nil)
            .setting("/entry/7/resource/category", to: nil)
        let document = try Documents.decode(uncategorised)
        var read = try #require(Documents.order(document)), categorised = try #require(Documents.order(try Documents.decode(message)))
        // Without its category the purpose is not known as one: kept as it came, but no purpose is recorded.
        #expect(read.kept?.resources[5].role == .other)
        #expect(read.details?.purpose == nil && categorised.details?.purpose != nil)
        (read.kept, read.details, categorised.kept, categorised.details) = (nil, nil, nil, nil)
        #expect(read == categorised)
        #expect(document.warnings.has("/entry/6/resource/category", "read as an intervention goal"))
        #expect(document.warnings.has("/entry/5/resource/category", "read as the purpose or the citizen's objective"))
        #expect(document.warnings.has("/entry/7/resource/category", "read as the purpose or the citizen's objective"))
        #expect(!document.warnings.contains { $0.message.contains("not imported") })
    }

    @Test func anotherEventIsNotAnOrderMessage() {
        let errors = Documents.errors(message.setting("/entry/0/resource/eventCoding/code", to: "ffb-report"))
        #expect(errors.has("/entry/0/resource/eventCoding", "not a KL FFB order message"))
    }

    @Test func brokenMessagesAreReportedAtTheirPointers() {
        let errors = Documents.errors(message
            .setting("/entry/14/resource/code/coding/0/code", to: "f5b8e809-7689-4952-838c-a069c99408b3")
            .setting("/entry/3/resource/addresses/1/extension/0/valuePositiveInt", to: 1))
        #expect(errors.has("/entry/14/resource/severity/coding/0/code", "level on an unscored theme"))
        #expect(errors.has("/entry/14/resource/code/coding/0/code", "goal on an unscored theme"))
        #expect(errors.has("/entry/3/resource/addresses/1/extension/0/valuePositiveInt", "more than one primary target group"))
        let cpr = Documents.errors(message.setting("/entry/39/resource/identifier/0/value", to: "3113901234"))
        #expect(cpr.has("/entry/39/resource/identifier/0/value", "not a CPR number"))
        #expect(!cpr.contains { $0.message.contains("3113901234") })
        #expect(Documents.errors(message.setting("/entry/0", to: nil)).has("/entry/0/resource/resourceType", "first entry of a message"))
    }

    /// Session 15's probe: a reference to no entry, and a second entry under one fullUrl with
    /// other content (the first won), were read as if valid.
    @Test func aReferenceToNoEntryAndTwoEntriesUnderOneFullUrlAreErrors() throws {
        let dangling = Documents.errors(message.setting("/entry/14/resource/subject/reference", to: "Patient/nonexistent"))
        #expect(dangling.has("/entry/14/resource/subject/reference", "the reference \"Patient/nonexistent\" names no entry of the message"))
        let entry = try #require(message[try JSONPointer(parsing: "/entry/14")])
        let twice = Documents.errors(message.setting("/entry/-", to: entry.setting("/resource/severity/coding/0/code", to: "0")))
        #expect(twice.has("/entry/44/fullUrl", "appears twice with other content (first at /entry/14/resource); each entry of a bundle is its own (FHIR bdl-7)"))
        // Another fullUrl, but the same Type/id: a reference by Type/id would not know which.
        let renamed = entry.setting("/fullUrl", to: "urn:uuid:0b6f3d4e-2c1a-4e8b-9d7f-5a6b7c8d9e0f").setting("/resource/severity/coding/0/code", to: "0")
        #expect(Documents.errors(message.setting("/entry/-", to: renamed)).has("/entry/44/resource/id", "appears twice with other content"))
        // The same entry twice is read once.
        #expect(Documents.errors(message.setting("/entry/-", to: entry)).isEmpty)
        // An absolute reference may point outside the bundle.
        #expect(Documents.errors(message.setting("/entry/14/resource/subject/reference", to: "https://fhir.example.dk/Patient/1")).allSatisfy { !$0.message.contains("names no entry") })
    }

    @Test func itImportsIntoAProviderStore() throws {
        let stores = try TemporaryStore()
        let summary = try stores.importing([try Documents.decode(message)])
        #expect(summary.citizensCreated == 1)
        #expect(summary.orders == 1)
        #expect(summary.goalVersions == 1)
        let again = try stores.importing([try Documents.decode(message)])
        #expect(again.alreadyImported == 1)
    }

    @Test func theDraftsExampleImportsIntoAProviderStore() throws {
        let stores = try TemporaryStore()
        let summary = try stores.importing([try Documents.decode(Paths.klDraftOrderMessage)])
        #expect(summary.citizensCreated == 1)
        #expect(summary.orders == 1)
        #expect(summary.goalVersions == 1)
        let goals = try stores.store.goals(of: try #require(UUID(uuidString: "55602964-b665-45bc-ad84-620c42e1761b"))).map(\.value)
        #expect(goals.map(\.expectedLevel) == [.moderate])
    }

    @Test func aGoalResentUnderItsIdWithNewTermsBecomesANewVersion() throws {
        let stores = try TemporaryStore()
        try stores.importing([try Documents.decode(message)])
        let resent = message.setting("/id", to: "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f")
            .setting("/entry/6/resource/target/1/detailCodeableConcept/coding/0/code", to: "8328ce4a-6238-4f73-bf1a-74aadb68eff8")
        let summary = try stores.importing([try Documents.decode(resent)])
        #expect(summary.goalVersions == 1)
        let goals = try stores.store.goals(of: try #require(UUID(uuidString: "55602964-b665-45bc-ad84-620c42e1761b"))).map(\.value)
        #expect(goals.map(\.version) == [1, 2])
        #expect(goals.map(\.expectedLevel) == [.moderate, .mild])
        #expect(goals[1].supersedes == goals[0].id)
        #expect(try stores.importing([try Documents.decode(resent)]).alreadyImported == 1)
    }

    /// A goal re-sent on an order the municipality has since marked entered in error is not
    /// recorded, and the import goes on (session 15's review: the writer's refusal had rolled the
    /// whole batch back).
    @Test func aGoalResentOnAnOrderMarkedEnteredInErrorIsSkippedNotRefused() throws {
        let stores = try TemporaryStore()
        try stores.importing([try Documents.decode(message)])
        let order = try #require(UUID(uuidString: "55602964-b665-45bc-ad84-620c42e1761b"))
        try stores.store.write(user: "test", command: "test mark") { writer in
            try writer.markEnteredInError(kind: .order, id: order.storeText, reason: "Forkert borger")
        }
        let resent = message.setting("/id", to: "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f")
            .setting("/entry/6/resource/target/1/detailCodeableConcept/coding/0/code", to: "8328ce4a-6238-4f73-bf1a-74aadb68eff8")
        let summary = try stores.importing([try Documents.decode(resent)])
        #expect(summary.documents == 1 && summary.goalVersions == 0)
        #expect(try stores.store.goals(of: order).map(\.value.version) == [1])
    }
}
