import FFBCatalog
import FFBModel

/// One row of an analytic extract: a theme assessment with the context an analyst groups by.
/// Pseudonymised: the citizen is the store's pseudonym; there is no CPR number and no name.
public struct ExtractRow: Sendable, Equatable {
    public var citizen: String
    public var theme: KLCode
    public var date: LocalDate
    /// 0…4, or nil for "ikke vurderet".
    public var level: FunctionLevel?
    public var area: KLCode
    public var intervention: KLCode?
    public var provider: String?
    public var targetGroup: KLCode?
    public var goalType: GoalType?
    public var supportLevel: Assessed<SupportLevel>?
    /// The code of the municipality whose case the row's order belongs to.
    public var municipality: String?
    /// The names a person reads beside the codes (empty when the catalogue lacks a code).
    public var names = Names()

    /// Catalogue names of the row's theme, area, intervention and target group, and the provider's name.
    public struct Names: Sendable, Equatable {
        public var theme = "", area = "", intervention = "", provider = "", targetGroup = ""
        public init() {}
    }

    /// `citizen,theme,date,level` first, as `ffb stats --input` reads them; the codes' names last,
    /// so a reader that takes columns by position keeps working.
    public static let columns = [
        "citizen", "theme", "date", "level", "area", "intervention", "provider", "target_group", "goal_type", "support_level",
        "theme_name", "area_name", "intervention_name", "provider_name", "target_group_name", "municipality",
    ]

    /// The row's fields in `columns` order, as text.
    public var fields: [String] {
        [
            citizen, theme.rawValue, date.iso, level.map { String($0.rawValue) } ?? Assessed<FunctionLevel>.notAssessedText,
            area.rawValue, intervention?.rawValue ?? "", provider ?? "", targetGroup?.rawValue ?? "",
            goalType?.cliValue ?? "", supportLevel?.cliValue ?? "",
            names.theme, names.area, names.intervention, names.provider, names.targetGroup, municipality ?? "",
        ]
    }
}

extension ProgressionData {
    /// Every scored theme assessment as an extract row, citizens in pseudonym order, then theme
    /// and date. An assessment belongs to the order running on its date (the latest started),
    /// else to the next order it is the baseline of.
    public func extractRows() -> [ExtractRow] {
        var rows: [ExtractRow] = []
        forEachCitizenExtractRows { rows += $0 }
        return rows
    }

    /// The extract rows citizen by citizen (in `extractRows()` order), so a writer can stream
    /// them out without holding them all.
    public func forEachCitizenExtractRows<Failure: Error>(_ body: ([ExtractRow]) throws(Failure) -> Void) throws(Failure) {
        var coursesByCitizen: [Pseudonym: [OrderCourse]] = [:]
        for course in courses { coursesByCitizen[course.order.citizen, default: []].append(course) }
        var rows: [ExtractRow] = []
        for citizen in levels.keys.sorted() {
            rows.removeAll(keepingCapacity: true)
            Self.appendExtractRows(of: citizen, levels: levels[citizen] ?? [:], courses: coursesByCitizen[citizen] ?? [], catalog: catalog, to: &rows)
            if !rows.isEmpty { try body(rows) }
        }
    }

