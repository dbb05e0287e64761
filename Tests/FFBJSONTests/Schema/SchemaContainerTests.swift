import Testing
import FFBJSON

/// Objects and arrays: `properties`, `required`, `additionalProperties`,
/// `items`, `prefixItems`, `minItems`, `maxItems`, `uniqueItems`.
struct SchemaContainerTests {
    static let citizen = #"""
    {
      "type": "object",
      "required": ["cpr", "name"],
      "properties": {
        "cpr": {"type": "string"},
        "name": {"type": "string", "minLength": 1},
        "municipality": {"type": "integer"}
      },
      "additionalProperties": false
    }
    """#

    @Test func requiredPropertiesAreReportedAtTheObject() throws {
        let citizen = try schema(Self.citizen)
        #expect(try problems(citizen, #"{"cpr": "x", "name": "y"}"#) == [])
        #expect(try problems(citizen, #"{"name": "y"}"#) == [#"/: missing required property "cpr""#])
        #expect(try problems(citizen, "{}") == [#"/: missing required property "cpr""#, #"/: missing required property "name""#])
    }

    @Test func nullDoesNotCountAsMissing() throws {
        let citizen = try schema(Self.citizen)
        #expect(try problems(citizen, #"{"cpr": null, "name": "y"}"#) == ["/cpr: expected string, found null"])
    }

    @Test func propertyProblemsAreReportedAtTheProperty() throws {
        let citizen = try schema(Self.citizen)
        #expect(try problems(citizen, #"{"cpr": "x", "name": "", "municipality": 101.5}"#)
            == ["/name: expected at least 1 character, found 0", "/municipality: expected integer, found number"])
    }

    @Test func unexpectedPropertiesAreReportedWhereTheyAre() throws {
        let citizen = try schema(Self.citizen)
        #expect(try problems(citizen, #"{"cpr": "x", "name": "y", "cpr_nr": "z", "a/b": 1}"#)
            == [#"/cpr_nr: property "cpr_nr" is not allowed"#, #"/a~1b: property "a/b" is not allowed"#])
    }

    @Test func additionalPropertiesCanBeASchema() throws {
        let counts = try schema(#"{"properties": {"total": {"type": "string"}}, "additionalProperties": {"type": "integer"}}"#)
        #expect(try problems(counts, #"{"total": "x", "a": 1, "b": 2}"#) == [])
        #expect(try problems(counts, #"{"total": 1, "a": "1"}"#) == ["/total: expected string, found number", "/a: expected integer, found string"])
    }

    @Test func aPropertyWithAFalseSchemaIsForbidden() throws {
        let noLegacy = try schema(#"{"properties": {"legacy": false}}"#)
        #expect(try problems(noLegacy, #"{"legacy": 1, "other": 2}"#) == [#"/legacy: property "legacy" is not allowed"#])
    }

    @Test func itemsAppliesToEveryElement() throws {
        let levels = try schema(#"{"type": "array", "items": {"type": "integer", "minimum": 0}}"#)
        #expect(try problems(levels, "[0, 1, 2]") == [])
        #expect(try problems(levels, #"[0, "1", -2, 3]"#) == ["/1: expected integer, found string", "/2: -2 is less than the minimum 0"])
    }

    @Test func prefixItemsDescribeATupleAndItemsTheRest() throws {
        let pair = try schema(#"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}"#)
        #expect(try problems(pair, #"["a", 1]"#) == [])
        #expect(try problems(pair, #"["a"]"#) == [])
        #expect(try problems(pair, #"[1, "a", true, null]"#) == [
            "/0: expected string, found number",
            "/1: expected integer, found string",
            "/2: unexpected item (at most 2 items allowed)",
            "/3: unexpected item (at most 2 items allowed)",
        ])
        let rest = try schema(#"{"prefixItems": [{"const": "kind"}], "items": {"type": "number"}}"#)
        #expect(try problems(rest, #"["kind", 1, 2.5]"#) == [])
        #expect(try problems(rest, #"["kind", "x"]"#) == ["/1: expected number, found string"])
        #expect(try problems(try schema(#"{"items": false}"#), "[1]") == ["/0: no items are allowed"])
    }

    @Test func itemCountsAreChecked() throws {
        let goals = try schema(#"{"minItems": 1, "maxItems": 2}"#)
        #expect(try problems(goals, "[1]") == [])
        #expect(try problems(goals, "[]") == ["/: expected at least 1 item, found 0"])
        #expect(try problems(goals, "[1, 2, 3]") == ["/: expected at most 2 items, found 3"])
    }

    @Test func duplicatesAreReportedAtTheRepeatedItem() throws {
        let unique = try schema(#"{"uniqueItems": true}"#)
        #expect(try problems(unique, #"[1, "1", [1], {"a": 1}]"#) == [])
        #expect(try problems(unique, #"[1, 2, 1.0, {"a": 1, "b": 2}, {"b": 2, "a": 1}, 2]"#)
            == ["/2: duplicate of item 0", "/4: duplicate of item 3", "/5: duplicate of item 1"])
        #expect(try problems(try schema(#"{"uniqueItems": false}"#), "[1, 1]") == [])
    }

    @Test func containerKeywordsIgnoreOtherTypes() throws {
        let object = try schema(#"{"required": ["a"], "properties": {"a": false}, "minItems": 3, "items": false}"#)
        #expect(try problems(object, #""text""#) == [])
        #expect(try problems(object, "12") == [])
    }
}
