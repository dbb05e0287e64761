import FFBCommandLine
import Foundation
import Testing
@testable import FFBCLI

/// Every command × every option × every kind of bad value, through the built binary: the answer
/// is exit 1 or 2 with exactly one line on stderr, never a crash, a hang or a stack trace. Free
/// text (names, notes, output folders) may accept odd values; nothing else may.
///
/// Set FFB_BAD_ARGUMENT_TABLE=FILE to have the test write the summary table that
/// Docs/reliability.md shows.
@Suite struct BadArgumentMatrixTests {
    enum Kind: String, CaseIterable, Sendable {
        case missingValue = "missing value"
        case empty
        case malformed
        case outOfRange = "out of range"
        case nonUTF8 = "non-UTF-8"
        case huge

        /// The bad value; nil for "the option is last, with no value".
        var value: String? {
            switch self {
            case .missingValue: nil
            case .empty: ""
            case .malformed: "%%not a value%%"
            case .outOfRange: "-99999999999999999999"
            case .nonUTF8: "\u{FFFD}" // replaced by a raw 0xFF byte through the shell
            case .huge: String(repeating: "x", count: 20_000)
            }
        }
    }

    /// Options whose value is free text or a file or folder to create: odd values may be fine there
    /// (a write command creates its store at any --db path).
    static let freeText: Set<String> = [
        "name", "author", "assessor", "description", "reason", "user", "provider-name", "payer-name", "sender-name",
        "municipality", "reference", "out", "dir", "case-number", "case", "db", "sender-id", "provider-id", "payer-id", "reporting-organisation", "case-system",
        "backdated-reason", "purpose",
    ]

    struct Case: Sendable {
        var command: [String]
        var option: String?
        var kind: String
        var arguments: [String]
        var rawByte: Bool
    }

    struct Outcome: Sendable {
        var testCase: Case
        var status: Int32
        var stderr: String
    }

    /// Valid values for the options a command requires, from a store holding two imported orders:
    /// all valid, since every bad value of a command is reported and a bad sample would add a line.
    static func samples(directory: TemporaryDirectory, db: String) throws -> [String: String] {
        let orders = directory.file("orders")
        #expect(try FFBProcess.run(["exchange", "synth-orders", "--count", "2", "--out", orders.path]).status == 0)
        #expect(try FFBProcess.run(["import", "--quiet", "--db", db, orders.path]).status == 0)
        func first(_ sql: String) throws -> String { try StoreShell.run(db, sql).trimmingCharacters(in: .whitespacesAndNewlines) }
        let extract = try directory.write("extract.csv", "citizen,theme,date,level\nP-1,01770afa-cd17-41fe-a966-b8895e4d55d8,2024-01-01,3\n")
        return [
            "db": db, "citizen": try first("SELECT pseudonym FROM citizens LIMIT 1"), "order": try first("SELECT id FROM orders LIMIT 1"),
            "goal": try first("SELECT id FROM goals LIMIT 1"), "id": try first("SELECT id FROM assessments LIMIT 1"),
            "case-number": "S-NEW-1", "case": try first("SELECT case_number FROM cases LIMIT 1"),
            "cpr": "010190-1234", "name": "Navn", "date": "2025-06-01", "opened": "2025-01-01", "issued": "2025-01-01", "start": "2025-01-02",
            "municipality": "Aarhus", "municipality-code": "0751", "theme": "Købe ind=2", "status": "continue", "kind": "assessment",
            "type": "udvikle", "expected": "2", "description": "Et mål", "reason": "Fejl", "provider-name": "Bosted", "provider-id": "SOR-1",
            "service": "Støtte til praktiske opgaver", "support-level": "B", "goal add --theme": "Købe ind", "citizens": "5", "count": "1", "seed": "1", "out": directory.file("out-\(UUID().uuidString)").path,
            "input": extract.path, "file": extract.path, "dir": directory.file("dir-\(UUID().uuidString)").path,
        ]
    }

    static func leaves(_ node: CommandNode, path: [String] = []) -> [(path: [String], spec: CommandSpec)] {
        if node.children.isEmpty { return [(path, node.spec)] }
        return node.children.flatMap { leaves($0, path: path + [$0.spec.name]) }
    }

    static func cases(samples: [String: String]) -> [Case] {
        var cases: [Case] = []
        // `demo` is left out: a case that got past its argument checks would run the whole demo.
        for (path, spec) in leaves(FFBMain.tree) where path != ["demo"] {
            let valueOptions = spec.options.filter { $0.kind != .flag }
            func baseline(except skipped: String?) -> [String] {
                var arguments: [String] = []
                for option in spec.options where option.isRequired && option.name != skipped {
                    // A command's own sample first (goal add's --theme names a theme, assess's a theme and a level).
                    arguments += ["--\(option.name)", samples["\(path.joined(separator: " ")) --\(option.name)"] ?? samples[option.name] ?? "x"]
                }
                if spec.options.contains(where: { $0.name == "db" }), skipped != "db", !arguments.contains("--db") {
                    arguments += ["--db", samples["db"]!]
                }
                return arguments
            }
            for option in valueOptions {
                for kind in Kind.allCases {
                    var arguments = path + baseline(except: option.name) + ["--\(option.name)"]
                    if let value = kind.value { arguments.append(value) }
                    cases.append(Case(command: path, option: option.name, kind: kind.rawValue, arguments: arguments, rawByte: kind == .nonUTF8))
                }
            }
            cases.append(Case(command: path, option: nil, kind: "unknown option", arguments: path + baseline(except: nil) + ["--no-such-option", "1"], rawByte: false))
            if spec.options.contains(where: \.isRequired) || spec.positionals.contains(where: \.isRequired) {
                cases.append(Case(command: path, option: nil, kind: "nothing given", arguments: path, rawByte: false))
            }
        }
        return cases
    }

