import FFBCatalog
import FFBModel
import FFBProgression
import FFBStore
import Foundation

/// Reads a store into the progression engine's domain values. Records marked entered in error are
/// left out; when a theme has two levels on one day, the later record wins.
public enum StoreProgressionLoader {
    /// Everyone in the store.
    public static func load(_ store: any CaseStore) throws -> ProgressionData {
        try load(store, citizens: store.citizens().map(\.value.pseudonym))
    }

    /// The given citizens only, read by the store's per-citizen queries: one citizen's view costs
    /// what that citizen's records cost, whatever the size of the store.
    public static func load(_ store: any CaseStore, citizens: [Pseudonym]) throws -> ProgressionData {
        var levels: [Pseudonym: [KLCode: LevelSeries]] = [:]
        var courses: [OrderCourse] = []
        for citizen in citizens {
            var byTheme: [KLCode: [Int32: Int8]] = [:]
            for stored in try store.assessments(of: citizen) where stored.enteredInError == nil {
                let day = Int32(stored.value.date.dayNumber)
                for entry in stored.value.entries {
                    guard let level = entry.level else { continue }
                    byTheme[entry.theme, default: [:]][day] = level.level.map { Int8($0.rawValue) } ?? LevelSeries.notAssessed
                }
            }
            levels[citizen] = byTheme.mapValues { days in
                LevelSeries(points: days.keys.sorted().map { LevelSeries.Point(day: $0, level: days[$0] ?? LevelSeries.notAssessed) })
            }
            for stored in try store.orders(of: citizen) where stored.enteredInError == nil {
                let order = stored.value
                let goals = try store.goals(of: order.id).currentVersions
                let followUps = try store.followUps(of: order.id).filter { $0.enteredInError == nil }.map(\.value)
                var spells = [SupportSpell(from: order.start, level: order.supportLevel)]
                for followUp in followUps {
                    guard let level = followUp.supportLevel else { continue }
                    if spells.last?.from == followUp.date { spells.removeLast() }
                    spells.append(SupportSpell(from: followUp.date, level: level))
                }
                let end = followUps.first { $0.status != .continue }?.date
                courses.append(OrderCourse(order: order, goals: goals, supportSpells: spells, end: end))
            }
        }
        return ProgressionData(catalog: store.catalog, levels: levels, courses: courses)
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
