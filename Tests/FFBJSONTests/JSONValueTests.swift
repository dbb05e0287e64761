import Testing
import FFBJSON

struct JSONValueTests {
    static let order: JSONValue = [
        "id": "order-1",
        "citizen": ["name": "Test Testesen", "pseudonym": "c-17"],
        "goals": [
            ["type": "udvikle", "level": 2],
            ["type": "fastholde", "level": 3.5],
        ],
        "urgent": false,
        "note": nil,
    ]

    @Test func accessorsReachIntoObjectsAndArrays() {
        #expect(Self.order["id"]?.stringValue == "order-1")
        #expect(Self.order["citizen"]?["pseudonym"]?.stringValue == "c-17")
        #expect(Self.order["goals"]?[0]?["level"]?.intValue == 2)
        #expect(Self.order["goals"]?[1]?["level"]?.intValue == nil)
        #expect(Self.order["goals"]?[1]?["level"]?.doubleValue == 3.5)
        #expect(Self.order["urgent"]?.boolValue == false)
        #expect(Self.order["note"]?.isNull == true)
        #expect(Self.order["missing"] == nil)
        #expect(Self.order["goals"]?[2] == nil)
        #expect(Self.order["goals"]?[-1] == nil)
        #expect(Self.order[0] == nil)
        #expect(Self.order["id"]?["x"] == nil)
        #expect(Self.order["goals"]?.arrayValue?.count == 2)
        #expect(Self.order.objectValue?.keys == ["id", "citizen", "goals", "urgent", "note"])
    }

    @Test func pointersResolveAgainstValues() {
        #expect(Self.order[pointer("/goals/1/type")] == "fastholde")
        #expect(Self.order[pointer("")] == Self.order)
        #expect(Self.order[pointer("/goals/01")] == nil)
        #expect(Self.order[pointer("/goals/-")] == nil)
        #expect(Self.order[pointer("/goals/9")] == nil)
        #expect(Self.order[pointer("/id/0")] == nil)
        let odd: JSONValue = ["a/b": ["~": 1], "0": "zero"]
        #expect(odd[pointer("/a~1b/~0")] == 1)
        #expect(odd[pointer("/0")] == "zero")
    }

    @Test func kindsAreNamedAsJSONSchemaNamesThem() {
        let values: [JSONValue] = [nil, true, 1, "x", [], [:]]
        #expect(values.map(\.kind.rawValue) == ["null", "boolean", "number", "string", "array", "object"])
    }

    @Test func objectEqualityIgnoresMemberOrder() {
        let forwards: JSONValue = ["a": 1, "b": [true, nil]]
        let backwards: JSONValue = ["b": [true, nil], "a": 1]
        #expect(forwards == backwards)
        #expect(forwards.hashValue == backwards.hashValue)
        #expect(forwards != ["a": 1])
        #expect(forwards != ["a": 1, "c": [true, nil]])
        #expect(JSONValue.array([1, 2]) != [2, 1])
    }

    @Test func numbersEqualByValueAndHashAlike() {
        let integer: JSONValue = 3
        let decimal: JSONValue = 3.0
        #expect(integer == decimal)
        #expect(integer.hashValue == decimal.hashValue)
        #expect(Set<JSONValue>([1, 1.0, 2, "1"]).count == 3)
        #expect(JSONNumber(0) == JSONNumber(-0.0))
        #expect(JSONNumber(1) < JSONNumber(1.5))
        #expect(JSONNumber(Int64.max) > JSONNumber(9.2e18))
    }

    @Test func assigningMembersKeepsOrderAndReplacesInPlace() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["c"] = 3
        object["a"] = 10
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == 10)

        var large = JSONObject()
        for index in 0..<50 { large["k\(index)"] = .number(JSONNumber(index)) }
        large["k7"] = nil
        large["k7"] = "back"
        #expect(large.count == 50)
        #expect(large.keys.last == "k7")
        #expect(large["k8"] == 8)
        #expect(large.position(of: "k49") == 48)
    }

    @Test func descriptionIsCompactJSON() {
        #expect(Self.order["goals"]?.description == #"[{"type":"udvikle","level":2},{"type":"fastholde","level":3.5}]"#)
    }
}
