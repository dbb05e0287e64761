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
        guard bytes.count == 36, let text = bytes.baseAddress else { return nil }
        let hyphen = UInt8(ascii: "-")
        guard text[8] == hyphen, text[13] == hyphen, text[18] == hyphen, text[23] == hyphen else { return nil }
        return hexValues.withUnsafeBufferPointer { value -> uuid_t? in
            // A digit's value is below 16; any other byte's is 0xFF, which `seen` keeps.
            var seen: UInt8 = 0
            func byte(_ at: Int) -> UInt8 {
                let high = value[Int(text[at])], low = value[Int(text[at + 1])]
                seen |= high | low
                return high << 4 | low
            }
            // Every group has an even number of digits, so a byte's two digits are never split.
            let uuid = (byte(0), byte(2), byte(4), byte(6), byte(9), byte(11), byte(14), byte(16),
                        byte(19), byte(21), byte(24), byte(26), byte(28), byte(30), byte(32), byte(34))
            return seen < 16 ? uuid : nil
        }
    }

    /// Each byte's value as a hexadecimal digit of either case, 0xFF for any other byte.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }
}
