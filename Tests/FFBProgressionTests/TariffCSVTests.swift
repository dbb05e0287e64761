import FFBModel
import Foundation
import Testing
@testable import FFBProgression

/// `ffb tariff import`'s CSV: rows with their problems, and limits that keep any file to one
/// short error.
@Suite struct TariffCSVTests {
    static let header = "provider,support_level,daily_rate,valid_from,valid_to\n"

    func problems(_ text: String) -> [String] {
        problems(Array(text.utf8))
    }

    func problems(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try TariffCSV.parse(bytes)
            return []
        } catch {
            return error.problems.map { "\($0.line): \($0.message)" } + (error.omitted > 0 ? ["+\(error.omitted)"] : [])
        }
    }

    @Test func ratesInØreWithDecimalCommaAndOpenEnds() throws {
        let tariffs = try TariffCSV.parse(Array((Self.header + "SOR-1,C,1000,2025-01-01,\nSOR-1,B,\"600,50\",2025-01-01,2025-12-31\n").utf8))
        #expect(tariffs.map(\.dailyRateOre) == [100_000, 60_050])
        #expect(tariffs[1].validTo == LocalDate(iso: "2025-12-31"))
        #expect(tariffs[0].validTo == nil)
    }

    @Test func anUnclosedQuoteIsOneProblemWhereItOpens() {
        var text = Self.header + "SOR-1,C,1000,2025-01-01,\n\"SOR-2,C,1000,2025-01-01,\n"
        #expect(problems(text) == ["3: a quoted field starting here is never closed"])
        // With the rest of a long file after it, the quote is still what is reported, once.
        for index in 0..<2000 { text += "SOR-\(index),C,1000,2025-01-01,\n" }
        #expect(problems(text) == ["3: a quoted field starting here runs past 1 KiB (is its closing quote missing?)"])
    }

    @Test func aTenMillionCharacterFieldIsOneShortProblem() {
        let field = String(repeating: "x", count: 10_000_000)
        #expect(problems(Self.header + "SOR-1,C,\(field),2025-01-01,\n") == ["2: a field is longer than 1 KiB"])
    }

    @Test func rowsFieldsAndFilesHaveLimits() {
        let row = "SOR-1,C,1000,2025-01-01,"
        #expect(problems(Self.header + row + String(repeating: ",", count: 9000) + "\n") == ["2: the row is longer than 8 KiB"])
        var many = Self.header
        for index in 0...50_000 { many += "P\(index),C,1,2025-01-01,\n" }
        #expect(problems(many) == ["50002: more than 50000 rows below the header"])
        #expect(problems([UInt8](repeating: 10, count: (16 << 20) + 1)) == ["0: is larger than 16 MiB"])
    }

    @Test func valuesQuotedInProblemsAreCutShort() {
        let level = String(repeating: "Z", count: 500)
        #expect(problems(Self.header + "SOR-1,\(level),1000,2025-01-01,\n") == ["2: support level \"\(String(repeating: "Z", count: 39))…\" is not A–E"])
    }

    @Test func aFileWrongOnEveryRowGivesTwentyProblemsAndACount() {
        let text = Self.header + String(repeating: "SOR-1,F,1,2025-01-01,\n", count: 1000)
        let found = problems(text)
        #expect(found.count == LineProblems.kept + 1)
        #expect(found.first == "2: support level \"F\" is not A–E")
        #expect(found.last == "+980")
    }

    @Test func overlappingPeriodsForOneProviderAndLevelAreFoundInAnyOrder() {
        let text = Self.header + """
            SOR-1,C,1000,2025-01-01,2025-06-30
            SOR-1,B,900,2025-01-01,
            SOR-2,C,1000,2025-03-01,
            SOR-1,C,1100,2025-07-01,
            SOR-1,C,1050,2024-01-01,2025-01-01

            """
        #expect(problems(text) == ["6: overlaps the tariff on line 2 for the same provider and support level"])
        // Many non-overlapping periods of one provider and level are checked in a moment.
        var periods = Self.header
        for year in 1000...9000 { periods += "SOR-1,C,1,\(year)-01-01,\(year)-12-31\n" }
        let started = ContinuousClock.now
        #expect(problems(periods) == [])
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
