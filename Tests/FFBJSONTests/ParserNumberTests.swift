import Testing
import FFBJSON
import FFBSynthetic

/// Numbers keep integers exact and decimals correctly rounded.
struct ParserNumberTests {
    private func number(_ text: String) throws -> JSONNumber {
        try #require(try parse(text).numberValue)
    }

    @Test func integersWithinInt64AreExact() throws {
        #expect(try number("9223372036854775807").int64 == Int64.max)
        #expect(try number("-9223372036854775808").int64 == Int64.min)
        #expect(try number("9007199254740993").int64 == 9_007_199_254_740_993)
        #expect(try number("42").isIntegerLiteral)
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        let big = try number("9223372036854775808")
        #expect(big.int64 == nil)
        #expect(big.double == 9_223_372_036_854_775_808.0)
        let huge = try number("-123456789012345678901234567890")
        #expect(huge.int64 == nil)
        #expect(huge.double == -1.2345678901234568e29)
    }

    @Test func decimalsAndExponentsAreNotIntegerLiterals() throws {
        let one = try number("1.0")
        #expect(!one.isIntegerLiteral)
        #expect(one.isInteger)
        #expect(one.exactInt64 == 1)
        #expect(try parse("1.0").intValue == 1)
        #expect(try parse("1.5").intValue == nil)
        #expect(try number("1e2").int64 == nil)
        #expect(try number("1e2").exactInt64 == 100)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let zero = try number("-0")
        #expect(zero.int64 == 0)
        #expect(zero.double.sign == .minus)
        #expect(zero == JSONNumber(0))
        #expect(try number("-0.0").double.sign == .minus)
    }

    @Test func outOfRangeIsAnErrorButUnderflowIsZero() throws {
        #expect(syntaxError("1e400")?.reason == .numberOutOfRange)
        #expect(syntaxError("-1e400")?.reason == .numberOutOfRange)
        #expect(try number("1e-400").double == 0)
        #expect(try number("1e-0000000000000000000400").double == 0)
        #expect(try number("0e999999999999999999999").double == 0)
        #expect(try number("1.7976931348623157e308").double == .greatestFiniteMagnitude)
        #expect(try number("4.9406564584124654e-324").double == .leastNonzeroMagnitude)
    }

    @Test func equalityIsNumericNotTextual() throws {
        #expect(try parse("[1, 1.0, 1e0, 10e-1]") == [1, 1, 1, 1])
        #expect(try number("9007199254740993") != JSONNumber(9_007_199_254_740_992.0))
        #expect(try number("0.1") == JSONNumber(0.1))
    }

    @Test func decimalsMatchTheCorrectlyRoundedConversion() throws {
        // Compares the parser's fast path with the C library on many random
        // literals, including ones near the fast path's edges.
        var generator = SplitMix64(seed: 2024)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            var mantissa = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<digits { mantissa += String(Int.random(in: 0...9, using: &generator)) }
            let point = Int.random(in: 0...digits, using: &generator)
            var text = point == digits ? mantissa
                : String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if text.hasPrefix(".") { text = "0" + text }
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -40...40, using: &generator))" }
            if Bool.random(using: &generator) { text = "-" + text }
            let parsed = try number(text)
            #expect(parsed.double == Double(text), "\(text)")
        }
    }
}
