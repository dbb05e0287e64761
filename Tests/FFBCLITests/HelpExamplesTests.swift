@testable import FFBCLI
import FFBCommandLine
import Foundation
import KLConformance
import Testing

/// The docs stay honest: every `EXAMPLES:` line of every `--help`, and the assessment file of
/// Docs/assessment-file.md, run as written against a demo store, with the examples' placeholder
/// ids (`P-7K3M9Q2X`, `3f2a9c1e`, …) replaced by real ones from that store.
@Suite(.serialized) struct HelpExamplesTests {
    /// Examples that need a person at the keyboard; `InteractiveAssessmentTests` covers them.
    static let needsATerminal = ["--interactive"]

    static func leaves(_ node: CommandNode, path: [String] = []) -> [(path: [String], spec: CommandSpec)] {
        if node.children.isEmpty { return [(path, node.spec)] }
        return node.children.flatMap { leaves($0, path: path + [$0.spec.name]) }
    }

    /// A folder holding the demo's stores under the examples' file names, the files the examples
    /// read, and the real ids the examples' placeholders stand for.
    struct DemoFolder {
        let directory: TemporaryDirectory
        let placeholders: [(String, String)]

        func real(_ text: String) -> String {
            placeholders.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }

        /// Runs a command line through the shell, as a user would type it, with `ffb` on PATH.
        func shell(_ line: String) throws -> FFBProcess.Result {
            let binaries = FFBProcess.binary.deletingLastPathComponent().path
            return try FFBProcess.run(["-c", line], binary: URL(fileURLWithPath: "/bin/sh"),
                                      environment: ["PATH": "\(binaries):/usr/bin:/bin"], in: directory.url)
        }

        init() throws {
            let directory = try TemporaryDirectory()
            self.directory = directory
            func path(_ name: String) -> String { directory.file(name).path }
            func ffb(_ arguments: String...) throws -> String {
                let result = try FFBProcess.run(arguments, in: directory.url)
                #expect(result.status == 0, "ffb \(arguments.joined(separator: " ")): \(result.stderr)")
                return result.stdout
            }
            func sqlite(_ sql: String) throws -> String {
                try StoreShell.run(path("ffb.sqlite"), sql).trimmingCharacters(in: .whitespacesAndNewlines)
            }

            // The stores the examples name: the demo's, under the examples' file names.
            _ = try ffb("demo", "--dir", path("demo"))
            for (source, target) in [("ffb.sqlite", "ffb.sqlite"), ("ffb.sqlite", "authority.sqlite"), ("provider.sqlite", "provider.sqlite")] {
                try FileManager.default.copyItem(atPath: path("demo/\(source)"), toPath: path(target))
            }
            // Another provider's tariffs: the store has the demo's own already.
            _ = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-999,C,1450.50,2025-01-01,\n")
            let orders = try #require(try FFBProcess.json(try ffb("list", "orders", "--format", "json")) as? [[String: Any]])
            // A running order (not ended by a follow-up) stands for the examples' order.
            let running = orders.filter { $0["ended"] is NSNull }
            let order = try #require(running.first { ($0["goals"] as? Int ?? 0) > 0 })
            let orderID = try #require(order["id"] as? String), citizen = try #require(order["citizen"] as? String)
            func firstCase(of citizen: String) throws -> String {
                let shown = try #require(try FFBProcess.json(try ffb("citizen", "show", citizen, "--format", "json")) as? [String: Any])
                return try #require((shown["cases"] as? [String])?.first)
            }
            let caseNumber = try firstCase(of: citizen)
            // The order `order end` ends and the case `case close` closes: other citizens', so the
            // examples about the order above still find it running.
            let others = running.filter { $0["citizen"] as? String != citizen }
            let endedOrder = try #require(others.first?["id"] as? String)
            let closedCitizen = try #require(others.first { $0["citizen"] as? String != others.first?["citizen"] as? String }?["citizen"] as? String)
            let closedCase = try firstCase(of: closedCitizen)
            let goalID = try sqlite("SELECT id FROM goals WHERE order_id = '\(orderID)' LIMIT 1")
            let followUpID = try sqlite("SELECT id FROM follow_ups LIMIT 1")
            placeholders = [
                ("P-7K3M9Q2X", citizen), ("3f2a9c1e", orderID), ("7d1e4b20", followUpID), ("9b1c2d3e", goalID),
                ("--case S-1 ", "--case \(caseNumber) "), ("5c8d2e7a", endedOrder), ("close S-9 ", "close \(closedCase) "),
                // The synthetic-data examples at a size the suite can afford (a debug build writes
                // 40,000 documents for 10,000 citizens); the options are the same.
                ("--citizens 10000", "--citizens 25"), ("--count 10000", "--count 25"),
                // The README's placeholders.
                ("P-…", citizen), ("--order ID", "--order \(orderID)"), ("--goal ID", "--goal \(goalID)"),
                ("--kind goal --id ID", "--kind goal --id \(goalID)"), ("--kind order --id ID", "--kind order --id \(orderID)"),
            ]

            // The files the examples name.
            _ = try ffb("export", "--extract", "csv", "--out", "extract.csv")
            _ = try ffb("export", "--kind", "order", "--id", orderID, "--out", "order.json")
            _ = try ffb("export", "--kind", "follow-up-report", "--id", followUpID, "--out", "follow-up.json")
            try FileManager.default.copyItem(atPath: path("follow-up.json"), toPath: path("follow-up-1.json"))
            _ = try ffb("export", "--fhir", "order", "--id", orderID, "--out", "kl-order-message.json")
            let exported = Conformance.klMessaging.violations(of: try Data(contentsOf: URL(fileURLWithPath: path("kl-order-message.json"))))
            #expect(exported.isEmpty, "\(exported)")
            let documentation = try String(contentsOf: FFBProcess.packageRoot.appendingPathComponent("Docs/assessment-file.md"), encoding: .utf8)
            let fence = try #require(documentation.range(of: "```json\n"))
            let end = try #require(documentation.range(of: "```", range: fence.upperBound..<documentation.endIndex))
            let assessmentFile = real(String(documentation[fence.upperBound..<end.lowerBound])).replacingOccurrences(of: "S-2025-001", with: caseNumber)
            _ = try directory.write("assessment.json", assessmentFile)
        }
    }

