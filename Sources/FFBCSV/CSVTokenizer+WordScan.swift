extension CSVTokenizer {
    @inlinable static var everyByte: UInt64 { 0x0101_0101_0101_0101 }

    /// The bytes of `word` (little-endian) that are the separator, a quote or a line end, as the
    /// high bit of each such byte. Exact: no false hits from borrows between bytes.
    @inlinable @inline(__always)
    public static func specialBytes(_ word: UInt64, separator: UInt64) -> UInt64 {
        bytes(of: word, equalTo: separator) | bytes(of: word, equalTo: UInt64(lineFeed) &* everyByte)
            | bytes(of: word, equalTo: UInt64(carriageReturn) &* everyByte) | bytes(of: word, equalTo: UInt64(quote) &* everyByte)
    }

    /// The bytes of `word` equal to the byte that `pattern` repeats, as the high bit of each.
    @inlinable @inline(__always)
    static func bytes(of word: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }
}
