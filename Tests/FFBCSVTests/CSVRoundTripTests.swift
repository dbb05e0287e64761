import FFBCSV
import FFBSynthetic
import Testing

/// Whatever `CSVWriter` writes, the tokenizer reads back field for field: the two sides of one
/// dialect. Random rows from a seeded generator, so a failure repeats.
@Suite struct CSVRoundTripTests {
    /// Pieces that need quoting, or nearly do, and some that do not.
    static let pieces = [
        "", "a", "SOR-1", " ", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "é", "e\u{301}", "\"\u{301}", "\u{FEFF}", "😀", "ikke-vurderet", "1,5", "\t",
    ]

    func field(_ generator: inout SplitMix64) -> String {
        (0..<generator.below(5)).map { _ in Self.pieces[generator.below(Self.pieces.count)] }.joined()
    }

    @Test(arguments: [",", ";"] as [Unicode.Scalar])
    func quotedRowsAreTokenizedBackToTheirFields(separator: Unicode.Scalar) {
        var generator = SplitMix64(seed: separator == "," ? 4180 : 59)
        let writer = CSVWriter(separator: separator)
        for _ in 0..<500 {
            let rows = (0..<(1 + generator.below(4))).map { _ in (0..<(1 + generator.below(5))).map { _ in field(&generator) } }
            let text = rows.map(writer.line).joined()
            // The byte writer (`line`, `append`) quotes exactly as `field` does, scalar by scalar.
            #expect(text == rows.map { $0.map(writer.field).joined(separator: String(separator)) + "\n" }.joined())
            let scanned = scan(text, separator: UInt8(separator.value))
            #expect(scanned.map(\.fields) == rows, "\(text.debugDescription)")
            // Each row spans one line more for every line feed in its fields.
            #expect(scanned.map(\.lines) == rows.map { 1 + $0.joined().unicodeScalars.filter { $0 == "\n" }.count })
            #expect(scanned.allSatisfy { $0.isTerminated && $0.openQuoteLineFeeds == nil })
        }
    }

    @Test func fieldsAreQuotedOnlyWhereNeeded() {
        let writer = CSVWriter()
        #expect(writer.line(["SOR-1", "", "1.5", "Købe ind"]) == "SOR-1,,1.5,Købe ind\n")
        #expect(writer.line(["a,b", "say \"hi\"", " lead", "trail ", "two\nlines"]) == "\"a,b\",\"say \"\"hi\"\"\",\" lead\",\"trail \",\"two\nlines\"\n")
        // A CRLF is one character but two line-end bytes.
        #expect(writer.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter(separator: ";").line(["1,5", "a;b"]) == "1,5;\"a;b\"\n")
    }
}
