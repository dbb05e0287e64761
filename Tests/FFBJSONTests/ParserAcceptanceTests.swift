import Testing
import FFBJSON

/// Documents every JSON parser must accept (JSONTestSuite's `y_` cases,
/// written out here), with the value each must produce.
struct ParserAcceptanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let expected: JSONValue
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "y_array_empty", text: "[]", expected: []),
        Case(name: "y_array_empty_with_whitespace", text: " [ \n\t\r ] ", expected: []),
        Case(name: "y_array_nested_empty", text: "[[],[[]]]", expected: [[], [[]]]),
        Case(name: "y_array_heterogeneous", text: #"[null, 1, "1", {}]"#, expected: [nil, 1, "1", [:]]),
        Case(name: "y_array_false", text: "[false]", expected: [false]),
        Case(name: "y_array_with_leading_space", text: " [1]", expected: [1]),
        Case(name: "y_object_empty", text: "{}", expected: [:]),
        Case(name: "y_object_basic", text: #"{"asd":"sdf"}"#, expected: ["asd": "sdf"]),
        Case(name: "y_object_empty_key", text: #"{"":0}"#, expected: ["": 0]),
        Case(name: "y_object_escaped_null_in_key", text: #"{"foo\u0000bar": 42}"#, expected: ["foo\u{0}bar": 42]),
        Case(name: "y_object_same_key_different_case", text: #"{"a":1,"A":2}"#, expected: ["a": 1, "A": 2]),
        Case(name: "y_object_nested", text: #"{"a":{"b":[{"c":null}]}}"#, expected: ["a": ["b": [["c": nil]]]]),
        Case(name: "y_object_long_strings", text: #"{"x":[{"id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}], "id": "x"}"#,
             expected: ["x": [["id": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]], "id": "x"]),
        Case(name: "y_structure_lonely_true", text: "true", expected: true),
        Case(name: "y_structure_lonely_false", text: "false", expected: false),
        Case(name: "y_structure_lonely_null", text: "null", expected: nil),
        Case(name: "y_structure_lonely_int", text: "42", expected: 42),
        Case(name: "y_structure_lonely_negative_real", text: "-0.1", expected: -0.1),
        Case(name: "y_structure_lonely_string", text: #""asd""#, expected: "asd"),
        Case(name: "y_structure_whitespace_array", text: " [] ", expected: []),
        Case(name: "y_structure_trailing_newline", text: "[\"a\"]\n", expected: ["a"]),
        Case(name: "y_number_0e+1", text: "[0e+1]", expected: [0]),
        Case(name: "y_number_0e1", text: "[0e1]", expected: [0]),
        Case(name: "y_number_after_space", text: "[ 4]", expected: [4]),
        Case(name: "y_number_double_close_to_zero", text: "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]",
             expected: [-1e-78]),
        Case(name: "y_number_int_with_exp", text: "[20e1]", expected: [200]),
        Case(name: "y_number_minus_zero", text: "[-0]", expected: [0]),
        Case(name: "y_number_negative_int", text: "[-123]", expected: [-123]),
        Case(name: "y_number_negative_one", text: "[-1]", expected: [-1]),
        Case(name: "y_number_real_capital_e", text: "[1E22]", expected: [1e22]),
        Case(name: "y_number_real_capital_e_neg_exp", text: "[1E-2]", expected: [0.01]),
        Case(name: "y_number_real_capital_e_pos_exp", text: "[1E+2]", expected: [100]),
        Case(name: "y_number_real_exponent", text: "[123e45]", expected: [123e45]),
        Case(name: "y_number_real_fraction_exponent", text: "[123.456e78]", expected: [123.456e78]),
        Case(name: "y_number_real_neg_exp", text: "[1e-2]", expected: [0.01]),
        Case(name: "y_number_real_pos_exponent", text: "[1e+2]", expected: [100]),
        Case(name: "y_number_simple_int", text: "[123]", expected: [123]),
        Case(name: "y_number_simple_real", text: "[123.456789]", expected: [123.456789]),
        Case(name: "y_string_1_2_3_bytes_UTF-8_sequences", text: #"["\u0060\u012a\u12AB"]"#, expected: ["\u{60}\u{12A}\u{12AB}"]),
        Case(name: "y_string_accepted_surrogate_pair", text: #"["\uD801\udc37"]"#, expected: ["\u{10437}"]),
        Case(name: "y_string_accepted_surrogate_pairs", text: #"["\ud83d\ude39\ud83d\udc8d"]"#, expected: ["😹💍"]),
        Case(name: "y_string_allowed_escapes", text: #"["\"\\\/\b\f\n\r\t"]"#, expected: ["\"\\/\u{8}\u{C}\n\r\t"]),
        Case(name: "y_string_backslash_and_u_escaped_zero", text: #"["\\u0000"]"#, expected: ["\\u0000"]),
        Case(name: "y_string_comments", text: #"["a/*b*/c/*d//e"]"#, expected: ["a/*b*/c/*d//e"]),
        Case(name: "y_string_danish", text: #"["Ærø, Øster Åby"]"#, expected: ["Ærø, Øster Åby"]),
        Case(name: "y_string_escaped_danish", text: #"["\u00c6r\u00f8"]"#, expected: ["Ærø"]),
        Case(name: "y_string_in_array_with_leading_space", text: #"[ "asd"]"#, expected: ["asd"]),
        Case(name: "y_string_last_surrogates_1_and_2", text: #"["\uDBFF\uDFFF"]"#, expected: ["\u{10FFFF}"]),
        Case(name: "y_string_nonCharacterInUTF-8_U+FFFF", text: "[\"\u{FFFF}\"]", expected: ["\u{FFFF}"]),
        Case(name: "y_string_null_escape", text: #"["\u0000"]"#, expected: ["\u{0}"]),
        Case(name: "y_string_one-byte-utf-8", text: #"["\u002c"]"#, expected: [","]),
        Case(name: "y_string_pi", text: "[\"π\"]", expected: ["π"]),
        Case(name: "y_string_four_byte_utf8", text: "[\"𝄞\"]", expected: ["𝄞"]),
        Case(name: "y_string_space", text: #"" ""#, expected: " "),
        Case(name: "y_string_uEscape", text: #"["\u0061\u30af\u30EA\u30b9"]"#, expected: ["aクリス"]),
        Case(name: "y_string_unescaped_char_delete", text: "[\"\u{7F}\"]", expected: ["\u{7F}"]),
        Case(name: "y_string_u+2028_line_sep", text: "[\"\u{2028}\"]", expected: ["\u{2028}"]),
        Case(name: "y_structure_utf8_bom_is_skipped", text: "\u{FEFF}{\"a\":1}", expected: ["a": 1]),
    ]

    @Test(arguments: cases)
    func accepts(_ testCase: Case) throws {
        let value = try parse(testCase.text)
        #expect(value == testCase.expected)
    }

    @Test func keepsObjectMembersInDocumentOrder() throws {
        let value = try parse(#"{"zeta": 1, "alpha": 2, "mid": 3}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func keepsOrderAndFindsKeysInLargeObjects() throws {
        let keys = (0..<200).map { "k\(199 - $0)" }
        let text = "{" + keys.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ",") + "}"
        let object = try #require(try parse(text).objectValue)
        #expect(object.keys == keys)
        #expect(object["k0"] == 199)
        #expect(object["k199"] == 0)
        #expect(object["k200"] == nil)
    }

    @Test func parsesFromDataBytesAndBuffers() throws {
        let text = #"{"a": [1, 2]}"#
        let fromString = try JSONParser().parse(text)
        let fromBytes = try JSONParser().parse(Array(text.utf8))
        let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONParser().parse($0) }
        #expect(fromString == ["a": [1, 2]])
        #expect(fromBytes == fromString)
        #expect(fromBuffer == fromString)
    }
}
