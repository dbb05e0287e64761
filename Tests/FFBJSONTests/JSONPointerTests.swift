import Testing
import FFBJSON

struct JSONPointerTests {
    @Test func appendingKeysAndIndicesBuildsTheRFC6901Text() {
        let location = JSONPointer().appending("entry").appending(3).appending("resource").appending("code")
        #expect(location.description == "/entry/3/resource/code")
        #expect(location.location == "/entry/3/resource/code")
        #expect(location.parent?.description == "/entry/3/resource")
        #expect(location.components.count == 4)
    }

    @Test func theRootIsEmptyTextButPrintsAsASlash() {
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer.root.location == "/")
        #expect(JSONPointer.root.isRoot)
        #expect(JSONPointer.root.parent == nil)
    }

    @Test func tildeAndSlashAreEscaped() {
        let location = JSONPointer().appending("a/b").appending("m~n").appending("~1")
        #expect(location.description == "/a~1b/m~0n/~01")
    }

    @Test func anErrorLineShowsAHostileMemberNameShortAndOnOneLine() {
        let location = JSONPointer().appending(String(repeating: "k", count: 100_000)).appending("a\nb")
        #expect(location.location == "/" + String(repeating: "k", count: 39) + "…/a\\nb")
        #expect(location.description.count == 100_005)
    }

    @Test func parsingUnescapesInTheRightOrder() throws {
        let parsed = try JSONPointer(parsing: "/a~1b/m~0n/~01/")
        #expect(parsed.components.map(\.token) == ["a/b", "m~n", "~1", ""])
        #expect(parsed.description == "/a~1b/m~0n/~01/")
    }

    @Test func parsedAndBuiltPointersAreEqual() throws {
        let built = JSONPointer().appending("goals").appending(0)
        let parsed = try JSONPointer(parsing: "/goals/0")
        #expect(built == parsed)
        #expect(built.hashValue == parsed.hashValue)
    }

    @Test(arguments: ["a/b", "/a~2", "/a~"])
    func malformedTextIsRejected(_ text: String) {
        #expect(throws: JSONPointerSyntaxError.self) { try JSONPointer(parsing: text) }
    }

    @Test func malformedTextSaysWhy() {
        #expect(throws: JSONPointerSyntaxError(text: "/a~2", reason: "\"~\" must be followed by 0 or 1")) {
            try JSONPointer(parsing: "/a~2")
        }
    }

    @Test func onlyCanonicalDigitsSelectArrayElements() {
        #expect(JSONPointer.Component.key("0").arrayIndex == 0)
        #expect(JSONPointer.Component.key("12").arrayIndex == 12)
        #expect(JSONPointer.Component.key("012").arrayIndex == nil)
        #expect(JSONPointer.Component.key("-").arrayIndex == nil)
        #expect(JSONPointer.Component.key("1a").arrayIndex == nil)
        #expect(JSONPointer.Component.key("").arrayIndex == nil)
    }

    @Test func prefixesFollowComponents() throws {
        let inner = try JSONPointer(parsing: "/a/b/c")
        #expect(inner.hasPrefix(try JSONPointer(parsing: "/a/b")))
        #expect(inner.hasPrefix(.root))
        #expect(!inner.hasPrefix(try JSONPointer(parsing: "/a/bc")))
    }
}
