import Testing
import FFBJSON

/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, and how failures of
/// alternatives are summarized instead of flooding the report.
struct SchemaCombinatorTests {
    @Test func allOfReportsTheProblemsOfEverySubschema() throws {
        let both = try schema(#"{"allOf": [{"required": ["a"]}, {"required": ["b"]}, {"type": "object"}]}"#)
        #expect(try problems(both, #"{"a": 1, "b": 2}"#) == [])
        #expect(try problems(both, "{}") == [#"/: missing required property "a""#, #"/: missing required property "b""#])
    }

    @Test func anyOfNeedsOneMatch() throws {
        let either = try schema(#"{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}"#)
        #expect(try problems(either, #""x""#) == [])
        #expect(try problems(either, "3") == [])
    }

    @Test func whenEveryAlternativeWantsAnotherTypeOneLineNamesTheTypes() throws {
        let nullableCode = try schema(#"{"anyOf": [{"type": "string", "minLength": 3}, {"type": "null"}]}"#)
        #expect(try problems(nullableCode, "12") == ["/: expected string or null, found number"])
        let viaRefs = try schema(#"""
        {"oneOf": [{"$ref": "#/$defs/code"}, {"type": ["null", "string"]}],
         "$defs": {"code": {"type": "integer"}}}
        """#)
        #expect(try problems(viaRefs, "[]") == ["/: expected integer, null or string, found array"])
    }

    @Test func whenOnlyOneAlternativeFitsTheTypeItsProblemsAreReported() throws {
        let nullableCode = try schema(#"{"anyOf": [{"type": "string", "minLength": 3}, {"type": "null"}]}"#)
        #expect(try problems(nullableCode, #""ab""#) == ["/: expected at least 3 characters, found 2"])
    }

    @Test func aDiscriminatorPicksTheAlternativeThatWasMeant() throws {
        let entry = try schema(#"""
        {"oneOf": [
          {"type": "object", "required": ["kind", "level"],
           "properties": {"kind": {"const": "goal"}, "level": {"type": "integer"}}},
          {"type": "object", "required": ["kind", "text"],
           "properties": {"kind": {"const": "note"}, "text": {"type": "string"}}}
        ]}
        """#)
        #expect(try problems(entry, #"{"kind": "goal", "level": 2}"#) == [])
        #expect(try problems(entry, #"{"kind": "goal", "level": "2"}"#) == ["/level: expected integer, found string"])
        #expect(try problems(entry, #"{"kind": "note"}"#) == [#"/: missing required property "text""#])
    }

    @Test func otherwiseOneLineGivesTheFirstProblemOfEachAlternative() throws {
        let keyed = try schema(#"{"anyOf": [{"required": ["cpr"]}, {"required": ["pseudonym", "x"]}]}"#)
        #expect(try problems(keyed, "{}") == [
            #"/: matches none of the 2 alternatives of anyOf: [0] missing required property "cpr"; [1] missing required property "pseudonym" (and 1 more)"#,
        ])
        let nested = try schema(#"""
        {"properties": {"citizen": {"oneOf": [
          {"properties": {"a": {"type": "string"}}, "required": ["a"]},
          {"properties": {"b": {"type": "string"}}, "required": ["b"]},
          {"properties": {"c": {"type": "string"}}, "required": ["c"]},
          {"properties": {"d": {"type": "string"}}, "required": ["d"]}
        ]}}}
        """#)
        #expect(try problems(nested, #"{"citizen": {"a": 1}}"#) == [
            #"/citizen: matches none of the 4 alternatives of oneOf: [0] /a: expected string, found number; [1] missing required property "b"; [2] missing required property "c"; …"#,
        ])
    }

    @Test func oneOfRejectsAValueThatMatchesSeveral() throws {
        let ambiguous = try schema(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}, {"maximum": 10}]}"#)
        #expect(try problems(ambiguous, "-5.5") == [])
        #expect(try problems(ambiguous, "5") == ["/: matches more than one alternative of oneOf (0, 1 and 2); expected exactly one"])
        #expect(try problems(ambiguous, "20.5") == [])
    }

    @Test func notRejectsWhatItsSchemaAccepts() throws {
        let notNull = try schema(#"{"not": {"type": "null"}}"#)
        #expect(try problems(notNull, "1") == [])
        #expect(try problems(notNull, "null") == [#"/: must not match the schema in "not""#])
    }

    @Test func ifThenElseChoosesByTheCondition() throws {
        let goal = try schema(#"""
        {"if": {"properties": {"type": {"const": "udvikle"}}},
         "then": {"required": ["expectedLevel"]},
         "else": {"properties": {"expectedLevel": false}}}
        """#)
        #expect(try problems(goal, #"{"type": "udvikle", "expectedLevel": 1}"#) == [])
        #expect(try problems(goal, #"{"type": "udvikle"}"#) == [#"/: missing required property "expectedLevel""#])
        #expect(try problems(goal, #"{"type": "fastholde"}"#) == [])
        #expect(try problems(goal, #"{"type": "fastholde", "expectedLevel": 2}"#) == [#"/expectedLevel: property "expectedLevel" is not allowed"#])
        let onlyThen = try schema(#"{"if": {"type": "string"}, "then": {"minLength": 2}}"#)
        #expect(try problems(onlyThen, "1") == [])
        #expect(try problems(onlyThen, #""a""#) == ["/: expected at least 2 characters, found 1"])
    }

    @Test func refsReachDefinitionsAnywhereInTheDocument() throws {
        let document = try schema(#"""
        {"properties": {
           "level": {"$ref": "#/$defs/level"},
           "old": {"$ref": "#/definitions/level"},
           "copy": {"$ref": "#/properties/level"},
           "spaced": {"$ref": "#/$defs/with%20space"},
           "slashed": {"$ref": "#/$defs/a~1b"}},
         "$defs": {"level": {"type": "integer", "minimum": 0, "maximum": 4},
                   "with space": {"type": "string"}, "a/b": {"type": "boolean"}},
         "definitions": {"level": {"enum": [0, 1]}}}
        """#)
        #expect(try problems(document, #"{"level": 4, "old": 1, "copy": 0, "spaced": "x", "slashed": true}"#) == [])
        #expect(try problems(document, #"{"level": 5, "old": 2, "copy": -1, "spaced": 1, "slashed": 1}"#) == [
            "/level: 5 is greater than the maximum 4",
            "/old: 2 is not one of 0, 1",
            "/copy: -1 is less than the minimum 0",
            "/spaced: expected string, found number",
            "/slashed: expected boolean, found number",
        ])
    }

    @Test func keywordsBesideARefApplyToo() throws {
        let shortCode = try schema(##"{"$ref": "#/$defs/code", "maxLength": 3, "$defs": {"code": {"type": "string", "minLength": 2}}}"##)
        #expect(try problems(shortCode, #""ab""#) == [])
        #expect(try problems(shortCode, #""a""#) == ["/: expected at least 2 characters, found 1"])
        #expect(try problems(shortCode, #""abcd""#) == ["/: expected at most 3 characters, found 4"])
    }

    @Test func recursiveSchemasFollowTheDocumentDown() throws {
        let tree = try schema(#"""
        {"type": "object", "required": ["name"],
         "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}
        """#)
        #expect(try problems(tree, #"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"#) == [])
        #expect(try problems(tree, #"{"name": "a", "children": [{"name": "b", "children": [{"name": 3}, {}]}]}"#) == [
            "/children/0/children/0/name: expected string, found number",
            #"/children/0/children/1: missing required property "name""#,
        ])
    }

    @Test func theSameProblemFoundTwiceIsReportedOnce() throws {
        let overlapping = try schema(##"{"allOf": [{"$ref": "#/$defs/id"}, {"$ref": "#/$defs/id"}], "$defs": {"id": {"required": ["id"]}}}"##)
        #expect(try problems(overlapping, "{}") == [#"/: missing required property "id""#])
    }
}
