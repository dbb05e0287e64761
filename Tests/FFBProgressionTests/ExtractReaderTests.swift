import FFBCatalog
import Foundation
import Testing
@testable import FFBProgression

@Suite struct ExtractReaderTests {
    let catalog = BuiltInCatalogs.standard
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"

    /// A few thousand citizens with rows deliberately out of order and split across chunks.
    func text(citizens: Int) -> String {
        var lines = ["citizen,theme,date,level"]
        var rows: [String] = []
        for citizen in 0..<citizens {
            for (index, theme) in [Self.shopping, Self.cooking].enumerated() {
                for visit in 0..<3 {
                    let level = (citizen + visit * (index + 1)) % 5
                    let month = 1 + visit * 4
                    rows.append("P-\(String(format: "%08d", citizen)),\(theme),2024-\(String(format: "%02d", month))-1\(citizen % 9),\(citizen % 17 == 0 && visit == 2 ? "ikke-vurderet" : String(level))")
                }
            }
        }
        // Interleave: the last third of the rows first, so every series spans both chunks.
        let third = rows.count / 3
        lines += rows[(2 * third)...] + rows[..<(2 * third)]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func blockReadingOnTwoWorkersGivesTheSameStatisticsAsOne() throws {
        let data = Data(text(citizens: 3000).utf8)
        var single = ExtractReader(catalog: catalog)
        single.workers = 1
        var split = ExtractReader(catalog: catalog)
        split.workers = 2
        split.blockSize = 4096
        let one = try single.read(data)
        let two = try split.read(data)
        #expect(one.rows == 18_000)
        #expect(two.rows == one.rows)
        #expect(two.citizenCount == 3000)
        #expect(two.seriesCount == 6000)
        for rule in BaselineRule.allCases {
            let a = one.statistics(by: .theme, rule: rule)
            let b = two.statistics(by: .theme, rule: rule)
            #expect(a.tally == b.tally)
            #expect(a.groups.map(\.key) == b.groups.map(\.key))
            #expect(a.groups.map(\.statistics) == b.groups.map(\.statistics))
        }
        // Series are ordered by day whatever the row order.
        for series in 0..<two.seriesCount {
            let days = two.series(series).points.map(\.day)
            #expect(days == days.sorted())
        }
    }

    @Test func aDuplicateAcrossChunksIsFoundWithBothLines() throws {
        var text = self.text(citizens: 200)
        text += "P-00000005,\(Self.shopping),2024-01-15,2\n"
        var split = ExtractReader(catalog: catalog)
        split.workers = 2
        split.blockSize = 1000
        do {
            _ = try split.read(Data(text.utf8))
            Issue.record("expected a duplicate error")
        } catch {
            #expect(error.message.hasPrefix("citizen P-00000005 has theme \"Købe ind\" twice on 2024-01-15 (also line "))
            #expect(error.line == text.split(separator: "\n").count)
        }
    }

    @Test func errorsInLaterBlocksCarryTheirFileLine() throws {
        var text = self.text(citizens: 100)
        let lines = text.split(separator: "\n").count
        text += "P-1,\(Self.shopping),2024-01-01,7\n"
        var reader = ExtractReader(catalog: catalog)
        reader.workers = 2
        reader.blockSize = 512
        #expect(throws: ExtractError(line: lines + 1, message: "level \"7\" is not 0–4 or ikke-vurderet")) {
            try reader.read(Data(text.utf8))
        }
    }

    @Test func aLineLongerThanABlockIsRead() throws {
        let long = String(repeating: "X", count: 5000)
        let text = "citizen,theme,date,level,note\nP-1,\(Self.shopping),2024-01-01,3,\(long)\nP-1,\(Self.shopping),2024-02-01,2,\(long)\n"
        var reader = ExtractReader(catalog: catalog)
        reader.blockSize = 256
        let extract = try reader.read(Data(text.utf8))
        #expect(extract.rows == 2)
        #expect(extract.statistics(by: .none, rule: .first).groups.first?.statistics.improved == 1)
    }

    @Test func aSemicolonHeaderAndCRLFAreRead() throws {
        let text = "citizen;theme;date;level\r\nP-1;\(Self.shopping);2024-01-01;3\r\nP-1;\(Self.shopping);2024-06-01;1\r\n"
        let extract = try ExtractReader(catalog: catalog).read(Data(text.utf8))
        let result = extract.statistics(by: .none, rule: .first)
        #expect(result.groups.first?.statistics.improved == 1)
    }