    /// One citizen's extract rows (theme in catalogue order, then date) from the citizen's levels
    /// and courses (in the order the orders were created).
    public static func appendExtractRows(
        of citizen: Pseudonym, levels: [KLCode: LevelSeries], courses: [OrderCourse], catalog: Catalog, to rows: inout [ExtractRow]
    ) {
        var placer = ExtractPlacer(courses)
        let themes = levels.keys.sorted { (catalog.themePosition($0) ?? 0) < (catalog.themePosition($1) ?? 0) }
        // What a row takes from its course, worked out once per course (a citizen has few).
        let contexts = placer.courses.map { ExtractPlacer.context(of: $0, catalog: catalog) }
        for theme in themes {
            // And what it takes from its theme, once per theme.
            let themeEntry = catalog.theme(theme)
            let area = themeEntry?.area ?? theme
            let themeName = themeEntry?.name ?? "", areaName = catalog.area(area)?.name ?? ""
            placer.beginTheme(theme)
            for point in levels[theme]?.points ?? [] {
                let place = placer.place(day: point.day)
                let course = place.map { placer.courses[$0.course] }, context = place.map { contexts[$0.course] }
                var row = ExtractRow(
                    citizen: citizen.rawValue, theme: theme, date: LocalDate(dayNumber: Int(point.day)),
                    level: point.level >= 0 ? FunctionLevel(rawValue: Int(point.level)) : nil,
                    area: area,
                    intervention: context?.intervention, provider: course?.order.provider.identifier,
                    targetGroup: context?.targetGroup,
                    goalType: place?.goalType, supportLevel: place?.supportLevel
                )
                row.names.theme = themeName
                row.names.area = areaName
                row.names.intervention = context?.interventionName ?? ""
                row.names.provider = course?.order.provider.name ?? ""
                row.names.targetGroup = context?.targetGroupName ?? ""
                row.municipality = course?.municipality?.code
                rows.append(row)
            }
        }
    }
}

/// Which of a citizen's courses an extract row belongs to, and what it takes from it: the
/// course running on the row's date (the latest started), else the next one the assessment is
/// the baseline of; that course's goal type for the row's theme (its first goal on the theme)
/// and the support level in force on the date (before the first spell: the order's own). One
/// place for the rule, whether the rows are made as values or written straight as text.
struct ExtractPlacer {
    /// The citizen's courses by start (the order created first when two start on one day).
    let courses: [OrderCourse]
    /// Each course's start and end (`Int32.max` while it runs) and support spells, in days.
    private let starts: [Int32], ends: [Int32]
    private let spells: [[(from: Int32, level: Assessed<SupportLevel>)]]
    /// Each course's goal type for the theme begun last (`beginTheme`).
    private var goalTypes: [GoalType?]

    /// What a row takes from its course's order: the intervention (the order's first service)
    /// and the target group (its primary one, else its first), with their catalogue names.
    struct CourseContext {
        var intervention: KLCode?
        var targetGroup: KLCode?
        var interventionName: String
        var targetGroupName: String
    }

    static func context(of course: OrderCourse, catalog: Catalog) -> CourseContext {
        let intervention = course.order.services.first
        let targetGroup = course.order.primaryTargetGroup ?? course.order.targetGroups.first?.code
        return CourseContext(intervention: intervention, targetGroup: targetGroup,
                             interventionName: intervention.map { catalog.concept($0, kind: .services)?.name ?? "" } ?? "",
                             targetGroupName: targetGroup.map { catalog.concept($0, kind: .targetGroups)?.name ?? "" } ?? "")
    }

    struct Place {
        var course: Int
        var goalType: GoalType?
        var supportLevel: Assessed<SupportLevel>?
    }

    init(_ courses: [OrderCourse]) {
        self.courses = courses.sorted { $0.order.start < $1.order.start }
        starts = self.courses.map { Int32($0.order.start.dayNumber) }
        ends = self.courses.map { $0.end.map { Int32($0.dayNumber) } ?? .max }
        spells = self.courses.map { $0.supportSpells.map { (Int32($0.from.dayNumber), $0.level) } }
        goalTypes = Array(repeating: nil, count: self.courses.count)
    }

    /// The rows that follow are of `theme`.
    mutating func beginTheme(_ theme: KLCode) {
        for index in courses.indices { goalTypes[index] = courses[index].goals.first { $0.primaryTheme == theme }?.type }
    }

    /// The goal type for the current theme of the course at `index` in `courses`.
    func goalType(ofCourse index: Int) -> GoalType? {
        goalTypes[index]
    }

    /// Where a row of the current theme dated `day` belongs; nil when no course is running then
    /// or starts later.
    func place(day: Int32) -> Place? {
        guard let course = starts.indices.last(where: { starts[$0] <= day && day <= ends[$0] }) ?? starts.firstIndex(where: { $0 > day }) else {
            return nil
        }
        let spells = spells[course]
        return Place(course: course, goalType: goalTypes[course], supportLevel: spells.last { $0.from <= day }?.level ?? spells.first?.level)
    }
}
