import Foundation
import Testing

/// `ffb stats` and `ffb progress` end to end: hand-computed cases that read like the domain.
@Suite struct StatsCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/extracts")
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"

    func stats(_ arguments: String...) throws -> [String: Any] {
        let result = try FFBProcess.run(["stats"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try FFBProcess.json(result.stdout) as? [String: Any])
    }

    func group(_ output: [String: Any], theme: String) throws -> [String: Any] {
        let groups = try #require(output["groups"] as? [[String: Any]])
        return try #require(groups.first { ($0["key"] as? [String: String])?["theme"] == theme })
    }

    @Test func anExtractIsPairedFirstAgainstLatest() throws {
        let output = try stats("--input", Self.fixtures.appendingPathComponent("good.csv").path, "--by", "theme")
        #expect(output["baseline"] as? String == "first")
        // Citizen 3 ends "ikke vurderet": skipped, not a level 0. Citizen 4 has one assessment: unpaired.
        #expect(output["skipped_not_assessed"] as? Int == 1)
        #expect(output["unpaired"] as? Int == 1)
        let shopping = try group(output, theme: Self.shopping)
        #expect(shopping["n"] as? Int == 2)
        #expect(shopping["improved"] as? Int == 1) // 3 → 1
        #expect(shopping["worsened"] as? Int == 1) // 2 → 3
        #expect(shopping["mean_change"] as? Double == 0.5) // (2 + -1) / 2
        #expect(shopping["mean_baseline"] as? Double == 2.5)
        #expect(shopping["sign_test_p"] as? Double == 1.0)
        let transitions = try #require(shopping["transitions"] as? [[Int]])
        #expect(transitions[3][1] == 1)
        #expect(transitions[2][3] == 1)
        let cooking = try group(output, theme: Self.cooking)
        #expect(cooking["n"] as? Int == 1)
        #expect(cooking["unchanged"] as? Int == 1)
        // Nothing changed: every test of change is undefined, reported as null, never NaN.
        #expect(cooking["sign_test_p"] is NSNull)
        #expect(cooking["rank_biserial"] is NSNull)
        let wilcoxon = try #require(cooking["wilcoxon"] as? [String: Any])
        #expect(wilcoxon["z"] is NSNull)
        #expect(wilcoxon["p"] is NSNull)
        #expect((cooking["bowker"] as? [String: Any])?["df"] is NSNull)
    }

    @Test func theCSVNamesEachGroupBesideItsCode() throws {
        let result = try FFBProcess.run(["stats", "--input", Self.fixtures.appendingPathComponent("good.csv").path, "--by", "theme", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first?.prefix(4) == ["dimension", "key", "key_name", "n"])
        #expect(lines.contains { $0.prefix(3) == ["theme", Self.shopping, "Købe ind"] })
    }

    @Test func previousBaselineCountsEveryConsecutivePair() throws {
        let output = try stats("--input", Self.fixtures.appendingPathComponent("good.csv").path, "--by", "none", "--baseline", "previous")
        let groups = try #require(output["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect((groups[0]["key"] as? [String: Any])?.isEmpty == true)
        // Citizen 1 shopping: 3→2, 2→1; citizen 2: 2→3; citizen 1 cooking: 2→2. Citizen 3's pair is skipped.
        #expect(groups[0]["n"] as? Int == 4)
        #expect(groups[0]["improved"] as? Int == 2)
        #expect(output["skipped_not_assessed"] as? Int == 1)
    }

    @Test func aPeriodCutsTheAssessments() throws {
        let output = try stats("--input", Self.fixtures.appendingPathComponent("good.csv").path, "--by", "theme", "--to", "2024-12-31")
        let shopping = try group(output, theme: Self.shopping)
        // Citizen 1 now pairs 3 → 2 (the 2025 assessment is outside the period).
        let transitions = try #require(shopping["transitions"] as? [[Int]])
        #expect(transitions[3][2] == 1)
        #expect(shopping["n"] as? Int == 2)
    }

    @Test(arguments: [
        ("unknown-theme.csv", "3: unknown theme \"00000000-0000-0000-0000-000000000000\""),
        ("level-five.csv", "3: level \"5\" is not 0–4 or ikke-vurderet"),
        ("bad-date.csv", "2: \"2024-02-30\" is not a date (YYYY-MM-DD)"),
        ("missing-column.csv", "1: missing column \"date\" (the header must name citizen,theme,date,level)"),
        ("truncated.csv", "3: expected 4 columns, found 3 (truncated line?)"),
        ("unscored-theme.csv", "2: theme \"Tobak\" takes no level"),
        ("duplicate.csv", "3: citizen P-00000001 has theme \"Købe ind\" twice on 2024-01-10 (also line 2)"),
    ])
    func hardErrorsInAnExtractAreLocated(file: String, message: String) throws {
        let path = Self.fixtures.appendingPathComponent(file).path
        let result = try FFBProcess.run(["stats", "--input", path, "--format", "json"])
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(path):\(message)"])
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [["--by", "provider"], ["--by", "municipality,provider"], ["--by", "goal-type", "--trajectory"], ["--by", "target-group,area", "--adjusted"]])
    func aGroupingByAColumnTheExtractLacksNamesTheColumnAtLineOne(arguments: [String]) throws {
        let path = Self.fixtures.appendingPathComponent("good.csv").path
        let result = try FFBProcess.run(["stats", "--input", path] + arguments)
        let column = arguments[1].split(separator: ",").first.map { $0.replacingOccurrences(of: "-", with: "_") } ?? ""
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(path):1: missing column \"\(column)\" (grouping an extract by it needs the column; 'ffb export --extract csv' writes it)"])
        #expect(result.stdout.isEmpty)
    }

    @Test func aSettingsFileChoosesTheBaselineAndFlagsWin() throws {
        let directory = try TemporaryDirectory()
        let settings = try directory.write("ffb-settings.conf", "# our municipality\nbaseline = previous\nby = none\n")
        let extract = Self.fixtures.appendingPathComponent("good.csv").path
        let fromFile = try stats("--input", extract, "--settings", settings.path)
        #expect(fromFile["baseline"] as? String == "previous")
        #expect((fromFile["groups"] as? [[String: Any]])?.first?["n"] as? Int == 4)
        let overridden = try stats("--input", extract, "--settings", settings.path, "--baseline", "first")
        #expect(overridden["baseline"] as? String == "first")
        let broken = try directory.write("broken.conf", "baseline = sometimes\ncolour = blue\n")
        let result = try FFBProcess.run(["stats", "--input", extract, "--settings", broken.path])
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "\(broken.path):1: baseline must be first or previous, not \"sometimes\"",
            "\(broken.path):2: unknown setting \"colour\" (known: baseline, from, to, by, min_n, follow_up_months, trajectory_months, lang, user)",
        ])
    }
}

