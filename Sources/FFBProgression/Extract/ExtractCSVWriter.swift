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
    /// The texts every citizen's rows share (levels, goal types, support levels, and each theme's
    /// once it is first written), one after another: a row copies pieces of it, no array each.
    private var shared: [UInt8] = []
    /// The current citizen's texts (pseudonym, courses), made again for each citizen.
    private var own: [UInt8] = []
    /// By catalogue position, made when a theme is first written.
    private var themes: [ThemeText?]
    /// Each level's field followed by the separator: 0…4 at 1…5, "ikke vurderet" at 0.
    private var levels: [Piece] = []
    /// Each goal type's field followed by the separator, and the separator alone (no goal type).
    private var goalTypes: [GoalType: Piece] = [:]
    private var noGoalType = Piece()
    /// Each support level's field followed by the separator (`supportIndex`).
    private var supportLevels: [Piece] = []
    /// The current citizen's pseudonym followed by the separator, and course fields (in `own`).
    private var citizen = Piece()
    private var placer = ExtractPlacer([])
    private var courses: [CourseText] = []
    /// A row no course is found for: its course fields empty (in `shared`).
    private var noCourse = CourseText()
    /// The longest course fields of the current citizen's (for a row's room).
    private var courseBytes = 0
    /// The goal type of each course for the theme being written.
    private var courseGoals: [Piece] = []
    /// The rows of one series are made here, then appended at once.
    private let rows = ByteBlock(capacity: 1 << 12)
    /// Dates as text by day number, in slots by the day's low bits: a citizen's themes share
    /// their assessments' dates, and an export its days.
    private var dateDays: [Int32]
    private var dateTexts: [UInt8]
    private static let dateSlots = 1024

    /// Where a text is in `shared` or `own`.
    private struct Piece {
        var start: Int32 = 0
        var count: Int32 = 0
    }

    /// What rows of one theme share: its code, its area's code (each followed by the separator),
    /// and its and its area's names (separated, followed by the separator); in `shared`.
    private struct ThemeText {
        var code: Piece
        var area: Piece
        var names: Piece
    }

    /// What rows of one course share: intervention, provider and target group codes (followed by
    /// the separator), and the intervention's, provider's and target group's names and the
    /// municipality (ending the line); in `own`, or `shared` for no course.
    private struct CourseText {
        var codes = Piece()
        var names = Piece()
    }

    /// `separator` is ASCII: "," or the Danish Excel dialect's ";".
    public init(catalog: Catalog, separator: Unicode.Scalar = ",") {
        csv = CSVWriter(separator: separator)
        self.separator = UInt8(ascii: separator)
        self.catalog = catalog
        themes = Array(repeating: nil, count: catalog.themes.count)
        dateDays = Array(repeating: .min, count: Self.dateSlots)
        dateTexts = Array(repeating: 0, count: Self.dateSlots * 10)
        levels = [field(Assessed<FunctionLevel>.notAssessedText)] + FunctionLevel.allCases.sorted { $0.rawValue < $1.rawValue }.map { field($0.cliValue) }
        for type in GoalType.allCases { goalTypes[type] = field(type.cliValue) }
        noGoalType = field("")
        supportLevels = [field(""), field(Assessed<SupportLevel>.notAssessed.cliValue)]
            + SupportLevel.allCases.sorted { $0.ordinal < $1.ordinal }.map { field(Assessed.assessed($0).cliValue) }
        noCourse = CourseText(codes: Self.fields(["", "", ""], csv, to: &shared), names: Self.fields(["", "", "", ""], csv, to: &shared, last: true))
    }

    /// One field and the separator, kept in `shared`.
    private mutating func field(_ value: String) -> Piece {
        Self.fields([value], csv, to: &shared)
    }

    /// The rows that follow are this citizen's, of these courses (in the order created).
    public mutating func beginCitizen(_ pseudonym: Pseudonym, courses: [OrderCourse]) {
        own.removeAll(keepingCapacity: true)
        citizen = Self.fields([pseudonym.rawValue], csv, to: &own)
        placer = ExtractPlacer(courses)
        self.courses.removeAll(keepingCapacity: true)
        courseBytes = Int(noCourse.codes.count + noCourse.names.count)
        for course in placer.courses {
            let order = course.order, context = ExtractPlacer.context(of: course, catalog: catalog)
            let text = CourseText(
                codes: Self.fields([context.intervention?.rawValue ?? "", order.provider.identifier, context.targetGroup?.rawValue ?? ""], csv, to: &own),
                names: Self.fields([context.interventionName, order.provider.name, context.targetGroupName, course.municipality?.code ?? ""],
                                   csv, to: &own, last: true)
            )
            self.courses.append(text)
            courseBytes = max(courseBytes, Int(text.codes.count + text.names.count))
        }
    }

    /// Appends the rows of the current citizen's levels of the theme at catalogue `position`
    /// (by date); returns how many.
    @discardableResult
    public mutating func appendSeries(theme position: Int, points: ArraySlice<LevelSeries.Point>, to out: inout [UInt8]) -> Int {
        let theme = themeText(position)
        placer.beginTheme(catalog.themes[position].code)
        courseGoals.removeAll(keepingCapacity: true)
        for course in placer.courses.indices { courseGoals.append(placer.goalType(ofCourse: course).flatMap { goalTypes[$0] } ?? noGoalType) }
        // Room for the longest row: the fields shared, a date, and the longest level, goal type
        // and support level (with their separators).
        let longest = Int(citizen.count + theme.code.count + theme.area.count + theme.names.count) + 11 + courseBytes + 3 * 32
        for point in points { keepDate(point.day) }
        rows.count = 0
        rows.reserve(points.count * longest)
        var at = rows.base
        shared.withUnsafeBufferPointer { shared in
            own.withUnsafeBufferPointer { own in
                func put(_ piece: Piece, from text: UnsafeBufferPointer<UInt8>) {
                    (at).update(from: text.baseAddress! + Int(piece.start), count: Int(piece.count))
                    at += Int(piece.count)
                }
                for point in points {
                    let place = placer.place(day: point.day)
                    put(citizen, from: own)
                    put(theme.code, from: shared)
                    putDate(point.day, at: &at)
                    at.pointee = separator
                    at += 1
                    put(levels[point.level >= 0 && point.level <= 4 ? Int(point.level) + 1 : 0], from: shared)
                    put(theme.area, from: shared)
                    if let place {
                        put(courses[place.course].codes, from: own)
                        put(courseGoals[place.course], from: shared)
                    } else {
                        put(noCourse.codes, from: shared)
                        put(noGoalType, from: shared)
                    }
                    put(supportLevels[Self.supportIndex(place?.supportLevel)], from: shared)
                    put(theme.names, from: shared)
                    if let place { put(courses[place.course].names, from: own) } else { put(noCourse.names, from: shared) }
                }
            }
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

    /// The day's ISO date (as `LocalDate.iso` spells it), from its slot when it is there.
    private func putDate(_ day: Int32, at pointer: inout UnsafeMutablePointer<UInt8>) {
        let slot = Int(UInt32(bitPattern: day)) & (Self.dateSlots - 1)
        if dateDays[slot] == day {
            dateTexts.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress! + slot * 10, count: 10) }
            pointer += 10
            return
        }
        for byte in LocalDate(dayNumber: Int(day)).iso.utf8 {
            pointer.pointee = byte
            pointer += 1
        }
    }

    /// Keeps the day's date in its slot (a year past 9999, of another length, is not kept).
    private mutating func keepDate(_ day: Int32) {
        let slot = Int(UInt32(bitPattern: day)) & (Self.dateSlots - 1)
        guard dateDays[slot] != day else { return }
        let text = Array(LocalDate(dayNumber: Int(day)).iso.utf8)
        guard text.count == 10 else { return }
        dateDays[slot] = day
        dateTexts.replaceSubrange(slot * 10..<slot * 10 + 10, with: text)
    }

    private mutating func themeText(_ position: Int) -> ThemeText {
        if let known = themes[position] { return known }
        let theme = catalog.themes[position]
        let text = ThemeText(
            code: Self.fields([theme.code.rawValue], csv, to: &shared), area: Self.fields([theme.area.rawValue], csv, to: &shared),
            names: Self.fields([theme.name, catalog.area(theme.area)?.name ?? ""], csv, to: &shared)
        )
        themes[position] = text
        return text
    }

    /// Fields quoted and separated, each followed by the separator, or the last by a line end,
    /// appended to `text`; where they are.
    private static func fields(_ values: [String], _ csv: CSVWriter, to text: inout [UInt8], last: Bool = false) -> Piece {
        let start = text.count
        for (index, value) in values.enumerated() {
            csv.appendField(value, to: &text)
            text.append(last && index == values.count - 1 ? 0x0A : UInt8(csv.separator.value))
        }
        return Piece(start: Int32(start), count: Int32(text.count - start))
    }
}
