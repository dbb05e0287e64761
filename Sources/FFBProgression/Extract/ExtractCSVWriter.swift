import FFBCatalog
import FFBCSV
import FFBModel

/// Extract rows written straight as CSV text: byte for byte what `CSVWriter` writes for each row's
/// `ExtractRow.fields`, without making the row. Every field a row shares with others (its
/// citizen's, its theme's, its course's) is quoted once and copied into each row; a whole-store
/// export writes millions of rows and a citizen has a handful of courses and themes.
///
/// Use: `beginCitizen` with the citizen's courses, then `appendSeries` for each theme's levels
/// (themes in catalogue order, as `appendExtractRows` orders them).
public struct ExtractCSVWriter {
    private let csv: CSVWriter
    private let separator: UInt8
    private let catalog: Catalog
    /// By catalogue position, made when a theme is first written.
    private var themes: [ThemeText?]
    /// Each level's field followed by the separator: 0…4 at 1…5, "ikke vurderet" at 0.
    private let levels: [[UInt8]]
    /// The current citizen's pseudonym followed by the separator, and course fields.
    private var citizen: [UInt8] = []
    private var placer = ExtractPlacer([])
    private var courses: [CourseText] = []
    /// A row no course is found for: its course fields empty.
    private let noCourse: CourseText

    /// What rows of one theme share: its code, its area's code (each followed by the separator),
    /// and its and its area's names (separated, followed by the separator).
    private struct ThemeText {
        var code: [UInt8]
        var area: [UInt8]
        var names: [UInt8]
    }

    /// What rows of one course share: intervention, provider and target group codes (followed by
    /// the separator), and the intervention's, provider's and target group's names and the
    /// municipality (ending the line).
    private struct CourseText {
        var codes: [UInt8]
        var names: [UInt8]
    }

    /// `separator` is ASCII: "," or the Danish Excel dialect's ";".
    public init(catalog: Catalog, separator: Unicode.Scalar = ",") {
        csv = CSVWriter(separator: separator)
        self.separator = UInt8(ascii: separator)
        self.catalog = catalog
        themes = Array(repeating: nil, count: catalog.themes.count)
        let csv = csv
        func text(_ field: String) -> [UInt8] {
            var bytes: [UInt8] = []
            csv.appendField(field, to: &bytes)
            return bytes + [UInt8(ascii: separator)]
        }
        levels = [text(Assessed<FunctionLevel>.notAssessedText)] + FunctionLevel.allCases.sorted { $0.rawValue < $1.rawValue }.map { text($0.cliValue) }
        noCourse = CourseText(codes: Array(repeating: UInt8(ascii: separator), count: 3), names: Array(repeating: UInt8(ascii: separator), count: 3) + [0x0A])
    }

    /// The rows that follow are this citizen's, of these courses (in the order created).
    public mutating func beginCitizen(_ pseudonym: Pseudonym, courses: [OrderCourse]) {
        citizen.removeAll(keepingCapacity: true)
        fields([pseudonym.rawValue], to: &citizen)
        placer = ExtractPlacer(courses)
        self.courses = placer.courses.map { course in
            let intervention = course.order.services.first
            let targetGroup = course.order.primaryTargetGroup ?? course.order.targetGroups.first?.code
            var text = CourseText(codes: [], names: [])
            fields([intervention?.rawValue ?? "", course.order.provider.identifier, targetGroup?.rawValue ?? ""], to: &text.codes)
            fields([intervention.map { catalog.concept($0, kind: .services)?.name ?? "" } ?? "", course.order.provider.name,
                    targetGroup.map { catalog.concept($0, kind: .targetGroups)?.name ?? "" } ?? "", course.municipality?.code ?? ""],
                   to: &text.names, last: true)
            return text
        }
    }

    /// Appends the rows of the current citizen's levels of the theme at catalogue `position`
    /// (by date); returns how many.
    @discardableResult
    public mutating func appendSeries(theme position: Int, points: some Collection<LevelSeries.Point>, to out: inout [UInt8]) -> Int {
        let theme = themeText(position)
        placer.beginTheme(catalog.themes[position].code)
        for point in points {
            let place = placer.place(day: point.day)
            let course = place.map { courses[$0.course] } ?? noCourse
            out.append(contentsOf: citizen)
            out.append(contentsOf: theme.code)
            LocalDate(dayNumber: Int(point.day)).appendISO(to: &out)
            out.append(separator)
            out.append(contentsOf: levels[point.level >= 0 && point.level <= 4 ? Int(point.level) + 1 : 0])
            out.append(contentsOf: theme.area)
            out.append(contentsOf: course.codes)
            if let goalType = place?.goalType { csv.appendField(goalType.cliValue, to: &out) }
            out.append(separator)
            if let supportLevel = place?.supportLevel { csv.appendField(supportLevel.cliValue, to: &out) }
            out.append(separator)
            out.append(contentsOf: theme.names)
            out.append(contentsOf: course.names)
        }
        return points.count
    }

    private mutating func themeText(_ position: Int) -> ThemeText {
        if let known = themes[position] { return known }
        let theme = catalog.themes[position]
        var text = ThemeText(code: [], area: [], names: [])
        fields([theme.code.rawValue], to: &text.code)
        fields([theme.area.rawValue], to: &text.area)
        fields([theme.name, catalog.area(theme.area)?.name ?? ""], to: &text.names)
        themes[position] = text
        return text
    }

    /// Fields quoted and separated, each followed by the separator, or the last by a line end.
    private func fields(_ values: [String], to out: inout [UInt8], last: Bool = false) {
        for (index, value) in values.enumerated() {
            csv.appendField(value, to: &out)
            out.append(last && index == values.count - 1 ? 0x0A : separator)
        }
    }
}
