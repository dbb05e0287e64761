import Foundation
import Testing

/// `ffb report`: every section present, numbers equal to `ffb stats`, privacy kept.
@Suite struct ReportCommandTests {
    let directory: TemporaryDirectory
    let extract: URL

    init() throws {
        directory = try TemporaryDirectory()
        let synth = try FFBProcess.run(["synth", "--citizens", "300", "--seed", "11", "--out", directory.url.path])
        #expect(synth.status == 0, "\(synth.stderr)")
        extract = directory.file("extract.csv")
    }

    func report(_ arguments: [String]) throws -> String {
        let out = directory.file("report-\(UUID().uuidString).html")
        let result = try FFBProcess.run(["report"] + arguments + ["--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    @Test func everySectionIsThereAndTheReportIsSelfContained() throws {
        let html = try report(["--input", extract.path])
        for section in ["headline", "areas", "themes", "distributions", "transitions", "goals", "support", "cost", "methods"] {
            #expect(html.contains("<section id=\"\(section)\">"), "missing section \(section)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"da\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<title>"))
    }

    @Test func numbersEqualThoseOfFFBStats() throws {
        let html = try report(["--input", extract.path, "--min-n", "1"])
        let stats = try FFBProcess.run(["stats", "--input", extract.path, "--by", "theme", "--format", "json"])
        let groups = try #require((try FFBProcess.json(stats.stdout) as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(!groups.isEmpty)
        for group in groups {
            let theme = try #require((group["key"] as? [String: String])?["theme"])
            let n = try #require(group["n"] as? Int)
            let improved = try #require(group["improved"] as? Int)
            let row = try #require(html.range(of: "<tr data-key=\"\(theme)\">"))
            let rest = html[row.upperBound...]
            let end = try #require(rest.range(of: "</tr>"))
            let cells = String(rest[..<end.lowerBound])
            #expect(cells.contains("<td data-stat=\"n\">\(n)</td>"), "theme \(theme)")
            #expect(cells.contains("<td data-stat=\"improved\">\(improved)</td>"), "theme \(theme)")
        }
        let overall = try FFBProcess.run(["stats", "--input", extract.path, "--by", "none", "--format", "json"])
        let total = try #require(((try FFBProcess.json(overall.stdout) as? [String: Any])?["groups"] as? [[String: Any]])?.first?["n"] as? Int)
        #expect(html.contains("data-stat=\"n\">\(total)</div>"))
    }

    @Test func smallGroupsAreSuppressedAndTheReportSaysSo() throws {
        let html = try report(["--input", extract.path, "--min-n", "100000"])
        #expect(html.contains("skjult (færre borgere end grænsen)"))
        #expect(html.contains("Grupper med færre end 100000 borgere er skjult"))
        #expect(!html.contains("data-stat=\"improved\""))
    }

    @Test func englishOnRequest() throws {
        let html = try report(["--input", extract.path, "--lang", "en"])
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("Headline numbers"))
        #expect(html.contains("Not available from an extract"))
    }

    @Test func aStoreReportHasGoalsSupportAndCostAndNoPersonalData() throws {
        let db = directory.file("s.sqlite").path
        func ok(_ arguments: String...) throws -> String {
            let result = try FFBProcess.run(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "2025-01-01", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", citizen, "--case", "S-1", "--date", "2025-02-01", "--theme", "Købe ind=3")
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                           "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--support-level", "C", "--start", "2025-03-01")
        _ = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "2", "--description", "Handler selv")
        _ = try ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--support-level", "B", "--status", "end")
        let tariffs = try directory.write("t.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,1000,2025-01-01,\nSOR-1,B,600,2025-01-01,\n")
        _ = try ok("tariff", "import", tariffs.path)
        let html = try report(["--db", db, "--min-n", "1"])
        #expect(html.contains("data-table=\"goals\""))
        #expect(html.contains("<td data-stat=\"achieved\">1</td>"))
        #expect(html.contains("data-table=\"support\""))
        #expect(html.contains("<td data-stat=\"cost\">184.000,00</td>")) // 184 days at level C × 1000 kr., in Danish figures
        #expect(html.contains("<td data-stat=\"cost_total\">"))
        // The header gives the data's own period, not "all data".
        #expect(html.contains("data-stat=\"period\">Periode: 2025-02-01 – 2025-09-01<"))
        #expect(html.contains("n tæller par") && html.contains("id=\"grid-legend\""))
        let english = try report(["--db", db, "--min-n", "1", "--lang", "en"])
        #expect(english.contains("<td data-stat=\"cost\">184,000.00</td>"))
        #expect(english.contains("Period: 2025-02-01 – 2025-09-01") && english.contains("n counts pairs"))
        #expect(!html.contains("010190"))
        #expect(!html.contains("Mette"))
        #expect(!html.contains(citizen))
    }
}
