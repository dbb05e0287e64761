import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBStore

/// What the whole-store reads promise beyond each row: an order's goals in series order however
/// their versions were written.
@Suite struct WholeStoreReadTests {
    /// Goal A, then goal B, then A's second version: A's versions come first (A was recorded
    /// first), then B, from the one-order read and the whole-store read alike.
    @Test func anOrdersGoalsComeInSeriesOrderWhateverTheOrderWritten() throws {
        let (directory, store) = try freshStore("ffb-goal-order")
        defer { store.close(); try? FileManager.default.removeItem(at: directory) }
        let workout = StoreWorkout(store: store)
        let (_, order, first) = try workout.writeRecords()
        let second = try Goal(orderID: order.id, primaryTheme: try store.catalog.resolveTheme("Lave mad"), secondaryThemes: [],
                              type: .maintain, expectedLevel: .severe, description: "Holder fast", followUpDate: nil)
        try store.write(user: "t", command: "goal") { try $0.addGoal(second) }
        let revised = try first.revised(primaryTheme: try store.catalog.resolveTheme("Købe ind"), secondaryThemes: [], expectedLevel: .none)
        try store.write(user: "t", command: "goal revise") { try $0.addGoal(revised) }

        let expected = [first.id, revised.id, second.id]
        #expect(try store.goals(of: order.id).map(\.value.id) == expected)
        #expect(try store.goalsByOrder()[order.id]?.map(\.value.id) == expected)
    }
}
