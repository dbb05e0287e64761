extension JSONScanner {
    /// Reads the number at the cursor, enforcing RFC 8259's grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        var index = position
        let negative = bytes[index] == ASCII.minus
        if negative { index += 1 }
        guard index < bytes.count else { throw error(.unexpectedEndOfInput, at: index) }

        let integerStart = index
        if bytes[index] == ASCII.zero {
            index += 1
            if index < bytes.count, ASCII.isDigit(bytes[index]) { throw error(.leadingZeros, at: start) }
        } else if ASCII.isDigit(bytes[index]) {
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
        } else if bytes[index] == ASCII.upperI, word(at: index) == "Infinity" {
            throw error(.nonFiniteNumber("-Infinity"), at: start)
        } else {
            throw error(.invalidNumber("expected a digit after '-'"), at: index)
        }
        let integerEnd = index

        var fractionEnd = index
        if index < bytes.count, bytes[index] == ASCII.period {
            index += 1
            index = try digits(from: index, missing: "expected a digit after the decimal point")
            fractionEnd = index
        }

        var exponent = 0
        var hasExponent = false
        if index < bytes.count, bytes[index] | 0x20 == ASCII.e {
            hasExponent = true
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus {
                exponentNegative = bytes[index] == ASCII.minus
                index += 1
            }
            let exponentStart = index
            index = try digits(from: index, missing: "expected a digit in the exponent")
            for offset in exponentStart..<index where exponent < 100_000 {
                // Capped: beyond this every mantissa over- or underflows anyway.
                exponent = exponent * 10 + Int(bytes[offset] - ASCII.zero)
            }
            if exponentNegative { exponent = -exponent }
        }
        position = index

        if fractionEnd == integerEnd, !hasExponent,
           let integer = exactInteger(from: integerStart, to: integerEnd, negative: negative) {
            return JSONNumber(double: negative && integer == 0 ? -0.0 : Double(integer), int64: integer)
        }
        let double = fastDouble(integerStart: integerStart, integerEnd: integerEnd, fractionEnd: fractionEnd,
                                exponent: exponent, negative: negative)
            ?? Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        guard let double else { throw error(.invalidNumber("not a number"), at: start) }
        guard double.isFinite else { throw error(.numberOutOfRange, at: start) }
        return JSONNumber(double: double, int64: nil)
    }

    /// Skips one or more digits starting at `index`.
    private func digits(from index: Int, missing: String) throws(JSONSyntaxError) -> Int {
        var end = index
        while end < bytes.count, ASCII.isDigit(bytes[end]) { end += 1 }
        guard end > index else {
            throw error(index == bytes.count ? .unexpectedEndOfInput : .invalidNumber(missing), at: index)
        }
        return end
    }

    /// The integer literal's value, or `nil` when it does not fit `Int64`.
    private func exactInteger(from start: Int, to end: Int, negative: Bool) -> Int64? {
        // Accumulating downwards reaches Int64.min, which has no positive twin.
        var value: Int64 = 0
        for index in start..<end {
            let digit = Int64(bytes[index] - ASCII.zero)
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }

    /// Clinger's fast path: when the significant digits fit in a `Double`'s
    /// 53-bit mantissa and the power of ten is exact, one multiplication or
    /// division is correctly rounded. Otherwise `nil`, and the caller falls
    /// back to the C library's correctly rounded conversion.
    private func fastDouble(integerStart: Int, integerEnd: Int, fractionEnd: Int,
                            exponent: Int, negative: Bool) -> Double? {
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        for index in integerStart..<fractionEnd where index != integerEnd {
            let digit = UInt64(bytes[index] - ASCII.zero)
            if index > integerEnd { fractionDigits += 1 }
            if mantissa == 0 && digit == 0 { continue }
            significantDigits += 1
            if significantDigits > 19 { return nil }
            mantissa = mantissa * 10 + digit
        }
        let sign: Double = negative ? -1 : 1
        if mantissa == 0 { return sign * 0.0 }
        let power = exponent - fractionDigits
        guard mantissa <= 1 << 53, power >= -22, power <= 22 else { return nil }
        let magnitude = power >= 0
            ? Double(mantissa) * Self.exactPowersOfTen[power]
            : Double(mantissa) / Self.exactPowersOfTen[-power]
        return sign * magnitude
    }

    /// 10^0 … 10^22, every one exactly representable as a `Double`.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
