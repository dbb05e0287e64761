import Foundation
import KLConformance
import Testing

/// Issue 15's probes of the store, re-run: what a careless user, an attacker with the sqlite3
/// shell and a crashing machine did to `ffb`, and what it must do now. Each test fails on the
/// code before the fix.
@Suite(.serialized) struct CarelessHandsTests: CaseStoreSuite {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func sqlite(_ db: String, _ sql: String) throws -> String {
        try StoreShell.run(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `ffb` and fails the test instead of hanging when it does not end within `seconds`.
    func runBounded(_ arguments: [String], environment: [String: String] = [:], seconds: Double = 10) throws -> FFBProcess.Result {
        let process = Process()
        process.executableURL = FFBProcess.binary
        process.arguments = arguments
        process.environment = FFBProcess.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let hung = process.isRunning
        if hung { process.terminate() }
        process.waitUntilExit()
        #expect(!hung, "ffb \(arguments.joined(separator: " ")) still ran after \(seconds) s")
        return FFBProcess.Result(status: hung ? -1 : process.terminationStatus,
                                 stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                                 stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    // MARK: 1. A store overwritten

    @Test(.storeFile) func anOutputThatIsTheStoreOrAnySQLiteFileIsRefusedBeforeAnythingIsWritten() throws {
        let db = path("s.sqlite"), other = path("other.sqlite")
        let recorded = try caseStore(db)
        try ok("init", "--db", other)
        let before = try StoreShell.dump(db), otherBefore = try StoreShell.dump(other)
        let attempts: [[String]] = [
            ["export", "--db", db, "--kind", "order", "--id", recorded.order, "--out", db],
            ["export", "--db", db, "--kind", "order", "--id", recorded.order, "--out", db + "-wal"],
            ["export", "--db", db, "--kind", "order", "--id", recorded.order, "--out", db + "-shm"],
            ["export", "--db", db, "--fhir", "order", "--id", recorded.order, "--out", other],
            ["export", "--db", db, "--extract", "csv", "--out", db],
            ["export", "--db", db, "--fhir", "reporting", "--out", db],
            ["report", "--db", db, "--out", db],
            ["report", "--db", db, "--out", other],
            // The same store named another way: through a symbolic link and a relative path.
            ["export", "--db", db, "--kind", "order", "--id", recorded.order, "--out", directory.url.path + "/./s.sqlite"],
        ]
        for arguments in attempts {
            let result = try FFBProcess.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.errorLines.count == 1)
            #expect(result.stderr.contains("--out:"), "\(result.stderr)")
        }
        #expect(try StoreShell.dump(db) == before)
        #expect(try StoreShell.dump(other) == otherBefore)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        // An ordinary output still works, owner-only.
        try ok("export", "--db", db, "--kind", "order", "--id", recorded.order, "--out", path("order.json"))
        #expect(try FileManager.default.attributesOfItem(atPath: path("order.json"))[.posixPermissions] as? Int == 0o600)
    }

    @Test func aTemporaryFileLeftByAKilledExportIsRemovedByTheNextRun() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        let reports = path("reports")
        try ok("export", "--db", db, "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", reports)
        let files = try FileManager.default.contentsOfDirectory(atPath: reports)
        let first = try #require(files.first)
        // What a run killed between writing and renaming leaves: `.NAME.PID.tmp` of a dead process.
        let stale = reports + "/.\(first).999999.tmp"
        try Data("{\"half".utf8).write(to: URL(fileURLWithPath: stale))
        try ok("export", "--db", db, "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", reports)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports).sorted() == files.sorted())
        // KL's rules on what was written. The order was recorded without a follow-up date, which
        // FFBKit allows, so its report has an open order with none: a known gap of the reporting
        // export against care-plan-1 (issue 18), not a rule to loosen.
        for file in files {
            let violations = Conformance.klReporting().violations(of: try Data(contentsOf: URL(fileURLWithPath: reports + "/" + file)))
            let expected = file.hasPrefix("DeliveryReport-2025-02-01") ? ["kl-reporting-ffb-care-plan-1"] : []
            #expect(violations.map(\.rule) == expected, "\(file): \(violations)")
        }
    }