    /// The shared store the examples name.
    static let serverPlaceholder = "postgresql://ffb-owner@db.kommune.dk/ffb"

    @Test func everyHelpExampleRunsAsWrittenAgainstADemoStore() throws {
        let folder = try DemoFolder()
        var ran = 0
        for (commandPath, spec) in Self.leaves(FFBMain.tree) {
            for example in spec.examples where !Self.needsATerminal.contains(where: example.contains) {
                // A shared store's examples run against a fresh database on the test server (the demo
                // store copied into it, unless the example is that copy), and are skipped without one.
                var line = folder.real(example)
                var server: PostgresTestDatabase?
                if line.contains(Self.serverPlaceholder) {
                    guard PostgresTestDatabase.adminAddress != nil else { continue }
                    let database = try PostgresTestDatabase()
                    server = database
                    if !line.contains("--to \(Self.serverPlaceholder)") {
                        #expect(try folder.shell("ffb store copy --from ffb.sqlite --to '\(database.address)'").status == 0)
                    }
                    line = line.replacingOccurrences(of: Self.serverPlaceholder, with: "'\(database.address)'")
                    // A role the example makes belongs to the whole server: dropped with the database.
                    // (Kept when the suite's own stores log in by such names: StoreBackend.)
                    if let added = line.range(of: "role add "), !StoreBackend.onServer { database.roles.append(String(line[added.upperBound...].prefix { $0 != " " })) }
                }
                let result = try folder.shell(line)
                _ = server
                #expect(result.status == 0, "\(commandPath.joined(separator: " ")): \(example)\n\(result.stderr)")
                ran += 1
            }
        }
        #expect(ran >= 30)
    }

    /// The README's table of commands, each cell's commands run as printed (`P-…` and `ID` stand
    /// for a real citizen and record; cells with `[options]`, `FILE…`, `N` or `DIR` are syntax, not
    /// commands, and `ffb demo` has tests of its own).
    @Test func theReadmeCommandTableRunsAgainstADemoStore() throws {
        let folder = try DemoFolder()
        let readme = try String(contentsOf: FFBProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var ran = 0
        for row in readme.split(separator: "\n") where row.hasPrefix("| `ffb") {
            let cell = row.dropFirst(2).prefix { $0 != "|" }
            for command in cell.components(separatedBy: " / ").map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) })
            where command.hasPrefix("ffb ") && !["[", "FILE", " N ", "DIR", "ffb demo"].contains(where: command.contains) {
                let result = try folder.shell(folder.real(command))
                #expect(result.status == 0, "\(command)\n\(result.stderr)")
                ran += 1
            }
        }
        #expect(ran >= 25)
    }
}
