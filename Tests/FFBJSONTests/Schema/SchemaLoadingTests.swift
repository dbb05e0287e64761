import Foundation
import Testing
import FFBJSON

/// A schema that asks for more than the validator checks must not load:
/// every unsupported keyword and malformed value is listed at once.
struct SchemaLoadingTests {
    @Test func unsupportedKeywordsAreListedWithTheirLocations() throws {
        let text = #"""
        {"type": "object",
         "patternProperties": {"^x": {}},
         "properties": {"a": {"type": "object", "minProperties": 1, "propertyNames": {"maxLength": 3}}},
         "items": {"contains": {"type": "string"}},
         "$defs": {"code": {"dependentRequired": {"a": ["b"]}, "$anchor": "code"}}}
        """#
        #expect(try loadProblems(text) == [
            #"/patternProperties: unsupported keyword "patternProperties""#,
            #"/properties/a/minProperties: unsupported keyword "minProperties""#,
            #"/properties/a/propertyNames: unsupported keyword "propertyNames""#,
            #"/items/contains: unsupported keyword "contains""#,
            #"/$defs/code/dependentRequired: unsupported keyword "dependentRequired""#,
            #"/$defs/code/$anchor: unsupported keyword "$anchor""#,
        ])
    }

    @Test func annotationsAreAcceptedWithoutEffect() throws {
        let text = #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/order.json",
         "title": "Order", "description": "An order", "$comment": "internal", "examples": [{}],
         "properties": {"a": {"default": 1, "deprecated": true, "readOnly": true, "writeOnly": false, "title": "A"}}}
        """#
        #expect(try loadProblems(text) == [])
    }

    @Test func malformedKeywordValuesAreListed() throws {
        let text = #"""
        {"properties": {
           "a": {"type": "strnig"},
           "b": {"type": []},
           "c": {"minLength": -1, "maxItems": 1.5},
           "d": {"pattern": "("},
           "e": {"required": "x", "enum": "x"},
           "f": {"multipleOf": 0, "minimum": "0"},
           "g": {"items": [{"type": "string"}]},
           "h": {"anyOf": [], "format": 3},
           "i": 12,
           "j": {"uniqueItems": "yes", "properties": []}}}
        """#
        #expect(try loadProblems(text) == [
            #"/properties/a/type: unknown type "strnig" (expected one of null, boolean, object, array, number, string, integer)"#,
            #"/properties/b/type: "type" must be a type name or a non-empty array of type names"#,
            #"/properties/c/minLength: "minLength" must be a non-negative integer"#,
            #"/properties/c/maxItems: "maxItems" must be a non-negative integer"#,
            #"/properties/d/pattern: "pattern" is not a valid regular expression: ("#,
            #"/properties/e/required: "required" must be an array of property names"#,
            #"/properties/e/enum: "enum" must be an array"#,
            #"/properties/f/multipleOf: "multipleOf" must be greater than 0"#,
            #"/properties/f/minimum: "minimum" must be a number"#,
            #"/properties/g/items: "items" must be a single schema in draft 2020-12 (use "prefixItems" for tuples)"#,
            #"/properties/h/anyOf: "anyOf" must be a non-empty array of schemas"#,
            #"/properties/h/format: "format" must be a string"#,
            "/properties/i: a schema must be an object or a boolean, found number",
            #"/properties/j/uniqueItems: "uniqueItems" must be a boolean"#,
            #"/properties/j/properties: "properties" must be an object of schemas"#,
        ])
    }

    @Test func refsMustResolveWithinTheDocument() throws {
        let text = #"""
        {"properties": {
           "a": {"$ref": "#/$defs/missing"},
           "b": {"$ref": "https://example.org/other.json#/x"},
           "c": {"$ref": "other.json"},
           "d": {"$ref": "#/$defs/bad~2"},
           "e": {"$ref": 1}}}
        """#
        #expect(try loadProblems(text) == [
            ##"/properties/b/$ref: unsupported $ref "https://example.org/other.json#/x" (only references within the schema, such as "#/$defs/name")"##,
            ##"/properties/c/$ref: unsupported $ref "other.json" (only references within the schema, such as "#/$defs/name")"##,
            ##"/properties/d/$ref: unsupported $ref "#/$defs/bad~2" (only references within the schema, such as "#/$defs/name")"##,
            #"/properties/e/$ref: "$ref" must be a string"#,
            ##"/properties/a/$ref: unresolvable $ref "#/$defs/missing""##,
        ])
    }

    @Test func refsIntoUncheckedPlacesAreCheckedWhenUsed() throws {
        let text = ##"{"$ref": "#/x-extensions/code", "x-extensions": {"code": {"minProperties": 1}}}"##
        #expect(try loadProblems(text) == [
            #"/x-extensions: unsupported keyword "x-extensions""#,
            #"/x-extensions/code/minProperties: unsupported keyword "minProperties""#,
        ])
    }

    @Test func refCyclesThatNeverDescendAreRejected() throws {
        let text = #"""
        {"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"$ref": "#/$defs/a"}, {"type": "null"}]}}}
        """#
        #expect(try loadProblems(text) == [
            ##"/$defs/a: $ref cycle through "#/$defs/a" never descends into the document, so it cannot be validated"##,
        ])
        #expect(try loadProblems(##"{"$ref": "#"}"##) == [
            ##"/: $ref cycle through "#" never descends into the document, so it cannot be validated"##,
        ])
    }

    @Test func embeddedIdsAreRejectedBecauseTheyChangeWhatRefsMean() throws {
        #expect(try loadProblems(#"{"properties": {"a": {"$id": "a.json"}}}"#) == [
            #"/properties/a/$id: "$id" is only supported on the root schema"#,
        ])
    }

    @Test func theLoadErrorDescribesEveryProblem() throws {
        let document = try parse(#"{"minProperties": 1, "type": "text"}"#)
        let error = try #require(throws: JSONSchemaLoadError.self) { try JSONSchema.load(document) }
        #expect(error.description == """
        invalid schema (2 problems):
          /minProperties: unsupported keyword "minProperties"
          /type: unknown type "text" (expected one of null, boolean, object, array, number, string, integer)
        """)
    }

    @Test func schemasLoadFromFiles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ffbjson-\(UUID().uuidString).json")
        try Data(#"{"type": "object", "required": ["id"]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let loaded = try JSONSchema.load(contentsOf: url)
        #expect(loaded.validate([:]).map(\.description) == [#"/: missing required property "id""#])
        #expect(loaded.isValid(["id": 1]))
    }

    @Test func supportedAndIgnoredKeywordsArePublished() {
        #expect(JSONSchema.assertionKeywords.contains("oneOf"))
        #expect(JSONSchema.annotationKeywords.contains("description"))
        #expect(JSONSchema.assertionKeywords.isDisjoint(with: JSONSchema.annotationKeywords))
    }
}