    static func run(_ testCase: Case, in directory: URL) throws -> Outcome {
        let result: FFBProcess.Result
        if testCase.rawByte {
            // Swift strings cannot carry broken UTF-8, so the shell puts the byte in.
            let quoted = testCase.arguments.map { $0 == "\u{FFFD}" ? "\"$(printf '\\377')\"" : "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }
            let (process, err) = try FFBProcess.start(["-c", "exec '\(FFBProcess.binary.path)' " + quoted.joined(separator: " ")],
                                                      executable: URL(fileURLWithPath: "/bin/sh"), in: directory)
            let data = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            result = FFBProcess.Result(status: process.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
        } else {
            result = try FFBProcess.run(testCase.arguments, in: directory)
        }
        return Outcome(testCase: testCase, status: result.status, stderr: result.stderr)
    }

    // Arguments, not stores: its bad --db, --from and --to values are file names, each a database of its own on the server.
    @Test(.storeFile) func everyCommandAnswersEveryKindOfBadArgumentWithOneLineAndExitOneOrTwo() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("matrix.sqlite").path
        let samples = try Self.samples(directory: directory, db: db)
        let cases = Self.cases(samples: samples)
        #expect(cases.count > 300)

        let lock = NSLock()
        nonisolated(unsafe) var outcomes: [Outcome] = []
        let work = try TemporaryDirectory()
        let workURL = work.url
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in stride(from: worker, to: cases.count, by: 4) {
                // Each case in a folder of its own, so no case reads what another one wrote.
                let folder = workURL.appendingPathComponent("case-\(index)")
                try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let outcome: Outcome
                do {
                    outcome = try Self.run(cases[index], in: folder)
                } catch {
                    Issue.record("\(cases[index].arguments.joined(separator: " ").prefix(300)): \(error)")
                    continue
                }
                lock.lock()
                outcomes.append(outcome)
                lock.unlock()
            }
        }
        #expect(outcomes.count == cases.count)
        for outcome in outcomes {
            let what = "\(outcome.testCase.command.joined(separator: " ")) --\(outcome.testCase.option ?? "") (\(outcome.testCase.kind))"
            let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: true)
            #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack dump"), "\(what): \(outcome.stderr)")
            if outcome.status == 0 {
                #expect(Self.freeText.contains(outcome.testCase.option ?? "") && [Kind.malformed.rawValue, Kind.outOfRange.rawValue].contains(outcome.testCase.kind),
                        "\(what) was accepted")
            } else {
                // A --db naming no store (or a file that is not one) is the store's trouble: exit 3 (CLI.md).
                let allowed: Set<Int32> = outcome.testCase.option == "db" ? [1, 2, 3] : [1, 2]
                #expect(allowed.contains(outcome.status), "\(what): exit \(outcome.status): \(outcome.stderr)")
                #expect(lines.count == 1, "\(what): \(lines.count) lines: \(outcome.stderr.prefix(500))")
                #expect(lines.first.map { $0.utf8.count < 600 } ?? false, "\(what): an overlong error line")
            }
        }
        if let tablePath = ProcessInfo.processInfo.environment["FFB_BAD_ARGUMENT_TABLE"] {
            try Self.table(outcomes).write(toFile: tablePath, atomically: true, encoding: .utf8)
        }
    }

    /// Commands as rows, kinds as columns; a cell lists the exit codes seen over that command's options.
    static func table(_ outcomes: [Outcome]) -> String {
        let kinds = Kind.allCases.map(\.rawValue) + ["unknown option", "nothing given"]
        var rows: [String: [String: Set<Int32>]] = [:]
        for outcome in outcomes {
            rows[outcome.testCase.command.joined(separator: " "), default: [:]][outcome.testCase.kind, default: []].insert(outcome.status)
        }
        var text = "| command | " + kinds.joined(separator: " | ") + " |\n|---|" + String(repeating: "---|", count: kinds.count) + "\n"
        for command in rows.keys.sorted() {
            let cells = kinds.map { kind in rows[command]?[kind].map { $0.sorted().map(String.init).joined(separator: ", ") } ?? "–" }
            text += "| `\(command)` | " + cells.joined(separator: " | ") + " |\n"
        }
        return text
    }
}
