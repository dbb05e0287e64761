import FFBCSV
import FFBSynthetic
import Testing

/// RFC 4180 as the tokenizer reads it: where fields and rows end, what quotes do, and what a
/// quote left open tells.
@Suite struct CSVTokenizerTests {
    @Test func aSeparatorInsideQuotesIsText() {
        #expect(scan("a,\"b,c\",d\n") == [ScannedRow(fields: ["a", "b,c", "d"])])
        #expect(scan("a;\"b;c\";d,e\n", separator: UInt8(ascii: ";")) == [ScannedRow(fields: ["a", "b;c", "d,e"])])
    }

    @Test func aDoubledQuoteInsideQuotesIsOneQuote() {
        #expect(scan("\"say \"\"hi\"\"\",x\n") == [ScannedRow(fields: ["say \"hi\"", "x"])])
        #expect(scan("\"\",\"\"\"\"\n") == [ScannedRow(fields: ["", "\""])])
    }

    @Test func aQuoteMayOpenAndCloseInsideAField() {
        // Not RFC 4180, but what a lenient reader makes of it: the quoted part loses its quotes.
        #expect(scan("a\"b,c\"d,e\n") == [ScannedRow(fields: ["ab,cd", "e"])])
    }

    @Test func lfCrlfAndCrEachEndARow() {
        #expect(scan("a,b\r\nc\rd\ne") == [
            ScannedRow(fields: ["a", "b"]), ScannedRow(fields: ["c"]), ScannedRow(fields: ["d"]),
            ScannedRow(fields: ["e"], isTerminated: false),
        ])
        // CR CR LF: a row, then a blank one.
        #expect(scan("a\r\r\nb\n") == [ScannedRow(fields: ["a"]), ScannedRow(fields: [""]), ScannedRow(fields: ["b"])])
    }

    @Test func aLineEndInsideQuotesIsTextAndALineMore() {
        #expect(scan("\"a\nb\",c\nd\n") == [ScannedRow(fields: ["a\nb", "c"], lines: 2), ScannedRow(fields: ["d"])])
        // A quoted CRLF is kept as it is and counts as one line; a quoted CR alone is no line.
        #expect(scan("\"a\r\nb\rc\"\n") == [ScannedRow(fields: ["a\r\nb\rc"], lines: 2)])
    }

    @Test func anUnterminatedQuoteRunsToTheEndAndSaysWhereItOpened() {
        #expect(scan("a,\"b\nc,d\ne") == [ScannedRow(fields: ["a", "b\nc,d\ne"], lines: 3, isTerminated: false, openQuoteLineFeeds: 0)])
        // The quote left open is the last one opened, after the line feeds of a closed one.
        #expect(scan("\"x\ny\",\"z\n") == [ScannedRow(fields: ["x\ny", "z\n"], lines: 3, isTerminated: false, openQuoteLineFeeds: 1)])
        // A doubled quote inside an open part keeps it open: it opened where it did.
        #expect(scan("\"abc\"\"") == [ScannedRow(fields: ["abc\""], isTerminated: false, openQuoteLineFeeds: 0)])
        #expect(scan("\"a\nb\"\"c") == [ScannedRow(fields: ["a\nb\"c"], lines: 2, isTerminated: false, openQuoteLineFeeds: 0)])
    }

    @Test func emptyFieldsAndBlankLinesAreKept() {
        #expect(scan(",,\n\n,\n") == [ScannedRow(fields: ["", "", ""]), ScannedRow(fields: [""]), ScannedRow(fields: ["", ""])])
        #expect(scan("a,\n") == [ScannedRow(fields: ["a", ""])])
    }

    @Test func theLastRowNeedsNoLineEnd() {
        #expect(scan("a\nb") == [ScannedRow(fields: ["a"]), ScannedRow(fields: ["b"], isTerminated: false)])
        #expect(scan("a\nb\n") == [ScannedRow(fields: ["a"]), ScannedRow(fields: ["b"])])
        #expect(scan("") == [])
    }

    @Test func aRowLongerThanItsLimitStopsOneBytePastIt() {
        let text = Array("abcdefgh,ijklmnopq\nz\n".utf8)
        let tokenizer = CSVTokenizer()
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for limit in [0, 3, 8, 9, 17] {
                let row = tokenizer.row(base, from: 0, end: buffer.count, maxLength: limit) { _, _, _ in }
                #expect(row.end == limit + 1, "limit \(limit)")
                #expect(!row.isTerminated)
            }
            let fits = tokenizer.row(base, from: 0, end: buffer.count, maxLength: 18) { _, _, _ in }
            #expect(fits.end == 18)
            #expect(fits.next == 19)
            // A later row's limit counts from its own start.
            let later = tokenizer.row(base, from: 19, end: buffer.count, maxLength: 1) { _, _, _ in }
            #expect(later.end == 20)
            #expect(later.isTerminated)
        }
    }

    @Test func aValueStopsAtItsLimitAndSaysWhetherAQuoteWasOpen() {
        let text = Array("ab\"c\"\"d\"e".utf8)
        let tokenizer = CSVTokenizer()
        text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let target = UnsafeMutablePointer<UInt8>.allocate(capacity: buffer.count)
            defer { target.deallocate() }
            let whole = tokenizer.value(base, from: 0, to: buffer.count, into: target)
            #expect(String(decoding: UnsafeBufferPointer(start: target, count: whole.count), as: UTF8.self) == "abc\"de")
            #expect(whole.overflow == nil)
            // "ab" fills two bytes; the third comes from "c", inside the quote at 2.
            let two = tokenizer.value(base, from: 0, to: buffer.count, into: target, limit: 2)
            #expect(two.count == 2)
            #expect(two.overflow?.position == 3)
            #expect(two.overflow?.openQuote == 2)
            // The doubled quote is the fourth byte, at the second of its two quotes.
            let three = tokenizer.value(base, from: 0, to: buffer.count, into: target, limit: 3)
            #expect(three.overflow?.position == 5)
            // "e" is outside quotes.
            let five = tokenizer.value(base, from: 0, to: buffer.count, into: target, limit: 5)
            #expect(five.overflow?.position == 8)
            #expect(five.overflow?.openQuote == nil)
        }
    }

    @Test func aValueMayBeDecodedInPlace() {
        var bytes = Array("\"a\"\"b\",c".utf8)
        let tokenizer = CSVTokenizer()
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { tokenizer.value($0, from: 0, to: 6, into: $0).count } ?? 0
        }
        #expect(String(decoding: bytes[..<count], as: UTF8.self) == "a\"b")
    }

    @Test func theWordScanFindsExactlyTheSpecialBytes() {
        var generator = SplitMix64(seed: 4180)
        let alphabet: [UInt8] = [10, 13, 34, 44, 59, 0, 0x80, 0xFF, 0x7F, 0x2B, 0x2D, 0x0B, 0x8A, 0xAC, 48, 97]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in alphabet[generator.below(alphabet.count)] }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            let separator: UInt8 = generator.below(2) == 0 ? 44 : 59
            let found = CSVTokenizer.specialBytes(word, separator: UInt64(separator) &* 0x0101_0101_0101_0101)
            let expected = bytes.enumerated().reduce(UInt64(0)) { mask, item in
                [10, 13, 34, separator].contains(item.element) ? mask | (0x80 << (8 * UInt64(item.offset))) : mask
            }
            #expect(found == expected, "bytes \(bytes)")
        }
    }
}
