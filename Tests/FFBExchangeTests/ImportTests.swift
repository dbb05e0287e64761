import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import Foundation
import Testing

/// Stage 3: validated documents → the store, in one transaction, idempotently.
@Suite struct ImportTests {
    let order: JSONValue
    let followUp: JSONValue
    let stores: TemporaryStore

    init() throws {
        order = try Documents.json(Paths.example("order"))
        followUp = try Documents.json(Paths.example("follow-up-report"))
        stores = try TemporaryStore()
    }

    var store: Store { stores.store }

    @Test func anOrderForAnUnknownCPRRegistersTheCitizenAndOpensTheCase() throws {
        let summary = try stores.importing([try Documents.decode(order)])
        #expect(summary.citizensCreated == 1)
        #expect(summary.casesOpened == 1)
        #expect(summary.orders == 1)
        #expect(summary.goalVersions == 3)
        #expect(summary.themeEntries == 4)
        let citizen = try store.citizen("150385-2468")
        #expect(citizen.name == "Mette Hansen")
        #expect(citizen.pseudonym.rawValue.hasPrefix("P-"))
        #expect(try store.caseFile("S-2025-001").citizen == citizen.pseudonym)
    }

    @Test func importedRecordsKeepTheirIds() throws {
        let document = try Documents.decode(order)
        let package = try #require(Documents.order(document))
        try stores.importing([document])
        let stored = try store.order(package.order.id.storeText)
        #expect(stored.value.terms == package.order)
        let goals = try store.goals(of: package.order.id).map(\.value)
        #expect(Set(goals.map(\.id)) == Set(package.goals.map(\.goal.id)))
        #expect(Set(goals) == Set(package.goals.map(\.goal)))
        let assessments = try store.assessments(of: stored.value.citizen).map(\.value)
        #expect(assessments.map(\.id) == package.assessments.map(\.id))
        #expect(assessments[0].entries == package.assessments[0].entries)
    }

    @Test func theSameDocumentTwiceIsANoOp() throws {
        let document = try Documents.decode(order)
        try stores.importing([document])
        let before = try stores.dump()
        let again = try stores.importing([document])
        #expect(again.alreadyImported == 1)
        #expect(again.documents == 0)
        // Nothing was added, not even the second write's audit row: it was rolled back.
        #expect(try stores.dump() == before)
    }

    @Test func theSameIdWithOtherContentIsAnError() throws {
        try stores.importing([try Documents.decode(order)])
        let changed = try Documents.decode(order.setting("/order/support_level", to: "D"))
        let problems = stores.problems([changed])
        #expect(problems.count == 1)
        #expect(problems[0].issues.errors.has("/id", "imported before with other content"))
    }

    @Test func anOrderIdReusedWithOtherTermsIsAnError() throws {
        try stores.importing([try Documents.decode(order)])
        let changed = try Documents.decode(order.setting("/id", to: "11111111-2222-4333-8444-555555555555").setting("/order/support_level", to: "D"))
        #expect(stores.problems([changed]).first?.issues.errors.has("/order", "already in the store with other content") == true)
    }

    @Test func aNewerVersionOfAGoalBecomesANewVersionNeverAnOverwrite() throws {
        try stores.importing([try Documents.decode(order)])
        let series = "658ce2d7-b293-4e76-add0-40846b15fe9c"
        let seriesID = try #require(UUID(uuidString: series))
        let current = try #require(try store.currentGoal(series: seriesID))
        let next = JSONValue.object([
            "id": "77777777-7777-4777-8777-777777777777", "series_id": .string(series), "version": 3,
            "supersedes": .string(current.value.id.storeText), "primary_theme": .string(current.value.primaryTheme.rawValue),
            "secondary_themes": [], "type": "udvikle", "expected_level": 1, "description": "Handler selv ind uden følge",
        ])
        let resent = order.setting("/id", to: "88888888-8888-4888-8888-888888888888").setting("/order/goals/-", to: next)
        let summary = try stores.importing([try Documents.decode(resent)])
        #expect(summary.goalVersions == 1)
        let versions = try store.goals(of: current.value.orderID).filter { $0.value.seriesID.storeText == series }.map(\.value)
        #expect(versions.map(\.version) == [1, 2, 3])
        #expect(versions.map(\.description).last == "Handler selv ind uden følge")
        #expect(versions[1].description == "Handler selv ind med følge")
    }

