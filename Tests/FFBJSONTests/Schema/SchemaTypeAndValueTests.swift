import Testing
import FFBJSON

/// `type`, `enum` and `const`.
struct SchemaTypeAndValueTests {
    @Test func aWrongTypeNamesBothTypes() throws {
        let string = try schema(#"{"type": "string"}"#)
        #expect(try problems(string, #""ok""#) == [])
        #expect(try problems(string, "1") == ["/: expected string, found number"])
        #expect(try problems(string, "null") == ["/: expected string, found null"])
        #expect(try problems(string, "[]") == ["/: expected string, found array"])
        #expect(try problems(string, "{}") == ["/: expected string, found object"])
        #expect(try problems(string, "true") == ["/: expected string, found boolean"])
    }

    @Test func aListOfTypesAcceptsAnyOfThem() throws {
        let nullable = try schema(#"{"type": ["string", "null"]}"#)
        #expect(try problems(nullable, "null") == [])
        #expect(try problems(nullable, #""x""#) == [])
        #expect(try problems(nullable, "1") == ["/: expected string or null, found number"])
        let three = try schema(#"{"type": ["string", "number", "null"]}"#)
        #expect(try problems(three, "[]") == ["/: expected string, number or null, found array"])
    }

    @Test func integerMeansNoFractionalPart() throws {
        let integer = try schema(#"{"type": "integer"}"#)
        #expect(try problems(integer, "3") == [])
        #expect(try problems(integer, "3.0") == [])
        #expect(try problems(integer, "3e2") == [])
        #expect(try problems(integer, "123456789012345678901234567890") == [])
        #expect(try problems(integer, "3.5") == ["/: expected integer, found number"])
        #expect(try problems(integer, #""3""#) == ["/: expected integer, found string"])
        let number = try schema(#"{"type": "number"}"#)
        #expect(try problems(number, "3") == [])
    }

    @Test func aWrongTypeIsTheOnlyProblemReportedForThatValue() throws {
        let code = try schema(#"{"type": "string", "minLength": 3, "pattern": "^a", "enum": ["abc"]}"#)
        #expect(try problems(code, "12") == ["/: expected string, found number"])
    }

    @Test func enumListsTheAllowedValues() throws {
        let goalType = try schema(#"{"enum": ["udvikle", "fastholde", "begraense-tab"]}"#)
        #expect(try problems(goalType, #""fastholde""#) == [])
        #expect(try problems(goalType, #""grow""#) == [#"/: "grow" is not one of "udvikle", "fastholde", "begraense-tab""#])
        #expect(try problems(goalType, "null") == [#"/: null is not one of "udvikle", "fastholde", "begraense-tab""#])
    }

    @Test func enumComparesAsJSONDoes() throws {
        let mixed = try schema(#"{"enum": [1, {"a": [1, 2]}, null]}"#)
        #expect(try problems(mixed, "1.0") == [])
        #expect(try problems(mixed, #"{"a": [1, 2.0]}"#) == [])
        #expect(try problems(mixed, #"{"a": [2, 1]}"#) == [#"/: {"a":[2,1]} is not one of 1, {"a":[1,2]}, null"#])
        #expect(try problems(mixed, "true") == [#"/: true is not one of 1, {"a":[1,2]}, null"#])
    }

    @Test func longEnumerationsAreShortened() throws {
        let levels = try schema(#"{"enum": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}"#)
        #expect(try problems(levels, "12") == ["/: 12 is not one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … (2 more)"])
    }

    @Test func longValuesAreAbbreviatedInMessages() throws {
        let fixed = try schema(#"{"const": "a"}"#)
        let long = String(repeating: "x", count: 100)
        #expect(try problems(fixed, "\"\(long)\"") == ["/: expected \"a\", found \"\(String(repeating: "x", count: 58))…"])
    }

    @Test func constRequiresOneExactValue() throws {
        let bundle = try schema(#"{"const": "Bundle"}"#)
        #expect(try problems(bundle, #""Bundle""#) == [])
        #expect(try problems(bundle, #""bundle""#) == [#"/: expected "Bundle", found "bundle""#])
        let nothing = try schema(#"{"const": null}"#)
        #expect(try problems(nothing, "null") == [])
        #expect(try problems(nothing, "0") == ["/: expected null, found 0"])
        let object = try schema(#"{"const": {"a": 1, "b": 2}}"#)
        #expect(try problems(object, #"{"b": 2, "a": 1.0}"#) == [])
    }

    @Test func booleanSchemasAcceptEverythingOrNothing() throws {
        #expect(try problems(try schema("true"), #"{"anything": [1]}"#) == [])
        #expect(try problems(try schema("false"), "1") == ["/: no value is allowed here"])
        #expect(try problems(try schema("{}"), "null") == [])
    }
}
