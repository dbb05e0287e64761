@testable import FFBCLI
import FFBCommandLine
import Foundation
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

    @Test func everyHelpExampleRunsAsWrittenAgainstADemoStore() throws {
        let directory = try TemporaryDirectory()
        func path(_ name: String) -> String { directory.file(name).path }
        func ffb(_ arguments: String...) throws -> String {
            let result = try FFBProcess.run(arguments, in: directory.url)
            #expect(result.status == 0, "ffb \(arguments.joined(separator: " ")): \(result.stderr)")
            return result.stdout
        }
        func sqlite(_ sql: String) throws -> String {
            try SQLiteShell.run(path("ffb.sqlite"), sql).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // The stores the examples name: the demo's, under the examples' file names.
        _ = try ffb("demo", "--dir", path("demo"))
        for (source, target) in [("ffb.sqlite", "ffb.sqlite"), ("ffb.sqlite", "authority.sqlite"), ("provider.sqlite", "provider.sqlite"), ("tariffs.csv", "tariffs.csv")] {
            try FileManager.default.copyItem(atPath: path("demo/\(source)"), toPath: path(target))
        }
        let orders = try #require(try FFBProcess.json(try ffb("list", "orders", "--format", "json")) as? [[String: Any]])
        let order = try #require(orders.first { ($0["goals"] as? Int ?? 0) > 0 })
        let orderID = try #require(order["id"] as? String), citizen = try #require(order["citizen"] as? String)
        let shown = try #require(try FFBProcess.json(try ffb("citizen", "show", citizen, "--format", "json")) as? [String: Any])
        let caseNumber = try #require((shown["cases"] as? [String])?.first)
        let goalID = try sqlite("SELECT id FROM goals WHERE order_id = '\(orderID)' LIMIT 1")
        let followUpID = try sqlite("SELECT id FROM follow_ups LIMIT 1")
        let placeholders = [
            ("P-7K3M9Q2X", citizen), ("3f2a9c1e", orderID), ("7d1e4b20", followUpID), ("9b1c2d3e", goalID),
            ("--case S-1 ", "--case \(caseNumber) "),
            // The synthetic-data examples at a size the suite can afford (a debug build writes
            // 40,000 documents for 10,000 citizens); the options are the same.
            ("--citizens 10000", "--citizens 25"), ("--count 10000", "--count 25"),
        ]
        func real(_ text: String) -> String {
            placeholders.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        }

        // The files the examples name.
        _ = try ffb("export", "--extract", "csv", "--out", "extract.csv")
        _ = try ffb("export", "--kind", "order", "--id", orderID, "--out", "order.json")
        _ = try ffb("export", "--kind", "follow-up-report", "--id", followUpID, "--out", "follow-up.json")
        try FileManager.default.copyItem(atPath: path("follow-up.json"), toPath: path("follow-up-1.json"))
        _ = try ffb("export", "--fhir", "order", "--id", orderID, "--out", "kl-order-message.json")
        let documentation = try String(contentsOf: FFBProcess.packageRoot.appendingPathComponent("Docs/assessment-file.md"), encoding: .utf8)
        let fence = try #require(documentation.range(of: "```json\n"))
        let end = try #require(documentation.range(of: "```", range: fence.upperBound..<documentation.endIndex))
        let assessmentFile = real(String(documentation[fence.upperBound..<end.lowerBound])).replacingOccurrences(of: "S-2025-001", with: caseNumber)
        _ = try directory.write("assessment.json", assessmentFile)

        var ran = 0
        let binaries = FFBProcess.binary.deletingLastPathComponent().path
        for (commandPath, spec) in Self.leaves(FFBMain.tree) {
            for example in spec.examples where !Self.needsATerminal.contains(where: example.contains) {
                // Through the shell, as a user would type it (quotes, globs); `ffb` on PATH.
                let result = try FFBProcess.run(["-c", real(example)], binary: URL(fileURLWithPath: "/bin/sh"),
                                                environment: ["PATH": "\(binaries):/usr/bin:/bin"], in: directory.url)
                #expect(result.status == 0, "\(commandPath.joined(separator: " ")): \(example)\n\(result.stderr)")
                ran += 1
            }
        }
        #expect(ran >= 30)
    }
}
