import FFBCatalog
@testable import FFBExchange
import FFBJSON
import FFBModel
import Foundation
import Testing

/// Stage 2: raw document → domain values, against the catalogue. Every problem at its pointer.
@Suite struct ValidationTests {
    let order: JSONValue
    let followUp: JSONValue
    static let tobacco = "f5b8e809-7689-4952-838c-a069c99408b3"
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"

    init() throws {
        order = try Documents.json(Paths.example("order"))
        followUp = try Documents.json(Paths.example("follow-up-report"))
    }

    @Test func unknownCodesOfEveryKindAreReported() {
        let unknown = "00000000-0000-4000-8000-000000000000"
        let errors = Documents.errors(order
            .setting("/order/assessments/0/entries/0/theme", to: .string(unknown))
            .setting("/order/services/0", to: .string(unknown))
            .setting("/order/offer_type", to: "Ingen sådan tilbudstype")
            .setting("/order/target_groups/1/code", to: .string(unknown)))
        #expect(errors.has("/order/assessments/0/entries/0/theme", "unknown theme"))
        #expect(errors.has("/order/services/0", "unknown service"))
        #expect(errors.has("/order/offer_type", "unknown offer type \"Ingen sådan tilbudstype\""))
        #expect(errors.has("/order/target_groups/1/code", "unknown target group"))
    }

    @Test func aLevelOnAnUnscoredThemeIsAnErrorAtTheLevel() {
        let errors = Documents.errors(order.setting("/order/assessments/0/entries/3/level", to: 2))
        #expect(errors.has("/order/assessments/0/entries/3/level", "level on an unscored theme"))
    }

    @Test func aScoredThemeWithoutALevelIsAnError() {
        let errors = Documents.errors(order.setting("/order/assessments/0/entries/0/level", to: nil))
        #expect(errors.has("/order/assessments/0/entries/0", "needs a level"))
    }

    @Test func moreThanOnePrimaryTargetGroupIsAnErrorAtTheSecond() {
        let errors = Documents.errors(order.setting("/order/target_groups/1/primary", to: true))
        #expect(errors.has("/order/target_groups/1/primary", "more than one primary target group"))
    }

    @Test func aGoalOnAnUnscoredThemeIsAnError() {
        let errors = Documents.errors(order.setting("/order/goals/0/primary_theme", to: .string(Self.tobacco)))
        #expect(errors.has("/order/goals/0/primary_theme", "goal on an unscored theme"))
    }

    @Test func datesInTheWrongOrderAreReportedWhereTheyAre() {
        let errors = Documents.errors(order
            .setting("/order/start", to: "2025-02-01")
            .setting("/order/follow_up_date", to: "2025-01-31")
            .setting("/order/goals/0/follow_up_date", to: "2025-01-15")
            .setting("/order/case/opened", to: "2025-03-01"))
        #expect(errors.has("/order/start", "before the order was issued"))
        #expect(errors.has("/order/follow_up_date", "before the start"))
        #expect(errors.has("/order/goals/0/follow_up_date", "before the order starts"))
        #expect(errors.has("/order/issued", "before its case was opened"))
    }

    @Test func repeatedIdsAndCodesAreErrors() throws {
        let goals = try #require(order[JSONPointer(parsing: "/order/goals")]?.arrayValue)
        let errors = Documents.errors(order
            .setting("/order/goals/-", to: goals[0])
            .setting("/order/assessments/0/entries/1/theme", to: .string(Self.shopping))
            .setting("/order/services/-", to: order[try JSONPointer(parsing: "/order/services/0")]))
        #expect(errors.has("/order/goals/3/id", "goal id appears twice"))
        #expect(errors.has("/order/assessments/0/entries/1/theme", "is given twice"))
        #expect(errors.has("/order/services/1", "is named twice"))
    }

    @Test func goalVersionsMustChain() {
        let first = "be000000-0000-4000-8000-000000000001"
        let errors = Documents.errors(order
            .setting("/order/goals/0/supersedes", to: .string(first))
            .setting("/order/goals/1/series_id", to: .string(first))
            .setting("/order/goals/2/supersedes", to: nil))
        #expect(errors.has("/order/goals/0/supersedes", "version 1 of a goal replaces nothing"))
        #expect(errors.has("/order/goals/1/series_id", "must equal \"id\""))
        #expect(errors.has("/order/goals/2/version", "must name the version it replaces"))
    }

    @Test func everyProblemOfADocumentIsReportedInOnePass() {
        let errors = Documents.errors(order
            .setting("/order/assessments/0/entries/3/level", to: 1)
            .setting("/order/target_groups/1/primary", to: true)
            .setting("/order/goals/0/primary_theme", to: .string(Self.tobacco))
            .setting("/order/start", to: "2025-02-01")
            .setting("/order/services/0", to: "Ingen ydelse"))
        #expect(errors.count == 5)
    }

    @Test func themesMayBeNamedByTheirExactDanishName() throws {
        let document = try Documents.decode(order.setting("/order/assessments/0/entries/0/theme", to: "Købe ind"))
        #expect(Documents.order(document)?.assessments[0].entries[0].theme.rawValue == Self.shopping)
    }

    @Test func aCodeFieldHoldingDigitsIsNotEchoed() {
        let errors = Documents.errors(order.setting("/order/services/0", to: "150385-2468"))
        #expect(errors.has("/order/services/0", "unknown service \"######-####\""))
        #expect(!errors.contains { $0.message.contains("150385") })
    }

    @Test func aQuotedValueKeepsUUIDsAndURLsButNeverACPRShapedWordAndIsCut() {
        #expect(Quoted.value("urn:uuid:12345678-1234-4234-8234-123456789012") == "\"urn:uuid:12345678-1234-4234-8234-123456789012\"")
        #expect(Quoted.value("Patient/1503852468") == "\"Patient/##########\"")
        #expect(Quoted.value("x 150385-2468 y") == "\"x ######-#### y\"")
        #expect(Quoted.value(String(repeating: "a", count: 10_000)) == "\"" + String(repeating: "a", count: 79) + "…\"")
    }

    @Test func aFollowUpReportValidatesOnItsOwn() throws {
        let document = try Documents.decode(followUp)
        guard case .followUpReport(let record) = document.content else { Issue.record("not a follow-up"); return }
        #expect(record.status == .continue)
        #expect(record.supportLevel == .assessed(.b))
        #expect(record.goalNotes.count == 2)
        #expect(record.entries.count == 2)
        let twice = followUp.setting("/follow_up/goal_evaluations/1/goal", to: followUp[try JSONPointer(parsing: "/follow_up/goal_evaluations/0/goal")])
        #expect(Documents.errors(twice).has("/follow_up/goal_evaluations/1/goal", "evaluated twice"))
    }
}
