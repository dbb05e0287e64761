import FFBCatalog
import FFBModel

/// What the engine needs of one order (an intervention course) to judge progression: who, which
/// provider and services, the goals, the support levels over time, and when it ended.
public struct OrderCourse: Sendable {
    public let order: Order
    /// Current goal versions (not entered in error).
    public let goals: [Goal]
    /// Support levels in force from each date: the order's, then each follow-up's.
    public let supportSpells: [SupportSpell]
    /// When the intervention ended (a follow-up that ended it, its explicit ending or its case's
    /// closing, whichever came first), if it has.
    public let end: LocalDate?
    /// The municipality of the order's case (the ordering municipality); nil when unknown.
    public let municipality: Municipality?

    public init(order: Order, goals: [Goal], supportSpells: [SupportSpell], end: LocalDate?, municipality: Municipality? = nil) {
        self.order = order
        self.goals = goals
        self.supportSpells = supportSpells
        self.end = end
        self.municipality = municipality
    }

    /// The group key of this course in a store-only dimension.
    public func key(_ dimension: GroupDimension) -> GroupKey? {
        switch dimension {
        case .intervention: order.services.first.map { GroupKey(.intervention, $0.rawValue) }
        case .provider: GroupKey(.provider, order.provider.identifier)
        case .targetGroup: (order.primaryTargetGroup ?? order.targetGroups.first?.code).map { GroupKey(.targetGroup, $0.rawValue) }
        case .municipality: municipality.map { GroupKey(.municipality, $0.code) }
        case .none: .all
        case .theme, .area, .goalType: nil
        }
    }

    /// A citizen's level series of one theme cut to this course: the last level at or before the
    /// start as baseline, then every level until the course ended.
    public func series(from all: LevelSeries) -> LevelSeries {
        var points: [LevelSeries.Point] = []
        forEachPoint(of: all) { points.append($0) }
        return LevelSeries(points: points)
    }

    /// The first and the last point of `series(from: all)` that `include` keeps, without making
    /// the series (judging a goal needs no more).
    func firstAndLast(of all: LevelSeries, where include: (LevelSeries.Point) -> Bool) -> (first: LevelSeries.Point?, last: LevelSeries.Point?) {
        var first: LevelSeries.Point?, last: LevelSeries.Point?
        forEachPoint(of: all) { point in
            guard include(point) else { return }
            if first == nil { first = point }
            last = point
        }
        return (first, last)
    }

    /// The points of `series(from: all)`, in order: the one place a course's window is decided.
    private func forEachPoint(of all: LevelSeries, _ body: (LevelSeries.Point) -> Void) {
        let start = Int32(order.start.dayNumber)
        let end = self.end.map { Int32($0.dayNumber) } ?? Int32.max
        if let baseline = all.points.last(where: { $0.day <= start }) { body(baseline) }
        for point in all.points where point.day > start && point.day <= end { body(point) }
    }

    /// The support-level series of this course (A…E as 0…4, not assessed as -1).
    public var supportSeries: LevelSeries {
        LevelSeries(points: supportSpells.map {
            LevelSeries.Point(day: Int32($0.from.dayNumber), level: $0.level.level.map { Int8($0.ordinal) } ?? LevelSeries.notAssessed)
        })
    }
}

/// Everything the progression engine reads from a store, as domain values.
public struct ProgressionData: Sendable {
    public let catalog: Catalog
    /// Per citizen, per scored theme: the level series (one point per day; the later record wins).
    public let levels: [Pseudonym: [KLCode: LevelSeries]]
    public let courses: [OrderCourse]

    public init(catalog: Catalog, levels: [Pseudonym: [KLCode: LevelSeries]], courses: [OrderCourse]) {
        self.catalog = catalog
        self.levels = levels
        self.courses = courses
    }
}

extension ProgressionData {
    /// Each provider's name by its identifier (the group key of `--by provider`): the name of its
    /// latest order, so a provider renamed between orders reads as it does now.
    public var providerNames: [String: String] {
        latestNames { course in (course.order.provider.identifier, course.order.provider.name) }
    }

    /// Each municipality's name by its code (the group key of `--by municipality`), as its
    /// latest order's case gives it.
    public var municipalityNames: [String: String] {
        latestNames { course in course.municipality.map { ($0.code, $0.name) } }
    }

    /// Each key's name as the course that started last names it (of two that started the same
    /// day, the later in `courses`), in one pass: no sorted copy of the courses.
    private func latestNames(_ named: (OrderCourse) -> (key: String, name: String)?) -> [String: String] {
        var latest: [String: (start: LocalDate, name: String)] = [:]
        for course in courses {
            guard let (key, name) = named(course) else { continue }
            if let seen = latest[key], seen.start > course.order.start { continue }
            latest[key] = (course.order.start, name)
        }
        return latest.mapValues(\.name)
    }

    /// The names people read beside providers' identifiers and municipalities' codes, for the
    /// dimensions of `grouping`.
    public func groupNames(_ grouping: Grouping) -> [String: String] {
        var names: [String: String] = [:]
        if grouping.dimensions.contains(.municipality) { names.merge(municipalityNames) { first, _ in first } }
        if grouping.dimensions.contains(.provider) { names.merge(providerNames) { _, provider in provider } }
        return names
    }
}
