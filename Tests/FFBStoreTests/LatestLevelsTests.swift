import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBStore

/// What a reassessment shows beside each theme: the citizen's latest level and its date.
@Suite struct LatestLevelsTests {
    let store: Store

    init() throws {
        store = try freshStore("ffb-latest").store
    }

    func day(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    func assess(_ citizen: Pseudonym, on date: String, _ levels: [(String, Assessed<FunctionLevel>?)], note: String? = nil) throws -> Assessment {
        let entries = try levels.map { name, level in
            let theme = try store.catalog.resolveTheme(name)
            return try AssessmentEntry(theme: theme, level: level, note: note, source: nil)
        }
        let assessment = try Assessment(citizen: citizen, caseNumber: nil, date: try day(date), assessor: "A", entries: entries)
        try store.write(user: "t", command: "t") { try $0.record(assessment) }
        return assessment
    }

    @Test func eachThemeShowsItsLatestLevelAndDateAndAnErroneousAssessmentDoesNotCount() throws {
        let citizen = try store.write(user: "t", command: "t") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }.pseudonym
        let other = try store.write(user: "t", command: "t") { try $0.addCitizen(cpr: try CPRNumber("020290-1234"), name: "Bo") }.pseudonym
        _ = try assess(citizen, on: "2025-01-10", [("Købe ind", .assessed(.severe)), ("Lave mad", .assessed(.moderate))])
        // Written later but dated earlier: the date decides, not the order written.
        _ = try assess(citizen, on: "2024-12-01", [("Købe ind", .assessed(.complete))])
        _ = try assess(citizen, on: "2025-03-01", [("Lave mad", .notAssessed), ("Tobak", nil)], note: "Ryger")
        let wrong = try assess(citizen, on: "2025-04-01", [("Købe ind", .assessed(.none))])
        try store.write(user: "t", command: "t") { try $0.markEnteredInError(kind: .assessment, id: wrong.id.storeText, reason: "forkert borger") }
        _ = try assess(other, on: "2025-05-01", [("Købe ind", .assessed(.mild))])

        let latest = try store.latestLevels(of: citizen)
        let buy = try store.catalog.resolveTheme("Købe ind").code
        let cook = try store.catalog.resolveTheme("Lave mad").code
        #expect(latest == [
            buy: LatestLevel(level: .assessed(.severe), date: try day("2025-01-10")),
            cook: LatestLevel(level: .notAssessed, date: try day("2025-03-01")),
        ])
        #expect(try store.latestLevels(of: other)[buy] == LatestLevel(level: .assessed(.mild), date: try day("2025-05-01")))
    }

    @Test func aCitizenNeverAssessedHasNoLatestLevels() throws {
        let citizen = try store.write(user: "t", command: "t") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }.pseudonym
        #expect(try store.latestLevels(of: citizen).isEmpty)
    }
}
