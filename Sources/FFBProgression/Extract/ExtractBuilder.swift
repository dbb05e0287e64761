import FFBCatalog

/// Builds an `Extract` series by series, for a source that already has each citizen's levels
/// together (a store's whole-store pass), so statistics over a store run on the same compact
/// arrays, and the same code, as statistics over an extract file.
public struct ExtractBuilder: Sendable {
    private let themes: [Theme]
    private var citizenCount = 0
    private var seriesTheme: [Int16] = []
    private var seriesCitizen: [Int32] = []
    private var seriesStart: [Int32] = [0]
    private var days: [Int32] = []
    private var levels: [Int8] = []

    public init(themes: [Theme]) {
        self.themes = themes
    }

    /// Starts the next citizen; the series added after it are that citizen's.
    public mutating func beginCitizen() {
        citizenCount += 1
    }

    /// Adds one series of the current citizen: `theme` indexes the themes given to `init`, the
    /// points are in day order, one per day.
    public mutating func addSeries(theme: Int16, points: ArraySlice<LevelSeries.Point>) {
        precondition(Int(theme) < themes.count, "theme \(theme) is not one of the \(themes.count) themes")
        seriesTheme.append(theme)
        seriesCitizen.append(Int32(citizenCount - 1))
        for point in points {
            days.append(point.day)
            levels.append(point.level)
        }
        seriesStart.append(Int32(days.count))
    }

    /// Adds `other`'s citizens, after this builder's, as they were added there.
    public mutating func append(_ other: ExtractBuilder) {
        let citizenOffset = Int32(citizenCount), pointOffset = Int32(days.count)
        citizenCount += other.citizenCount
        seriesTheme += other.seriesTheme
        seriesCitizen += other.seriesCitizen.lazy.map { $0 + citizenOffset }
        seriesStart += other.seriesStart.dropFirst().lazy.map { $0 + pointOffset }
        days += other.days
        levels += other.levels
    }

    public func build() -> Extract {
        Extract(themes: themes, citizenCount: citizenCount, rows: days.count, seriesTheme: seriesTheme, seriesCitizen: seriesCitizen, seriesStart: seriesStart, days: days, levels: levels)
    }
}
