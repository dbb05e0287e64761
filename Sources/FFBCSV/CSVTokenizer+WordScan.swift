extension CSVTokenizer {
    @inlinable static var everyByte: UInt64 { 0x0101_0101_0101_0101 }

    /// The bytes of `word` (little-endian) that are the separator, a quote or a line end, as the
    /// high bit of each such byte. Exact: no false hits from borrows between bytes.
    @inlinable @inline(__always)
    public static func specialBytes(_ word: UInt64, separator: UInt64) -> UInt64 {
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 {
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((x & low7) &+ low7) | x | low7)
        }
        return zeroBytes(word ^ separator) | zeroBytes(word ^ (UInt64(lineFeed) &* everyByte))
            | zeroBytes(word ^ (UInt64(carriageReturn) &* everyByte)) | zeroBytes(word ^ (UInt64(quote) &* everyByte))
    }
}
