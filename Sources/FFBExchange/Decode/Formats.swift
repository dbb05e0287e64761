import FFBCatalog
import FFBModel
import Foundation

/// The text formats of exchange documents, with messages that never quote the value (a
/// mistyped field might hold a CPR number).
enum Formats {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(hyphenatedHex: text) else {
            throw Problem(description: "not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)")
        }
        return id
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw Problem(description: "not a valid date (expected YYYY-MM-DD)") }
        return date
    }

    static func cpr(_ text: String) throws -> CPRNumber {
        do {
            return try CPRNumber(text)
        } catch {
            throw Problem(description: error.description)
        }
    }

    /// RFC 3339 date-time with a zone (`2025-02-15T09:30:00Z`, `2025-02-15T09:30:00+01:00`).
    static func dateTime(_ text: String) throws -> String {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes.indices.contains($0) && (48...57).contains(bytes[$0]) } }
        let zoneOK: Bool = {
            guard bytes.count >= 20 else { return false }
            var index = 19
            if bytes[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                guard index > start else { return false }
            }
            let zone = Array(bytes[index...])
            if zone == [UInt8(ascii: "Z")] { return true }
            return zone.count == 6 && (zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-")) && zone[3] == UInt8(ascii: ":")
                && zone.enumerated().allSatisfy { [1, 2, 4, 5].contains($0.offset) ? (48...57).contains($0.element) : true }
        }()
        guard bytes.count >= 20, LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) != nil,
              bytes[10] == UInt8(ascii: "T"), digits(11..<13), bytes[13] == UInt8(ascii: ":"), digits(14..<16),
              bytes[16] == UInt8(ascii: ":"), digits(17..<19), zoneOK,
              let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), hour < 24,
              let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)), minute < 60,
              let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)), second <= 60
        else {
            throw Problem(description: "not a valid date-time (expected RFC 3339, such as 2025-02-15T09:30:00Z)")
        }
        return text
    }
}
