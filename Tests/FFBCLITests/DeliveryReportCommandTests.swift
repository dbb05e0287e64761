import Foundation
import Testing

/// KL DeliveryReports in, through the real binary: KL's five examples validate and import, a
/// store's own reports rebuild a store with the same statistics, and importing again changes
/// nothing (judged with the sqlite3 shell, not our own code).
@Suite struct DeliveryReportCommandTests {
    let directory: TemporaryDirectory
    static let fixtures = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-reporting-1.0.0")
    static let bundleIDs = ["498644ca-b26c-4ba7-a1ef-69d691297ba3", "4b4e5f33-a9a2-42f6-b598-180543029ae5", "5bf6a186-ee66-4b0e-ba6e-623972ab5130",
                            "aaa5d153-968e-46ec-9f9e-cfc6e93a3f1b", "ae9cdbef-ca35-4dae-b5df-ffd938cf0098"]
    static var files: [String] { bundleIDs.map { fixtures.appendingPathComponent("DeliveryReport-\($0).json").path } }

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.file(name).path }

    func ok(_ arguments: [String]) throws -> FFBProcess.Result {
        let result = try FFBProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    /// The store as the sqlite3 shell sees it, without the audit rows every write adds.
    func records(_ db: String) throws -> [String] {
        try StoreShell.dump(db).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("INSERT INTO writes ") }
    }

    @Test func klsFiveExamplesValidate() throws {
        let result = try ok(["validate"] + Self.files)
        #expect(result.stdout.split(separator: "\n").map(String.init) == zip(Self.files, Self.bundleIDs).map { "\($0): valid delivery-report document \($1)" })
        // What KL's examples leave out or get wrong is said where it is, never refused.
        #expect(result.errorLines.allSatisfy { $0.contains(": warning: ") })
        #expect(result.errorLines.contains { $0.hasPrefix(Self.files[4] + ":/entry/2/resource: warning: the information gathering reports no themes") })
    }

    @Test func klsStoryImportsOnceAndAgainChangesNothing() throws {
        let db = path("aggregate.sqlite")
        let first = try ok(["import", "--db", db] + Self.files)
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "5 documents imported.")
        #expect(lines.dropFirst().first?.hasPrefix(
            "Added 1 citizens, 1 cases, 3 orders, 0 goal versions, 3 assessments, 3 follow-ups, 45 theme entries") == true)
        #expect(first.errorLines.contains { $0.hasPrefix(Self.files[4] + ":/entry/12/resource/period/end: warning: the indsats ended on 2021-08-30 without a FollowUp") })
        let before = try records(db)
        #expect(try StoreShell.run(db, "SELECT count(*) FROM citizens; SELECT count(*) FROM orders; SELECT count(*) FROM follow_ups;")
            .split(separator: "\n") == ["1", "3", "3"])

        let again = try ok(["import", "--db", db] + Self.files)
        #expect(again.stdout.hasPrefix("0 documents imported, 5 already imported (unchanged)."))
        #expect(try records(db) == before)

        let stats = try ok(["stats", "--db", db, "--by", "none", "--format", "json"])
        let figures = try #require(try FFBProcess.json(stats.stdout) as? [String: Any])
        let group = try #require((figures["groups"] as? [[String: Any]])?.first)
        // Five A&D themes, first (2021-05-29, the gathering's later version) against latest (2021-06-18).
        #expect(group["n"] as? Int == 5)
        #expect(group["unchanged"] as? Int == 5)
        #expect(group["mean_baseline"] as? Double == 2.2)
    }

    @Test func aStoresOwnReportsRebuildAStoreWithTheSameStatistics() throws {
        let demo = path("demo")
        _ = try ok(["demo", "--dir", demo, "--citizens", "30"])
        let original = "\(demo)/ffb.sqlite", rebuilt = path("rebuilt.sqlite")
        let export = try ok(["export", "--db", original, "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b",
                             "--out", path("reports")])
        #expect(export.stdout.contains("for 30 citizens"))
        let imported = try ok(["import", "--db", rebuilt, path("reports")])
        // Our own reports leave nothing out that the guide can carry: no warnings.
        #expect(imported.stderr.isEmpty, "\(imported.stderr)")

        let groupings: [[String]] = [
            ["--by", "none"], ["--by", "theme"], ["--by", "area"], ["--by", "intervention"], ["--by", "target-group"], ["--by", "goal-type"],
            ["--by", "theme", "--baseline", "previous"], ["--by", "goal-type", "--goals"],
        ]
        for grouping in groupings {
            let arguments = ["stats"] + grouping + ["--format", "json", "--db"]
            #expect(try ok(arguments + [original]).stdout == ok(arguments + [rebuilt]).stdout, "\(grouping)")
        }
        // The reporting guide carries no provider: the rebuilt store has one, "ikke indberettet",
        // holding every pair the original spreads over its providers.
        let byProvider = { (db: String) throws -> [(String, Int)] in
            let figures = try #require(try FFBProcess.json(try ok(["stats", "--by", "provider", "--format", "json", "--db", db]).stdout) as? [String: Any])
            return (figures["groups"] as? [[String: Any]] ?? []).map { (($0["key"] as? [String: String])?["provider"] ?? "", $0["n"] as? Int ?? -1) }
        }
        let providers = try byProvider(original), reported = try byProvider(rebuilt)
        #expect(providers.count > 1)
        #expect(reported.map(\.0) == ["ikke indberettet"])
        #expect(reported.map(\.1) == [providers.map(\.1).reduce(0, +)])

        let before = try records(rebuilt)
        let again = try ok(["import", "--db", rebuilt, path("reports")])
        #expect(again.stdout.contains("0 documents imported"))
        #expect(try records(rebuilt) == before)

        // The store that wrote the reports already holds everything they say: importing them adds no record.
        let source = path("source.sqlite")
        try FileManager.default.copyItem(atPath: original, toPath: source)
        let sourceRecords = try records(source).filter { !$0.hasPrefix("INSERT INTO exchange_documents ") }
        let own = try ok(["import", "--db", source, path("reports")])
        #expect(own.stdout.contains("Added 0 citizens, 0 cases, 0 orders, 0 goal versions, 0 assessments, 0 follow-ups, 0 theme entries"))
        #expect(own.stderr.isEmpty, "\(own.stderr)")
        #expect(try records(source).filter { !$0.hasPrefix("INSERT INTO exchange_documents ") } == sourceRecords)
    }
}
