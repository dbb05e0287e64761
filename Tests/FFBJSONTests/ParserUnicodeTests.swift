import Testing
import FFBJSON

/// Text arrives exactly as written: every scalar kept, nothing normalized.
struct ParserUnicodeTests {
    @Test func surrogatePairsDecodeToOneScalar() throws {
        let value = try parse(#""\uD83D\uDE00 \uD834\uDD1E""#)
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x1F600, 0x20, 0x1D11E])
    }

    @Test func escapedAndLiteralTextAreTheSame() throws {
        #expect(try parse(#""\u00c6r\u00f8 \u00c5by""#) == parse(#""Ærø Åby""#))
    }

    @Test func combiningSequencesAreNotNormalized() throws {
        let decomposed = try parse(#""e\u0301""#)
        #expect(decomposed.stringValue?.unicodeScalars.count == 2)
    }

    @Test func nulIsAllowedWhenEscaped() throws {
        #expect(try parse(#"{"a\u0000b": "\u0000"}"#) == ["a\u{0}b": "\u{0}"])
    }

    @Test func everyStringEscapeDecodes() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u0001\u001F\u007f\u0080\u07FF\u0800\uFFFF""#)
        #expect(value.stringValue?.unicodeScalars.map(\.value)
            == [0x22, 0x5C, 0x2F, 0x08, 0x0C, 0x0A, 0x0D, 0x09, 0x01, 0x1F, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF])
    }

    @Test func theLongestValidSequencesAreAccepted() throws {
        let bytes: [UInt8] = [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0xEF, 0xBF, 0xBF, 0xDF, 0xBF, 0x22]
        let value = try JSONParser().parse(bytes)
        #expect(value.stringValue?.unicodeScalars.map(\.value) == [0x10FFFF, 0xFFFF, 0x7FF])
    }

    @Test func invalidUTF8IsReportedAtTheBadByte() throws {
        let bytes = Array(#"{"name": "Kr"#.utf8) + [0xF8] + Array(#"ll"}"#.utf8)
        let error = try #require(syntaxError(bytes))
        #expect(error.reason == .invalidUTF8)
        #expect(error.offset == 12)
        #expect(error.pointer == pointer("/name"))
    }
}
