import Testing
import FFBJSON

/// Every syntax error says where it is twice over: in the file (line, column,
/// byte offset) and in the document (the pointer of the value being read).
struct ParserLocationTests {
    @Test func aTruncatedFileIsReportedAtTheValueItStoppedIn() throws {
        let text = #"{"entry": [{"resource": {"code": "ab"#
        let error = try #require(syntaxError(text))
        #expect(error.message == "unexpected end of input (truncated file?)")
        #expect(error.pointer == pointer("/entry/0/resource/code"))
        #expect(error.offset == text.utf8.count)
        #expect(error.line == 1)
        #expect(error.column == 37)
        #expect(error.description == "/entry/0/resource/code: unexpected end of input (truncated file?) (line 1, column 37)")
    }

    @Test func anErrorInsideANestedValueNamesItsPointerLineAndColumn() throws {
        let text = """
        {
          "entry": [
            {"resource": {"code": "a"}},
            {"resource": {"code": "b\\q"}}
          ]
        }
        """
        let error = try #require(syntaxError(text))
        #expect(error.message == #"invalid escape "\q""#)
        #expect(error.pointer == pointer("/entry/1/resource/code"))
        #expect(error.line == 4)
        #expect(error.column == 29)
        #expect(error.offset == 76)
    }

    @Test func aDuplicateKeyIsReportedAtTheObjectAndTheSecondKey() throws {
        let text = """
        {"goals": [
          {"id": 1},
          {"id": 2, "type": "udvikle", "id": 3}
        ]}
        """
        let error = try #require(syntaxError(text))
        #expect(error.reason == .duplicateKey("id"))
        #expect(error.pointer == pointer("/goals/1"))
        #expect(error.line == 3)
        #expect(error.column == 32)
        #expect(error.description == #"/goals/1: duplicate key "id" (line 3, column 32)"#)
    }

    @Test func aTrailingCommaIsReportedAtTheCommaAndItsContainer() throws {
        let error = try #require(syntaxError(#"{"levels": [1, 2, ]}"#))
        #expect(error.reason == .trailingComma)
        #expect(error.pointer == pointer("/levels"))
        #expect(error.offset == 16)
        #expect(error.column == 17)
    }

    @Test func aMissingCommaBetweenMembersIsReportedAtTheObject() throws {
        let error = try #require(syntaxError("{\"a\": 1\n \"b\": 2}"))
        #expect(error.message == "unexpected character '\"', expected ',' or '}' after an object member")
        #expect(error.pointer == pointer(""))
        #expect(error.pointer.location == "/")
        #expect(error.line == 2)
        #expect(error.column == 2)
    }

    @Test func anErrorInAKeyIsReportedAtTheObject() throws {
        let error = try #require(syntaxError(#"{"citizen": {"na\me": "x"}}"#))
        #expect(error.message == #"invalid escape "\m""#)
        #expect(error.pointer == pointer("/citizen"))
        #expect(error.offset == 16)
    }

    @Test func aValueMissingAfterAColonIsReportedAtThatMember() throws {
        let error = try #require(syntaxError(#"{"citizen": {"name": }}"#))
        #expect(error.message == "unexpected character '}', expected a value")
        #expect(error.pointer == pointer("/citizen/name"))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "Ærø" is six bytes but three columns.
        let error = try #require(syntaxError(#"{"by": "Ærø", "x": tru}"#))
        #expect(error.message == "unexpected character '}', expected true")
        #expect(error.pointer == pointer("/x"))
        #expect(error.offset == 24)
        #expect(error.column == 23)
    }

    @Test func windowsLineEndingsCountAsOneLine() throws {
        let error = try #require(syntaxError("{\r\n\"a\": 1,\r\n\"b\": x\r\n}"))
        #expect(error.line == 3)
        #expect(error.column == 6)
        #expect(error.pointer == pointer("/b"))
    }

    @Test func aByteOrderMarkTakesNoColumn() throws {
        let error = try #require(syntaxError("\u{FEFF}[1,]"))
        #expect(error.line == 1)
        #expect(error.column == 3)
        #expect(error.offset == 5)
    }

    @Test func keysWithSlashesAndTildesAreEscapedInThePointer() throws {
        let error = try #require(syntaxError(#"{"a/b": {"c~d": nul}}"#))
        #expect(error.pointer.description == "/a~1b/c~0d")
    }

    @Test func theRootIsPrintedAsASlash() throws {
        let error = try #require(syntaxError("[1] 2"))
        #expect(error.pointer.isRoot)
        #expect(error.description == "/: unexpected data after the JSON value (line 1, column 5)")
    }
}
