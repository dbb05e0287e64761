import FFBCatalog
import FFBModel
import FFBProgression
import FFBStore

/// Reads a store into the progression engine's domain values. Records marked entered in error are
/// left out; when a theme has two levels on one day, the later record wins.
enum StoreProgressionLoader {
    static func load(_ store: Store) throws -> ProgressionData {
        var levels: [Pseudonym: [KLCode: LevelSeries]] = [:]
        var courses: [OrderCourse] = []
        for citizen in try store.citizens().map(\.value.pseudonym) {
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
                let goals = OrderSummary.currentVersions(try store.goals(of: order.id))
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
