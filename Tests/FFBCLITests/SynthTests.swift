import Foundation
import Testing

/// `ffb synth`: deterministic, and its exchange documents tell the same story as its extract.
@Suite struct SynthTests {
    @Test func theSameSeedGivesTheSameData() throws {
        let directory = try TemporaryDirectory()
        for name in ["a", "b"] {
            #expect(try FFBProcess.run(["synth", "--citizens", "80", "--seed", "9", "--out", directory.file(name).path]).status == 0)
        }
        let a = try Data(contentsOf: directory.file("a/extract.csv"))
        let b = try Data(contentsOf: directory.file("b/extract.csv"))
        #expect(a == b)
        #expect(try Data(contentsOf: directory.file("a/exchange/order-0000007.json")) == Data(contentsOf: directory.file("b/exchange/order-0000007.json")))
        #expect(try FFBProcess.run(["synth", "--citizens", "80", "--seed", "10", "--extract-only", "--out", directory.file("c").path]).status == 0)
        #expect(try Data(contentsOf: directory.file("c/extract.csv")) != a)
        #expect(!FileManager.default.fileExists(atPath: directory.file("c/exchange").path))
    }

    @Test func importingTheDocumentsGivesTheExtractsStatistics() throws {
        let directory = try TemporaryDirectory()
        let out = directory.file("synth").path
        #expect(try FFBProcess.run(["synth", "--citizens", "60", "--seed", "4", "--out", out]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(out)/exchange").sorted().map { "\(out)/exchange/\($0)" }
        let db = directory.file("s.sqlite").path
        let imported = try FFBProcess.run(["import", "--db", db] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromExtract = try FFBProcess.run(["stats", "--input", "\(out)/extract.csv", "--by", "theme", "--format", "json"])
        let fromStore = try FFBProcess.run(["stats", "--db", db, "--by", "theme", "--format", "json"])
        let a = try #require(try FFBProcess.json(fromExtract.stdout) as? [String: Any])
        let b = try #require(try FFBProcess.json(fromStore.stdout) as? [String: Any])
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
    }
}
