import Testing
import FFBJSON
import FFBSynthetic

/// The parser must survive anything: it will meet truncated uploads, binary
/// files with a .json name and, later, a fuzzer. Whatever it accepts must
/// write back out to the same value.
struct ParserRobustnessTests {
    static let seed = #"""
    {"resourceType": "Bundle", "entry": [
      {"resource": {"code": "e9b4a4b0-3a8f-4e0b-9d7a-6a1c2f0b7d11", "level": 3, "score": -1.25e-3,
       "note": "Ærø \"quoted\" \\ \u00e6 \ud83d\ude00", "flags": [true, false, null], "empty": {}}}
    ]}
    """#

    @Test func randomMutationsOfAValidDocumentNeverCrash() throws {
        var generator = SplitMix64(seed: 7)
        let original = Array(Self.seed.utf8)
        let interesting: [UInt8] = Array(#"{}[]",:\u0123456789-+.eE truefalsenull"#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var accepted = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                let byte = interesting.randomElement(using: &generator) ?? 0
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                case 2: bytes.remove(at: index)
                default: bytes.removeSubrange(index...)
                }
            }
            do {
                let value = try JSONParser().parse(bytes)
                accepted += 1
                #expect(try JSONParser().parse(JSONWriter().bytes(value)) == value)
            } catch {
                #expect(error.offset <= bytes.count)
                #expect(error.line >= 1 && error.column >= 1)
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 0)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let error = syntaxError(bytes) {
                #expect(error.offset <= bytes.count)
            }
        }
    }

    @Test func everyPrefixOfAValidDocumentIsTruncated() throws {
        let bytes = Array(Self.seed.utf8)
        for length in 1..<bytes.count {
            let prefix = Array(bytes[..<length])
            let error = try #require(syntaxError(prefix), "prefix of \(length) bytes")
            // A cut inside a multi-byte character reads as bad UTF-8; every
            // other cut is plainly a truncated file.
            #expect(error.reason == .unexpectedEndOfInput || error.reason == .invalidUTF8, "prefix of \(length) bytes")
        }
    }
}
