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
    /// Each goal type's field followed by the separator; no goal type is the separator alone.
    private let goalTypes: [GoalType: [UInt8]]
    /// Each support level's field followed by the separator (`supportIndex`).
    private let supportLevels: [[UInt8]]
    /// The current citizen's pseudonym followed by the separator, and course fields.
    private var citizen: [UInt8] = []
    private var placer = ExtractPlacer([])
    private var courses: [CourseText] = []
    /// A row no course is found for: its course fields empty.
    private let noCourse: CourseText
    /// The longest course fields of the current citizen's (for a row's room).
    private var courseBytes = 0
    /// The rows of one series are made here, then appended at once.
    private let rows = ByteBlock(capacity: 1 << 12)
    /// Dates as text by day number, in slots by the day's low bits: a citizen's themes share
    /// their assessments' dates, and an export its days.
    private var dateDays: [Int32]
    private var dateTexts: [UInt8]
    private static let dateSlots = 1024

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
        let csv = CSVWriter(separator: separator), end = UInt8(ascii: separator)
        self.csv = csv
        self.separator = end
        self.catalog = catalog
        themes = Array(repeating: nil, count: catalog.themes.count)
        func text(_ field: String) -> [UInt8] {
            var bytes: [UInt8] = []
            csv.appendField(field, to: &bytes)
            return bytes + [end]
        }
        levels = [text(Assessed<FunctionLevel>.notAssessedText)] + FunctionLevel.allCases.sorted { $0.rawValue < $1.rawValue }.map { text($0.cliValue) }
        goalTypes = Dictionary(uniqueKeysWithValues: GoalType.allCases.map { ($0, text($0.cliValue)) })
        let support = SupportLevel.allCases.sorted { $0.ordinal < $1.ordinal }
        supportLevels = [[end], text(Assessed<SupportLevel>.notAssessed.cliValue)] + support.map { text(Assessed.assessed($0).cliValue) }
        noCourse = CourseText(codes: Array(repeating: end, count: 3), names: Array(repeating: end, count: 3) + [0x0A])
        dateDays = Array(repeating: .min, count: Self.dateSlots)
        dateTexts = Array(repeating: 0, count: Self.dateSlots * 10)
    }

    /// The rows that follow are this citizen's, of these courses (in the order created).
    public mutating func beginCitizen(_ pseudonym: Pseudonym, courses: [OrderCourse]) {
        citizen.removeAll(keepingCapacity: true)
        Self.fields([pseudonym.rawValue], csv, to: &citizen)
        placer = ExtractPlacer(courses)
        self.courses.removeAll(keepingCapacity: true)
        for course in placer.courses {
            let intervention = course.order.services.first
            let targetGroup = course.order.primaryTargetGroup ?? course.order.targetGroups.first?.code
            var text = CourseText(codes: [], names: [])
            Self.fields([intervention?.rawValue ?? "", course.order.provider.identifier, targetGroup?.rawValue ?? ""], csv, to: &text.codes)
            Self.fields([intervention.map { catalog.concept($0, kind: .services)?.name ?? "" } ?? "", course.order.provider.name,
                         targetGroup.map { catalog.concept($0, kind: .targetGroups)?.name ?? "" } ?? "", course.municipality?.code ?? ""],
                        csv, to: &text.names, last: true)
            self.courses.append(text)
        }
        courseBytes = self.courses.reduce(noCourse.codes.count + noCourse.names.count) { max($0, $1.codes.count + $1.names.count) }
    }

    /// Appends the rows of the current citizen's levels of the theme at catalogue `position`
    /// (by date); returns how many.
    @discardableResult
    public mutating func appendSeries(theme position: Int, points: ArraySlice<LevelSeries.Point>, to out: inout [UInt8]) -> Int {
        let theme = themeText(position)
        placer.beginTheme(catalog.themes[position].code)
        let goals = placer.courses.indices.map { placer.goalType(ofCourse: $0).flatMap { goalTypes[$0] } ?? [separator] }
        // Room for the longest row: the fields shared, a date, and the longest level, goal type
        // and support level (with their separators).
        let longest = citizen.count + theme.code.count + 11 + theme.area.count + theme.names.count + courseBytes + 3 * 32
        rows.count = 0
        rows.reserve(points.count * longest)
        var at = rows.base
        for point in points {
            let place = placer.place(day: point.day)
            let course = place.map { courses[$0.course] } ?? noCourse
            Self.put(citizen, at: &at)
            Self.put(theme.code, at: &at)
            putDate(point.day, at: &at)
            at.pointee = separator
            at += 1
            Self.put(levels[point.level >= 0 && point.level <= 4 ? Int(point.level) + 1 : 0], at: &at)
            Self.put(theme.area, at: &at)
            Self.put(course.codes, at: &at)
            Self.put(place.map { goals[$0.course] } ?? [separator], at: &at)
            Self.put(supportLevels[Self.supportIndex(place?.supportLevel)], at: &at)
            Self.put(theme.names, at: &at)
            Self.put(course.names, at: &at)
        }
        out.append(contentsOf: UnsafeBufferPointer(start: rows.base, count: at - rows.base))
        return points.count
    }

    /// Where a support level's text is in `supportLevels`.
    private static func supportIndex(_ level: Assessed<SupportLevel>?) -> Int {
        switch level {
        case nil: 0
        case .notAssessed: 1
        case .assessed(let level): 2 + level.ordinal
        }
    }

    private static func put(_ bytes: [UInt8], at pointer: inout UnsafeMutablePointer<UInt8>) {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            pointer.update(from: base, count: bytes.count)
            pointer += bytes.count
        }
    }

    /// The day's ISO date (as `LocalDate.iso` spells it), from its slot when it is there.
    private mutating func putDate(_ day: Int32, at pointer: inout UnsafeMutablePointer<UInt8>) {
        let slot = Int(UInt32(bitPattern: day)) & (Self.dateSlots - 1)
        if dateDays[slot] != day {
            let text = Array(LocalDate(dayNumber: Int(day)).iso.utf8)
            // A date of another length than ten (a year past 9999) is written, not kept.
            guard text.count == 10 else { return Self.put(text, at: &pointer) }
            dateDays[slot] = day
            dateTexts.replaceSubrange(slot * 10..<slot * 10 + 10, with: text)
        }
        dateTexts.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress! + slot * 10, count: 10) }
        pointer += 10
    }

    private mutating func themeText(_ position: Int) -> ThemeText {
        if let known = themes[position] { return known }
        let theme = catalog.themes[position]
        var text = ThemeText(code: [], area: [], names: [])
        Self.fields([theme.code.rawValue], csv, to: &text.code)
        Self.fields([theme.area.rawValue], csv, to: &text.area)
        Self.fields([theme.name, catalog.area(theme.area)?.name ?? ""], csv, to: &text.names)
        themes[position] = text
        return text
    }

    /// Fields quoted and separated, each followed by the separator, or the last by a line end.
    private static func fields(_ values: [String], _ csv: CSVWriter, to out: inout [UInt8], last: Bool = false) {
        for (index, value) in values.enumerated() {
            csv.appendField(value, to: &out)
            out.append(last && index == values.count - 1 ? 0x0A : UInt8(csv.separator.value))
        }
    }
}
