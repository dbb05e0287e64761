import FFBCSV
import Foundation
import Testing

/// Rows as text with the line each starts on, and the one located error that stops a file
/// past a limit.
@Suite struct CSVRowsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func anExcelExportWithABOMSemicolonsAndCRLFIsReadRowByRow() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("excel-semicolon.csv")))
        #expect(read(bytes, limits: .init(rows: 10, rowBytes: 100, fieldBytes: 100), separator: UInt8(ascii: ";")) == [
            "1: [\"provider\", \"note\", \"rate\"]",
            "2: [\"SOR-1\", \"a; b\", \"1,5\"]",
            "3: [\"\"]",
            "4: [\"SOR-2\", \"two\\r\\nlines, \\\"quoted\\\"\", \"2\"]",
            "6: [\"SOR-3\", \"\", \"3\"]",
        ])
    }

    @Test func aLastLineWithoutALineEndIsARowUnlessEmpty() {
        #expect(read("a\nb") == ["1: [\"a\"]", "2: [\"b\"]"])
        #expect(read("a\n\"\"") == ["1: [\"a\"]"])
        #expect(read("a\n,") == ["1: [\"a\"]", "2: [\"\", \"\"]"])
    }

    @Test func anUnclosedQuoteIsReportedOnTheLineItOpens() {
        #expect(read("h\n\"a\nb\",\"c\nd\n") == ["1: [\"h\"]", "3: a quoted field starting here is never closed"])
    }

    @Test func aFieldPastItsLimitIsReportedWhereItPassedIt() {
        let limits = CSVRows.Limits(rows: 10, rowBytes: 100, fieldBytes: 4)
        #expect(read("h\nabcd,x\n", limits: limits) == ["1: [\"h\"]", "2: [\"abcd\", \"x\"]"])
        #expect(read("h\nabcde,x\n", limits: limits) == ["1: [\"h\"]", "2: a field is longer than 4 bytes"])
        // A doubled quote is one byte of the value.
        #expect(read("\"a\"\"b\"\"\"\n", limits: limits) == ["1: [\"a\\\"b\\\"\"]"])
        // Passed inside quotes, even ones closed later, the message asks about the closing quote;
        // the line is the quote's, not the row's.
        #expect(read("h\n\"x\n\",\"abcde\"\n", limits: limits) == ["1: [\"h\"]", "3: a quoted field starting here runs past 4 bytes (is its closing quote missing?)"])
        // Passed after a quoted line end, outside quotes: the line it is on.
        #expect(read("h\n\"x\ny\"abcde\n", limits: limits) == ["1: [\"h\"]", "3: a field is longer than 4 bytes"])
    }

    @Test func ofTwoLimitsARowPassesTheOnePassedFirstIsReported() {
        let limits = CSVRows.Limits(rows: 10, rowBytes: 8, fieldBytes: 4)
        #expect(read("abc,defg\n", limits: limits) == ["1: [\"abc\", \"defg\"]"])
        #expect(read("a,bcdefgh\n", limits: limits) == ["1: a field is longer than 4 bytes"])
        #expect(read("abcd,efgh\n", limits: limits) == ["1: the row is longer than 8 bytes"])
        #expect(read("abcd,efghi\n", limits: limits) == ["1: the row is longer than 8 bytes"])
        // Both on the same byte: the field is reported.
        #expect(read("abc,defgh\n", limits: limits) == ["1: a field is longer than 4 bytes"])
        // A byte-order mark counts towards the first row.
        let wide = CSVRows.Limits(rows: 10, rowBytes: 8, fieldBytes: 100)
        #expect(read([0xEF, 0xBB, 0xBF] + Array("abcdef\n".utf8), limits: wide) == ["1: the row is longer than 8 bytes"])
        #expect(read([0xEF, 0xBB, 0xBF] + Array("abcde\n".utf8), limits: wide) == ["1: [\"abcde\"]"])
    }

    @Test func rowsPastTheLimitStopTheReadingOnTheFirstRowTooMany() {
        let limits = CSVRows.Limits(rows: 2, rowBytes: 100, fieldBytes: 100)
        #expect(read("h\n1\n\"2\n\"\n", limits: limits).count == 3)
        #expect(read("h\n1\n\"2\n\"\n3\n", limits: limits).last == "5: more than 2 rows below the header")
        // Blank lines are rows.
        #expect(read("h\n\n\n\n", limits: limits).last == "4: more than 2 rows below the header")
    }
}