    @Test func aGoalVersionThatDoesNotReplaceTheCurrentOneIsRefused() throws {
        try stores.importing([try Documents.decode(order)])
        let stale = order.setting("/id", to: "99999999-9999-4999-8999-999999999999").setting("/order/goals", to: .array([.object([
            "id": "77777777-7777-4777-8777-777777777777", "series_id": "658ce2d7-b293-4e76-add0-40846b15fe9c", "version": 2,
            "supersedes": "658ce2d7-b293-4e76-add0-40846b15fe9c", "primary_theme": "Købe ind", "type": "udvikle",
            "expected_level": 1, "description": "En anden version 2",
        ])]))
        let problems = stores.problems([try Documents.decode(stale)])
        #expect(problems.first?.issues.errors.has("/order/goals/0", "the store's current version of this goal is") == true)
    }

    @Test func aFollowUpReportForAnUnknownOrderIsAnErrorAtTheOrderId() throws {
        let problems = stores.problems([try Documents.decode(followUp)])
        #expect(problems.first?.issues.errors.has("/follow_up/order", "no order") == true)
    }

    @Test func orderAndFollowUpInOneImportWorkInEitherOrder() throws {
        let summary = try stores.importing([try Documents.decode(followUp), try Documents.decode(order)])
        #expect(summary.documents == 2)
        #expect(summary.followUps == 1)
    }

    @Test func aFollowUpBeforeTheOrderStartsIsAnErrorAtItsDate() throws {
        let early = followUp.setting("/follow_up/date", to: "2025-02-20")
        let problems = stores.problems([try Documents.decode(order), try Documents.decode(early)])
        #expect(problems.map(\.index) == [1])
        #expect(problems[0].issues.errors.has("/follow_up/date", "before the order starts"))
    }

    @Test func anyInvalidDocumentLeavesTheStoreUnchanged() throws {
        try stores.importing([try Documents.decode(Paths.example("assessment"))])
        let before = try stores.dump()
        let bad = followUp.setting("/follow_up/goal_evaluations/0/goal", to: "12345678-1234-4234-8234-123456789abc")
        let problems = stores.problems([try Documents.decode(order), try Documents.decode(bad)])
        #expect(problems.first?.issues.errors.has("/follow_up/goal_evaluations/0/goal", "is not a goal of order") == true)
        #expect(try stores.dump() == before)
    }

    @Test func aCaseNumberOfAnotherCitizenIsRefused() throws {
        try stores.importing([try Documents.decode(order)])
        let other = order.setting("/id", to: "abababab-abab-4bab-8bab-abababababab").setting("/order/citizen/cpr", to: "010203-4321")
            .setting("/order/id", to: "cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd")
        let problems = stores.problems([try Documents.decode(other)])
        #expect(problems.first?.issues.errors.has("/order/case/number", "belongs to another citizen") == true)
    }

    @Test func aNewCitizensOrderUnderAnIdTheStoreUsesIsRefusedWhereTheIdIs() throws {
        try stores.importing([try Documents.decode(order)])
        let clash = order.setting("/id", to: "efefefef-efef-4fef-8fef-efefefefefef").setting("/order/citizen/cpr", to: "010203-4321")
            .setting("/order/case/number", to: "S-2025-999").setting("/order/assessments/0/case_number", to: "S-2025-999")
            .setting("/order/assessments/0/id", to: "12121212-1212-4212-8212-121212121212")
        let problems = stores.problems([try Documents.decode(clash)])
        #expect(problems.first?.issues.errors.has("/order", "already used by another record") == true, "\(problems)")
    }

    @Test func anExtractImportsWholeCases() throws {
        let summary = try stores.importing([try Documents.decode(Paths.example("extract"))])
        #expect(summary.orders == 1)
        #expect(summary.followUps == 1)
        #expect(try store.citizen("240792-1357").name == "Jonas Holm")
    }

    @Test func enteredInErrorMarksTravelWithTheRecords() throws {
        let document = try Documents.decode(Paths.fixture("order-every-field.json"))
        try stores.importing([document])
        let package = try #require(Documents.order(document))
        let marked = try #require(package.goals.first { $0.enteredInError != nil })
        #expect(try store.goal(marked.goal.id.storeText).enteredInError == "Oprettet to gange")
        let citizen = try store.citizen(package.citizen.cpr.formatted)
        let assessments = try store.assessments(of: citizen.pseudonym)
        #expect(assessments.first { $0.value.id == package.assessments[0].id }?.enteredInError == "Registreret på forkert borger")
    }
}
