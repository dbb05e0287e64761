import FFBCatalog
import FFBModel
import FFBProgression
import FFBStore
import Foundation

/// Reads a store into the progression engine's domain values. Records marked entered in error are
/// left out; when a theme has two levels on one day, the later record wins.
public enum StoreProgressionLoader {
    /// Everyone in the store, in a few ordered passes: the levels in one, the orders in one, each
    /// order's goals and follow-ups by their index.
    public static func load(_ store: any CaseStore) throws -> ProgressionData {
        let citizens = try store.citizens().map(\.value.pseudonym)
        var levels = Dictionary(uniqueKeysWithValues: citizens.map { ($0, [KLCode: LevelSeries]()) })
        try store.forEachCitizenLevels { citizen, recorded in levels[citizen] = series(recorded) }
        // Courses citizen by citizen, as the per-citizen path gives them.
        let position = Dictionary(uniqueKeysWithValues: citizens.enumerated().map { ($1, $0) })
        let orders = try store.orders().filter { $0.enteredInError == nil }.map(\.value).enumerated()
            .sorted { (position[$0.element.citizen] ?? 0, $0.offset) < (position[$1.element.citizen] ?? 0, $1.offset) }
        let goals = try store.goalsByOrder(), followUps = try store.followUpsByOrder()
        let courses = orders.map { course($0.element, goals: goals[$0.element.id] ?? [], followUps: followUps[$0.element.id] ?? []) }
        return ProgressionData(catalog: store.catalog, levels: levels, courses: courses)
    }

    /// The given citizens only, read by the store's per-citizen queries: one citizen's view costs
    /// what that citizen's records cost, whatever the size of the store.
    public static func load(_ store: any CaseStore, citizens: [Pseudonym]) throws -> ProgressionData {
        var levels: [Pseudonym: [KLCode: LevelSeries]] = [:]
        var courses: [OrderCourse] = []
        for citizen in citizens {
            var recorded: [RecordedLevel] = []
            for stored in try store.assessments(of: citizen) where stored.enteredInError == nil {
                for entry in stored.value.entries {
                    guard let level = entry.level else { continue }
                    recorded.append(RecordedLevel(date: stored.value.date, theme: entry.theme, level: level))
                }
            }
            levels[citizen] = series(recorded)
            for stored in try store.orders(of: citizen) where stored.enteredInError == nil {
                let order = stored.value
                courses.append(course(order, goals: try store.goals(of: order.id), followUps: try store.followUps(of: order.id)))
            }
        }
        return ProgressionData(catalog: store.catalog, levels: levels, courses: courses)
    }

    /// A citizen's levels as one series per theme; when a theme has two levels on one day, the
    /// later record wins.
    static func series(_ recorded: [RecordedLevel]) -> [KLCode: LevelSeries] {
        var byTheme: [KLCode: [Int32: Int8]] = [:]
        for entry in recorded {
            byTheme[entry.theme, default: [:]][Int32(entry.date.dayNumber)] = entry.level.level.map { Int8($0.rawValue) } ?? LevelSeries.notAssessed
        }
        return byTheme.mapValues { days in
            LevelSeries(points: days.keys.sorted().map { LevelSeries.Point(day: $0, level: days[$0] ?? LevelSeries.notAssessed) })
        }
    }

    /// An order's course: its current goals, its support spells, and when it ended.
    static func course(_ order: Order, goals stored: [Stored<Goal>], followUps recorded: [Stored<StoredFollowUp>]) -> OrderCourse {
        let goals = stored.currentVersions
        let followUps = recorded.filter { $0.enteredInError == nil }.map(\.value)
        var spells = [SupportSpell(from: order.start, level: order.supportLevel)]
        for followUp in followUps {
            guard let level = followUp.supportLevel else { continue }
            if spells.last?.from == followUp.date { spells.removeLast() }
            spells.append(SupportSpell(from: followUp.date, level: level))
        }
        return OrderCourse(order: order, goals: goals, supportSpells: spells, end: followUps.first { $0.status != .continue }?.date)
    }
}

extension Array where Element == Stored<Goal> {
    /// The newest version of each goal series that is not entered in error, in the order the
    /// series were first recorded.
    public var currentVersions: [Goal] {
        var latest: [UUID: Stored<Goal>] = [:]
        var order: [UUID] = []
        for goal in self {
            if latest[goal.value.seriesID] == nil { order.append(goal.value.seriesID) }
            latest[goal.value.seriesID] = goal
        }
        return order.compactMap { latest[$0] }.filter { $0.enteredInError == nil }.map(\.value)
    }
}
