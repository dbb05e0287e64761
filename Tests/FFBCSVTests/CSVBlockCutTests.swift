import FFBCSV
import FFBSynthetic
import Testing

/// Where a reader may cut text into blocks of whole rows: past the last line feed the tokenizer
/// takes for a row end, never one inside quotes.
@Suite struct CSVBlockCutTests {
    func cut(_ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { CSVTokenizer.endOfLastRow($0, count: buffer.count) }
        }
    }

    @Test func aLineFeedInsideQuotesIsNoPlaceToCut() {
        #expect(cut("a,b\nc,d") == 4)
        #expect(cut("a,\"b\nc\",d\ne,\"f\ng") == 10)
        #expect(cut("\"a\"\"\nb") == nil)
        #expect(cut("\"a\"\"\nb\"\n") == 8)
        #expect(cut("abc") == nil)
        #expect(cut("") == nil)
    }

    @Test func theCutIsTheTokenizersLastRowEndingInALineFeed() {
        var generator = SplitMix64(seed: 10)
        let alphabet = Array("\"\",\n\r\nab".utf8)
        for _ in 0..<5000 {
            // Long enough that the eight-byte quote count runs too.
            let bytes = (0..<generator.below(90)).map { _ in alphabet[generator.below(alphabet.count)] }
            let expected: Int? = bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return nil }
                var position = 0
                var last: Int?
                while position < buffer.count {
                    let row = CSVTokenizer().row(base, from: position, end: buffer.count) { _, _, _ in }
                    if row.isTerminated, base[row.next - 1] == 10 { last = row.next }
                    position = row.next
                }
                return last
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(cut(text) == expected, "\(text.debugDescription)")
        }
    }
}
