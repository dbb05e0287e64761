import Testing
import FFBJSON

/// `minLength`, `maxLength`, `pattern`, `format`, and the numeric bounds.
struct SchemaStringAndNumberTests {
    @Test func lengthsCountCodePoints() throws {
        let name = try schema(#"{"minLength": 2, "maxLength": 3}"#)
        #expect(try problems(name, #""æø""#) == [])
        #expect(try problems(name, #""😀😀😀""#) == [])
        #expect(try problems(name, #""a""#) == ["/: expected at least 2 characters, found 1"])
        #expect(try problems(name, #""abcd""#) == ["/: expected at most 3 characters, found 4"])
        #expect(try problems(try schema(#"{"minLength": 1}"#), #""""#) == ["/: expected at least 1 character, found 0"])
        // Length keywords ignore other types.
        #expect(try problems(name, "12345") == [])
    }

    @Test func patternsSearchRatherThanMatchWholeStrings() throws {
        let containsB = try schema(#"{"pattern": "b"}"#)
        #expect(try problems(containsB, #""abc""#) == [])
        #expect(try problems(containsB, #""xyz""#) == [#"/: does not match the pattern "b""#])
    }

    @Test func patternsDoNotQuoteTheValue() throws {
        // The value may be a malformed CPR number, which must never be printed.
        let cpr = try schema(#"{"pattern": "^[0-9]{6}-?[0-9]{4}$"}"#)
        #expect(try problems(cpr, #""010190-123""#) == [#"/: does not match the pattern "^[0-9]{6}-?[0-9]{4}$""#])
    }

    @Test func patternsHaveECMAScriptMeaning() throws {
        let digits = try schema(#"{"pattern": "^\\d+$"}"#)
        #expect(try problems(digits, #""0123""#) == [])
        // ICU's `$` would also match before a final newline.
        #expect(try problems(digits, #""0123\n""#).count == 1)
        // ICU's `\d` would also match Arabic-Indic digits.
        #expect(try problems(digits, #""\u0661\u0662""#).count == 1)
        let word = try schema(#"{"pattern": "^[\\w-]+$"}"#)
        #expect(try problems(word, #""goal_1-a""#) == [])
        #expect(try problems(word, #""mål""#).count == 1)
        let dollar = try schema(#"{"pattern": "^[$]\\$$"}"#)
        #expect(try problems(dollar, #""$$""#) == [])
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2023-02-28", true), ("2000-02-29", true), ("1999-12-31", true),
        ("2023-02-29", false), ("1900-02-29", false), ("2024-04-31", false), ("2024-13-01", false),
        ("2024-00-10", false), ("2024-01-00", false), ("2024-1-01", false), ("24-01-01", false),
        ("2024-01-01T00:00:00Z", false), ("2024/01/01", false), ("２０２４-01-01", false),
    ])
    func datesMustBeRealCalendarDates(_ text: String, _ valid: Bool) throws {
        let date = try schema(#"{"format": "date"}"#)
        #expect(try problems(date, "\"\(text)\"") == (valid ? [] : ["/: not a valid date (expected YYYY-MM-DD)"]))
    }

    @Test(arguments: [
        ("2024-05-01T12:00:00Z", true), ("2024-05-01t12:00:00z", true), ("2024-05-01T12:00:00.123456+02:00", true),
        ("2024-05-01T23:59:59-23:59", true), ("1998-12-31T23:59:60Z", true), ("1998-12-31T15:59:60.123-08:00", true),
        ("1998-12-31T23:58:60Z", false), ("2024-05-01T12:00:00", false), ("2024-05-01 12:00:00Z", false),
        ("2024-05-01T24:00:00Z", false), ("2024-05-01T12:60:00Z", false), ("2024-05-01T12:00:00+2:00", false),
        ("2024-05-01T12:00:00.Z", false), ("2024-02-30T12:00:00Z", false), ("2024-05-01T12:00Z", false),
        ("2024-05-01T12:00:00+24:00", false), ("2024-05-01T12:00:00Z ", false),
    ])
    func dateTimesFollowRFC3339(_ text: String, _ valid: Bool) throws {
        let dateTime = try schema(#"{"format": "date-time"}"#)
        let expected = valid ? [] : ["/: not a valid date-time (expected RFC 3339, such as 2024-05-01T12:00:00Z)"]
        #expect(try problems(dateTime, "\"\(text)\"") == expected)
    }

    @Test(arguments: [
        ("e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", true), ("E9B4A4B0-3A8F-4E0B-9D7A-6A1C2F0B7D11", true),
        ("00000000-0000-0000-0000-000000000000", true), ("e9b4a4b03a8f4e0b9d7a6a1c2f0b7d11", false),
        ("e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d1", false), ("g9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", false),
        ("{e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11}", false),
    ])
    func uuidsAreEightFourFourFourTwelve(_ text: String, _ valid: Bool) throws {
        let uuid = try schema(#"{"format": "uuid"}"#)
        #expect(try problems(uuid, "\"\(text)\"") == (valid ? [] : ["/: not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)"]))
    }

    @Test func unknownFormatsAndNonStringsAreNotChecked() throws {
        #expect(try problems(try schema(#"{"format": "email"}"#), #""not an email""#) == [])
        #expect(try problems(try schema(#"{"format": "date"}"#), "20240101") == [])
    }

    @Test func inclusiveBoundsAllowTheBoundItself() throws {
        let level = try schema(#"{"minimum": 0, "maximum": 4}"#)
        #expect(try problems(level, "0") == [])
        #expect(try problems(level, "4.0") == [])
        #expect(try problems(level, "-1") == ["/: -1 is less than the minimum 0"])
        #expect(try problems(level, "4.5") == ["/: 4.5 is greater than the maximum 4"])
        #expect(try problems(level, #""5""#) == [])
    }

    @Test func exclusiveBoundsDoNot() throws {
        let share = try schema(#"{"exclusiveMinimum": 0, "exclusiveMaximum": 1}"#)
        #expect(try problems(share, "0.5") == [])
        #expect(try problems(share, "0") == ["/: 0 is not greater than 0"])
        #expect(try problems(share, "1") == ["/: 1 is not less than 1"])
    }

    @Test func largeIntegersCompareExactly() throws {
        let bounded = try schema(#"{"maximum": 9007199254740992}"#)
        #expect(try problems(bounded, "9007199254740992") == [])
        #expect(try problems(bounded, "9007199254740993") == ["/: 9007199254740993 is greater than the maximum 9007199254740992"])
    }

    @Test func multipleOfIsExactForIntegersAndToleratesBinaryFractions() throws {
        let even = try schema(#"{"multipleOf": 2}"#)
        #expect(try problems(even, "10") == [])
        #expect(try problems(even, "7") == ["/: 7 is not a multiple of 2"])
        #expect(try problems(even, "4.0") == [])
        let tenth = try schema(#"{"multipleOf": 0.1}"#)
        #expect(try problems(tenth, "0.3") == [])
        #expect(try problems(tenth, "12.7") == [])
        #expect(try problems(tenth, "0.35") == ["/: 0.35 is not a multiple of 0.1"])
        let half = try schema(#"{"multipleOf": 0.5}"#)
        #expect(try problems(half, "1e308") == [])
        #expect(try problems(half, "1.3") == ["/: 1.3 is not a multiple of 0.5"])
    }
}
