import FFBCatalog

/// An extract file read into the engine's form: one level series per citizen and theme.
///
/// Citizens are kept as pseudonyms only; an extract never holds CPR numbers.
public struct Extract: Sendable {
    /// Theme of each series, as an index into `themes`.
    public var seriesTheme: [Int32]
    /// Citizen of each series, as an index into `citizens`.
    public var seriesCitizen: [Int32]
    public var series: [LevelSeries]
    /// The catalogue's themes, indexed as in `seriesTheme`.
    public var themes: [Theme]
    public var citizens: [String]
    /// Data rows read (the header not counted).
    public var rows: Int

    public init(seriesTheme: [Int32], seriesCitizen: [Int32], series: [LevelSeries], themes: [Theme], citizens: [String], rows: Int) {
        self.seriesTheme = seriesTheme
        self.seriesCitizen = seriesCitizen
        self.series = series
        self.themes = themes
        self.citizens = citizens
        self.rows = rows
    }
}
