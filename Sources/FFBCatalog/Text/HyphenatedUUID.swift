import Foundation

extension UUID {
    /// Parses the canonical `8-4-4-4-12` hexadecimal form in either letter case; nil for anything
    /// else (braces, missing hyphens, other lengths). Written out because Foundation's parser goes
    /// through `sscanf`, and an import parses every record id of every document.
    package init?(hyphenatedHex text: String) {
        var text = text
        guard let uuid = text.withUTF8(Self.parse) else { return nil }
        self.init(uuid: uuid)
    }

    /// The same from UTF-8 bytes (a store's id column read without making a `String`).
    package init?(hyphenatedHex bytes: UnsafeBufferPointer<UInt8>) {
        guard let uuid = Self.parse(bytes) else { return nil }
        self.init(uuid: uuid)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard bytes.count == 36 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &uuid) { out -> Bool in
            var index = 0
            var written = 0
            // Every group has an even number of digits, so a byte's two digits are never split.
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                    continue
                }
                guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                out[written] = high << 4 | low
                written += 1
                index += 2
            }
            return true
        }
        return parsed ? uuid : nil
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
