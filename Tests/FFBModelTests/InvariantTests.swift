import FFBCatalog
import Foundation
import Testing
@testable import FFBModel

/// Domain rules are kept by the model itself, not only by the CLI.
@Suite struct InvariantTests {
    let catalog = BuiltInCatalogs.standard
    let citizen = Pseudonym("P-ABCDEFGH")!

    func theme(_ name: String) throws -> Theme { try catalog.resolveTheme(name) }
    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    func order(start: String = "2025-03-01") throws -> Order {
        try Order(
            citizen: citizen, caseNumber: "S-1",
            services: [try catalog.resolve("Støtte til praktiske opgaver", kind: .services).code],
            offerType: nil, targetGroups: [], provider: try Organization(name: "Bostøtten", identifier: "123"),
            supportLevel: .assessed(.c), issued: try date(start), start: try date(start), catalog: catalog
        )
    }

    @Test func aLevelOnAThemeThatTakesNoneIsRefused() throws {
        #expect(throws: ModelError.self) {
            try AssessmentEntry(theme: try theme("Tobak"), level: .assessed(.moderate), note: nil, source: nil)
        }
        let noted = try AssessmentEntry(theme: try theme("Tobak"), level: nil, note: "Ryger", source: .citizen)
        #expect(noted.finding == .relevance(.relevant))
        #expect(noted.level == nil)
    }

    @Test func aScoredThemeNeedsALevelOrNotAssessed() throws {
        #expect(throws: ModelError.self) { try AssessmentEntry(theme: try theme("Købe ind"), level: nil, note: "x", source: nil) }
        let entry = try AssessmentEntry(theme: try theme("Købe ind"), level: .notAssessed, note: nil, source: nil)
        #expect(entry.level == .notAssessed)
    }

    @Test func aGoalsPrimaryThemeMustBeScored() throws {
        let order = try order()
        #expect(throws: ModelError.self) {
            try Goal(orderID: order.id, primaryTheme: try theme("Tobak"), type: .develop, expectedLevel: .mild, description: "Stop", followUpDate: nil)
        }
    }

    @Test func aFollowUpCannotPredateItsOrder() throws {
        let order = try order(start: "2025-03-01")
        #expect(throws: ModelError.self) {
            try FollowUp(order: order, date: try date("2025-02-28"), entries: [], supportLevel: nil, goalNotes: [], status: .continue, author: "A")
        }
        let onTheDay = try FollowUp(order: order, date: try date("2025-03-01"), entries: [], supportLevel: .assessed(.b), goalNotes: [], status: .continue, author: "A")
        #expect(onTheDay.orderID == order.id)
    }

    @Test func atMostOnePrimaryTargetGroup() throws {
        let groups = catalog.targetGroups.prefix(2).map { TargetGroupAssignment(code: $0.code, isPrimary: true) }
        #expect(throws: ModelError.self) {
            try Order(citizen: citizen, caseNumber: "S-1", services: [catalog.services[0].code], offerType: nil, targetGroups: groups,
                      provider: try Organization(name: "P", identifier: "1"), supportLevel: .assessed(.a),
                      issued: try date("2025-01-01"), start: try date("2025-01-01"), catalog: catalog)
        }
    }

    @Test func aRevisedGoalIsANewVersionLinkedToTheOld() throws {
        let order = try order()
        let first = try Goal(orderID: order.id, primaryTheme: try theme("Købe ind"), type: .develop, expectedLevel: .mild, description: "Handler selv", followUpDate: nil)
        let second = try first.revised(primaryTheme: try theme("Købe ind"), secondaryThemes: [], expectedLevel: .moderate)
        #expect(second.id != first.id)
        #expect(second.seriesID == first.seriesID)
        #expect(second.version == 2)
        #expect(second.supersedes == first.id)
        #expect(second.expectedLevel == .moderate)
        #expect(throws: ModelError.self) {
            try second.revised(primaryTheme: try theme("Købe ind"), secondaryThemes: [])
        }
    }

    @Test func anAssessmentCannotNameAThemeTwice() throws {
        let entry = try AssessmentEntry(theme: try theme("Købe ind"), level: .assessed(.mild), note: nil, source: nil)
        #expect(throws: ModelError.self) {
            try Assessment(citizen: citizen, caseNumber: nil, date: try date("2025-01-01"), assessor: "A", entries: [entry, entry])
        }
    }

    @Test func municipalityCodesHaveFourDigits() {
        #expect(throws: ModelError.self) { try Municipality(name: "Aarhus", code: "751") }
        #expect(throws: ModelError.self) { try Municipality(name: "", code: "0751") }
        #expect((try? Municipality(name: "Aarhus", code: "0751"))?.code == "0751")
    }

    @Test func sourcesParseFromSlugNameOrCode() {
        #expect(AssessmentSource(text: "borger") == .citizen)
        #expect(AssessmentSource(text: "Pårørende alene") == .relativeAlone)
        #expect(AssessmentSource(text: "f6ea2920-7dde-491e-a489-6b99a3904069") == .caseworker)
        #expect(AssessmentSource(text: "nabo") == nil)
    }
}
