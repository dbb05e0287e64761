import FFBCatalog
import Foundation
import Testing

@Suite struct HyphenatedUUIDTests {
    @Test func agreesWithFoundationOnRandomIDsInBothCases() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(UUID(hyphenatedHex: id.uuidString) == id)
            #expect(UUID(hyphenatedHex: id.uuidString.lowercased()) == id)
        }
    }

    @Test(arguments: [
        "", "0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2", "0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2a1",
        "0c1f3b2e5d7a-4c1e-9f0a-7b6c5d4e3f2a-", "0c1f3b2e-5d7a-4c1e-9f0a+7b6c5d4e3f2a", "0c1f3b2g-5d7a-4c1e-9f0a-7b6c5d4e3f2a",
        "{0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f}", "0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2á", "0c1f3b2e 5d7a 4c1e 9f0a 7b6c5d4e3f2a",
    ])
    func refusesAnythingElse(text: String) {
        #expect(UUID(hyphenatedHex: text) == nil)
        #expect(KLCode(text) == nil)
    }

    /// Every byte in every digit place: a hex digit of either case is read as its value, any
    /// other byte refuses the whole id.
    @Test func everyByteInEveryDigitPlace() throws {
        let id = Array("0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2a".utf8)
        let hex = Array("0123456789abcdef".utf8), upper = Array("0123456789ABCDEF".utf8)
        for place in id.indices where id[place] != UInt8(ascii: "-") {
            for byte in UInt8.min...UInt8.max {
                var text = id
                text[place] = byte
                let parsed = text.withUnsafeBufferPointer { UUID(hyphenatedHex: $0) }
                if let value = hex.firstIndex(of: byte) ?? upper.firstIndex(of: byte) {
                    var lower = id
                    lower[place] = hex[value]
                    #expect(parsed == UUID(uuidString: String(decoding: lower, as: UTF8.self)), "byte \(byte) at \(place)")
                } else {
                    #expect(parsed == nil, "byte \(byte) at \(place)")
                }
            }
        }
    }

    @Test func klCodesAreKeptLowercase() throws {
        let code = try #require(KLCode("0C1F3B2E-5D7A-4C1E-9F0A-7B6C5D4E3F2A"))
        #expect(code.rawValue == "0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2a")
        #expect(KLCode("0c1f3b2e-5d7a-4c1e-9f0a-7b6c5d4e3f2a") == code)
    }
}
