import Foundation
import Testing

/// Runs the built `ffb` binary as a user would, capturing its output and exit code.
struct FFBProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// stderr split into lines, for "one clear error line" checks.
        var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// The `ffb` built next to the test bundle (`swift test` builds every product).
    static let binary: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("ffb")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/ffb")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A child that exits before reading the input a test writes to it must fail that test, not
    /// end the whole suite with SIGPIPE.
    static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// This process's environment for an `ffb` child, with `extra` on top: no `$FFB_DB` from the
    /// machine, and a `$USER` (writes need a name for the audit; a CI machine may have none). An
    /// empty value in `extra` removes the variable (a test of what happens without it).
    static func environment(_ extra: [String: String]) -> [String: String] {
        _ = ignoreBrokenPipes
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "FFB_DB")
        if (env["USER"] ?? "").isEmpty { env["USER"] = "ffb-tests" }
        for (key, value) in extra { env[key] = value.isEmpty ? nil : value }
        return env
    }

    static func run(
        _ arguments: [String],
        binary: URL = binary,
        stdin: String? = nil,
        environment: [String: String] = [:],
        in directory: URL? = nil,
        timeout: Duration? = nil,
        onSuiteBackend: Bool = true
    ) throws -> Result {
        let (given, environment) = onSuiteBackend ? try StoreBackend.redirect(arguments, environment: environment, directory: directory) : (arguments, environment)
        let process = Process()
        process.executableURL = binary
        process.arguments = given
        process.environment = Self.environment(environment)
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let timeout {
            // A hang then fails the test that caused it instead of stalling the whole suite.
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { if process.isRunning { process.terminate() } }
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self)
        )
        PrivacyScan.check(arguments, result)
        return result
    }

    /// Starts a process without waiting for it: stdout discarded, stderr to the returned pipe.
    static func start(_ arguments: [String], executable: URL = binary, in directory: URL? = nil) throws -> (Process, Pipe) {
        let (given, extra) = try StoreBackend.redirect(arguments, environment: [:], directory: directory)
        let process = Process()
        process.executableURL = executable
        process.arguments = given
        process.environment = environment(extra)
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, pipe)
    }

    static func run(_ arguments: String..., stdin: String? = nil) throws -> Result {
        try run(arguments, stdin: stdin)
    }

    /// Parses JSON output with Foundation, independently of our own JSON module.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try Data(text.utf8).write(to: target)
        return target
    }

    deinit {
        StoreBackend.release(under: url)
        try? FileManager.default.removeItem(at: url)
    }
}

/// The sqlite3 shell: an independent view of a store, so "unchanged" or "sound" is not judged by
/// our own code.
enum SQLiteShell {
    static func run(_ db: String, _ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [db, command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func dump(_ db: String) throws -> String {
        try run(db, ".dump")
    }
}

/// Every output of every `ffb` run in the suite is scanned for CPR-shaped numbers. A CPR number
/// may appear only where a person must see it: the caseworker's own views of one citizen and the
/// order documents sent to the provider. On stderr it may appear only when the user typed it
/// (an error about that very number).
enum PrivacyScan {
    static let pattern = try! NSRegularExpression(pattern: #"(?<![0-9A-Za-z-])(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}(?![0-9A-Za-z-])"#)

    /// Commands whose standard output may show a CPR number: one citizen's record for the
    /// caseworker, and orders exported for the provider (native or KL FHIR).
    static func mayShowCPR(_ arguments: [String]) -> Bool {
        let command = Array(arguments.prefix { !$0.hasPrefix("-") })
        if command.starts(with: ["citizen", "show"]) || command.starts(with: ["history"]) { return true }
        guard command.starts(with: ["export"]) else { return false }
        return zip(arguments, arguments.dropFirst()).contains { ($0 == "--kind" || $0 == "--fhir") && $1 == "order" }
    }

    static func matches(in text: String) -> [String] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func check(_ arguments: [String], _ result: FFBProcess.Result) {
        // A command line run through the shell (`sh -c "ffb …"`) is judged by its words.
        if arguments.count == 2, arguments[0] == "-c", arguments[1].hasPrefix("ffb ") {
            return check(arguments[1].split(separator: " ").dropFirst().map(String.init), result)
        }
        let command = arguments.prefix { !$0.hasPrefix("-") }
        if !mayShowCPR(arguments), let found = matches(in: result.stdout).first {
            Issue.record("ffb \(command.joined(separator: " ")) printed a CPR-shaped number (\(found.prefix(6))…) on stdout")
        }
        let typed = arguments.joined(separator: " ")
        for found in matches(in: result.stderr) where !typed.contains(found) {
            Issue.record("ffb \(command.joined(separator: " ")) printed a CPR-shaped number it was not given (\(found.prefix(6))…) on stderr")
        }
    }
}

@Suite struct PrivacyScanTests {
    @Test func findsCPRShapedNumbersAndNothingElse() {
        #expect(PrivacyScan.matches(in: "cpr 010190-1234 and 3112991234.") == ["010190-1234", "3112991234"])
        let innocent = "order 8c074015-bc0b-463c-ad0f-9213ace5b2e9, 10032839 rows, 2025-01-01, SOR-1001001234, P-00000000, 321390-1234"
        #expect(PrivacyScan.matches(in: innocent).isEmpty)
    }

    @Test func onlyTheCaseworkerViewsAndProviderOrdersMayShowOne() {
        #expect(PrivacyScan.mayShowCPR(["citizen", "show", "P-1"]))
        #expect(PrivacyScan.mayShowCPR(["export", "--kind", "order", "--order", "x"]))
        #expect(!PrivacyScan.mayShowCPR(["export", "--extract", "csv"]))
        #expect(!PrivacyScan.mayShowCPR(["stats", "--db", "x"]))
        #expect(!PrivacyScan.mayShowCPR(["citizen", "list"]))
    }
}
