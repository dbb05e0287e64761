import Testing
@testable import FFBModel

@Test func isoDatesParseAndPrint() throws {
    let date = try #require(LocalDate(iso: "2024-02-29"))
    #expect(date.iso == "2024-02-29")
    #expect(LocalDate(iso: "2023-02-29") == nil)
    #expect(LocalDate(iso: "2024-13-01") == nil)
    #expect(LocalDate(iso: "2024-1-01") == nil)
    #expect(LocalDate(iso: "2024-01-01T00:00") == nil)
    #expect(LocalDate(iso: "24-01-01") == nil)
    // Read byte by byte: a letter, a year 0, a day past the month's end and a wide digit are refused.
    #expect(LocalDate(iso: "2024-0a-01") == nil)
    #expect(LocalDate(iso: "0000-01-01") == nil)
    #expect(LocalDate(iso: "2024-04-31") == nil)
    #expect(LocalDate(iso: "２024-01-01") == nil)
    #expect(LocalDate(iso: "2024/01/01") == nil)
}

@Test func dayArithmeticRoundTrips() throws {
    let start = try #require(LocalDate(iso: "1970-01-01"))
    #expect(start.dayNumber == 0)
    let leap = try #require(LocalDate(iso: "2024-02-28"))
    #expect(leap.adding(days: 1).iso == "2024-02-29")
    #expect(leap.adding(days: 2).iso == "2024-03-01")
    #expect(try #require(LocalDate(iso: "2025-01-01")).days(until: try #require(LocalDate(iso: "2026-01-01"))) == 365)
    for number in stride(from: -800_000, to: 800_000, by: 997) {
        #expect(LocalDate(dayNumber: number).dayNumber == number)
    }
}

@Test func everyFourDigitYearPrintsAndParsesBackAndOthersStillPrint() throws {
    // The byte-writing path for years 1…9999, against the text a date's parts give.
    for number in stride(from: LocalDate(year: 1, month: 1, day: 1)!.dayNumber, through: LocalDate(year: 9999, month: 12, day: 31)!.dayNumber, by: 641) {
        let date = LocalDate(dayNumber: number)
        let expected = String(repeating: "0", count: 4 - String(date.year).count) + String(date.year) + "-"
            + (date.month < 10 ? "0" : "") + String(date.month) + "-" + (date.day < 10 ? "0" : "") + String(date.day)
        #expect(date.iso == expected)
        #expect(LocalDate(iso: date.iso) == date)
        // The byte parser reads what is printed.
        var text = date.iso
        #expect(text.withUTF8 { LocalDate.dayNumber(iso: $0) } == Int32(number))
    }
    #expect(LocalDate(year: 1, month: 1, day: 1)?.iso == "0001-01-01")
    #expect(LocalDate(year: 9999, month: 12, day: 31)?.iso == "9999-12-31")
    // "Open-ended" dates far past 9999 (a tariff without an end) still print.
    #expect(LocalDate(dayNumber: Int(Int32.max)).iso.hasSuffix(String(format: "-%02d-%02d", LocalDate(dayNumber: Int(Int32.max)).month, LocalDate(dayNumber: Int(Int32.max)).day)))
}

@Test func addingMonthsKeepsTheDayOrTakesTheMonthsLast() throws {
    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }
    #expect(try date("2025-03-15").adding(months: 12).iso == "2026-03-15")
    #expect(try date("2025-01-31").adding(months: 1).iso == "2025-02-28")
    #expect(try date("2024-01-31").adding(months: 1).iso == "2024-02-29")
    #expect(try date("2024-02-29").adding(months: 12).iso == "2025-02-28")
    #expect(try date("2025-11-30").adding(months: 3).iso == "2026-02-28")
    #expect(try date("2025-01-15").adding(months: -1).iso == "2024-12-15")
    #expect(try date("2025-05-31").adding(months: -15).iso == "2024-02-29")
}
