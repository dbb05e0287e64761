import FFBCatalog
import FFBCSV
import FFBModel
import FFBProgression
import FFBStore
import FFBWorkflows
import Foundation
import Testing

/// The demo run as a library, and one citizen's progression read on its own.
@Suite struct DemoScenarioTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-demo-scenario-\(UUID().uuidString)")

    @Test func theDemoTellsItsStoryAndOneCitizenLoadsAsInTheWhole() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try DemoScenario(directory: directory, citizens: 12).run()
        #expect(outcome.citizens == 12)
        #expect(outcome.orders == 12)
        #expect(outcome.followUps == 36)
        #expect(outcome.exchanged == 12 + 36)
        #expect(outcome.providers.count == 4)
        let report = try String(contentsOf: directory.appendingPathComponent(outcome.reportFile), encoding: .utf8)
        #expect(report.hasPrefix("<!DOCTYPE html>"))
        let documents = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("exchange/reports").path)
        #expect(documents.count == 36)

        let store = try CaseStores.open(directory.appendingPathComponent("ffb.sqlite").path, create: false)
        defer { store.close() }
        let everyone = try StoreProgressionLoader.load(store)
        #expect(everyone.levels.count == 12)
        #expect(outcome.improvedShare == everyone.statistics(by: .none, rule: .first).groups.first?.statistics.improvedShare)
        // The compact levels-only read pairs exactly as the full read does.
        let extract = try StoreProgressionLoader.extract(store)
        #expect(extract.citizenCount == 12)
        for dimension in GroupDimension.allCases where dimension.followsFromTheme {
            for rule in [BaselineRule.first, .previous] {
                let compact = extract.statistics(by: dimension, rule: rule), full = everyone.statistics(by: dimension, rule: rule)
                #expect(compact.tally == full.tally)
                #expect(compact.groups.map(\.key) == full.groups.map(\.key))
                #expect(compact.groups.map(\.statistics.transitions) == full.groups.map(\.statistics.transitions), "\(dimension) \(rule)")
            }
        }
        // The extract file, grouped by its columns, pairs each order's rows as the store pairs
        // each order's course: every order's key, the goal type, and two keys at once.
        let text = ([ExtractRow.columns] + everyone.extractRows().map(\.fields)).map { CSVWriter().line($0) }.joined()
        for grouping in ["provider", "municipality", "intervention", "target-group", "goal-type", "municipality,provider", "goal-type,area"].compactMap(Grouping.init) {
            var reader = ExtractReader(catalog: BuiltInCatalogs.standard)
            reader.groupColumns = grouping.extractColumns
            let file = try reader.read(Data(text.utf8))
            for rule in [BaselineRule.first, .previous] {
                let fromFile = file.statistics(grouping: grouping, rule: rule), fromStore = everyone.statistics(grouping: grouping, rule: rule)
                #expect(fromFile.tally == fromStore.tally, "\(grouping) \(rule)")
                #expect(fromFile.groups.map(\.key) == fromStore.groups.map(\.key), "\(grouping) \(rule)")
                #expect(fromFile.groups.map(\.statistics.transitions) == fromStore.groups.map(\.statistics.transitions), "\(grouping) \(rule)")
                #expect(fromFile.groups.map { fromFile.clusteredStatistics(of: $0.key).citizens } == fromStore.groups.map { fromStore.clusteredStatistics(of: $0.key).citizens })
                #expect(!fromFile.groups.isEmpty, "\(grouping)")
            }
            let fileMix = file.caseMix(grouping: grouping, rule: .first), storeMix = everyone.caseMix(grouping: grouping, rule: .first)
            #expect(fileMix.groups.map(\.key) == storeMix.groups.map(\.key))
            #expect(fileMix.groups.map(\.comparison.observed) == storeMix.groups.map(\.comparison.observed))
            #expect(zip(fileMix.groups, storeMix.groups).allSatisfy { abs($0.comparison.expected - $1.comparison.expected) < 1e-9 })
            let fileWindows = file.trajectories(grouping: grouping), storeWindows = everyone.trajectories(grouping: grouping)
            #expect(fileWindows.groups.map(\.key) == storeWindows.groups.map(\.key) && fileWindows.groups.map(\.windows) == storeWindows.groups.map(\.windows))
        }
        for citizen in try store.citizens().map(\.value.pseudonym) {
            let one = try StoreProgressionLoader.load(store, citizens: [citizen])
            #expect(Array(one.levels.keys) == [citizen])
            #expect(describe(one.levels[citizen]) == describe(everyone.levels[citizen]))
            #expect(one.courses.map(\.order) == everyone.courses.filter { $0.order.citizen == citizen }.map(\.order))
            #expect(one.courses.map(\.end) == everyone.courses.filter { $0.order.citizen == citizen }.map(\.end))
        }
    }

    @Test func aFolderThatIsNotADemoFolderIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        #expect(throws: DemoError.self) { try DemoScenario(directory: directory, citizens: 1).run() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.txt"])
    }

    private func describe(_ series: [KLCode: LevelSeries]?) -> [String] {
        (series ?? [:]).map { "\($0.key): " + $0.value.points.map { "\($0.day)=\($0.level)" }.joined(separator: " ") }.sorted()
    }
}
