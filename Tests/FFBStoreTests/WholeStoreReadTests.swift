import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBStore

/// What the whole-store reads promise beyond each row: an order's goals in series order however
/// their versions were written, and the same values as each record's own queries.
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

        #expect(try store.goals(of: order.id).map(\.value.id) == [first.id, revised.id, second.id])
        // The current versions: each series' newest, in the order the series were first recorded.
        #expect(try store.goals(of: order.id).currentVersions.map(\.id) == [revised.id, second.id])
        #expect(try store.currentGoalsByOrder()[order.id]?.map(\.id) == [revised.id, second.id])
    }

    /// Two orders of one citizen, each with several services or target groups, their goals
    /// written in turn, follow-ups with notes, and two assessments on one day: each whole-store
    /// read (a table read in its own order, put in order in memory) gives what the record's own
    /// queries give.
    @Test func theWholeStoreReadsGiveWhatEachRecordsOwnQueriesGive() throws {
        let (directory, store) = try freshStore("ffb-whole-store")
        defer { store.close(); try? FileManager.default.removeItem(at: directory) }
        let workout = StoreWorkout(store: store), catalog = store.catalog
        let (citizen, first, goal) = try workout.writeRecords()
        let second = try Order(
            citizen: citizen.pseudonym, caseNumber: "S-1", services: catalog.services.prefix(3).reversed().map(\.code), offerType: nil,
            targetGroups: catalog.targetGroups.prefix(3).reversed().enumerated().map { TargetGroupAssignment(code: $1.code, isPrimary: $0 == 1) },
            provider: try Organization(name: "Bostøtten", identifier: "123"), supportLevel: .assessed(.b),
            issued: try workout.date("2025-02-01"), start: try workout.date("2025-03-01"), catalog: catalog
        )
        let washing = try Goal(orderID: second.id, primaryTheme: try catalog.resolveTheme("Vaske tøj"), secondaryThemes: [],
                               type: .maintain, expectedLevel: .moderate, description: "Vasker selv", followUpDate: nil)
        let shopping = try Goal(orderID: second.id, primaryTheme: try catalog.resolveTheme("Købe ind"), secondaryThemes: [],
                               type: .develop, expectedLevel: .mild, description: "Køber ind", followUpDate: nil)
        try store.write(user: "t", command: "second order") { writer in
            try writer.createOrder(second)
            try writer.addGoal(washing)
            try writer.addGoal(shopping)
            try writer.addGoal(try Goal(orderID: first.id, primaryTheme: try catalog.resolveTheme("Lave mad"),
                                        secondaryThemes: [try catalog.resolveTheme("Vaske tøj"), try catalog.resolveTheme("Købe ind")],
                                        type: .develop, expectedLevel: .mild, description: "Laver mad", followUpDate: nil))
        }
        for themes in [["Vaske tøj", "Købe ind", "Lave mad"], ["Lave mad"]] {
            try store.write(user: "t", command: "same day") { writer in
                try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: "S-1", date: try workout.date("2025-01-20"), assessor: "B",
                                                 entries: try workout.entries(themes, level: .moderate)))
            }
        }
        _ = try workout.writeCorrections(citizen: citizen, order: first, goal: goal)
        // Two more follow-ups, the later one written first: the table's order is not the dates'.
        for (day, level) in [("2025-07-01", SupportLevel.c), ("2025-06-01", .d)] {
            let followUp = try FollowUp(order: first, date: try workout.date(day), entries: try workout.entries(["Købe ind"], level: .mild),
                                        supportLevel: .assessed(level), goalNotes: [], status: .continue, author: "A")
            try store.write(user: "t", command: "follow-up") { try $0.record(followUp, citizen: citizen.pseudonym, caseNumber: "S-1") }
        }

        let everyOrder = try store.orders(of: nil)
        #expect(everyOrder.map(\.value) == (try store.orders(of: citizen.pseudonym)).map(\.value))
        for stored in everyOrder {
            let own = try store.order(stored.value.id.storeText)
            #expect(stored.value == own.value && stored.recorded == own.recorded && stored.enteredInError == own.enteredInError)
        }
        #expect(everyOrder.contains { $0.value.services.count > 1 && $0.value.targetGroups.count > 1 })
        // A goal entered in error is no current goal; its order's other goal still is.
        try store.write(user: "t", command: "goal in error") { try $0.markEnteredInError(kind: .goal, id: washing.id.storeText, reason: "wrong order") }
        let goals = try store.currentGoalsByOrder()
        #expect(goals[second.id]?.map(\.id) == [shopping.id])
        for order in [first, second] {
            #expect(goals[order.id] == (try store.goals(of: order.id)).currentVersions)
        }
        #expect(goals[first.id]?.contains { $0.secondaryThemes.count == 2 } == true)
        let followUps = try store.followUps(ofCitizen: nil), own = try store.followUps(of: first.id)
        #expect(followUps.map(\.value.id) == own.map(\.value.id))
        #expect(followUps.map { $0.value.goalNotes.map(\.note) } == own.map { $0.value.goalNotes.map(\.note) })
        #expect(followUps.contains { !$0.value.goalNotes.isEmpty })
        // What the follow-ups that count decided, in the order the order's own read gives them.
        let outcomes = try store.followUpOutcomesByOrder()[first.id]
        #expect(outcomes == own.filter { $0.enteredInError == nil }.map {
            FollowUpOutcome(date: $0.value.date, supportLevel: $0.value.supportLevel, status: $0.value.status, nextFollowUp: $0.value.nextFollowUp)
        })
        #expect(outcomes?.prefix(2).map(\.supportLevel) == [.assessed(.d), .assessed(.c)])
        let themes = try store.assessmentThemesByCitizen()[citizen.pseudonym]
        let expected = try store.assessments(of: citizen.pseudonym).filter { $0.enteredInError == nil && $0.value.kind == .assessment }.map {
            AssessmentThemes(caseNumber: $0.value.caseNumber, date: $0.value.date, themes: $0.value.entries.map(\.theme))
        }
        #expect(themes == expected)
        #expect(expected.filter { $0.date == (try? workout.date("2025-01-20")) }.count >= 2)
    }

    /// Seven citizens with levels (and one without), in runs of two on the workers: the runs'
    /// citizens, joined in the order consumed, are those `forEachCitizenLevels` hands, with the
    /// same levels, in either order; what `meanwhile` reads is there before any run starts.
    @Test(arguments: [CitizenOrder.registered, .pseudonym])
    func runsOfCitizensOnTheWorkersAreConsumedInCitizenOrder(order: CitizenOrder) throws {
        let (directory, store) = try storeOfEightCitizens()
        defer { store.close(); try? FileManager.default.removeItem(at: directory) }
        let expected = try handed(by: store, order)
        var consumed: [String] = [], runs = 0
        final class Seen: @unchecked Sendable { var value = false }
        let seen = Seen()
        try store.mapCitizenRuns(progress: .none, order: order, citizensPerRun: 2, meanwhile: { seen.value = true }, run: { citizens in
            var lines: [String] = []
            citizens { citizen, levels in lines.append("\(citizen) \(levels)") }
            return seen.value ? lines : []
        }) { lines in
            consumed += lines
            runs += 1
        }
        #expect(expected.count == 8)
        #expect(consumed == expected)
        #expect(runs == 4)
    }

    /// `mapAllCitizenRuns` returns every run, in citizen order, with what `forEachCitizenLevels`
    /// hands; on a store file the runs are made while `meanwhile` still runs: `meanwhile` waits
    /// (at most ten seconds) for the first run and finds it made.
    @Test(arguments: [CitizenOrder.registered, .pseudonym])
    func allRunsAreMadeWhileMeanwhileRunsAndComeInCitizenOrder(order: CitizenOrder) throws {
        let (directory, store) = try storeOfEightCitizens()
        defer { store.close(); try? FileManager.default.removeItem(at: directory) }
        let expected = try handed(by: store, order)
        let firstRun = DispatchSemaphore(value: 0)
        var runMadeMeanwhile = false
        let runs = try store.mapAllCitizenRuns(progress: .none, order: order, citizensPerRun: 3, meanwhile: {
            runMadeMeanwhile = firstRun.wait(timeout: .now() + 10) == .success
        }, run: { citizens in
            var lines: [String] = []
            citizens { citizen, levels in lines.append("\(citizen) \(levels)") }
            firstRun.signal()
            return lines
        })
        #expect(runs.map(\.count) == [3, 3, 2])
        #expect(runs.flatMap(\.self) == expected)
        #expect(runMadeMeanwhile || ServerBackend.onServer)
    }

    /// Each citizen's levels as `forEachCitizenLevels` hands them, a line each.
    private func handed(by store: Store, _ order: CitizenOrder) throws -> [String] {
        var lines: [String] = []
        try store.forEachCitizenLevels(progress: .none, order: order, meanwhile: {}) { citizen, levels in lines.append("\(citizen) \(levels)") }
        return lines
    }

    /// Eight citizens registered one by one, seven with levels on one to three themes.
    private func storeOfEightCitizens() throws -> (URL, Store) {
        let (directory, store) = try freshStore("ffb-runs")
        let workout = StoreWorkout(store: store)
        for day in 1...8 {
            try store.write(user: "t", command: "citizen") { writer in
                let citizen = try writer.addCitizen(cpr: try CPRNumber("0\(day)0190-1234"), name: "Borger \(day)")
                guard day != 4 else { return }
                for (date, level) in [("2025-01-0\(day)", FunctionLevel.severe), ("2025-03-0\(day)", .mild)] {
                    try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: nil, date: try workout.date(date), assessor: "A",
                                                     entries: try workout.entries(Array(["Købe ind", "Lave mad", "Vaske tøj"].prefix(day % 3 + 1)), level: level)))
                }
            }
        }
        return (directory, store)
    }
}
