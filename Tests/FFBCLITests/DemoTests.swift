import Foundation
import Testing

/// `ffb demo` end to end: the summary, the files, the report, and no personal data where none belongs.
@Suite struct DemoTests {
    static let cprPattern = try? NSRegularExpression(pattern: #"\b\d{6}-?\d{4}\b"#)

    static func holdsCPR(_ text: String) -> Bool {
        Self.cprPattern?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func theDemoRunsTheWholeFlowAndCanBeRunAgain() throws {
        let directory = try TemporaryDirectory()
        let demo = directory.file("demo").path
        let first = try FFBProcess.run(["demo", "--dir", demo, "--citizens", "40"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("FFBKit-demo — færdig på"))
        #expect(first.stdout.contains("registrerede 40 borgere"))
        #expect(first.stdout.contains("Prøv derefter:"))
        #expect(!Self.holdsCPR(first.stdout))
        for file in ["ffb.sqlite", "provider.sqlite", "report.html", "tariffs.csv"] {
            #expect(FileManager.default.fileExists(atPath: "\(demo)/\(file)"), "missing \(file)")
        }
        for store in ["ffb.sqlite", "provider.sqlite"] {
            let mode = try FileManager.default.attributesOfItem(atPath: "\(demo)/\(store)")[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let report = try String(contentsOfFile: "\(demo)/report.html", encoding: .utf8)
        for section in ["headline", "areas", "themes", "distributions", "transitions", "goals", "support", "cost", "methods"] {
            #expect(report.contains("<section id=\"\(section)\">"))
        }
        #expect(report.contains("data-table=\"goals\""))
        #expect(report.contains("data-stat=\"cost\""))
        #expect(!Self.holdsCPR(report))
        // Providers by name with their identifier, the data's own period, a total of the cost table.
        #expect(report.contains("<section id=\"by\"><h2>Forandring pr. udfører</h2>"))
        #expect(report.contains("Bostøtten Øst (SOR-401)"))
        #expect(!report.contains("alle data") && report.contains("data-stat=\"period\">Periode: 20"))
        #expect(report.contains("data-stat=\"cost_total\""))

        // The authority sees the provider's follow-up levels: pairs exist in its own store.
        let stats = try FFBProcess.run(["stats", "--db", "\(demo)/ffb.sqlite", "--by", "none", "--format", "json"])
        let pairs = try #require(((try FFBProcess.json(stats.stdout) as? [String: Any])?["groups"] as? [[String: Any]])?.first?["n"] as? Int)
        #expect(pairs > 40)

        let again = try FFBProcess.run(["demo", "--dir", demo, "--citizens", "40"])
        #expect(again.status == 0, "\(again.stderr)")
        let list = try FFBProcess.run(["citizen", "list", "--db", "\(demo)/ffb.sqlite", "--format", "csv"])
        #expect(list.stdout.split(separator: "\n").count == 41)
    }

    /// After `swift run ffb demo` nothing named `ffb` is on the PATH: every "Try next" line must
    /// still run as printed, in a plain shell; with `ffb` on the PATH they say plain `ffb`.
    @Test func theTryNextLinesRunAsPrinted() throws {
        let directory = try TemporaryDirectory()
        let demo = directory.file("demo dir").path
        let withoutFFB = ["PATH": "/usr/bin:/bin"]
        let result = try FFBProcess.run(["demo", "--dir", demo, "--citizens", "20"], environment: withoutFFB)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "Prøv derefter:"))
        let tries = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(tries.count == 6)
        let binary = FFBProcess.binary.resolvingSymlinksInPath().path
        for line in tries {
            #expect(!line.hasPrefix("ffb "), "\(line) names an ffb that is not on the PATH")
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", line + " >/dev/null"]
            shell.environment = FFBProcess.environment(withoutFFB)
            let errors = Pipe()
            shell.standardError = errors
            try shell.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0, "\(line): \(text)")
            #expect(text.isEmpty, "\(line): \(text)")
        }
        #expect(result.stdout.contains("Læg ffb i din PATH"))
        let onPath = try FFBProcess.run(["demo", "--dir", demo, "--citizens", "20", "--lang", "en"],
                                        environment: ["PATH": (binary as NSString).deletingLastPathComponent + ":/usr/bin:/bin"])
        #expect(onPath.stdout.contains("Try next:\n  ffb stats --db "))
        #expect(onPath.stdout.hasPrefix("FFBKit demo — done in"))
        #expect(!onPath.stdout.contains("Læg ffb i din PATH"))
    }

    @Test func theDemoRefusesAFolderThatIsNotItsOwn() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("thesis.txt", "mine")
        let result = try FFBProcess.run(["demo", "--dir", directory.url.path])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(FileManager.default.fileExists(atPath: directory.file("thesis.txt").path))
    }

    @Test func theAnalyticExtractIsPseudonymisedAndExcelFriendly() throws {
        let directory = try TemporaryDirectory()
        let demo = directory.file("demo").path
        #expect(try FFBProcess.run(["demo", "--dir", demo, "--citizens", "20"]).status == 0)
        let csv = directory.file("extract.csv").path
        let result = try FFBProcess.run(["export", "--extract", "csv", "--out", csv, "--db", "\(demo)/ffb.sqlite"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("citizen,theme,date,level,area,intervention,provider,target_group,goal_type,support_level,"
            + "theme_name,area_name,intervention_name,provider_name,target_group_name,municipality\n"))
        #expect(!Self.holdsCPR(text))
        for name in ["Anne", "Mette", "Nielsen", "Jensen"] { #expect(!text.contains(name)) }
        let rows = text.split(separator: "\n").dropFirst()
        #expect(rows.allSatisfy { $0.hasPrefix("P-") })
        // Names beside the codes, for the person who opens the file: the theme's, and a provider's with its identifier.
        #expect(rows.contains { $0.contains(",SOR-401,") && $0.contains(",Bostøtten Øst,") })
        #expect(rows.allSatisfy { !$0.contains(",SOR-401,") || $0.contains(",Bostøtten Øst,") })
        let areas = ["Mentale funktioner", "Sundhedsforhold", "Fysiske funktioner", "Sociale forhold", "Egenomsorg", "Praktiske opgaver"]
        #expect(rows.contains { row in areas.contains { row.contains(",\($0),") } })
        // The extract is itself an input for ffb stats.
        let stats = try FFBProcess.run(["stats", "--input", csv, "--by", "none", "--format", "json"])
        #expect(stats.status == 0, "\(stats.stderr)")

        let excel = directory.file("excel.csv").path
        #expect(try FFBProcess.run(["export", "--extract", "csv", "--excel", "--out", excel, "--db", "\(demo)/ffb.sqlite"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: excel))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("citizen;theme;date;level;area"))

        let json = directory.file("extract.json").path
        #expect(try FFBProcess.run(["export", "--extract", "json", "--out", json, "--db", "\(demo)/ffb.sqlite"]).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect((object["rows"] as? [Any])?.count == rows.count)
    }
}
