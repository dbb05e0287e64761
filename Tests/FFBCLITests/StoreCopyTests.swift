import Foundation
import Testing

/// `ffb store copy` between the backends (issue 21): a store copied to PostgreSQL and back reads
/// the same in every view, checked by counts and by the analytic extract of each.
@Suite struct StoreCopyTests {
    func extract(_ db: String, in directory: TemporaryDirectory, name: String) throws -> String {
        let file = directory.file(name)
        let result = try FFBProcess.run(["export", "--extract", "csv", "--out", file.path, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOf: file, encoding: .utf8)
    }

    @Test(.storeFile) func aStoreCopiedToAnotherFileReadsTheSameAndRefusesATargetWithRecords() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("a.sqlite").path, target = directory.file("b.sqlite").path
        let (mette, _, order) = try AccessLogTests.record(source)
        let copied = try FFBProcess.run(["store", "copy", "--from", source, "--to", target])
        #expect(copied.status == 0 && copied.stdout.contains("2 citizens"), "\(copied.stderr)")
        // Every citizen's CPR number went with the copy: the source's access log says so, one look
        // each, before the copy (so the copy holds those rows too).
        #expect(try StoreShell.run(source, "SELECT count(*) FROM access_log WHERE command = 'ffb store copy'").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(try StoreShell.run(target, "SELECT count(*) FROM access_log WHERE command = 'ffb store copy'").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(try extract(source, in: directory, name: "a.csv") == extract(target, in: directory, name: "b.csv"))
        for view in [["history", "--citizen", mette, "--format", "json"], ["order", "show", order], ["check"]] {
            let a = try FFBProcess.run(view + ["--db", source]), b = try FFBProcess.run(view + ["--db", target])
            #expect(a.status == 0 && a.stdout.replacingOccurrences(of: source, with: "<db>") == b.stdout.replacingOccurrences(of: target, with: "<db>"), "\(view)")
        }
        let again = try FFBProcess.run(["store", "copy", "--from", source, "--to", target])
        #expect(again.status == 3 && again.stderr.contains("already holds records") && again.errorLines.count == 1, "\(again.stderr)")
        #expect(try FFBProcess.run(["store", "copy", "--from", source, "--to", source]).status == 1)
        let missing = try FFBProcess.run(["store", "copy", "--from", directory.file("none.sqlite").path, "--to", directory.file("c.sqlite").path])
        #expect(missing.status == 1 && missing.stderr.contains("there is no store at") && !FileManager.default.fileExists(atPath: directory.file("c.sqlite").path))
    }

    @Test(.storeFile, .enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
    func aStoreCopiedToPostgreSQLAndBackReadsTheSame() throws {
        let directory = try TemporaryDirectory()
        let source = directory.file("a.sqlite").path, back = directory.file("back.sqlite").path
        #expect(try FFBProcess.run(["exchange", "synth-orders", "--count", "30", "--seed", "5", "--out", directory.file("orders").path]).status == 0)
        #expect(try FFBProcess.run(["import", "--quiet", "--db", source, directory.file("orders").path]).status == 0)
        let (mette, _, _) = try AccessLogTests.record(source)
        let server = try PostgresTestDatabase()
        let up = try FFBProcess.run(["store", "copy", "--from", source, "--to", server.address])
        #expect(up.status == 0 && up.stdout.contains("32 citizens"), "\(up.stderr)")
        let down = try FFBProcess.run(["store", "copy", "--from", server.address, "--to", back])
        // The same, and the 32 looks the copy down logged on the server first (one per citizen).
        func rows(_ text: String) -> Int? { text.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
        #expect(down.status == 0 && rows(down.stdout) == rows(up.stdout).map { $0 + 32 }, "\(down.stdout) \(down.stderr)")
        #expect(down.stdout.split(separator: " ").dropFirst(2) == up.stdout.split(separator: " ").dropFirst(2))
        let original = try extract(source, in: directory, name: "a.csv")
        #expect(original.split(separator: "\n").count > 30)
        #expect(try extract(server.address, in: directory, name: "pg.csv") == original)
        #expect(try extract(back, in: directory, name: "back.csv") == original)
        // The audit trail came along whole: its hash chain checks on every copy, writers' names kept.
        for db in [server.address, back] {
            let check = try FFBProcess.run(["check", "--db", db, "--format", "json"])
            #expect(check.status == 0 && !check.stdout.contains("\"problems\" : [\n        \""), "\(check.stdout)")
            let history = try FFBProcess.run(["history", "--citizen", mette, "--db", db, "--format", "json"])
            #expect(history.stdout.contains("sagsbehandler-anna"))
        }
        // New records on the copy continue after the copied ids.
        #expect(try FFBProcess.run(["citizen", "add", "--cpr", "030303-3333", "--name", "Ny Borger", "--db", server.address]).status == 0)
    }
}