/// Goals, support levels, cost and one citizen's progress, from a store the test records.
@Suite struct StoreStatsTests {
    let directory: TemporaryDirectory
    let db: String
    var citizen = ""
    var order = ""

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("s.sqlite").path
        citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette")
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "2025-01-01", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", citizen, "--case", "S-1", "--date", "2025-02-01", "--theme", "Købe ind=3", "--theme", "Lave mad=2", "--theme", "Gøre rent=1")
        order = try ok("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                       "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--support-level", "C", "--start", "2025-03-01", "--follow-up", "2025-09-01")
        // A develop goal that reaches its expected level, a maintain goal that holds, a limit-loss goal that loses too much.
        _ = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "2", "--description", "Handler selv", "--follow-up", "2025-09-01")
        _ = try ok("goal", "add", "--order", order, "--theme", "Lave mad", "--type", "fastholde", "--expected", "2", "--description", "Laver mad")
        _ = try ok("goal", "add", "--order", order, "--theme", "Gøre rent", "--type", "begraense-tab", "--expected", "2", "--description", "Gør rent")
        _ = try ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--theme", "Lave mad=2", "--theme", "Gøre rent=3",
                   "--support-level", "B", "--status", "continue")
    }

    func ok(_ arguments: String...) throws -> String {
        let result = try FFBProcess.run(arguments + ["--db", db])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ arguments: String...) throws -> [String: Any] {
        let result = try FFBProcess.run(arguments + ["--db", db, "--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(try FFBProcess.json(result.stdout) as? [String: Any])
    }

    @Test func goalsAreJudgedByTheirType() throws {
        let output = try json("stats", "--goals", "--by", "goal-type")
        let groups = try #require(output["groups"] as? [[String: Any]])
        func statuses(_ type: String) -> [String: Int] {
            (groups.first { ($0["key"] as? [String: String])?["goal_type"] == type }?["statuses"] as? [String: Int]) ?? [:]
        }
        #expect(statuses("udvikle")["achieved"] == 1)      // 3 → 2, expected 2
        #expect(statuses("fastholde")["sustaining"] == 1)  // 2 → 2 while the order runs
        #expect(statuses("begraense-tab")["worsening"] == 1) // 1 → 3, expected at most 2
        let develop = try #require(groups.first { ($0["key"] as? [String: String])?["goal_type"] == "udvikle" })
        #expect(develop["achieved_share"] as? Double == 1.0)
    }

    @Test func supportLevelsArePairedLikeFunctionLevels() throws {
        let output = try json("stats", "--support")
        let group = try #require((output["groups"] as? [[String: Any]])?.first)
        #expect(group["n"] as? Int == 1)
        #expect(group["improved"] as? Int == 1) // C → B
        let transitions = try #require(group["transitions"] as? [[Int]])
        #expect(transitions[2][1] == 1)
    }

    @Test func storeStatisticsGroupByProviderAndTheme() throws {
        let byProvider = try json("stats", "--by", "provider")
        let provider = try #require((byProvider["groups"] as? [[String: Any]])?.first)
        #expect((provider["key"] as? [String: String])?["provider"] == "SOR-1")
        #expect(provider["n"] as? Int == 3)
        let byTheme = try json("stats", "--by", "theme")
        #expect((byTheme["groups"] as? [[String: Any]])?.count == 3)
    }

    @Test func providersReadByNameBesideTheirIdentifier() throws {
        let table = try ok("stats", "--by", "provider", "--min-n", "1")
        #expect(table.contains("Bostøtten (SOR-1)"), "\(table)")
        let csv = try ok("stats", "--by", "provider", "--format", "csv")
        #expect(csv.split(separator: "\n").dropFirst().first?.hasPrefix("provider,SOR-1,Bostøtten,") == true, "\(csv)")
        let json = try json("stats", "--by", "provider")
        #expect(((json["groups"] as? [[String: Any]])?.first?["key"] as? [String: String]) == ["provider": "SOR-1"])
    }

    @Test func aLimitLossGroupIsNotCalledBetterWhenItsLevelRose() throws {
        let table = try ok("stats", "--by", "goal-type", "--min-n", "1")
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("Begrænse tab") })
        #expect(row.hasPrefix("Begrænse tab af funktionsevne *"), "\(table)")
        #expect(table.contains("Niveauet bevægede sig den forkerte vej: 1 par blev værre mod 0 bedre"), "\(table)")
        let english = try ok("stats", "--by", "goal-type", "--min-n", "1", "--lang", "en")
        #expect(english.contains("The level moved the wrong way: 1 pairs worsened against 0 that improved"), "\(english)")
        let develop = try #require(table.split(separator: "\n").first { $0.hasPrefix("Udvikle") })
        #expect(!develop.contains("*"))
        let goals = try ok("stats", "--goals", "--by", "goal-type", "--min-n", "1")
        #expect(goals.contains("inden for det forventede tab"), "\(goals)")
        // The report says the same under its goal-type grouping and its goal table.
        let out = directory.file("goal-types.html").path
        _ = try ok("report", "--by", "goal-type", "--min-n", "1", "--out", out)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<section id=\"by\"><h2>Forandring pr. måltype</h2>"))
        #expect(html.contains("<td>Begrænse tab af funktionsevne *</td>"))
        #expect(html.contains("data-note=\"limit-loss\">* Begrænse tab: målet er at bremse et forventet tab") && html.contains("den forkerte vej (1 par værre mod 0 bedre)"))
        #expect(html.contains("Begrænse tab: opnået betyder, at tabet holdt sig inden for det forventede"))
    }

    @Test func costTablesUseDanishFiguresAndATotalOfTheGroupsShown() throws {
        let second = try ok("citizen", "add", "--cpr", "020290-1234", "--name", "Anne")
        _ = try ok("case", "open", "--citizen", second, "--case-number", "S-2", "--opened", "2025-01-01", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", second, "--case", "S-2", "--date", "2025-02-01", "--theme", "Købe ind=3")
        _ = try ok("order", "create", "--citizen", second, "--case", "S-2", "--service", "Støtte til praktiske opgaver",
                   "--provider-name", "Værestedet", "--provider-id", "SOR-2", "--support-level", "B", "--start", "2025-03-01")
        let tariffs = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,1000,2025-01-01,\nSOR-1,B,600,2025-01-01,\nSOR-2,B,\"1234,50\",2025-01-01,\n")
        _ = try ok("tariff", "import", tariffs.path)
        let period = ["--from", "2025-03-01", "--to", "2025-09-30"]
        let danish = try FFBProcess.run(["stats", "--cost", "--min-n", "1", "--db", db] + period).stdout
        // SOR-1: 184 × 1000 + 30 × 600 = 202.000,00; SOR-2: 214 × 1234,50 = 264.183,00.
        #expect(danish.contains("Bostøtten (SOR-1)") && danish.contains("202.000,00"), "\(danish)")
        #expect(danish.contains("264.183,00"), "\(danish)")
        let total = try #require(danish.split(separator: "\n").first { $0.hasPrefix("I alt") })
        #expect(total.contains("466.183,00") && total.contains(" 2 "), "\(danish)")
        let english = try FFBProcess.run(["stats", "--cost", "--min-n", "1", "--lang", "en", "--db", db] + period).stdout
        #expect(english.contains("466,183.00") && english.contains("Total"), "\(english)")
        // Programs get plain numbers and the provider's name in its own column.
        let csv = try FFBProcess.run(["stats", "--cost", "--format", "csv", "--db", db] + period).stdout
        #expect(csv.hasPrefix("dimension,key,key_name,citizens,days,days_without_tariff,cost,cost_per_citizen,mean_daily_change\n"), "\(csv)")
        #expect(csv.contains("provider,SOR-2,Værestedet,1,214,0,264183.0,"), "\(csv)")
        // Hiding one group hides its figures from the total too: the total is of the groups shown, and says so.
        let safe = try FFBProcess.run(["stats", "--cost", "--min-n", "2", "--db", db] + period).stdout
        #expect(!safe.contains("466.183,00") && !safe.contains("I alt"), "\(safe)")
    }

    @Test func costUsesTheTariffInForceEachDay() throws {
        let tariffs = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,1000,2025-01-01,\nSOR-1,B,\"600,50\",2025-01-01,\n")
        #expect(try ok("tariff", "import", tariffs.path) == "Imported 2 tariff(s).")
        // The list names the provider from its orders, and writes the rate as a Dane does; CSV keeps the plain number.
        let list = try ok("tariff", "list")
        #expect(list.contains("Bostøtten") && list.contains("SOR-1") && list.contains("600,50"), "\(list)")
        let csv = try ok("tariff", "list", "--format", "csv")
        #expect(csv.hasPrefix("provider,provider_name,support_level,daily_rate,valid_from,valid_to\n") && csv.contains("SOR-1,Bostøtten,B,600.5,"), "\(csv)")
        let output = try json("stats", "--cost", "--from", "2025-03-01", "--to", "2025-09-30")
        let group = try #require((output["groups"] as? [[String: Any]])?.first)
        // C for 2025-03-01…2025-08-31 (184 days × 1000) + B for 2025-09-01…09-30 (30 days × 600.50).
        #expect(group["days"] as? Int == 214)
        #expect(group["cost"] as? Double == 184 * 1000 + 30 * 600.5)
        #expect(group["mean_daily_change"] as? Double == -399.5)
        let overlapping = try directory.write("overlap.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,900,2025-06-01,2025-12-31\n")
        let result = try FFBProcess.run(["tariff", "import", overlapping.path, "--db", db])
        #expect(result.status == 1)
        #expect(result.errorLines == ["ffb: tariff for SOR-1 level C from 2025-06-01 overlaps a stored one from 2025-01-01"])
    }

    @Test func goalAndCostTablesOfOneCitizenAreSuppressedUnlessMinNIsOne() throws {
        let goals = try ok("stats", "--goals", "--by", "goal-type", "--lang", "en")
        let develop = try #require(goals.split(separator: "\n").first { $0.hasPrefix("Udvikle") || $0.hasPrefix("udvikle") || $0.hasPrefix("Develop") })
        #expect(develop.contains("<5") && !develop.contains(" 1 "), "\(goals)")
        #expect(goals.contains("3 group(s) suppressed"))
        let shown = try ok("stats", "--goals", "--by", "goal-type", "--min-n", "1", "--lang", "en")
        #expect(!shown.contains("<5") && !shown.contains("suppressed"), "\(shown)")
        // JSON for analysts: exact, with the citizens the rule counts; with --min-n the groups go.
        let exact = try json("stats", "--goals", "--by", "goal-type")
        #expect((exact["groups"] as? [[String: Any]])?.map { $0["citizens"] as? Int } == [1, 1, 1])
        let safe = try json("stats", "--goals", "--by", "goal-type", "--min-n", "5")
        #expect((safe["groups"] as? [Any])?.isEmpty == true)
        #expect((safe["suppressed"] as? [Any])?.count == 3)

        let tariffs = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,1000,2025-01-01,\nSOR-1,B,600,2025-01-01,\n")
        _ = try ok("tariff", "import", tariffs.path)
        let cost = try ok("stats", "--cost", "--from", "2025-03-01", "--to", "2025-09-30")
        let line = try #require(cost.split(separator: "\n").first { $0.hasPrefix("Bostøtten (SOR-1)") })
        #expect(line.split(separator: " ").dropFirst(2) == ["<5", "·", "·", "·", "·", "·"], "\(cost)")
        #expect(!cost.contains("I alt"), "no total of hidden groups")
        #expect(cost.contains("1 gruppe(r) skjult"))
        #expect(try ok("stats", "--cost", "--from", "2025-03-01", "--to", "2025-09-30", "--min-n", "1").contains("214"))
        let costJSON = try json("stats", "--cost", "--from", "2025-03-01", "--to", "2025-09-30", "--min-n", "5")
        #expect((costJSON["groups"] as? [Any])?.isEmpty == true)
        #expect((costJSON["citizens"] as? [Any])?.isEmpty == true, "one citizen's cost is never listed under suppression")
        #expect(costJSON["suppressed"] as? [[String: String]] == [["provider": "SOR-1"]])
    }

    @Test func progressShowsTimelinesGoalsSupportAndOverdue() throws {
        let output = try json("progress", "--citizen", citizen, "--today", "2026-01-15")
        let themes = try #require(output["themes"] as? [[String: Any]])
        let shopping = try #require(themes.first { $0["name"] as? String == "Købe ind" })
        let timeline = try #require(shopping["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["level"] as? Int } == [3, 2])
        #expect(timeline.last?["change"] as? Int == 1)
        let goals = try #require(output["goals"] as? [[String: Any]])
        #expect(goals.compactMap { $0["status"] as? String }.sorted() == ["achieved", "sustaining", "worsening"])
        let support = try #require((output["interventions"] as? [[String: Any]])?.first?["support_levels"] as? [[String: String]])
        #expect(support.map { $0["level"] } == ["C", "B"])
        // The order's follow-up date was met on the day; nothing is overdue.
        #expect((output["overdue"] as? [Any])?.isEmpty == true)
        // A year and more after its last follow-up, the running order is overdue by the caseload's
        // rule (2025-09-01 + 12 months = 2026-09-01; to 2026-10-01 is 30 days), the same in both views.
        let later = try json("progress", "--citizen", citizen, "--today", "2026-10-01")
        let due = try #require((later["overdue"] as? [[String: Any]])?.first)
        #expect(due["kind"] as? String == "no-follow-up-12-months" && due["due"] as? String == "2026-09-01" && due["days_overdue"] as? Int == 30)
        let table = try FFBProcess.run(["progress", "--citizen", citizen, "--today", "2026-10-01", "--db", db]).stdout
        #expect(table.contains("  ingen opfølgning i 12 mdr. på bestilling "), "\(table)")
    }
}
