import Foundation

/// A KL terminology code: the UUID that identifies a concept in KL's FFB code system.
///
/// Codes are the identity of themes, services and levels; names may change between catalogue
/// versions, codes do not. Stored lowercased so comparisons are exact.
public struct KLCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts a canonical 8-4-4-4-12 hexadecimal UUID in any letter case.
    public init?(_ text: String) {
        guard UUID(hyphenatedHex: text) != nil else { return nil }
        // Lowercasing allocates; most codes already are.
        rawValue = text.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) } ? text.lowercased() : text
    }

    /// For codes that are not KL UUIDs (a user catalogue may use its own identifiers).
    public init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: KLCode, rhs: KLCode) -> Bool { lhs.rawValue < rhs.rawValue }
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
