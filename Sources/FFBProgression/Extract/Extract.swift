import FFBCatalog
import FFBModel

/// An extract file in the engine's compact form: every row's day and level, grouped by series
/// (one citizen × one theme) and sorted by day within each series.
///
/// Citizens are numbered, not kept: an extract holds pseudonyms only, and statistics need only
/// to tell one citizen's series from another's (citizens are the clusters).
public struct Extract: Sendable {
    /// The catalogue's themes; `seriesTheme` indexes into it.
    public let themes: [Theme]
    public let citizenCount: Int
    /// Data rows read (the header not counted).
    public let rows: Int
    /// Theme of each series.
    let seriesTheme: [Int16]
    /// Citizen (0 ..< citizenCount) of each series.
    let seriesCitizen: [Int32]
    /// Series `s` holds points `seriesStart[s] ..< seriesStart[s + 1]`.
    let seriesStart: [Int32]
    let days: [Int32]
    let levels: [Int8]
    /// The columns read with `ExtractReader.groupColumns`, their distinct values (one cell's
    /// text, or a list of two cells' with two columns), and each point's value (an index into
    /// them, −1 when a cell is empty); all empty without grouping columns.
    public let groupColumns: [String]
    public let groupValues: [[String]]
    let pointGroups: [Int32]

    init(themes: [Theme], citizenCount: Int, rows: Int, seriesTheme: [Int16], seriesCitizen: [Int32], seriesStart: [Int32], days: [Int32], levels: [Int8],
         groupColumns: [String] = [], groupValues: [[String]] = [], pointGroups: [Int32] = []) {
        self.themes = themes
        self.citizenCount = citizenCount
        self.rows = rows
        self.seriesTheme = seriesTheme
        self.seriesCitizen = seriesCitizen
        self.seriesStart = seriesStart
        self.days = days
        self.levels = levels
        self.groupColumns = groupColumns
        self.groupValues = groupValues
        self.pointGroups = pointGroups
    }

    public var seriesCount: Int { seriesTheme.count }

    /// The first and the last date of any row: the period the data cover (nil when empty).
    public var dateRange: ClosedRange<LocalDate>? {
        guard let first = days.min(), let last = days.max() else { return nil }
        return LocalDate(dayNumber: Int(first))...LocalDate(dayNumber: Int(last))
    }

    /// The points of series `index`, as a value (tests and small data; statistics read in place).
    public func series(_ index: Int) -> LevelSeries {
        let range = Int(seriesStart[index])..<Int(seriesStart[index + 1])
        return LevelSeries(points: range.map { LevelSeries.Point(day: days[$0], level: levels[$0]) })
    }
}
