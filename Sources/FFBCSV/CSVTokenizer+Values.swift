extension CSVTokenizer {
    /// A field's value as `value(_:from:to:into:limit:)` found it.
    package struct Value: Sendable {
        /// The value's length in bytes (at most the limit).
        package var count: Int
        /// Where the value ran past the limit: the byte that would have taken it over, and the
        /// quote of the quoted part that byte is in, if any. Nil when the whole value fits.
        package var overflow: (position: Int, openQuote: Int?)?
    }

    /// The value of the field at `start..<end` as `row` bounded it: quoted parts without their
    /// quotes, a doubled quote inside them as one. It is written to `target`, which may be
    /// `base + start` (a value is never longer than its field), and stops short of the byte
    /// that would make it longer than `limit`.
    package func value(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, into target: UnsafeMutablePointer<UInt8>, limit: Int = .max) -> Value {
        var position = start
        var count = 0
        var quoted = false
        var openQuote = 0
        while position < end {
            let byte = base[position]
            if byte == Self.quote {
                if quoted, position + 1 < end, base[position + 1] == Self.quote {
                    position += 1
                } else {
                    quoted.toggle()
                    openQuote = position
                    position += 1
                    continue
                }
            }
            if count == limit { return Value(count: count, overflow: (position, quoted ? openQuote : nil)) }
            target[count] = byte
            count += 1
            position += 1
        }
        return Value(count: count, overflow: nil)
    }

    /// The value of the field at `start..<end` as text (invalid UTF-8 repaired), for headers and
    /// other slow paths.
    package func text(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> String {
        guard end > start else { return "" }
        return String(unsafeUninitializedCapacity: end - start) { buffer in
            guard let target = buffer.baseAddress else { return 0 }
            return value(base, from: start, to: end, into: target).count
        }
    }
}
