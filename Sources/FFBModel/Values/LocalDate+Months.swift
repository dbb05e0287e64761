extension LocalDate {
    /// The same day `months` calendar months later (earlier when negative); a day the target
    /// month lacks becomes its last day (2025-01-31 plus one month is 2025-02-28).
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let clampedYear = min(max(year, 1), 9999)
        let day = min(self.day, Self.daysIn(month: month, year: clampedYear))
        return LocalDate(year: clampedYear, month: month, day: day) ?? self
    }
}
