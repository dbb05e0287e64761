import Foundation
import Testing

/// `ffb stats --adjusted`, `--by municipality`, two keys, `--group … --citizens` and the report's
/// funnel plot, end to end on a store worked by hand.
///
/// Five citizens, each assessed on 2025-02-01 (Købe ind 3, Lave mad 2), then an order from
/// 2025-03-01 and a follow-up on 2025-09-01 (support level C, then B):
///
/// | citizen | municipality | provider | Købe ind | Lave mad |
/// |---|---|---|---|---|
/// | 1 | 0751 Aarhus | SOR-A | 3 → 1 | 2 → 2 |
/// | 2 | 0751 Aarhus | SOR-A | 3 → 3 | 2 → 1 |
/// | 3 | 0101 København | SOR-B | 3 → 2 | 2 → 3 |
/// | 4 | 0101 København | SOR-B | 3 → 3 | 2 → 2 |
/// | 5 | 0101 København | SOR-C | 3 → 2 | 2 → 2 |
///
/// Strata over all ten pairs: (Købe ind, 3) 3 of 5 improved, rate 0.6; (Lave mad, 2) 1 of 5, 0.2.
/// SOR-A: O = 2, E = 2·0.6 + 2·0.2 = 1.6, O/E = 1.25; each citizen o = 1, e = 0.8, so every
/// residual 1 − 1.25·0.8 is 0 and the interval is [1.25, 1.25].
/// SOR-B: O = 1, E = 1.6, O/E = 0.625; residuals 1 − 0.5 = 0.5 and 0 − 0.5 = −0.5, so
/// Var = 2/1 · 0.5 / 1.6² = 0.390625, SE = 0.625, interval [0, 0.625 + 1.959963984540054·0.625].
/// SOR-C: O = 1, E = 0.8, O/E = 1.25, one citizen: no interval.
/// København (citizens 3–5): O = 2, E = 2.4, O/E = 5/6; residuals 1/3, −2/3, 1/3, Σ² = 2/3,
/// Var = 3/2 · (2/3) / 2.4², SE = 0.41666….
@Suite struct FairComparisonCommandTests {
    let directory: TemporaryDirectory
    let db: String
    var citizens: [String] = []

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("fair.sqlite").path
        let people: [(cpr: String, municipality: (String, String), provider: String, shopping: Int, cooking: Int)] = [
            ("010190-1234", ("Aarhus", "0751"), "SOR-A", 1, 2), ("020290-1234", ("Aarhus", "0751"), "SOR-A", 3, 1),
            ("030390-1234", ("København", "0101"), "SOR-B", 2, 3), ("040490-1234", ("København", "0101"), "SOR-B", 3, 2),
            ("050590-1234", ("København", "0101"), "SOR-C", 2, 2),
        ]
        for (index, person) in people.enumerated() {
            let citizen = try ok("citizen", "add", "--cpr", person.cpr, "--name", "Borger \(index + 1)")
            citizens.append(citizen)
            let caseNumber = "S-\(index + 1)"
            _ = try ok("case", "open", "--citizen", citizen, "--case-number", caseNumber, "--opened", "2025-01-01",
                       "--municipality", person.municipality.0, "--municipality-code", person.municipality.1)
            _ = try ok("assess", "--citizen", citizen, "--case", caseNumber, "--date", "2025-02-01", "--theme", "Købe ind=3", "--theme", "Lave mad=2")
            let order = try ok("order", "create", "--citizen", citizen, "--case", caseNumber, "--service", "Støtte til praktiske opgaver",
                               "--provider-name", "Bostøtten \(person.provider.suffix(1))", "--provider-id", person.provider, "--support-level", "C",
                               "--start", "2025-03-01")
            _ = try ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=\(person.shopping)",
                       "--theme", "Lave mad=\(person.cooking)", "--support-level", "B", "--status", "continue")
        }
        let tariffs = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-A,C,100,2025-01-01,\nSOR-A,B,50,2025-01-01,\n")
        _ = try ok("tariff", "import", tariffs.path)
    }

    func ok(_ arguments: String...) throws -> String {
        try ok(arguments)
    }

    func ok(_ arguments: [String]) throws -> String {
        let result = try FFBProcess.run(arguments + ["--db", db])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func groups(_ arguments: String...) throws -> [[String: Any]] {
        let output = try #require(try FFBProcess.json(try ok(["stats", "--format", "json"] + arguments)) as? [String: Any])
        return try #require(output["groups"] as? [[String: Any]])
    }

    func group(_ groups: [[String: Any]], _ key: [String: String]) throws -> [String: Any] {
        try #require(groups.first { ($0["key"] as? [String: String]) == key }, "no group \(key)")
    }

    @Test func providersAreComparedWithWhatTheirCaseMixPredicts() throws {
        let groups = try groups("--by", "provider", "--adjusted")
        #expect(groups.count == 3)
        let a = try group(groups, ["provider": "SOR-A"])
        #expect(a["n"] as? Int == 4 && a["citizens"] as? Int == 2 && a["observed"] as? Int == 2)
        #expect(abs((a["expected"] as? Double ?? 0) - 1.6) < 1e-12)
        #expect(abs((a["oe_ratio"] as? Double ?? 0) - 1.25) < 1e-12)
        #expect((a["oe_ratio_se"] as? Double).map { abs($0) < 1e-12 } == true)
        #expect(a["funnel"] as? String == "within")
        let b = try group(groups, ["provider": "SOR-B"])
        #expect(abs((b["oe_ratio"] as? Double ?? 0) - 0.625) < 1e-12)
        #expect(abs((b["oe_ratio_se"] as? Double ?? 0) - 0.625) < 1e-12)
        let interval = try #require(b["oe_ratio_ci"] as? [Double])
        #expect(interval[0] == 0 && abs(interval[1] - (0.625 + 1.959963984540054 * 0.625)) < 1e-12)
        let c = try group(groups, ["provider": "SOR-C"])
        #expect(abs((c["oe_ratio"] as? Double ?? 0) - 1.25) < 1e-12)
        #expect(c["oe_ratio_ci"] is NSNull && c["clusters"] as? Int == 1)
        // The strata the expectation comes from.
        let output = try #require(try FFBProcess.json(try ok("stats", "--by", "provider", "--adjusted", "--format", "json")) as? [String: Any])
        let strata = try #require(output["strata"] as? [[String: Any]])
        #expect(strata.map { $0["rate"] as? Double } == [0.6, 0.2] || strata.map { $0["rate"] as? Double } == [0.2, 0.6], "\(strata)")
    }

    @Test func costPerImprovedPairIsTheGroupsCostOverItsImprovedPairs() throws {
        let cost = try group(try groups("--by", "provider", "--cost", "--min-n", "1"), ["provider": "SOR-A"])
        let total = try #require(cost["cost"] as? Double)
        // Two orders, each 184 days at C (100) and 2025-09-01 at B (50).
        #expect(total == 2 * (184 * 100 + 50))
        let adjusted = try group(try groups("--by", "provider", "--adjusted"), ["provider": "SOR-A"])
        #expect(adjusted["cost"] as? Double == total)
        #expect(adjusted["cost_per_improved"] as? Double == total / 2)
        // SOR-B has no tariff: nothing is priced, so there is no cost per improved pair.
        let b = try group(try groups("--by", "provider", "--adjusted"), ["provider": "SOR-B"])
        #expect(b["cost"] is NSNull && b["cost_per_improved"] is NSNull)
    }

    @Test func municipalitiesComeFromTheOrdersCases() throws {
        let plain = try groups("--by", "municipality")
        #expect(plain.compactMap { ($0["key"] as? [String: String])?["municipality"] }.sorted() == ["0101", "0751"])
        #expect(try group(plain, ["municipality": "0101"])["citizens"] as? Int == 3)
        let adjusted = try groups("--by", "municipality", "--adjusted")
        let copenhagen = try group(adjusted, ["municipality": "0101"])
        #expect(copenhagen["observed"] as? Int == 2)
        #expect(abs((copenhagen["oe_ratio"] as? Double ?? 0) - 5.0 / 6) < 1e-12)
        #expect(abs((copenhagen["oe_ratio_se"] as? Double ?? 0) - (1.5 * (2.0 / 3)).squareRoot() / 2.4) < 1e-12)
        let table = try ok("stats", "--by", "municipality", "--adjusted", "--min-n", "1")
        #expect(table.contains("København (0101)") && table.contains("0,83 [0,02–1,65]"), "\(table)")
    }

    @Test func twoKeysGroupByBoth() throws {
        let groups = try groups("--by", "municipality,provider", "--adjusted")
        #expect(groups.map { $0["key"] as? [String: String] } == [
            ["municipality": "0101", "provider": "SOR-B"], ["municipality": "0101", "provider": "SOR-C"], ["municipality": "0751", "provider": "SOR-A"],
        ])
        let csv = try ok("stats", "--by", "municipality,provider", "--format", "csv").split(separator: "\n")
        #expect(csv.dropFirst().first?.hasPrefix("\"municipality,provider\",\"0101,SOR-B\",København · Bostøtten B,4,") == true, "\(csv)")
        let table = try ok("stats", "--by", "provider,theme", "--min-n", "1")
        #expect(table.contains("Bostøtten A (SOR-A) · Købe ind"), "\(table)")
    }

    @Test func aSmallProviderIsHiddenWithTheSmallestBesideIt() throws {
        // SOR-C has one citizen: hidden (<2); alone it could be worked back, so SOR-A (2, the
        // smallest shown, before SOR-B by key) goes with it.
        let table = try ok("stats", "--by", "provider", "--adjusted", "--min-n", "2")
        let rows = table.split(separator: "\n").map(String.init)
        #expect(rows.first { $0.hasPrefix("Bostøtten C (SOR-C)") }?.contains("<2") == true, "\(table)")
        #expect(rows.first { $0.hasPrefix("Bostøtten A (SOR-A)") }.map { !$0.contains("1,25") && $0.contains("·") } == true, "\(table)")
        #expect(rows.first { $0.hasPrefix("Bostøtten B (SOR-B)") }?.contains("0,63") == true, "\(table)")
        let output = try #require(try FFBProcess.json(try ok("stats", "--by", "provider", "--adjusted", "--min-n", "2", "--format", "json")) as? [String: Any])
        #expect((output["groups"] as? [[String: Any]])?.compactMap { ($0["key"] as? [String: String])?["provider"] } == ["SOR-B"])
        #expect((output["suppressed"] as? [[String: String]]) == [["provider": "SOR-A"], ["provider": "SOR-C"]])
        // Every stratum has five pairs: shown at --min-n 5, hidden at 6.
        let strict = try #require(try FFBProcess.json(try ok("stats", "--by", "provider", "--adjusted", "--min-n", "6", "--format", "json")) as? [String: Any])
        #expect((strict["strata"] as? [[String: Any]])?.allSatisfy { $0["rate"] is NSNull } == true)
    }

    @Test func anAnalystOpensAGroupToItsCitizensPairs() throws {
        let csv = try ok("stats", "--by", "provider", "--group", "SOR-A", "--citizens", "--format", "csv")
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "citizen,theme,theme_name,baseline_date,baseline,followup_date,followup,change,expected")
        let expected = citizens.prefix(2).sorted().flatMap { citizen -> [String] in
            let shopping = citizen == citizens[0] ? 1 : 3, cooking = citizen == citizens[0] ? 2 : 1
            return [
                "\(citizen),01770afa-cd17-41fe-a966-b8895e4d55d8,Købe ind,2025-02-01,3,2025-09-01,\(shopping),\(3 - shopping),0.6",
                "\(citizen),b947f321-7cdb-4b33-9653-f3ff800572b0,Lave mad,2025-02-01,2,2025-09-01,\(cooking),\(2 - cooking),0.2",
            ]
        }
        #expect(Array(lines.dropFirst()) == expected, "\(csv)")
        #expect(!csv.contains("010190"), "a CPR number in the drill-down")
        let twoKeys = try ok("stats", "--by", "municipality,provider", "--group", "0101,SOR-B", "--citizens", "--format", "json")
        #expect(twoKeys.contains(citizens[2]) && twoKeys.contains(citizens[3]) && !twoKeys.contains(citizens[4]), "\(twoKeys)")
    }

    @Test func anExtractWithTheProviderColumnIsComparedAsTheStoreIs() throws {
        let extract = directory.file("extract.csv")
        _ = try ok("export", "--extract", "csv", "--out", extract.path)
        let text = try String(contentsOf: extract, encoding: .utf8)
        #expect(text.split(separator: "\n").first?.hasSuffix(",target_group_name,municipality") == true)
        #expect(text.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",0751") || $0.hasSuffix(",0101") })
        func figures(_ arguments: [String]) throws -> [[String]] {
            let result = try FFBProcess.run(["stats", "--adjusted", "--format", "json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let groups = try #require((try FFBProcess.json(result.stdout) as? [String: Any])?["groups"] as? [[String: Any]])
            return groups.map { group in
                let key = (group["key"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                return [key] + ["citizens", "n", "observed", "expected", "oe_ratio", "oe_ratio_ci", "funnel"].map { "\(group[$0] ?? "nil")" }
            }
        }
        for by in ["provider", "municipality", "municipality,provider", "goal-type,provider"] {
            let fromExtract = try figures(["--input", extract.path, "--by", by]), fromStore = try figures(["--db", db, "--by", by])
            #expect(fromExtract == fromStore, "\(by): \(fromExtract) against \(fromStore)")
        }
        // The store's extra: cost needs the tariffs, which an extract has not.
        let fromExtract = try FFBProcess.run(["stats", "--adjusted", "--input", extract.path, "--by", "provider", "--format", "json"]).stdout
        #expect(fromExtract.contains("\"cost_per_improved\": null"))
        // An extract without the column says which it needs, at line 1.
        let bare = try directory.write("bare.csv", "citizen,theme,date,level\nP-1,01770afa-cd17-41fe-a966-b8895e4d55d8,2025-01-01,3\n")
        let refused = try FFBProcess.run(["stats", "--adjusted", "--input", bare.path, "--by", "provider"])
        #expect(refused.status == 1)
        #expect(refused.errorLines == ["\(bare.path):1: missing column \"provider\" (grouping an extract by it needs the column; 'ffb export --extract csv' writes it)"])
    }

    /// Every grouping by an order's key (and the goal type), one key or two, gives from the
    /// extract's columns what it gives from the store: plain statistics, steps, a period, the
    /// trajectory and two periods compared; and the report draws the funnel from the extract.
    @Test func anExtractIsGroupedByItsColumnsAsTheStoreIs() throws {
        let extract = directory.file("extract.csv")
        _ = try ok("export", "--extract", "csv", "--out", extract.path)
        let modes: [[String]] = [[], ["--baseline", "previous"], ["--from", "2025-02-01", "--to", "2025-06-30"], ["--trajectory"],
                                 ["--compare", "2024-01-01..2024-12-31,2025-01-01..2025-12-31"]]
        // (No target groups or goals here: DemoScenarioTests checks those on the demo.)
        for by in ["provider", "municipality", "intervention", "municipality,provider", "provider,theme", "area,municipality"] {
            for mode in modes {
                let arguments = ["stats", "--by", by, "--format", "json"] + mode
                let fromStore = try FFBProcess.run(arguments + ["--db", db]), fromExtract = try FFBProcess.run(arguments + ["--input", extract.path])
                #expect(fromStore.status == 0 && fromExtract.status == 0, "\(arguments): \(fromStore.stderr)\(fromExtract.stderr)")
                #expect(fromExtract.stdout == fromStore.stdout, "\(arguments)")
                #expect(fromStore.stdout.contains("\"n\"") || fromStore.stdout.contains("\"windows\""), "\(arguments)")
            }
        }
        // By hand (the table above): København's SOR-B pairs 3 → 2, 2 → 3, 3 → 3, 2 → 2: one better, two the same, one worse.
        let table = try FFBProcess.run(["stats", "--input", extract.path, "--by", "municipality,provider", "--min-n", "1", "--format", "csv"]).stdout
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("\"municipality,provider\",\"0101,SOR-B\",0101 · SOR-B,4,1,2,1,") }, "\(table)")

        let out = directory.file("extract-report.html")
        let report = try FFBProcess.run(["report", "--input", extract.path, "--by", "municipality,provider", "--min-n", "1", "--out", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        let section = try #require(html.components(separatedBy: "<section id=\"comparison\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(section.contains("<h2>Kommuner og udførere sammenlignet retfærdigt</h2>") && section.contains("0101 · SOR-B"))
        #expect(section.components(separatedBy: "<circle").count - 1 == 3)
        for citizen in citizens { #expect(!html.contains(citizen), "a pseudonym in the report") }
    }

    @Test(arguments: [
        (["--by", "provider", "--group", "SOR-A", "--citizens", "--input", "x.csv"], "ffb stats: --citizens needs the store (--db), not an extract (see 'ffb stats --help')", Int32(2)),
        (["--group", "SOR-A", "--citizens"], "ffb stats: --citizens needs --by (e.g. --by provider) and --group (see 'ffb stats --help')", 2),
        (["--by", "provider", "--group", "SOR-A"], "ffb stats: --group goes with --citizens (see 'ffb stats --help')", 2),
        (["--by", "provider", "--group", "SOR-Z", "--citizens"], "ffb: --group SOR-Z: no group by provider has that key (SOR-A; SOR-B; SOR-C)", 1),
        (["--by", "provider,provder", "--adjusted"], #"ffb stats: --by: "provder" is not one of none, theme, area, intervention, provider, target-group, goal-type, municipality; did you mean "provider"? (see 'ffb stats --help')"#, 2),
        (["--by", "provider,provider"], "ffb stats: --by takes one key or two different ones, none alone (e.g. municipality,provider) (see 'ffb stats --help')", 2),
        (["--by", "area", "--adjusted"], "ffb stats: --adjusted compares groups across themes (provider, municipality, intervention, target-group, goal-type); by area each group's expected equals its observed (see 'ffb stats --help')", 2),
        (["--by", "municipality,provider", "--cost"], "ffb stats: --by with two keys goes with the plain statistics, --adjusted or --citizens (see 'ffb stats --help')", 2),
    ])
    func badRequestsGetOneClearLine(arguments: [String], message: String, status: Int32) throws {
        let before = try StoreShell.dump(db)
        let result = try FFBProcess.run(["stats"] + arguments + (arguments.contains("--input") ? [] : ["--db", db]))
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.errorLines == [message], "\(arguments)")
        #expect(result.stdout.isEmpty)
        #expect(try StoreShell.dump(db) == before)
    }

    @Test func theReportDrawsTheFunnelWithItsCaveatAndNoCitizen() throws {
        let out = directory.file("report.html")
        _ = try ok("report", "--by", "provider", "--min-n", "1", "--out", out.path)
        let html = try String(contentsOf: out, encoding: .utf8)
        let section = try #require(html.components(separatedBy: "<section id=\"comparison\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(section.contains("<h2>Udførere sammenlignet retfærdigt</h2>"))
        #expect(section.components(separatedBy: "<circle").count - 1 == 3)
        #expect(section.contains("id=\"funnel-caveat\"") && section.contains("kun tema og udgangsniveau"))
        #expect(section.contains("<td data-stat=\"oe_ratio\">1,25 [1,25–1,25]</td>"), "\(section)")
        #expect(section.contains("<td data-stat=\"oe_ratio\">0,63 [0,00–1,85]</td>"), "\(section)")
        for citizen in citizens { #expect(!html.contains(citizen), "a pseudonym in the report") }
        // With min_n 2 the small provider and the one hidden beside it are neither drawn nor given figures.
        _ = try ok("report", "--by", "provider", "--min-n", "2", "--out", directory.file("report2.html").path)
        let hidden = try String(contentsOf: directory.file("report2.html"), encoding: .utf8)
        let hiddenSection = try #require(hidden.components(separatedBy: "<section id=\"comparison\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(hiddenSection.components(separatedBy: "<circle").count - 1 == 1)
        #expect(!hiddenSection.contains("1,25"))
        // Two keys in the report too.
        _ = try ok("report", "--by", "municipality,provider", "--min-n", "1", "--out", directory.file("report3.html").path)
        let both = try String(contentsOf: directory.file("report3.html"), encoding: .utf8)
        #expect(both.contains("Kommuner og udførere sammenlignet retfærdigt") && both.contains("København (0101) · Bostøtten B (SOR-B)"))
    }
}
