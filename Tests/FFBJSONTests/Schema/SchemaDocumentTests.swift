import Testing
import FFBJSON

/// A whole exchange document checked against a schema of the kind we ship:
/// every problem is reported, each where it is.
struct SchemaDocumentTests {
    static let orderSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "Order",
      "type": "object",
      "required": ["id", "issued", "citizen", "goals"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "format": "uuid"},
        "issued": {"type": "string", "format": "date"},
        "citizen": {"$ref": "#/$defs/citizen"},
        "goals": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/goal"}}
      },
      "$defs": {
        "citizen": {
          "type": "object",
          "required": ["cpr"],
          "properties": {"cpr": {"type": "string", "pattern": "^[0-9]{6}-?[0-9]{4}$"}, "name": {"type": "string"}}
        },
        "goal": {
          "type": "object",
          "required": ["type", "level"],
          "additionalProperties": false,
          "properties": {
            "type": {"enum": ["udvikle", "fastholde", "begraense-tab"]},
            "level": {"type": "integer", "minimum": 0, "maximum": 4},
            "note": {"type": ["string", "null"], "maxLength": 200}
          }
        }
      }
    }
    """#

    @Test func aValidOrderHasNoProblems() throws {
        let order = try schema(Self.orderSchema)
        let document = #"""
        {"id": "e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", "issued": "2024-02-29",
         "citizen": {"cpr": "010190-1234", "name": "Test"},
         "goals": [{"type": "udvikle", "level": 3}, {"type": "fastholde", "level": 0, "note": null}]}
        """#
        #expect(try problems(order, document) == [])
    }

    @Test func everyProblemInAnOrderIsReportedWhereItIs() throws {
        let order = try schema(Self.orderSchema)
        let document = #"""
        {"id": "not-a-uuid", "issued": "2024-02-30",
         "citizen": {"name": "Test"},
         "goals": [{"type": "grow", "level": 3}, {"type": "fastholde", "level": 5, "extra": 1}, {"level": "2"}],
         "status": "open"}
        """#
        #expect(try problems(order, document) == [
            "/id: not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)",
            "/issued: not a valid date (expected YYYY-MM-DD)",
            #"/citizen: missing required property "cpr""#,
            #"/goals/0/type: "grow" is not one of "udvikle", "fastholde", "begraense-tab""#,
            "/goals/1/level: 5 is greater than the maximum 4",
            #"/goals/1/extra: property "extra" is not allowed"#,
            #"/goals/2: missing required property "type""#,
            "/goals/2/level: expected integer, found string",
            #"/status: property "status" is not allowed"#,
        ])
    }

    @Test func eachProblemNamesTheKeywordThatFailed() throws {
        let order = try schema(Self.orderSchema)
        let issues = order.validate(try parse(#"{"id": "e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", "issued": "2024-01-01", "citizen": {"cpr": "x"}, "goals": [{"type": "udvikle", "level": 9}]}"#))
        #expect(issues.map(\.pointer) == [pointer("/citizen/cpr"), pointer("/goals/0/level")])
        #expect(issues.map(\.keywordLocation) == [pointer("/$defs/citizen/properties/cpr/pattern"), pointer("/$defs/goal/properties/level/maximum")])
    }

    @Test func validatingManyDocumentsReusesOneCompiledSchema() throws {
        let order = try schema(Self.orderSchema)
        let goals = (0..<2_000).map { index -> JSONValue in
            ["type": index % 7 == 0 ? "grow" : "udvikle", "level": .number(JSONNumber(index % 5))]
        }
        let document: JSONValue = [
            "id": "e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", "issued": "2024-01-01",
            "citizen": ["cpr": "0101901234"], "goals": .array(goals),
        ]
        let issues = order.validate(document)
        #expect(issues.count == 286)
        #expect(issues.first?.description == #"/goals/0/type: "grow" is not one of "udvikle", "fastholde", "begraense-tab""#)
    }
}
