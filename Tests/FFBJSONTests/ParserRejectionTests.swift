import Testing
import FFBJSON

/// Documents every strict parser must reject (JSONTestSuite's `n_` cases,
/// written out here), with the message a person sees for each.
struct ParserRejectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ message: String) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.message = message
        }

        init(_ name: String, bytes: [UInt8], _ message: String) {
            self.name = name
            self.bytes = bytes
            self.message = message
        }
    }

    static let truncated = "unexpected end of input (truncated file?)"

    static let cases: [Case] = [
        Case("n_structure_no_data", "", "empty document"),
        Case("n_structure_whitespace_only", " \n\t ", "empty document"),
        Case("n_array_1_true_without_comma", "[1 true]", "unexpected character 't', expected ',' or ']' after an array element"),
        Case("n_array_colon_instead_of_comma", #"["": 1]"#, "unexpected character ':', expected ',' or ']' after an array element"),
        Case("n_array_comma_after_close", #"[""],"#, "unexpected data after the JSON value"),
        Case("n_array_extra_close", #"["x"]]"#, "unexpected data after the JSON value"),
        Case("n_array_extra_comma", #"["",]"#, "trailing comma"),
        Case("n_array_double_comma", "[1,,2]", "unexpected character ',', expected a value"),
        Case("n_array_just_comma", "[,]", "unexpected character ',', expected a value"),
        Case("n_array_just_minus", "[-]", "invalid number: expected a digit after '-'"),
        Case("n_array_missing_value", "[   , \"\"]", "unexpected character ',', expected a value"),
        Case("n_array_number_and_comma", "[1,]", "trailing comma"),
        Case("n_array_unclosed", #"["""#, truncated),
        Case("n_array_unclosed_trailing_comma", "[1,", truncated),
        Case("n_array_unclosed_with_new_lines", "[1,\n1\n,1", truncated),
        Case("n_array_star_inside", "[*]", "unexpected character '*', expected a value"),
        Case("n_object_bad_value", #"["x", truth]"#, "unexpected \"truth\", expected true"),
        Case("n_object_comma_instead_of_colon", #"{"x", null}"#, "unexpected character ',', expected ':' after the member name"),
        Case("n_object_double_colon", #"{"x"::"b"}"#, "unexpected character ':', expected a value"),
        Case("n_object_missing_key", #"{:"b"}"#, "unexpected character ':', expected a member name in double quotes"),
        Case("n_object_missing_value", #"{"a":"#, truncated),
        Case("n_object_non_string_key", "{1:1}", "unexpected character '1', expected a member name in double quotes"),
        Case("n_object_single_quote", "{'a':0}", "unexpected character ''', expected a member name in double quotes"),
        Case("n_object_trailing_comma", #"{"id":0,}"#, "trailing comma"),
        Case("n_object_unquoted_key", #"{a: "b"}"#, "unexpected character 'a', expected a member name in double quotes"),
        Case("n_object_duplicate_key", #"{"id": 1, "id": 2}"#, #"duplicate key "id""#),
        Case("n_object_with_trailing_garbage", #"{"a": true} "x""#, "unexpected data after the JSON value"),
        Case("n_object_unclosed_no_value", #"{"":"#, truncated),
        Case("n_number_leading_zero", "[012]", "leading zeros are not allowed in numbers"),
        Case("n_number_negative_leading_zero", "[-012]", "leading zeros are not allowed in numbers"),
        Case("n_number_plus_sign", "[+1]", "unexpected character '+', expected a value"),
        Case("n_number_dot_first", "[.123]", "unexpected character '.', expected a value"),
        Case("n_number_dot_last", "[1.]", "invalid number: expected a digit after the decimal point"),
        Case("n_number_exp_without_digits", "[1e]", "invalid number: expected a digit in the exponent"),
        Case("n_number_exp_sign_without_digits", "[1e+]", "invalid number: expected a digit in the exponent"),
        Case("n_number_hex", "[0x42]", "unexpected character 'x', expected ',' or ']' after an array element"),
        Case("n_number_NaN", "[NaN]", "NaN is not valid JSON (numbers must be finite)"),
        Case("n_number_Infinity", "[Infinity]", "Infinity is not valid JSON (numbers must be finite)"),
        Case("n_number_minus_infinity", "[-Infinity]", "-Infinity is not valid JSON (numbers must be finite)"),
        Case("n_number_huge_exponent", "[1e400]", "number is out of range (larger than a 64-bit floating-point number can hold)"),
        Case("n_number_huge_negative", "[-1.5e309]", "number is out of range (larger than a 64-bit floating-point number can hold)"),
        Case("n_number_two_dots", "[1.2.3]", "unexpected character '.', expected ',' or ']' after an array element"),
        Case("n_string_single_quote", "['single quote']", "unexpected character ''', expected a value"),
        Case("n_string_unescaped_newline", "[\"new\nline\"]", "unescaped control character U+000A in string"),
        Case("n_string_unescaped_tab", "[\"\t\"]", "unescaped control character U+0009 in string"),
        Case("n_string_escape_x", #"["\x00"]"#, #"invalid escape "\x""#),
        Case("n_string_escaped_emoji", "[\"\\🌀\"]", #"invalid escape "\U+00F0""#),
        Case("n_string_invalid_unicode_escape", #"["\uqqqq"]"#, #"invalid escape: \u must be followed by four hexadecimal digits"#),
        Case("n_string_incomplete_escaped_character", #"["\u00A"]"#, #"invalid escape: \u must be followed by four hexadecimal digits"#),
        Case("n_string_1_surrogate_then_escape", #"["\uD800\"]"#, #"lone surrogate "\uD800" (a UTF-16 surrogate escape must be part of a high-low pair)"#),
        Case("n_string_lone_high_surrogate", #"["\uD800abc"]"#, #"lone surrogate "\uD800" (a UTF-16 surrogate escape must be part of a high-low pair)"#),
        Case("n_string_lone_low_surrogate", #"["\uDFAA"]"#, #"lone surrogate "\uDFAA" (a UTF-16 surrogate escape must be part of a high-low pair)"#),
        Case("n_string_high_then_high_surrogate", #"["\uD800\uD800"]"#, #"lone surrogate "\uD800" (a UTF-16 surrogate escape must be part of a high-low pair)"#),
        Case("n_string_unterminated", #"["abc"#, truncated),
        Case("n_string_unterminated_after_escape", #"["abc\"#, truncated),
        Case("n_string_truncated_unicode_escape", #"["\u00"#, truncated),
        Case("n_string_truncated_surrogate_pair", #"["\uD83D"#, truncated),
        Case("n_string_invalid_utf8", bytes: Array("[\"".utf8) + [0xFF] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_overlong_utf8", bytes: Array("[\"".utf8) + [0xC0, 0xAF] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_utf8_surrogate", bytes: Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_utf8_beyond_U+10FFFF", bytes: Array("[\"".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_utf8_truncated_sequence", bytes: Array("[\"".utf8) + [0xE2, 0x82] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_lone_continuation_byte", bytes: Array("[\"".utf8) + [0x80] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_string_invalid_utf8_after_escape", bytes: Array("[\"\\n".utf8) + [0xFE] + Array("\"]".utf8), "invalid UTF-8"),
        Case("n_structure_invalid_utf8_outside_string", bytes: [0x5B, 0xFF, 0x5D], "unexpected invalid UTF-8 byte 0xFF, expected a value"),
        Case("n_structure_non_ascii_outside_string", "[é]", "unexpected character 'é', expected a value"),
        Case("n_structure_capitalized_True", "[True]", "unexpected \"True\", expected a value"),
        Case("n_structure_undefined", "undefined", "unexpected \"undefined\", expected a value"),
        Case("n_structure_truncated_literal", "[nul", truncated),
        Case("n_structure_broken_literal", "[nul1]", "unexpected character '1', expected null"),
        Case("n_structure_comment", "[1] // done", "unexpected data after the JSON value"),
        Case("n_structure_two_values", "{} {}", "unexpected data after the JSON value"),
        Case("n_structure_unclosed_object", #"{"a": [1, 2]"#, truncated),
        Case("n_structure_null_byte_outside_string", bytes: [0x5B, 0x00, 0x5D], "unexpected control character U+0000, expected a value"),
        Case("n_structure_bom_only", bytes: [0xEF, 0xBB, 0xBF], "empty document"),
        Case("n_structure_utf16_bom", bytes: [0xFE, 0xFF, 0x00, 0x5B, 0x00, 0x5D], "unexpected invalid UTF-8 byte 0xFE, expected a value"),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) throws {
        let error = try #require(syntaxError(testCase.bytes))
        #expect(error.message == testCase.message)
    }
}
