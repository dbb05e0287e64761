extension CSVTokenizer {
    @inlinable static var everyByte: UInt64 { 0x0101_0101_0101_0101 }

    /// Where the first separator, quote or line end in `start..<limit` is, or `limit` if there is
    /// none: eight bytes at a time while eight remain. The row scan's inner loop, and the extract
    /// reader's way to find where a field of unknown width ends.
    @inlinable @inline(__always)
    public func nextSpecialByte(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int {
        let separatorWord = UInt64(separator) &* Self.everyByte
        var position = start
        while position &+ 8 <= limit {
            let found = Self.specialBytes(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self), separator: separatorWord)
            if found != 0 { return position &+ found.trailingZeroBitCount &>> 3 }
            position &+= 8
        }
        while position < limit {
            let byte = base[position]
            if byte == separator || byte == Self.quote || byte == Self.lineFeed || byte == Self.carriageReturn { return position }
            position &+= 1
        }
        return limit
    }

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
