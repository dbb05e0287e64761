/// The store-local stand-in for a citizen: random, stable, and the only identity that leaves the
/// caseworker's own views (statistics, extracts, lists).
public struct Pseudonym: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Crockford base-32 without I, L, O, U: unambiguous when read aloud or retyped.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public init?(_ text: String) {
        // Already canonical (as every stored pseudonym is): checked byte by byte, nothing built.
        if text.utf8.count == 10, text.utf8.starts(with: "P-".utf8), text.utf8.dropFirst(2).allSatisfy(Self.isCanonical) {
            rawValue = text
            return
        }
        let upper = text.uppercased()
        guard upper.count == 10, upper.hasPrefix("P-"), upper.dropFirst(2).allSatisfy({ Self.alphabet.contains($0) }) else {
            return nil
        }
        rawValue = upper
    }

    /// Whether `byte` is a letter or digit of `alphabet`, as written there (upper case).
    private static func isCanonical(_ byte: UInt8) -> Bool {
        alphabetBytes[Int(byte)]
    }

    private static let alphabetBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for character in alphabet { table[Int(character.asciiValue!)] = true }
        return table
    }()

    /// A fresh pseudonym from `generator` (the system generator in the store; seeded in tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> Pseudonym {
        let body = (0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        return Pseudonym(unchecked: "P-" + String(body))
    }

    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: Pseudonym, rhs: Pseudonym) -> Bool { lhs.rawValue < rhs.rawValue }
}
