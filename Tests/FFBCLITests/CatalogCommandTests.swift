import Foundation
import Testing

/// `ffb catalog ...` end to end, through the real binary.
@Suite struct CatalogCommandTests {
    @Test func themesAsJSONFollowCLIContract() throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", "themes", "--format", "json")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let themes = try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
        #expect(themes.count == 67)
        for theme in themes {
            for key in ["code", "name", "area", "group", "scored"] {
                #expect(theme[key] != nil, "theme lacks \(key)")
            }
            let scored = try #require(theme["scored"] as? Bool)
            #expect(scored == (theme["group_name"] as? String == "Aktivitet og deltagelse"))
        }
        #expect(themes.filter { $0["scored"] as? Bool == true }.count == 31)
    }

    @Test(arguments: [
        ("areas", 11), ("function-levels", 6), ("support-levels", 6), ("goal-types", 3),
        ("follow-up-statuses", 3), ("services", 43), ("offer-types", 12), ("target-groups", 57), ("groups", 3),
    ])
    func everyKindLists(kind: String, count: Int) throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", kind, "--format", "json")
        #expect(result.status == 0)
        let entries = try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
        #expect(entries.count == count)
        #expect(entries.allSatisfy { $0["code"] is String && $0["name"] is String })
    }

    @Test func seedVersionListsSeedThemesWithMappedKLCodes() throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", "themes", "--catalog-version", "seed-v2.0", "--format", "json")
        #expect(result.status == 0)
        let themes = try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
        #expect(themes.count == 64)
        let smoking = try #require(themes.first { $0["name"] as? String == "Rygning" })
        #expect(smoking["code"] as? String == "f5b8e809-7689-4952-838c-a069c99408b3")
        #expect(smoking["kl_name"] as? String == "Tobak")
        #expect(smoking["mapping"] as? String == "renamed")
    }

    @Test func tableIsAlignedForATerminal() throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", "support-levels")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        // Every row's name starts in the NAVN column and its code in the KODE column.
        let nameColumn = try #require(lines[0].range(of: "NAVN")).lowerBound
        let codeColumn = try #require(lines[0].range(of: "KODE")).lowerBound
        let nameOffset = lines[0].distance(from: lines[0].startIndex, to: nameColumn)
        let codeOffset = lines[0].distance(from: lines[0].startIndex, to: codeColumn)
        #expect(lines[2].hasPrefix("A "))
        #expect(String(lines[2].dropFirst(nameOffset)).hasPrefix("Intet støttebehov"))
        for line in lines.dropFirst(2) {
            #expect(String(line.dropFirst(codeOffset)).count == 36, "\(line)")
        }
    }

    @Test func csvHasAHeaderAndQuotesWhereNeeded() throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", "services", "--format", "csv")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("code,name,parent,parent_name,definition\n"))
    }

    @Test func aParentIsNamedBesideItsCode() throws {
        let json = try FFBProcess.run("catalog", "list", "--kind", "services", "--format", "json")
        let entries = try #require(try FFBProcess.json(json.stdout) as? [[String: Any]])
        let child = try #require(entries.first { $0["parent"] is String })
        let parent = try #require(child["parent"] as? String)
        let shown = try FFBProcess.run("catalog", "show", parent, "--format", "json")
        let parentName = try #require((try FFBProcess.json(shown.stdout) as? [String: Any])?["name"] as? String)
        #expect(child["parent_name"] as? String == parentName)
        let table = try FFBProcess.run("catalog", "list", "--kind", "services")
        #expect(table.stdout.contains(String(parentName.prefix(20))))
    }

    @Test func showFindsByNameAndByCode() throws {
        let byName = try FFBProcess.run("catalog", "show", "Købe ind", "--format", "json")
        #expect(byName.status == 0)
        let object = try #require(try FFBProcess.json(byName.stdout) as? [String: Any])
        #expect(object["code"] as? String == "01770afa-cd17-41fe-a966-b8895e4d55d8")
        #expect(object["kind"] as? String == "themes")
        let byCode = try FFBProcess.run("catalog", "show", "01770afa-cd17-41fe-a966-b8895e4d55d8")
        #expect(byCode.status == 0)
        #expect(byCode.stdout.hasPrefix("Købe ind\n"))
        #expect(byCode.stdout.contains("0–4"))
    }

    @Test func aFunctionLevelIsNeverShownWithItsNameAsItsDefinition() throws {
        let result = try FFBProcess.run("catalog", "show", "Moderat nedsat funktionsevne")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Moderat nedsat funktionsevne\n"))
        // The name once (the heading), then plainly that KL gives no definition, then the guide with its source.
        #expect(result.stdout.components(separatedBy: "Moderat nedsat funktionsevne").count == 2)
        #expect(result.stdout.contains("\n  KL giver ingen definition ud over navnet.\n"))
        #expect(result.stdout.contains("Fælleskommunal funktionsevneguide: Når du vurderer, om borgeren udfører en"))
        #expect(result.stdout.contains("Kilde: KL, Fælleskommunal funktionsevneguide version 1.0"))
        let english = try FFBProcess.run("catalog", "show", "Moderat nedsat funktionsevne", "--lang", "en")
        #expect(english.stdout.contains("\n  KL gives no definition beyond the name.\n") && english.stdout.contains("\n  kind            function level\n"))
        #expect(result.stdout.contains("\n  slags           funktionsevneniveau\n"))
        let json = try #require(try FFBProcess.json(try FFBProcess.run("catalog", "show", "Moderat nedsat funktionsevne", "--format", "json").stdout) as? [String: Any])
        #expect(json["definition"] is NSNull)
    }

    @Test func searchIsAccentInsensitive() throws {
        let result = try FFBProcess.run("catalog", "search", "aendre", "--format", "json")
        #expect(result.status == 0)
        let hits = try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
        #expect(hits.first?["name"] as? String == "Ændre og opretholde kropsstilling")
    }

    @Test func unknownKindIsAUsageError() throws {
        let result = try FFBProcess.run("catalog", "list", "--kind", "cats")
        #expect(result.status == 2)
        #expect(result.errorLines.count == 1)
        #expect(result.stderr.contains("--kind: \"cats\" is not one of"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownCodeIsInvalidInput() throws {
        let result = try FFBProcess.run("catalog", "show", "00000000-0000-0000-0000-000000000000")
        #expect(result.status == 1)
        #expect(result.errorLines == ["ffb: unknown code or name \"00000000-0000-0000-0000-000000000000\""])
    }

    @Test func brokenCatalogueFileGivesOneLocatedLine() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("mine.json", #"{"format": "ffb-catalog", "format_version": 1, "catalog_version": "x", "title": 7}"#)
        let result = try FFBProcess.run(["catalog", "list", "--kind", "themes", "--catalog", file.path])
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(file.path):/title: expected a string"])
    }

    @Test func userCatalogueOnABaseIsUsed() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("mine.json", """
        {"format": "ffb-catalog", "format_version": 1, "catalog_version": "mine", "title": "Mine", "base": "kl-2024",
         "themes": [{"code": "01770afa-cd17-41fe-a966-b8895e4d55d8", "name": "Handle ind", "area": "eef71492-65f5-4297-aa95-3c3a6866ddef"}]}
        """)
        let result = try FFBProcess.run(["catalog", "list", "--kind", "themes", "--catalog", file.path, "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stdout.contains("Handle ind"))
    }

    @Test func versionAndHelp() throws {
        let version = try FFBProcess.run("--version")
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("ffb "))
        let help = try FFBProcess.run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("catalog"))
        let listHelp = try FFBProcess.run("catalog", "list", "--help")
        #expect(listHelp.stdout.contains("--kind KIND"))
        #expect(listHelp.stdout.contains("follow-up-statuses"))
    }

    @Test func binaryWorksWhenCopiedAlone() throws {
        let directory = try TemporaryDirectory()
        let copy = directory.file("ffb")
        try FileManager.default.copyItem(at: FFBProcess.binary, to: copy)
        let result = try FFBProcess.run(["catalog", "list", "--kind", "themes", "--format", "json"], binary: copy, in: directory.url)
        #expect(result.status == 0)
        let themes = try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
        #expect(themes.count == 67)
    }
}