    /// `ffb export --extract` writes the codes' names after the four columns; the reader takes the
    /// four by name and passes over the rest, quoted separators and all.
    @Test func namedColumnsAfterTheFourAreReadPast() throws {
        let text = "citizen,theme,date,level,area,provider,theme_name,provider_name,date_range\n"
            + "P-1,\(Self.shopping),2025-01-01,3,x,SOR-1,Købe ind,\"Bostøtten, Øst\",\n"
            + "P-1,\(Self.shopping),2025-06-01,2,x,SOR-1,Købe ind,\"Bostøtten, Øst\",2025\n"
        let extract = try ExtractReader(catalog: catalog).read(Data(text.utf8))
        #expect(extract.rows == 2)
        #expect(extract.statistics(by: .none, rule: .first).groups.first?.statistics.improved == 1)
        #expect(extract.dateRange.map { "\($0.lowerBound.iso) \($0.upperBound.iso)" } == "2025-01-01 2025-06-01")
    }

    @Test func themesMayBeNamedAndQuoted() throws {
        let text = "citizen,theme,date,level\n\"P-1\",\"Købe ind\",2024-01-01,3\nP-1,\(Self.shopping),2024-06-01,\"1\"\n"
        let extract = try ExtractReader(catalog: catalog).read(Data(text.utf8))
        #expect(extract.seriesCount == 1)
        #expect(extract.statistics(by: .theme, rule: .first).groups.first?.statistics.n == 1)
    }

    @Test func aQuotedFieldMayHoldTheSeparatorAndALineBreak() throws {
        let text = "citizen,theme,date,level,note\nP-1,\(Self.shopping),2024-01-01,3,\"a, b\nc\"\nP-1,\(Self.shopping),2024-06-01,1,x\n"
        let extract = try ExtractReader(catalog: catalog).read(Data(text.utf8))
        #expect(extract.rows == 2)
        #expect(extract.statistics(by: .none, rule: .first).groups.first?.statistics.improved == 1)
    }

    @Test func aQuotedLineBreakIsALineOfTheFile() throws {
        // Errors and duplicates after it are reported at the lines an editor shows.
        let note = "P-1,\(Self.shopping),2024-01-01,3,\"two\nlines\"\n"
        let header = "citizen,theme,date,level,note\n"
        #expect(throws: ExtractError(line: 4, message: "level \"9\" is not 0–4 or ikke-vurderet")) {
            try ExtractReader(catalog: catalog).read(Data((header + note + "P-1,\(Self.shopping),2024-02-01,9,\n").utf8))
        }
        #expect(throws: ExtractError(line: 4, message: "citizen P-1 has theme \"Købe ind\" twice on 2024-01-01 (also line 2)")) {
            try ExtractReader(catalog: catalog).read(Data((header + note + "P-1,\(Self.shopping),2024-01-01,2,\n").utf8))
        }
    }

    @Test func quotedFieldsAreDecodedAsTheTariffReaderDecodesThem() throws {
        // "P-""1" is the citizen P-"1 in both rows, and a third citizen's quote is never closed.
        let rows = "citizen,theme,date,level\n\"P-\"\"1\",\(Self.shopping),2024-01-01,3\n\"P-\"\"1\",\"\(Self.shopping)\",2024-06-01,\"1\"\n"
        let extract = try ExtractReader(catalog: catalog).read(Data(rows.utf8))
        #expect(extract.citizenCount == 1)
        #expect(extract.statistics(by: .none, rule: .first).groups.first?.statistics.improved == 1)
        #expect(throws: ExtractError(line: 4, message: "citizen P-\"1 has theme \"Købe ind\" twice on 2024-06-01 (also line 3)")) {
            try ExtractReader(catalog: catalog).read(Data((rows + "\"P-\"\"1\",\(Self.shopping),2024-06-01,2\n").utf8))
        }
        #expect(throws: ExtractError(line: 4, message: "unterminated quoted field")) {
            try ExtractReader(catalog: catalog).read(Data((rows + "\"P-2,\(Self.shopping),2024-06-01,2\nP-3\n").utf8))
        }
    }

    @Test(arguments: [4096, 70_000, 100_000])
    func aQuotedLineBreakIsReadWhereverTheBlocksEnd(blockSize: Int) throws {
        // Blocks are read 64 KiB at a time at least, so this is several of them.
        let rows = (1...3000).map { "P-\($0),\(Self.shopping),2024-01-01,3,\"a note\non two lines\"\nP-\($0),\(Self.shopping),2024-06-01,1,\n" }
        var reader = ExtractReader(catalog: catalog)
        reader.blockSize = blockSize
        reader.workers = 2
        let extract = try reader.read(Data(("citizen,theme,date,level,note\n" + rows.joined()).utf8))
        #expect(extract.rows == 6000)
        #expect(extract.statistics(by: .none, rule: .first).groups.first?.statistics.improved == 3000)
    }

    @Test func aCitizenComingBackAfterOthersKeepsOneSeriesPerTheme() throws {
        // P-1, P-2, then P-1 again: the parser leaves its per-citizen fast path for the keyed table.
        let rows = [("P-1", "2024-01-01", 3), ("P-2", "2024-01-01", 2), ("P-1", "2024-06-01", 1), ("P-2", "2024-06-01", 4), ("P-3", "2024-01-01", 1)]
        let text = "citizen,theme,date,level\n" + rows.map { "\($0.0),\(Self.shopping),\($0.1),\($0.2)\n" }.joined()
        var reader = ExtractReader(catalog: catalog)
        reader.workers = 1
        let extract = try reader.read(Data(text.utf8))
        #expect(extract.seriesCount == 3)
        let statistics = try #require(extract.statistics(by: .none, rule: .first).groups.first?.statistics)
        #expect(statistics.n == 2)
        #expect(statistics.improved == 1)
        #expect(statistics.worsened == 1)
    }
}

