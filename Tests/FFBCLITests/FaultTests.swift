import Foundation
import Testing

/// The store under trouble: a newer schema, a full disk, a read-only file system, the file
/// deleted while a command runs. Each gives a clear error and loses nothing.
@Suite(.serialized) struct FaultTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func sqlite(_ db: String, _ sql: String) throws -> String {
        try StoreShell.run(db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.storeFile) func aStoreFromANewerFFBIsRefusedAndLeftAlone() throws {
        let db = directory.file("new.sqlite").path
        #expect(try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "A", "--db", db]).status == 0)
        _ = try sqlite(db, "PRAGMA user_version = 99")
        let before = try sqlite(db, ".dump")
        for arguments in [["citizen", "list", "--db", db], ["citizen", "add", "--cpr", "020290-1234", "--name", "B", "--db", db]] {
            let result = try FFBProcess.run(arguments)
            #expect(result.status == 3)
            #expect(result.errorLines.count == 1)
            #expect(result.stderr.contains("schema version 99, newer than this ffb knows"))
        }
        #expect(try sqlite(db, ".dump") == before)
    }

    @Test(.storeFile, arguments: [false, true])
    func theStoreFileDeletedOrReplacedWhileACommandRunsIsAnErrorNotASilentLoss(replaced: Bool) throws {
        let db = directory.file("gone-\(replaced).sqlite").path
        let other = directory.file("other-\(replaced).sqlite").path
        #expect(try FFBProcess.run(["init", "--db", other]).status == 0)
        let citizen = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "A", "--db", db]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // An interactive assessment waits at its prompt; the file is removed (or another store is
        // moved over it) meanwhile.
        let process = Process()
        process.executableURL = FFBProcess.binary
        process.arguments = ["assess", "--citizen", citizen, "--date", "2025-01-01", "--interactive", "--area", "Mobilitet", "--db", db]
        process.environment = FFBProcess.environment([:])
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data("2\n\n\n\n".utf8))
        Thread.sleep(forTimeInterval: 0.5)
        try FileManager.default.removeItem(atPath: db)
        if replaced { try FileManager.default.moveItem(atPath: other, toPath: db) }
        input.fileHandleForWriting.write(Data("j\n".utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(message.contains("was deleted or replaced while ffb was running; nothing was written"))
        if replaced {
            // The store now at the path was not written to either.
            #expect(try sqlite(db, "SELECT count(*) FROM assessments") == "0")
        }
    }

    /// Mounting needs root; where it is not allowed the test says so and does not pretend.
    static func mount(_ options: String, at path: String) -> Bool {
        runMount(["-t", "tmpfs", "-o", options, "tmpfs", path])
    }

    static func runMount(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = arguments
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func unmount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [path]
        try? process.run()
        process.waitUntilExit()
    }

    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-mount-probe-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount("size=64k", at: probe) else { return false }
        unmount(probe)
        return true
    }()

    /// Runs `body` with a fresh tmpfs of `size` mounted in the test's folder, unmounted afterwards.
    func withTmpfs(_ name: String, size: String, _ body: (String) throws -> Void) throws {
        let mountPoint = directory.file(name).path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        #expect(Self.mount("size=\(size)", at: mountPoint))
        defer { Self.unmount(mountPoint) }
        try body(mountPoint)
    }

    @Test(.storeFile, .enabled(if: FaultTests.canMount, "needs permission to mount a tmpfs"))
    func aFullDiskLosesNothingAlreadyWritten() throws {
        try withTmpfs("small", size: "768k") { try fillTheDisk(db: $0 + "/s.sqlite") }
    }

    func fillTheDisk(db: String) throws {
        var saved = 0
        var full: FFBProcess.Result?
        for index in 0..<2000 {
            let cpr = String(format: "%02d%02d8%d-%04d", index % 28 + 1, index / 28 % 12 + 1, index / 336 % 10, 1000 + index)
            let result = try FFBProcess.run(["citizen", "add", "--cpr", cpr, "--name", String(repeating: "Navn ", count: 800), "--db", db])
            if result.status != 0 {
                full = result
                break
            }
            saved += 1
        }
        let failure = try #require(full, "the small disk never filled")
        #expect(failure.status == 3)
        #expect(failure.errorLines.count == 1)
        #expect(failure.stderr.contains("full") || failure.stderr.contains("disk"), "\(failure.stderr)")
        // Everything committed before the disk filled is still there and the store is sound.
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(Int(try sqlite(db, "SELECT count(*) FROM citizens")) == saved)
    }

    static func remount(_ path: String, options: String) -> Bool {
        runMount(["-o", "remount,\(options)", path])
    }

    @Test(.storeFile, .enabled(if: FaultTests.canMount, "needs permission to mount a tmpfs"))
    func aStoreOnReadOnlyMediaCanBeReadAndRefusesWritesClearly() throws {
        try withTmpfs("readonly", size: "4m") { try readOnlyMedia(mountPoint: $0) }
    }

    func readOnlyMedia(mountPoint: String) throws {
        let db = mountPoint + "/s.sqlite"
        let added = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette", "--db", db])
        #expect(added.status == 0)
        let pseudonym = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try sqlite(db, ".dump")
        #expect(Self.remount(mountPoint, options: "ro"))
        // A WAL store cannot be opened the usual way here (no -shm can be made); reads still work.
        // Views without personal data work; a view of names or CPR numbers must log the look
        // first (issue 21), which read-only media cannot take: refused, saying why.
        #expect(try FFBProcess.run(["stats", "--db", db, "--format", "json"]).status == 0)
        #expect(try FFBProcess.run(["list", "orders", "--db", db, "--format", "json"]).status == 0)
        for view in [["citizen", "list"], ["history", "--citizen", pseudonym]] {
            let refused = try FFBProcess.run(view + ["--db", db])
            #expect(refused.status == 3 && refused.errorLines.count == 1 && refused.stderr.contains("cannot be logged"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("Mette"))
        }
        for write in [["citizen", "add", "--cpr", "020290-1234", "--name", "B", "--db", db],
                      ["case", "open", "--citizen", pseudonym, "--case-number", "S-1", "--opened", "2025-01-01", "--municipality", "Aarhus", "--municipality-code", "0751", "--db", db]] {
            let result = try FFBProcess.run(write)
            #expect(result.status == 3)
            #expect(result.errorLines == ["ffb: store error: the store is read-only (read-only media or no write permission); nothing was written"])
        }
        let created = try FFBProcess.run(["init", "--db", mountPoint + "/new.sqlite"])
        #expect(created.status == 3)
        #expect(created.errorLines == ["ffb: store error: cannot create the store file: Read-only file system"])
        #expect(Self.remount(mountPoint, options: "rw"))
        #expect(try sqlite(db, ".dump") == before)
        #expect(try sqlite(db, "PRAGMA integrity_check") == "ok")
    }
}
