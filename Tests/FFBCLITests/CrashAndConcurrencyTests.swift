import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The store when processes die or crowd it: `ffb import` killed with SIGKILL at many points, and
/// eight processes importing and recording follow-ups at once. Judged with the sqlite3 shell, not
/// with our own code.
@Suite(.serialized) struct CrashAndConcurrencyTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func count(_ db: String, _ table: String) throws -> Int {
        Int(try StoreShell.run(db, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func integrity(_ db: String) throws -> String {
        try StoreShell.run(db, "PRAGMA integrity_check").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func synthOrders(_ count: Int, seed: Int, into name: String) throws -> URL {
        let folder = directory.file(name)
        let result = try FFBProcess.run(["exchange", "synth-orders", "--count", String(count), "--seed", String(seed), "--out", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    static let tables = ["exchange_documents", "citizens", "cases", "orders", "goals", "assessments", "theme_series", "theme_observations"]

    @Test func anImportKilledAtAnyPointLeavesAllOrNothingAndARerunCompletesIt() throws {
        let documents = 400
        let orders = try synthOrders(documents, seed: 7, into: "orders")

        // A clean import first: how long it takes, and what "all" looks like.
        let reference = directory.file("reference.sqlite").path
        #expect(try FFBProcess.run(["init", "--db", reference]).status == 0)
        let started = Date()
        let (clean, _) = try FFBProcess.start(["import", "--quiet", "--db", reference, orders.path])
        clean.waitUntilExit()
        #expect(clean.terminationStatus == 0)
        let duration = Date().timeIntervalSince(started)
        var full: [String: Int] = [:]
        for table in Self.tables { full[table] = try count(reference, table) }
        #expect(full["exchange_documents"] == documents)

        var outcomes: [String] = []
        var lastKilled: String?
        // Kill points spread over the whole run, more of them close to the commit; each kill hits
        // a fresh store, so every point interrupts a real import.
        let fractions = [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.94, 0.96, 0.98, 0.99, 1.0, 1.01, 1.02, 1.05, 1.1]
        for (index, fraction) in fractions.enumerated() {
            let db = directory.file("killed-\(index).sqlite").path
            #expect(try FFBProcess.run(["init", "--db", db]).status == 0)
            let (process, _) = try FFBProcess.start(["import", "--quiet", "--db", db, orders.path])
            Thread.sleep(forTimeInterval: duration * fraction)
            let killed = process.isRunning
            if killed { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            #expect(try integrity(db) == "ok", "after a kill at \(fraction)")
            let imported = try count(db, "exchange_documents")
            #expect(imported == 0 || imported == documents, "a kill at \(fraction) left \(imported) of \(documents) documents")
            // Every table agrees with the documents table: all of the import or none of it.
            for table in Self.tables where table != "exchange_documents" {
                let rows = try count(db, table)
                #expect(rows == (imported == 0 ? 0 : full[table]), "\(table) after a kill at \(fraction): \(rows)")
            }
            outcomes.append(killed ? (imported == 0 ? "none" : "all") : "finished")
            if killed { lastKilled = db }
        }
        #expect(outcomes.contains("none"), "no kill landed during the import: \(outcomes)")

        // A re-run on a killed store completes the import, and the store holds it once.
        let db = try #require(lastKilled)
        let rerun = try FFBProcess.run(["import", "--db", db, orders.path])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        for table in Self.tables {
            #expect(try count(db, table) == full[table], "\(table) after the re-run")
        }
        #expect(try integrity(db) == "ok")
    }

    @Test func eightProcessesImportingAndRecordingFollowUpsLoseAndDuplicateNothing() throws {
        let db = directory.file("busy.sqlite").path
        let base = try synthOrders(16, seed: 100, into: "base")
        #expect(try FFBProcess.run(["import", "--quiet", "--db", db, base.path]).status == 0)
        let listed = try FFBProcess.run(["list", "orders", "--db", db, "--format", "json"])
        let orderIDs = try #require(try FFBProcess.json(listed.stdout) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(orderIDs.count == 16)

        // Four importers with their own documents, four recorders with their own orders; every
        // command is one transaction and all of them contend for the one writer lock.
        let importers = 4, recorders = 4, batchesPerImporter = 3, documentsPerBatch = 15, followUpsPerOrder = 3
        var scripts: [String] = []
        let store = try StoreBackend.location(db)
        for importer in 0..<importers {
            var script = ""
            for batch in 0..<batchesPerImporter {
                let folder = try synthOrders(documentsPerBatch, seed: 1000 + importer * 10 + batch, into: "import-\(importer)-\(batch)")
                script += "'\(FFBProcess.binary.path)' import --quiet --db '\(store)' '\(folder.path)' >/dev/null 2>>\"$ERR\" && echo import-ok || echo import-fail\n"
            }
            scripts.append(script)
        }
        for recorder in 0..<recorders {
            var script = ""
            for order in orderIDs[(recorder * 4)..<(recorder * 4 + 4)] {
                for visit in 0..<followUpsPerOrder {
                    let date = String(format: "2025-%02d-01", 2 + visit * 3)
                    script += "'\(FFBProcess.binary.path)' followup record --db '\(store)' --order \(order) --date \(date) --status continue --support-level B >/dev/null 2>>\"$ERR\" && echo followup-ok || echo followup-fail\n"
                }
            }
            scripts.append(script)
        }
        var running: [(Process, Pipe, URL)] = []
        for (index, script) in scripts.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            let errors = directory.file("errors-\(index).txt")
            process.environment = FFBProcess.environment(["ERR": errors.path])
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            running.append((process, pipe, errors))
        }
        var succeeded: [String: Int] = [:]
        var failed = 0
        for (process, pipe, errors) in running {
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            for line in output.split(separator: "\n") {
                if line.hasSuffix("-ok") { succeeded[String(line.dropLast(3)), default: 0] += 1 } else { failed += 1 }
            }
            // The only acceptable failure is a clear "busy" after the retry budget (5 s) ran out.
            let messages = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            for message in messages.split(separator: "\n") {
                #expect(message.contains("busy"), "unexpected error: \(message)")
            }
        }
        #expect(failed == 0, "with a 5 s busy budget no command here should have had to give up")
        #expect(try integrity(db) == "ok")
        // No lost write: every command that said it succeeded is in the store, exactly once.
        let imports = succeeded["import"] ?? 0, followUps = succeeded["followup"] ?? 0
        #expect(try count(db, "exchange_documents") == 16 + imports * documentsPerBatch)
        #expect(try count(db, "orders") == 16 + imports * documentsPerBatch)
        #expect(try count(db, "follow_ups") == followUps)
        #expect(followUps == recorders * 4 * followUpsPerOrder)
        // No duplicate: one follow-up per order and date, one row per document id.
        let duplicates = try StoreShell.run(db, "SELECT count(*) FROM (SELECT order_id, date FROM follow_ups GROUP BY 1, 2 HAVING count(*) > 1) AS twice")
        #expect(duplicates.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let writes = try count(db, "writes")
        #expect(writes == 1 + imports + followUps, "one audited write per successful command")
    }
}
