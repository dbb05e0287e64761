import Testing
import FFBJSON

/// Limits turn hostile or broken files into clear errors instead of
/// exhausted memory or stack.
struct ParserLimitsTests {
    @Test func theDefaultsAreGenerousButBounded() {
        let limits = JSONParser.Limits.default
        #expect(limits.maxDepth == 64)
        #expect(limits.maxBytes == 64 * 1024 * 1024)
        #expect(limits.maxStringBytes == 1024 * 1024)
        #expect(limits.maxArrayCount == 1_000_000)
        #expect(limits.maxObjectMembers == 100_000)
    }

    @Test func sixtyFourLevelsAreAcceptedAndSixtyFiveAreNot() throws {
        let accepted = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(syntaxError(accepted) == nil)

        let rejected = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = try #require(syntaxError(rejected))
        #expect(error.message == "nesting deeper than 64 levels")
        #expect(error.offset == 64)
        #expect(error.pointer.components.count == 64)
        #expect(error.pointer.description.hasPrefix("/0/0/0"))
    }

    @Test func emptyContainersCountTowardsDepth() throws {
        let limits = JSONParser.Limits(maxDepth: 2)
        #expect(syntaxError(#"{"a": []}"#, limits: limits) == nil)
        let error = try #require(syntaxError(#"{"a": [{}]}"#, limits: limits))
        #expect(error.message == "nesting deeper than 2 levels")
        #expect(error.pointer == pointer("/a/0"))
    }

    @Test func depthIsCappedSoEveryConsumerIsSafe() throws {
        let limits = JSONParser.Limits(maxDepth: 1_000_000)
        #expect(limits.maxDepth == JSONParser.Limits.maxDepthCeiling)
        let bomb = String(repeating: "[", count: 200_000)
        let error = try #require(syntaxError(bomb, limits: limits))
        #expect(error.message == "nesting deeper than 512 levels")
    }

    @Test func documentsOverTheSizeLimitAreRejectedBeforeParsing() throws {
        let limits = JSONParser.Limits(maxBytes: 10)
        #expect(syntaxError("[1,2,3,45]", limits: limits) == nil)
        let error = try #require(syntaxError("[1,2,3,456]", limits: limits))
        #expect(error.message == "document larger than 10 bytes")
        #expect(error.offset == 0)
        #expect(JSONSyntaxError(reason: .documentTooLarge(limit: 64 << 20), offset: 0, line: 1, column: 1, pointer: JSONPointer()).message
            == "document larger than 64 MiB")
    }

    @Test func stringsAreMeasuredInUTF8BytesAfterUnescaping() throws {
        let limits = JSONParser.Limits(maxStringBytes: 5)
        #expect(try parse(#"["abcde"]"#, limits: limits) == ["abcde"])
        // Thirty bytes of escapes that decode to five.
        #expect(try parse(#"["\u0041\u0042\u0043\u0044\u0045"]"#, limits: limits) == ["ABCDE"])

        let plain = try #require(syntaxError(#"["abcdef"]"#, limits: limits))
        #expect(plain.message == "string longer than 5 bytes")
        #expect(plain.pointer == pointer("/0"))
        #expect(plain.offset == 1)

        let escaped = try #require(syntaxError(#"["ab\ncdef"]"#, limits: limits))
        #expect(escaped.message == "string longer than 5 bytes")

        let danish = try #require(syntaxError(#"["æøå"]"#, limits: limits))
        #expect(danish.message == "string longer than 5 bytes")
    }

    @Test func keysCountAsStrings() throws {
        let error = try #require(syntaxError(#"{"abcdef": 1}"#, limits: JSONParser.Limits(maxStringBytes: 5)))
        #expect(error.message == "string longer than 5 bytes")
        #expect(error.pointer.isRoot)
    }

    @Test func arraysLongerThanTheLimitAreRejected() throws {
        let limits = JSONParser.Limits(maxArrayCount: 3)
        #expect(try parse(#"{"a": [1, 2, 3]}"#, limits: limits) == ["a": [1, 2, 3]])
        let error = try #require(syntaxError(#"{"a": [1, 2, 3, 4]}"#, limits: limits))
        #expect(error.message == "array has more than 3 elements")
        #expect(error.pointer == pointer("/a"))
        #expect(syntaxError("[[]]", limits: JSONParser.Limits(maxArrayCount: 0))?.message == "array has more than 0 elements")
    }

    @Test func objectsWithMoreMembersThanTheLimitAreRejected() throws {
        let limits = JSONParser.Limits(maxObjectMembers: 2)
        #expect(try parse(#"{"a": 1, "b": 2}"#, limits: limits) == ["a": 1, "b": 2])
        let error = try #require(syntaxError(#"{"a": 1, "b": 2, "c": 3}"#, limits: limits))
        #expect(error.message == "object has more than 2 members")
        #expect(error.pointer.isRoot)
    }

    @Test func duplicateKeysAreFoundInLargeObjectsToo() throws {
        let members = (0..<100).map { "\"key\($0)\": \($0)" } + ["\"key42\": 0"]
        let error = try #require(syntaxError("{" + members.joined(separator: ", ") + "}"))
        #expect(error.reason == .duplicateKey("key42"))
    }
}
