import Foundation

/// A calendar day without time or zone, as VUM dates are (assessment date, start, follow-up).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid proleptic Gregorian date, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO `YYYY-MM-DD` exactly (no times, no other separators).
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ LocalDate(iso: $0) }) else { return nil }
        self = date
    }

    /// The same from UTF-8 bytes (a store's date column read without making a `String`).
    public init?(iso bytes: UnsafeBufferPointer<UInt8>) {
        guard let (year, month, day) = Self.fields(iso: bytes) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The year, month and day of ISO `YYYY-MM-DD` bytes, not yet checked against the calendar.
    @inlinable @inline(__always)
    public static func fields(iso bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        @inline(__always) func digit(_ offset: Int) -> Int? {
            let byte = bytes[offset]
            return byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        return (y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1)
    }

    /// The `dayNumber` of ISO `YYYY-MM-DD` bytes, checking the calendar, without making a
    /// `LocalDate` (the extract reader and the store's whole-store passes, once per row).
    @inlinable @inline(__always)
    public static func dayNumber(iso bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let (year, month, day) = fields(iso: bytes),
              year >= 1, month >= 1, month <= 12, day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return Int32(dayNumber(year: year, month: month, day: day))
    }

    public var iso: String {
        // The common case, a four-digit year, written straight into the string's bytes (an export
        // writes millions of dates).
        if (1...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { bytes in
                func put(_ value: Int, digits: Range<Int>) {
                    var rest = value
                    for offset in digits.reversed() {
                        bytes[offset] = UInt8(48 + rest % 10)
                        rest /= 10
                    }
                }
                put(year, digits: 0..<4)
                bytes[4] = 45
                put(month, digits: 5..<7)
                bytes[7] = 45
                put(day, digits: 8..<10)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    @inlinable
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before), for day arithmetic without Foundation calendars.
    public var dayNumber: Int {
        Self.dayNumber(year: year, month: month, day: day)
    }

    /// Howard Hinnant's days_from_civil.
    @usableFromInline @inline(__always)
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // The arithmetic above always yields a valid date.
        self.year = year
        self.month = month
        self.day = day
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }
}

extension LocalDate {
    /// Today in the local time zone.
    public static var today: LocalDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? LocalDate(dayNumber: 0)
    }
}