    // MARK: 3. A hang

    @Test func aFIFOOrADeviceAsTheStoreIsRefusedAtOnce() throws {
        let fifo = path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        for arguments in [["stats"], ["citizen", "list"], ["init"], ["import", path("none.json")]] {
            for db in [fifo, "/dev/null"] {
                let result = try runBounded(arguments + ["--db", db])
                #expect(result.status == 1, "\(arguments) \(db): \(result.stderr)")
                #expect(result.errorLines.count == 1)
                #expect(result.stderr.contains(db == fifo ? "is a pipe" : "is a device"), "\(result.stderr)")
            }
        }
        let viaEnvironment = try runBounded(["citizen", "list"], environment: ["FFB_DB": fifo])
        #expect(viaEnvironment.status == 1)
        #expect(viaEnvironment.stderr.contains("is a pipe"))
    }

    // MARK: 7. Permissions

    @Test(.storeFile) func aStoreReadableByOthersIsRefusedWithTheChmodThatFixesIt() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        for companion in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: db + companion) {
            #expect(try FileManager.default.attributesOfItem(atPath: db + companion)[.posixPermissions] as? Int == 0o600, "\(companion)")
        }
        #expect(chmod(db, 0o644) == 0)
        let before = try StoreShell.dump(db)
        for arguments in [["citizen", "list"], ["citizen", "add", "--cpr", "010190-1234", "--name", "B"]] {
            let result = try FFBProcess.run(arguments + ["--db", db])
            #expect(result.status == 3)
            #expect(result.errorLines.count == 1)
            #expect(result.stderr.contains("mode 644"))
            #expect(result.stderr.contains("chmod 600 \(db)"))
        }
        #expect(try StoreShell.dump(db) == before)
        #expect(chmod(db, 0o600) == 0)
        try ok("citizen", "list", "--db", db)
    }

    // MARK: 5. Duplicates

    @Test func theSameFollowUpAgainIsAlreadyRecordedAndAnotherNeedsSupersedes() throws {
        let db = path("s.sqlite")
        let recorded = try caseStore(db)
        let follow = ["followup", "record", "--db", db, "--order", recorded.order, "--date", "2025-06-01", "--theme", "Købe ind=2", "--status", "continue"]
        let first = try FFBProcess.run(follow)
        #expect(first.status == 0)
        let firstID = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try StoreShell.dump(db)
        // A retry after a lost answer: nothing new, said so, exit 0, not even an audit row.
        let again = try FFBProcess.run(follow)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Allerede registreret: follow-up \(firstID)"))
        #expect(try StoreShell.dump(db) == before)
        // Another follow-up for the same order and date is refused, naming the one to supersede.
        var other = follow
        other[other.firstIndex(of: "Købe ind=2")!] = "Købe ind=1"
        let refused = try FFBProcess.run(other)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--supersedes \(firstID)"))
        #expect(try StoreShell.dump(db) == before)
        // Superseding it replaces it: the old one is marked and its level no longer counts.
        let second = try FFBProcess.run(other + ["--supersedes", String(firstID.prefix(8))])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM follow_ups") == "2")
        #expect(try sqlite(db, "SELECT reason FROM entered_in_error WHERE target_id = '\(firstID)'").hasPrefix("superseded by follow-up"))
        let progress = try FFBProcess.run(["progress", "--citizen", recorded.citizen, "--db", db, "--format", "json"])
        #expect(progress.status == 0)
        #expect(!progress.stdout.contains("\"level\" : 2") && !progress.stdout.contains("\"level\": 2"), "the superseded level must not count")
    }

    @Test func eightProcessesRecordingTheSameFollowUpLeaveOneRow() throws {
        let db = path("s.sqlite")
        let recorded = try caseStore(db)
        let command = "'\(FFBProcess.binary.path)' followup record --db '\(try StoreBackend.location(db, user: "anna"))' --order \(recorded.order) --date 2025-06-01 --theme 'Købe ind=2' --status continue --user anna"
        let processes = try (0..<8).map { _ -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command + " >/dev/null 2>&1; echo $?"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            return (process, pipe)
        }
        let statuses = processes.map { process, pipe in
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(statuses.allSatisfy { $0 == "0" }, "\(statuses)")
        #expect(try sqlite(db, "SELECT count(*) FROM follow_ups") == "1")
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }

    // MARK: 6. A silent identity merge

    @Test func anImportedOrderWhoseCPRIsKnownUnderAnotherNameWarnsAndIsRefusedUnderStrict() throws {
        let authority = path("authority.sqlite"), provider = path("provider.sqlite")
        let recorded = try caseStore(authority)
        let orderFile = path("order.json")
        try ok("export", "--db", authority, "--kind", "order", "--id", recorded.order, "--out", orderFile)
        // The provider knows this CPR number under another name, from another municipality.
        try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karin Dal", "--db", provider)
        try ok("case", "open", "--citizen", "020485-1357", "--case-number", "K-9", "--opened", "2024-01-01",
               "--municipality", "København", "--municipality-code", "0101", "--db", provider)
        let before = try StoreShell.dump(provider)
        let strict = try FFBProcess.run(["import", "--strict", "--db", provider, orderFile])
        #expect(strict.status == 1)
        #expect(strict.errorLines.count == 1)
        #expect(strict.stderr.hasPrefix("\(orderFile):/order/citizen: the CPR number belongs to citizen P-"))
        #expect(strict.stderr.contains("another name") && strict.stderr.contains("municipality 0101, not 0751"))
        #expect(try StoreShell.dump(provider) == before)

        let lenient = try FFBProcess.run(["import", "--db", provider, orderFile])
        #expect(lenient.status == 0)
        #expect(lenient.errorLines.count == 1)
        #expect(lenient.stderr.hasPrefix("\(orderFile):/order/citizen: warning: the CPR number belongs to citizen P-"))
        // Kept with the import's audit row, without the number.
        let kept = try sqlite(provider, "SELECT w.command || ': ' || m.message FROM write_warnings m JOIN writes w ON w.id = m.write_id")
        #expect(kept.hasPrefix("ffb import: the CPR number belongs to citizen P-"))
        #expect(PrivacyScan.matches(in: kept).isEmpty)
        // The caseworker sees it where the case is read.
        let history = try FFBProcess.run(["history", "--citizen", "020485-1357", "--db", provider])
        #expect(history.stdout.contains("bemærkning: the CPR number belongs to citizen P-"))
    }

    // MARK: 8. Forgeable and injectable text

    @Test func storedTextCannotForgeLinesOrDriveTheTerminal() throws {
        let db = path("s.sqlite")
        let newline = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "A", "--db", db, "--user", "eve\n2025-01-01  assessment  forged"])
        #expect(newline.status == 1)
        #expect(newline.errorLines.count == 1)
        #expect(newline.stderr.contains("control character"))
        #expect(!FileManager.default.fileExists(atPath: db))

        let hostile = "Eve\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}evE\nNext line"
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", hostile, "--db", db)
        for arguments in [["citizen", "list"], ["citizen", "show", citizen], ["history", "--citizen", citizen]] {
            let result = try FFBProcess.run(arguments + ["--db", db])
            #expect(result.status == 0)
            #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }, "\(arguments)")
            #expect(result.stdout.contains("Eve\\x1b]0;owned\\x07\\x1b[2J<U+202E>evE\\nNext line"), "\(arguments): \(result.stdout)")
            #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("Next line") })
        }
        // Programs still get the exact text.
        let json = try FFBProcess.run(["citizen", "list", "--db", db, "--format", "json"])
        let names = try #require(try FFBProcess.json(json.stdout) as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names == [hostile])
    }

    // MARK: 10. Tampering unnoticed

    @Test(.storeFile) func aDroppedTriggerIsFoundAndRefusesEveryWrite() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        #expect(try FFBProcess.run(["check", "--db", db]).status == 0)
        _ = try sqlite(db, "DROP TRIGGER citizens_no_update; UPDATE citizens SET name = 'Someone else';")
        let before = try StoreShell.dump(db)
        let check = try FFBProcess.run(["check", "--db", db])
        #expect(check.status == 3)
        #expect(check.stdout.contains("PROBLEM  skema og tilføj-kun-triggere: trigger citizens_no_update is missing"))
        let write = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "B", "--db", db])
        #expect(write.status == 3)
        #expect(write.errorLines == ["ffb: store error: the store was changed outside ffb (trigger citizens_no_update is missing); nothing was written. Run 'ffb check' for the details"])
        #expect(try StoreShell.dump(db) == before)
    }

    @Test(.storeFile) func aChangedOrRemovedAuditRowBreaksTheHashChain() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        let sound = try FFBProcess.run(["check", "--db", db, "--format", "json"])
        #expect(sound.status == 0)
        #expect(sound.stdout.contains("\"ok\": true") || sound.stdout.contains("\"ok\" : true"))

        let changed = path("changed.sqlite")
        _ = try sqlite(db, ".backup '\(changed)'")
        #expect(chmod(changed, 0o600) == 0)
        // The attacker puts the trigger back exactly as it was, so the schema looks untouched.
        _ = try sqlite(changed, """
            DROP TRIGGER writes_no_update; UPDATE writes SET user = 'mallory' WHERE id = 2;
            CREATE TRIGGER writes_no_update BEFORE UPDATE ON writes BEGIN SELECT RAISE(ABORT, 'append-only: writes rows are never updated'); END;
            """)
        let afterChange = try FFBProcess.run(["check", "--db", changed])
        #expect(afterChange.status == 3)
        #expect(afterChange.stdout.contains("PROBLEM  revisionssporets hashkæde: audit row 2 was changed"))
        #expect(afterChange.stdout.contains("ok       skema og tilføj-kun-triggere"))
        let english = try FFBProcess.run(["check", "--db", changed, "--lang", "en"])
        #expect(english.stdout.contains("PROBLEM  audit trail hash chain: audit row 2 was changed"))

        let removed = path("removed.sqlite")
        _ = try sqlite(db, ".backup '\(removed)'")
        #expect(chmod(removed, 0o600) == 0)
        _ = try sqlite(removed, """
            DROP TRIGGER writes_no_delete; DELETE FROM writes WHERE id = 3;
            CREATE TRIGGER writes_no_delete BEFORE DELETE ON writes BEGIN SELECT RAISE(ABORT, 'append-only: writes rows are never deleted'); END;
            """)
        let afterRemoval = try FFBProcess.run(["check", "--db", removed])
        #expect(afterRemoval.status == 3)
        #expect(afterRemoval.stdout.contains("audit row 3 is missing"))
        #expect(afterRemoval.stdout.contains("audit row 4 was changed, or a row before it was removed or changed"))
    }

    // MARK: Found by review

    @Test(.storeFile) func aTriggerNamedLikeSQLitesOwnIsStillSeen() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        // LIKE 'sqlite_%' would have hidden these: '_' matches any character, case is ignored.
        _ = try sqlite(db, """
            CREATE TABLE sqlitexloot (cpr, name);
            CREATE TRIGGER SQLiteXcopy AFTER INSERT ON citizens BEGIN INSERT INTO sqlitexloot VALUES (NEW.cpr, NEW.name); END;
            """)
        let check = try FFBProcess.run(["check", "--db", db])
        #expect(check.status == 3)
        #expect(check.stdout.contains("trigger SQLiteXcopy was added"))
        #expect(check.stdout.contains("table sqlitexloot was added"))
        #expect(try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "B", "--db", db]).status == 3)
        #expect(try sqlite(db, "SELECT count(*) FROM sqlitexloot") == "0")
    }

    @Test(.storeFile) func insertOrReplaceCannotRewriteAClinicalRowInPlace() throws {
        let db = path("s.sqlite")
        let recorded = try caseStore(db)
        try ok("mark-error", "--kind", "order", "--id", recorded.order, "--reason", "typed twice", "--db", db)
        let before = try StoreShell.dump(db)
        // REPLACE deletes the old row without firing DELETE triggers; the key triggers refuse it.
        for statement in [
            "INSERT OR REPLACE INTO citizens (id, pseudonym, cpr, name, write_id) SELECT id, pseudonym, cpr, 'Forged', write_id FROM citizens",
            "INSERT OR REPLACE INTO citizens (pseudonym, cpr, name, write_id) SELECT 'P-AAAAAAAA', cpr, 'Forged', write_id FROM citizens",
            "INSERT OR REPLACE INTO theme_observations SELECT assessment_id, series_id, position, 0, not_assessed, relevance, note, source, write_id FROM theme_observations",
            "REPLACE INTO entered_in_error (target_kind, target_id, reason, write_id) SELECT target_kind, target_id, 'never mind', write_id FROM entered_in_error",
        ] {
            let output = try StoreShell.run(db, statement + ";")
            #expect(output.isEmpty, "\(statement): \(output)")
        }
        #expect(try StoreShell.dump(db) == before)
        #expect(try FFBProcess.run(["check", "--db", db]).status == 0)
    }

    @Test(.storeFile) func aStoreNamedThroughALinkIsGuardedAsTheFileItPointsTo() throws {
        let db = path("s.sqlite"), link = path("link.sqlite")
        let recorded = try caseStore(db)
        #expect(symlink(db, link) == 0)
        let out = try FFBProcess.run(["export", "--db", link, "--kind", "order", "--id", recorded.order, "--out", db + "-wal"])
        #expect(out.status == 2)
        #expect(FileManager.default.createFile(atPath: db + "-wal", contents: nil, attributes: [.posixPermissions: 0o644]))
        #expect(chmod(db + "-wal", 0o644) == 0)
        let read = try FFBProcess.run(["citizen", "list", "--db", link])
        #expect(read.status == 3)
        #expect(read.stderr.contains("s.sqlite-wal can be read or written by others"))
    }

    @Test(.storeFile) func synthDoesNotWriteItsExtractOverADatabase() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        try FileManager.default.createDirectory(atPath: path("synth"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: db, toPath: path("synth/extract.csv"))
        let result = try FFBProcess.run(["synth", "--citizens", "5", "--out", path("synth")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is an SQLite database"))
        #expect(try sqlite(path("synth/extract.csv"), "PRAGMA integrity_check") == "ok")
    }

    @Test func theSameFollowUpWithItsThemesInAnotherOrderIsAlreadyRecorded() throws {
        let db = path("s.sqlite")
        let recorded = try caseStore(db)
        let base = ["followup", "record", "--db", db, "--order", recorded.order, "--date", "2025-06-01", "--status", "continue"]
        #expect(try FFBProcess.run(base + ["--theme", "Købe ind=2", "--theme", "Lave mad=1"]).status == 0)
        let again = try FFBProcess.run(base + ["--theme", "Lave mad=1", "--theme", "Købe ind=2"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Allerede registreret: follow-up "))
        #expect(try sqlite(db, "SELECT count(*) FROM follow_ups") == "1")
    }

    // MARK: 11. Leftovers

    @Test func importingAnEmptyFolderIsAnErrorAndWritesNothing() throws {
        let db = path("s.sqlite")
        _ = try caseStore(db)
        let empty = path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let before = try StoreShell.dump(db)
        let result = try FFBProcess.run(["import", "--db", db, empty])
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(empty): no .json documents to import"])
        #expect(try StoreShell.dump(db) == before)
    }
}
