import Foundation
import Testing

/// Disclosure control in `ffb stats` (STATISTICS.md): the table people read never shows a group of
/// fewer than `min_n` citizens, nor one a reader could work back from the others; JSON and CSV
/// give analysts exact figures unless `--min-n` is given.
@Suite struct StatsDisclosureTests {
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"
    static let cleaning = "8f32c948-41c4-49d7-8913-cdeede2e7fe1"
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// An extract with `sizes[k]` citizens on theme k (shopping, cooking, cleaning), each
    /// assessed twice, 3 then 2.
    func extract(_ sizes: [Int]) throws -> String {
        var csv = "citizen,theme,date,level\n"
        var citizen = 0
        for (theme, size) in zip([Self.shopping, Self.cooking, Self.cleaning], sizes) {
            for _ in 0..<size {
                citizen += 1
                csv += "P-\(citizen),\(theme),2025-01-01,3\nP-\(citizen),\(theme),2025-06-01,2\n"
            }
        }
        return try directory.write("e\(sizes.map(String.init).joined(separator: "-")).csv", csv).path
    }

    func run(_ arguments: [String]) throws -> String {
        let result = try FFBProcess.run(["stats"] + arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// The table row that starts with `label`, cut into its cells (columns are two spaces apart).
    func row(_ table: String, _ label: String) -> [String] {
        let line = table.split(separator: "\n").first { $0.hasPrefix(label) } ?? ""
        return line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func aGroupOfThreeIsSuppressedInTheTableAndTheSmallestOtherGoesWithIt() throws {
        let table = try run(["--input", try extract([3, 5, 6]), "--by", "theme"])
        // Three citizens: the key stays, the citizens read "<5" and every figure "·", never 0.
        #expect(row(table, "Købe ind") == ["Købe ind", "<5"] + Array(repeating: "·", count: 10), "\(table)")
        // Five citizens would be shown, but with only the three hidden the total pairs minus the
        // others would give the three back: the smallest shown group is hidden too.
        #expect(row(table, "Lave mad") == ["Lave mad"] + Array(repeating: "·", count: 11))
        #expect(row(table, "Gøre rent").prefix(3) == ["Gøre rent", "6", "6"])
        #expect(table.contains("Par: ·;"), "the total of pairs would subtract back: \(table)")
        #expect(table.contains("2 gruppe(r) skjult"))
    }

    /// Købe ind (4) and Lave mad (12) in Praktiske opgaver, Vaske sig (10) and Spise (11) in
    /// Egenomsorg. Across the table the four take Vaske sig with them; within each area the one
    /// hidden theme takes its sibling too, or `--by area` minus the shown theme gives it back.
    @Test func aHiddenThemeTakesASiblingInItsAreaSoTheAreaTableCannotGiveItBack() throws {
        func code(_ name: String) throws -> String {
            let shown = try FFBProcess.run(["catalog", "show", name, "--format", "json"])
            return try #require((try FFBProcess.json(shown.stdout) as? [String: Any])?["code"] as? String)
        }
        var csv = "citizen,theme,date,level\n"
        var citizen = 0
        for (name, size) in [("Købe ind", 4), ("Lave mad", 12), ("Vaske sig", 10), ("Spise", 11)] {
            let theme = try code(name)
            for _ in 0..<size {
                citizen += 1
                csv += "P-\(citizen),\(theme),2025-01-01,3\nP-\(citizen),\(theme),2025-06-01,2\n"
            }
        }
        let path = try directory.write("areas.csv", csv).path
        let table = try run(["--input", path, "--by", "theme"])
        #expect(row(table, "Købe ind").prefix(2) == ["Købe ind", "<5"], "\(table)")
        for name in ["Lave mad", "Vaske sig", "Spise"] { #expect(row(table, name) == [name] + Array(repeating: "·", count: 11), "\(name): \(table)") }
        #expect(table.contains("4 gruppe(r) skjult"))
        // The areas themselves have 16 and 21 citizens: shown.
        let areas = try run(["--input", path, "--by", "area"])
        #expect(row(areas, "Praktiske opgaver").prefix(2) == ["Praktiske opgaver", "16"], "\(areas)")
    }

    @Test func aGroupOfFiveIsShown() throws {
        let table = try run(["--input", try extract([5, 6]), "--by", "theme", "--lang", "en"])
        #expect(row(table, "Købe ind").prefix(4) == ["Købe ind", "5", "5", "5"])
        #expect(row(table, "Lave mad").prefix(4) == ["Lave mad", "6", "6", "6"])
        #expect(table.contains("Pairs: 11;"))
        #expect(!table.contains("suppressed"))
    }

    @Test func twoSmallGroupsTakeNoOtherWithThem() throws {
        let table = try run(["--input", try extract([3, 4, 5]), "--by", "theme", "--lang", "en"])
        #expect(row(table, "Købe ind").prefix(2) == ["Købe ind", "<5"])
        #expect(row(table, "Lave mad").prefix(2) == ["Lave mad", "<5"])
        #expect(row(table, "Gøre rent").prefix(2) == ["Gøre rent", "5"])
        #expect(table.contains("2 group(s) suppressed"))
    }

    @Test func byNoneAWholeExtractOfThreeIsSuppressed() throws {
        let table = try run(["--input", try extract([3]), "--by", "none"])
        #expect(row(table, "alle").prefix(3) == ["alle", "<5", "·"])
    }

    @Test func minNOneShowsEveryGroup() throws {
        let table = try run(["--input", try extract([3, 5, 6]), "--by", "theme", "--min-n", "1"])
        #expect(row(table, "Købe ind").prefix(2) == ["Købe ind", "3"])
        #expect(row(table, "Lave mad").prefix(2) == ["Lave mad", "5"])
        #expect(!table.contains("skjult"))
    }

    @Test func aSettingsFileSetsTheThreshold() throws {
        let settings = try directory.write("s.conf", "min_n = 3\n").path
        let table = try run(["--input", try extract([3, 5, 6]), "--by", "theme", "--settings", settings])
        #expect(row(table, "Købe ind").prefix(2) == ["Købe ind", "3"])
    }

    @Test func jsonIsExactUnlessMinNIsGivenAndThenKeepsTheShownGroupsKeyForKey() throws {
        let path = try extract([3, 4, 6, 7])
        let exact = try #require(try FFBProcess.json(try run(["--input", path, "--by", "theme", "--format", "json"])) as? [String: Any])
        #expect((exact["groups"] as? [[String: Any]])?.count == 3)
        #expect(exact["min_n"] == nil && exact["suppressed"] == nil, "the default JSON keeps its keys")

        let safe = try #require(try FFBProcess.json(try run(["--input", path, "--by", "theme", "--format", "json", "--min-n", "5"])) as? [String: Any])
        #expect(safe["min_n"] as? Int == 5)
        #expect(safe["suppressed"] as? [[String: String]] == [["theme": Self.shopping], ["theme": Self.cooking]])
        let shown = try #require(safe["groups"] as? [[String: Any]])
        #expect(shown.map { ($0["key"] as? [String: String])?["theme"] } == [Self.cleaning])
        let same = try #require((exact["groups"] as? [[String: Any]])?.first { ($0["key"] as? [String: String])?["theme"] == Self.cleaning })
        #expect(NSDictionary(dictionary: shown[0]).isEqual(to: same), "a shown group is the same object, key for key")
        #expect(Set(safe.keys) == Set(exact.keys).union(["min_n", "suppressed"]))
    }

    @Test func withMinNAGridWithASmallCellIsNullWholeAsInTheReport() throws {
        // Seven citizens on one theme: five go 3 → 2, two stay at 3 (a cell of two).
        var csv = "citizen,theme,date,level\n"
        for citizen in 1...7 { csv += "P-\(citizen),\(Self.shopping),2025-01-01,3\nP-\(citizen),\(Self.shopping),2025-06-01,\(citizen <= 5 ? 2 : 3)\n" }
        let path = try directory.write("seven.csv", csv).path
        let exact = try #require(try FFBProcess.json(try run(["--input", path, "--by", "none", "--format", "json"])) as? [String: Any])
        #expect(((exact["groups"] as? [[String: Any]])?.first?["transitions"] as? [[Int]])?[3] == [0, 0, 5, 2, 0])
        let safe = try #require(try FFBProcess.json(try run(["--input", path, "--by", "none", "--format", "json", "--min-n", "5"])) as? [String: Any])
        let grid = try #require((safe["groups"] as? [[String: Any]])?.first?["transitions"] as? [[Any]])
        // The two are too few: the whole grid is null, zeros too (n = 7 and the unchanged count
        // would give the two back, and the zeros say where they stand).
        #expect(grid.joined().allSatisfy { $0 is NSNull } && grid.joined().count == 25)
    }

    /// Session 15's audit: the area table hid Relationer (three citizens) and Kommunikation with
    /// it, but the theme table showed Kommunikation's one theme, so area = theme gave it back and
    /// the headline minus the rest gave Relationer. A hidden area now keeps a theme hidden.
    @Test func aHiddenAreaIsNotGivenBackByItsThemes() throws {
        let themes = ["i": "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7", "r": "4c082610-b122-4019-96f2-1061e287445e", "k": "2ba29098-a527-43d5-b858-4c5353669f42",
                      "a": "320c9aa6-630e-4695-bba2-29ea808fad24", "b": "4977ce08-df4d-4c09-8e03-c2a563862e68", "c": "759ddc8e-57c0-4aa6-8d32-14d8eb51c5dd",
                      "d": "eff3385d-01fa-4c9c-9850-52e179243f21"]
        var csv = "citizen,theme,date,level\n"
        func pair(_ citizen: String, _ theme: String, _ baseline: Int, _ followUp: Int) {
            csv += "\(citizen),\(themes[theme]!),2024-01-10,\(baseline)\n\(citizen),\(themes[theme]!),2024-07-10,\(followUp)\n"
        }
        pair("R1", "i", 1, 3); pair("R2", "i", 1, 3); pair("R3", "r", 2, 4)
        for n in 0..<5 { pair("K\(n)", "k", 2, n < 3 ? 1 : 2) }
        for n in 0..<20 { for theme in ["a", "b", "c", "d"] { pair("M\(n)", theme, 2, n % 2 == 1 ? 1 : 2) } }
        let path = try directory.write("areas.csv", csv).path
        let areas = try run(["--input", path, "--by", "area", "--lang", "en"])
        #expect(row(areas, "Relationer").prefix(3) == ["Relationer", "<5", "·"])
        #expect(row(areas, "Kommunikation").prefix(3) == ["Kommunikation", "·", "·"])
        let byTheme = try run(["--input", path, "--by", "theme", "--lang", "en"])
        #expect(row(byTheme, "Fremstille meddelelser").prefix(3) == ["Fremstille meddelelser", "·", "·"])
        #expect(row(byTheme, "Gå og bevæge sig").prefix(3) == ["Gå og bevæge sig", "20", "20"])
        let json = try #require(try FFBProcess.json(try run(["--input", path, "--by", "theme", "--format", "json", "--min-n", "5"])) as? [String: Any])
        #expect((json["suppressed"] as? [[String: String]])?.compactMap { $0["theme"] } == [themes["i"]!, themes["r"]!, themes["k"]!])
    }

    @Test func csvIsExactUnlessMinNIsGiven() throws {
        let path = try extract([3, 5, 6])
        func lines(_ extra: [String]) throws -> [[String]] {
            try run(["--input", path, "--by", "theme", "--format", "csv"] + extra).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let exact = try lines([])
        let citizens = try #require(exact.first?.firstIndex(of: "citizens"))
        #expect(exact.first { $0[1] == Self.shopping }?[citizens] == "3")
        let safe = try lines(["--min-n", "5"])
        let shopping = try #require(safe.first { $0[1] == Self.shopping })
        #expect(shopping[citizens] == "<5")
        #expect(shopping[3] == "·", "n is suppressed, not 0 or empty")
        #expect(shopping.count == exact[0].count)
        #expect(safe.first { $0[1] == Self.cooking }?[citizens] == "·", "secondary")
        #expect(safe.first { $0[1] == Self.cleaning }?[citizens] == "6")
    }

    @Test func aBadMinNIsRefused() throws {
        let result = try FFBProcess.run(["stats", "--input", try extract([3]), "--min-n", "0"])
        #expect(result.status != 0)
        #expect(result.errorLines.count == 1)
    }
}
