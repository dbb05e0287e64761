extension JSONScanner {
    /// Reads the string whose opening quote is at the cursor.
    ///
    /// Most strings have no escapes, so they are validated in place and
    /// turned into a `String` with one copy; only strings with escapes go
    /// through `scratch`.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = position
        let start = position + 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                guard index - start <= limits.maxStringBytes else {
                    throw error(.stringTooLong(limit: limits.maxStringBytes), at: quote)
                }
                position = index + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == ASCII.backslash {
                return try parseEscapedString(quote: quote, firstEscape: index)
            }
            if byte < 0x20 {
                throw error(.controlCharacterInString(byte), at: index)
            }
            index = byte < 0x80 ? index + 1 : try endOfUTF8Sequence(at: index)
        }
        throw error(.unexpectedEndOfInput, at: bytes.count)
    }

    private mutating func parseEscapedString(quote: Int, firstEscape: Int) throws(JSONSyntaxError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<firstEscape]))
        var index = firstEscape
        while index < bytes.count {
            if scratch.count > limits.maxStringBytes {
                throw error(.stringTooLong(limit: limits.maxStringBytes), at: quote)
            }
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            case ASCII.backslash:
                index = try appendEscape(at: index)
            case 0..<0x20:
                throw error(.controlCharacterInString(byte), at: index)
            case 0x20..<0x80:
                scratch.append(byte)
                index += 1
            default:
                let end = try endOfUTF8Sequence(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        throw error(.unexpectedEndOfInput, at: bytes.count)
    }

    /// Decodes the escape at `index` into `scratch`; returns the index after it.
    private mutating func appendEscape(at index: Int) throws(JSONSyntaxError) -> Int {
        guard index + 1 < bytes.count else { throw error(.unexpectedEndOfInput, at: bytes.count) }
        let escaped = bytes[index + 1]
        switch escaped {
        case ASCII.quote, ASCII.backslash, ASCII.slash:
            scratch.append(escaped)
        case ASCII.b:
            scratch.append(0x08)
        case ASCII.f:
            scratch.append(0x0C)
        case ASCII.n:
            scratch.append(ASCII.newline)
        case ASCII.r:
            scratch.append(ASCII.carriageReturn)
        case ASCII.t:
            scratch.append(ASCII.tab)
        case ASCII.u:
            return try appendUnicodeEscape(at: index)
        default:
            let shown = escaped >= 0x21 && escaped <= 0x7E
                ? String(Character(Unicode.Scalar(escaped)))
                : JSONSyntaxError.unicodeName(escaped)
            throw error(.invalidEscape("\\" + shown), at: index)
        }
        return index + 2
    }

    /// Decodes `\uXXXX`, or a `\uXXXX\uXXXX` surrogate pair, at `index`.
    private mutating func appendUnicodeEscape(at index: Int) throws(JSONSyntaxError) -> Int {
        let unit = try hexQuad(at: index + 2, escapeAt: index)
        var scalarValue = UInt32(unit)
        var end = index + 6
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by `\u` and a low one;
            // input that stops before that is truncated, not wrong.
            if end >= bytes.count || (end + 1 == bytes.count && bytes[end] == ASCII.backslash) {
                throw error(.unexpectedEndOfInput, at: bytes.count)
            }
            guard end + 1 < bytes.count, bytes[end] == ASCII.backslash, bytes[end + 1] == ASCII.u else {
                throw error(.loneSurrogate(Self.escapeText(unit)), at: index)
            }
            let low = try hexQuad(at: end + 2, escapeAt: end)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(.loneSurrogate(Self.escapeText(unit)), at: index)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw error(.loneSurrogate(Self.escapeText(unit)), at: index)
        default:
            break
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw error(.loneSurrogate(Self.escapeText(unit)), at: index)
        }
        if let encoded = UTF8.encode(scalar) { scratch.append(contentsOf: encoded) }
        return end
    }

    private func hexQuad(at start: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard start + offset < bytes.count else { throw error(.unexpectedEndOfInput, at: bytes.count) }
            let byte = bytes[start + offset]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error(.invalidUnicodeEscape, at: escapeAt)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func escapeText(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Validates the multi-byte UTF-8 sequence at `index` and returns the
    /// index after it; rejects overlong forms, surrogates and values past U+10FFFF.
    func endOfUTF8Sequence(at index: Int) throws(JSONSyntaxError) -> Int {
        guard let end = utf8SequenceEnd(at: index) else { throw error(.invalidUTF8, at: index) }
        return end
    }

    /// The index after the well-formed UTF-8 sequence at `index`, or `nil`.
    func utf8SequenceEnd(at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return index + 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
            return nil
        }
        return index + length
    }
}
