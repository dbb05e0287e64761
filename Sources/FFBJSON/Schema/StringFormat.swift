/// The `format` values the validator checks. Others are ignored, as JSON
/// Schema 2020-12 allows (format is an annotation unless a vocabulary asserts it).
enum StringFormat: String, Sendable {
    case date
    case dateTime = "date-time"
    case uuid

    /// Why `text` is not in this format, or `nil` when it is. The value
    /// itself is not quoted: a malformed date field might hold a CPR number.
    func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        switch self {
        case .date:
            return Self.isFullDate(bytes[...]) ? nil : "not a valid date (expected YYYY-MM-DD)"
        case .dateTime:
            return Self.isDateTime(bytes) ? nil : "not a valid date-time (expected RFC 3339, such as 2024-05-01T12:00:00Z)"
        case .uuid:
            return Self.isUUID(bytes) ? nil : "not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)"
        }
    }

    /// RFC 3339 `full-date`: `YYYY-MM-DD`, a day that exists in that month.
    static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        let start = bytes.startIndex
        guard bytes[start + 4] == ASCII.minus, bytes[start + 7] == ASCII.minus,
              let year = number(bytes, start, 4), let month = number(bytes, start + 5, 2),
              let day = number(bytes, start + 8, 2), (1...12).contains(month)
        else { return false }
        return day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// RFC 3339 `date-time`, with leap seconds only where one can occur
    /// (23:59:60 UTC).
    static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 20, isFullDate(bytes[0..<10]), bytes[10] | 0x20 == ASCII.t,
              bytes[13] == ASCII.colon, bytes[16] == ASCII.colon,
              let hour = number(bytes[...], 11, 2), let minute = number(bytes[...], 14, 2),
              let second = number(bytes[...], 17, 2), hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 19
        if bytes[index] == ASCII.period {
            index += 1
            let fractionStart = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        if bytes[index] | 0x20 == 0x7A { // "Z" or "z"
            guard index + 1 == bytes.count else { return false }
        } else {
            guard bytes[index] == ASCII.plus || bytes[index] == ASCII.minus, index + 6 == bytes.count,
                  bytes[index + 3] == ASCII.colon,
                  let offsetHour = number(bytes[...], index + 1, 2), let offsetMinute = number(bytes[...], index + 4, 2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == ASCII.minus ? -1 : 1)
        }
        if second == 60 {
            let utcMinuteOfDay = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utcMinuteOfDay == 23 * 60 + 59
        }
        return true
    }

    /// `8-4-4-4-12` hexadecimal digits, either case, any version.
    static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == ASCII.minus else { return false }
            } else {
                guard ASCII.isDigit(byte) || (byte | 0x20) &- 0x61 < 6 else { return false }
            }
        }
        return true
    }

    private static func number(_ bytes: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for index in start..<(start + length) {
            guard index < bytes.endIndex, ASCII.isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - ASCII.zero)
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }
}