@Suite struct PairingTests {
    func series(_ points: [(Int32, Int8)]) -> LevelSeries {
        LevelSeries(points: points.map { LevelSeries.Point(day: $0.0, level: $0.1) })
    }

    @Test func firstPairsTheFirstWithTheLatestStrictlyLater() {
        var tally = PairTally()
        var pairs: [(Int, Int)] = []
        series([(1, 3), (5, 2), (9, 1)]).forEachPair(rule: .first, period: .all, tally: &tally) { pairs.append(($0, $1)) }
        #expect(pairs.map { [$0.0, $0.1] } == [[3, 1]])
        #expect(tally.pairs == 1)
    }

    @Test func notAssessedAtEitherEndIsSkippedAndCounted() {
        var tally = PairTally()
        series([(1, 3), (5, LevelSeries.notAssessed)]).forEachPair(rule: .first, period: .all, tally: &tally) { _, _ in Issue.record("no pair expected") }
        #expect(tally.skippedNotAssessed == 1)
        #expect(tally.pairs == 0)
    }

    @Test func aSingleAssessmentIsUnpaired() {
        var tally = PairTally()
        series([(1, 3)]).forEachPair(rule: .previous, period: .all, tally: &tally) { _, _ in }
        #expect(tally.unpaired == 1)
        var outside = PairTally()
        series([(1, 3), (50, 2)]).forEachPair(rule: .first, period: Period(from: 10, to: 100), tally: &outside) { _, _ in }
        #expect(outside.unpaired == 1)
    }

    @Test func goalStatusesFollowTheTable() {
        #expect(GoalStatus.judge(type: .develop, baseline: .severe, expected: .mild, followUp: .mild, running: true) == .achieved)
        #expect(GoalStatus.judge(type: .develop, baseline: .severe, expected: .mild, followUp: .moderate, running: true) == .improving)
        #expect(GoalStatus.judge(type: .develop, baseline: .severe, expected: .mild, followUp: .severe, running: true) == .noChange)
        #expect(GoalStatus.judge(type: .develop, baseline: .moderate, expected: .mild, followUp: .severe, running: true) == .worsening)
        #expect(GoalStatus.judge(type: .maintain, baseline: .moderate, expected: .moderate, followUp: .mild, running: true) == .sustaining)
        #expect(GoalStatus.judge(type: .maintain, baseline: .moderate, expected: .moderate, followUp: .moderate, running: false) == .achieved)
        #expect(GoalStatus.judge(type: .maintain, baseline: .moderate, expected: .moderate, followUp: .severe, running: false) == .worsening)
        #expect(GoalStatus.judge(type: .limitLoss, baseline: .mild, expected: .moderate, followUp: .moderate, running: false) == .achieved)
        #expect(GoalStatus.judge(type: .limitLoss, baseline: .mild, expected: .moderate, followUp: .severe, running: false) == .worsening)
        #expect(GoalStatus.judge(type: .develop, baseline: nil, expected: .mild, followUp: .mild, running: false) == .notEvaluable)
    }
}
