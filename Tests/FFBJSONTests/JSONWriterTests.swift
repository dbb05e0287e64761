import Testing
import FFBJSON
import FFBSynthetic

struct JSONWriterTests {
    @Test func compactOutputHasNoWhitespaceAndKeepsMemberOrder() {
        let value: JSONValue = ["z": 1, "a": [true, false, nil], "m": ["x": "y"], "e": [], "o": [:]]
        #expect(JSONWriter().string(value) == #"{"z":1,"a":[true,false,null],"m":{"x":"y"},"e":[],"o":{}}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let value: JSONValue = ["citizen": ["name": "A"], "goals": [1, 2], "empty": [], "none": [:]]
        let expected = """
        {
          "citizen": {
            "name": "A"
          },
          "goals": [
            1,
            2
          ],
          "empty": [],
          "none": {}
        }
        """
        #expect(JSONWriter(options: .prettyPrinted).string(value) == expected)
    }

    @Test func sortedKeysUseCodePointOrderAtEveryLevel() {
        let value: JSONValue = ["b": ["z": 1, "y": 2], "a": 0, "Å": 3, "B": 4, "å": 5]
        #expect(JSONWriter(options: .sortedKeys).string(value) == #"{"B":4,"a":0,"b":{"y":2,"z":1},"Å":3,"å":5}"#)
    }

    @Test func integersHaveNoFractionAndDecimalsAreShortest() {
        let value: JSONValue = [0, -0.0, 1.0, -3, 0.1, 1.5e300, 1e-7, 123456789.25, 1e21, 9007199254740993, 2.5e15]
        #expect(JSONWriter().string(value) == "[0,-0.0,1,-3,0.1,1.5e+300,1e-07,123456789.25,1e+21,9007199254740993,2500000000000000]")
    }

    @Test func parsedNumbersKeepTheirForm() throws {
        #expect(JSONWriter().string(try parse("[-0, 10, 1.0, 1e2, 9223372036854775807, 18446744073709551616]"))
            == "[-0,10,1,100,9223372036854775807,1.8446744073709552e+19]")
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() {
        #expect(JSONWriter().string([.number(JSONNumber(.nan)), .number(JSONNumber(.infinity))]) == "[null,null]")
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        let value: JSONValue = "\"\\/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}æ😀\u{2028}"
        #expect(JSONWriter().string(value) == #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}æ😀\u{2028}\"")
    }

    @Test func writtenDocumentsParseBackToEqualValues() throws {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            for options in [JSONWriter.Options(), .prettyPrinted, .sortedKeys, [.prettyPrinted, .sortedKeys]] {
                let text = JSONWriter(options: options).string(value)
                let reparsed = try parse(text)
                #expect(reparsed == value, "\(text)")
                // Stored order survives a round trip, not just equality.
                if options.isEmpty { #expect(JSONWriter().string(reparsed) == text) }
            }
        }
    }

    @Test func aDocumentRoundTripsByteForByte() throws {
        let text = #"{"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:1","resource":{"code":"a/b","value":-12.5e-3,"n":[]}}]}"#
        #expect(JSONWriter().string(try parse(text)) == #"{"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:1","resource":{"code":"a/b","value":-0.0125,"n":[]}}]}"#)
    }

    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let choice = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator)
        switch choice {
        case 0: return nil
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(JSONNumber(Int64.random(in: Int64.min...Int64.max, using: &generator)))
        case 3:
            let double = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            return .number(JSONNumber(double.isFinite ? double : 0.5))
        case 4:
            let alphabet = Array("aæ\"\\/\n\t\u{0}\u{1}😀 ~ÅZ09")
            return .string(String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object = JSONObject()
            for index in 0..<Int.random(in: 0...5, using: &generator) {
                object["k\(Int.random(in: 0...9, using: &generator))\(index)"] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(object)
        }
    }
}
