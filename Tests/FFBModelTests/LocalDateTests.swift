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
