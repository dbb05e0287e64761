import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBStore

@Suite struct StoreTests {
    let directory: URL
    let store: Store

    init() throws {
        (directory, store) = try freshStore("ffb-store")
    }

    func addCitizen() throws -> Citizen {
        try store.write(user: "test", command: "test") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }
    }

    @Test(.storeFile) func theStoreFileIsOwnerOnly() throws {
        _ = try addCitizen()
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aFailedWriteLeavesTheStoreUnchanged() throws {
        _ = try addCitizen()
        let before = try store.logicalDump()
        #expect(throws: StoreError.self) {
            try store.write(user: "test", command: "test") { writer in
                _ = try writer.addCitizen(cpr: try CPRNumber("020290-1234"), name: "Anden")
                _ = try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Dublet")
            }
        }
        #expect(try store.logicalDump() == before)
    }

    @Test func aDuplicateCPRErrorNamesThePseudonymNotTheNumber() throws {
        let citizen = try addCitizen()
        do {
            _ = try addCitizen()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains(citizen.pseudonym.rawValue))
            #expect(!"\(error)".contains("010190"))
        }
    }

    @Test func clinicalRowsCannotBeUpdatedOrDeleted() throws {
        _ = try addCitizen()
        #expect(throws: (any Error).self) { try store.database.execute("UPDATE citizens SET name = 'x'") }
        #expect(throws: (any Error).self) { try store.database.execute("DELETE FROM writes") }
    }

    @Test(.storeFile) func everyWriteIsAudited() throws {
        _ = try addCitizen()
        let row = try #require(try store.database.firstRow("SELECT user, command FROM writes"))
        #expect(try row.string(0) == "test")
        #expect(try row.string(1) == "test")
    }

    @Test(.storeFile) func theCPRNumberLivesInOneTableOnly() throws {
        _ = try addCitizen()
        let tables = try store.database.query("SELECT name FROM sqlite_master WHERE type = 'table'").map { try $0.string(0) }
        var holders: [String] = []
        for table in tables {
            let dump = try store.database.query("SELECT * FROM \(table)")
            if dump.contains(where: { $0.values.contains(.text("0101901234")) }) { holders.append(table) }
        }
        #expect(holders == ["citizens"])
    }

    @Test func aThemeKeepsItsIdentityAcrossAssessments() throws {
        let citizen = try addCitizen()
        let theme = try store.catalog.resolveTheme("Købe ind")
        for (day, level) in [("2025-01-01", FunctionLevel.severe), ("2025-06-01", .moderate)] {
            let entry = try AssessmentEntry(theme: theme, level: .assessed(level), note: nil, source: nil)
            let assessment = try Assessment(citizen: citizen.pseudonym, caseNumber: nil, date: try #require(LocalDate(iso: day)), assessor: "A", entries: [entry])
            try store.write(user: "t", command: "t") { try $0.record(assessment) }
        }
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_series")?.int(0) == 1)
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_observations")?.int(0) == 2)
        let assessments = try store.assessments(of: citizen.pseudonym)
        #expect(assessments.map { $0.value.entries[0].level } == [.assessed(.severe), .assessed(.moderate)])
    }

    @Test func aCitizenRegisteredInTheSameWriteKeepsOneSeriesPerTheme() throws {
        // The writer answers series lookups for citizens it registered from memory; a second
        // assessment in the same write must find the series the first one made.
        let theme = try store.catalog.resolveTheme("Købe ind")
        let other = try store.catalog.resolveTheme("Lave mad")
        try store.write(user: "t", command: "t") { writer in
            let citizen = try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette")
            for (day, themes) in [("2025-01-01", [theme, other]), ("2025-06-01", [theme])] {
                let entries = try themes.map { try AssessmentEntry(theme: $0, level: .assessed(.moderate), note: nil, source: nil) }
                try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: nil, date: try #require(LocalDate(iso: day)), assessor: "A", entries: entries))
            }
        }
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_series")?.int(0) == 2)
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_observations")?.int(0) == 3)
        #expect(try store.database.firstRow("SELECT COUNT(DISTINCT series_id) FROM theme_observations")?.int(0) == 2)
    }

    @Test func aMissingStoreIsNotCreatedByReaders() throws {
        let path = directory.appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.missingStore(path: path)) { try Store.open(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
