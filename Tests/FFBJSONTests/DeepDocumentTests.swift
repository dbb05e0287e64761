import Foundation
import Testing
import FFBJSON

/// At the deepest nesting a parser can be allowed, everything that walks a
/// value recursively must still work.
struct DeepDocumentTests {
    @Test func theDeepestAllowedDocumentCanBeWrittenComparedAndValidated() throws {
        let limits = JSONParser.Limits(maxDepth: JSONParser.Limits.maxDepthCeiling)
        let depth = JSONParser.Limits.maxDepthCeiling
        let text = String(repeating: "[", count: depth - 1) + #"{"a": 1}"# + String(repeating: "]", count: depth - 1)
        let value = try parse(text, limits: limits)
        #expect(JSONWriter().string(value) == text.replacingOccurrences(of: " ", with: ""))
        #expect(value == (try parse(text, limits: limits)))
        let nested = try schema(##"{"anyOf": [{"type": "array", "items": {"$ref": "#"}}, {"type": "object", "required": ["b"]}]}"##)
        let issues = nested.validate(value)
        #expect(issues.map(\.message) == [#"missing required property "b""#])
        #expect(issues.first?.pointer.components.count == depth - 1)
    }

    @Test func raisingTheDepthLaterIsCappedToo() {
        var limits = JSONParser.Limits()
        limits.maxDepth = 5_000
        #expect(limits.maxDepth == 512)
        limits.maxDepth = 10
        #expect(limits.maxDepth == 10)
    }
}
