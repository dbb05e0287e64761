import Foundation

/// A Danish CPR number (personnummer): personal data that must never reach logs, statistics or
/// extracts. `description` is masked so that string interpolation cannot leak it by accident;
/// the digits are only available through `digits` and `formatted`.
public struct CPRNumber: Hashable, Sendable, CustomStringConvertible {
    /// The ten digits, no separator.
    public let digits: String
    public let birthDate: LocalDate

    /// Accepts `ddmmyy-nnnn` or `ddmmyynnnn`: a real calendar date, the century taken from the 7th
    /// digit by the CPR office's rule. No modulus-11 check: CPR numbers without it exist since 2007.
    public init(_ text: String) throws(CPRError) {
        let trimmed = text.trimmingSpaces()
        var bytes = Array(trimmed.utf8)
        if bytes.count == 11 {
            guard bytes[6] == UInt8(ascii: "-") else { throw .malformed }
            bytes.remove(at: 6)
        }
        guard bytes.count == 10, bytes.allSatisfy({ (48...57).contains($0) }) else { throw .malformed }
        let d = bytes.map { Int($0 - 48) }
        let day = d[0] * 10 + d[1], month = d[2] * 10 + d[3], yy = d[4] * 10 + d[5]
        let year = Self.century(seventhDigit: d[6], yy: yy) + yy
        guard let date = LocalDate(year: year, month: month, day: day) else { throw .invalidDate }
        digits = String(decoding: bytes, as: UTF8.self)
        birthDate = date
    }

    /// The CPR office's century table for the 7th digit.
    static func century(seventhDigit: Int, yy: Int) -> Int {
        switch seventhDigit {
        case 0...3: 1900
        case 4, 9: yy <= 36 ? 2000 : 1900
        default: yy <= 57 ? 2000 : 1800
        }
    }

    /// `ddmmyy-nnnn`, for the caseworker's own views and for the order to the provider.
    public var formatted: String {
        "\(digits.prefix(6))-\(digits.suffix(4))"
    }

    public var description: String { "CPR(******-****)" }
}

public enum CPRError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed
    case invalidDate

    public var description: String {
        switch self {
        case .malformed: "not a CPR number (expected ddmmyy-nnnn or ten digits)"
        case .invalidDate: "not a CPR number (its first six digits are not a calendar date)"
        }
    }
}
