/// A KL terminology code: the UUID that identifies a concept in KL's FFB code system.
///
/// Codes are the identity of themes, services and levels; names may change between catalogue
/// versions, codes do not. Stored lowercased so comparisons are exact.
public struct KLCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts a canonical 8-4-4-4-12 hexadecimal UUID in any letter case.
    public init?(_ text: String) {
        let lower = text.lowercased()
        guard Self.isUUID(lower) else { return nil }
        rawValue = lower
    }

    /// For codes that are not KL UUIDs (a user catalogue may use its own identifiers).
    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: KLCode, rhs: KLCode) -> Bool { lhs.rawValue < rhs.rawValue }

    static func isUUID(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return false }
        for (index, byte) in utf8.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !((48...57).contains(byte) || (97...102).contains(byte)) {
                return false
            }
        }
        return true
    }
}

/// Code system URLs under which the FFB codes travel.
public enum FFBCodeSystem {
    /// KL's current terminology (FFB 2024).
    public static let current = "urn:oid:1.2.208.176.2.22"
    /// The older common care-social guide's URL; readers accept it, writers never use it.
    public static let legacy = "http://kl.dk/fhir/common/caresocial/CodeSystem/FFB"

    public static func isFFB(_ system: String) -> Bool {
        system == current || system == legacy
    }
}
