/// RFC 4180 rows as byte positions: where each field starts and ends, where the row ends and the
/// next one starts, and a quote left open. Nothing is copied; `value(_:from:to:into:limit:)`
/// decodes a field when it holds quotes. Every CSV input is read with this one: the extract
/// reader's blocks, the tariff file's rows (`CSVRows`), headers.
///
/// A quote opens a quoted part anywhere in a field; inside it a doubled quote stands for one
/// quote, and the separator, CR and LF are text. Outside quotes CR, LF and CRLF end the row.
///
/// `public`, not `package`, with the row scan `@inlinable`: this toolchain (Swift 6.3) inlines
/// an `@inlinable` body into another module only when it is public, and the extract reader
/// needs `row` inlined with its field closure (a call per row and per field costs it a tenth
/// more instructions).
public struct CSVTokenizer: Sendable {
    public var separator: UInt8

    public init(separator: UInt8 = UInt8(ascii: ",")) {
        self.separator = separator
    }

    /// Where one row lies.
    public struct Row: Sendable {
        /// How many fields it has (at least one).
        public var fields: Int
        /// Where its text ends: at its line end, or where the scan stopped.
        public var end: Int
        /// Where the next row starts: past the CR, LF or CRLF; `end` when the row has none.
        public var next: Int
        /// Line feeds inside quotes, each one more line the row spans.
        public var quotedLineFeeds: Int
        /// Whether a quote occurs in it (if not, each field's bytes are its value).
        public var hasQuotes: Bool
        /// A quoted part still open where the scan stopped: where its quote is, and the quoted
        /// line feeds before it.
        public var openQuote: (position: Int, lineFeeds: Int)?

        @inlinable
        public var isTerminated: Bool { next > end }

        /// The lines it spans.
        @inlinable
        public var lines: Int { quotedLineFeeds + 1 }

        @inlinable
        init(fields: Int, end: Int, next: Int, quotedLineFeeds: Int, hasQuotes: Bool, openQuote: (position: Int, lineFeeds: Int)?) {
            self.fields = fields
            self.end = end
            self.next = next
            self.quotedLineFeeds = quotedLineFeeds
            self.hasQuotes = hasQuotes
            self.openQuote = openQuote
        }
    }

    /// Scans the row at `start`, handing each field's bounds to `field` (its index, start, end) in
    /// order. The scan stops at the row's line end, at `end`, or once the row holds more than
    /// `maxLength` bytes: a row longer than that comes back `maxLength + 1` bytes long, so a
    /// file without line ends costs no more than one row's limit.
    ///
    /// This is the extract reader's general inner loop: outside and inside quotes it skips eight
    /// bytes at a time to the next separator, quote or line end (`nextSpecialByte`).
    @inlinable @inline(__always)
    public func row(
        _ base: UnsafePointer<UInt8>, from start: Int, end: Int, maxLength: Int = .max,
        field: (_ index: Int, _ start: Int, _ end: Int) -> Void
    ) -> Row {
        let limit = end - start > maxLength ? start + max(maxLength, -1) + 1 : end
        let separator = separator
        var position = start
        var fieldStart = start
        var index = 0
        var quoted = false
        var hasQuotes = false
        var lineFeeds = 0
        var openQuote = (position: 0, lineFeeds: 0)
        while true {
            position = nextSpecialByte(base, from: position, limit: limit)
            guard position < limit else { break }
            let byte = base[position]
            if quoted {
                if byte == Self.quote {
                    if position &+ 1 < limit, base[position &+ 1] == Self.quote { position &+= 1 } else { quoted = false }
                } else if byte == Self.lineFeed {
                    lineFeeds &+= 1
                }
            } else if byte == separator {
                field(index, fieldStart, position)
                index &+= 1
                fieldStart = position &+ 1
            } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                field(index, fieldStart, position)
                var next = position &+ 1
                if byte == Self.carriageReturn, next < end, base[next] == Self.lineFeed { next &+= 1 }
                return Row(fields: index &+ 1, end: position, next: next, quotedLineFeeds: lineFeeds, hasQuotes: hasQuotes, openQuote: nil)
            } else if byte == Self.quote {
                quoted = true
                hasQuotes = true
                openQuote = (position, lineFeeds)
            }
            position &+= 1
        }
        field(index, fieldStart, position)
        return Row(fields: index &+ 1, end: position, next: position, quotedLineFeeds: lineFeeds, hasQuotes: hasQuotes, openQuote: quoted ? openQuote : nil)
    }

    @inlinable static var quote: UInt8 { 34 }
    @inlinable static var lineFeed: UInt8 { 10 }
    @inlinable static var carriageReturn: UInt8 { 13 }
}
