import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// The whole-store levels pass (`forEachCitizenLevels`) joins entries, assessments, series,
/// citizens and entered-in-error marks in memory; these are the cases where that join could go
/// wrong, each with the levels expected by hand.
@Suite struct LevelsPassTests {
    let catalog = BuiltInCatalogs.standard
    let store: Store

    init() throws {
        store = try freshStore("ffb-levels-pass").store
    }

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    func position(_ name: String) throws -> Int16 {
        let theme = try catalog.resolveTheme(name)
        return Int16(try #require(catalog.themes.firstIndex { $0.code == theme.code }))
    }

    func entry(_ name: String, _ level: Assessed<FunctionLevel>) throws -> AssessmentEntry {
        try AssessmentEntry(theme: try catalog.resolveTheme(name), level: level, note: nil, source: .caseworker)
    }

    func assess(_ citizen: Citizen, _ day: String, _ entries: [AssessmentEntry]) throws -> Assessment {
        let assessment = try Assessment(citizen: citizen.pseudonym, caseNumber: nil, date: try date(day), assessor: "A", entries: entries)
        try store.write(user: "t", command: "assess") { try $0.record(assessment) }
        return assessment
    }

    @Test func everyCitizenInRegistrationOrderWithTheLevelsThatCount() throws {
        let (first, unassessed, second) = try store.write(user: "t", command: "citizens") { writer in
            (try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette"),
             try writer.addCitizen(cpr: try CPRNumber("020290-1234"), name: "Bo"),
             try writer.addCitizen(cpr: try CPRNumber("030390-1234"), name: "Ib"))
        }
        let relevance = try AssessmentEntry(theme: try #require(catalog.themes.first { !$0.scored }), level: nil, relevance: .relevant,
                                            note: "en note", source: .caseworker)
        // Written out of date order, with a theme scored twice on one day (the later write wins),
        // an "ikke vurderet", an unscored theme (no level: left out) and a record entered in error.
        _ = try assess(first, "2025-03-01", [try entry("Købe ind", .assessed(.moderate)), try entry("Lave mad", .notAssessed), relevance])
        _ = try assess(first, "2025-01-10", [try entry("Købe ind", .assessed(.severe))])
        _ = try assess(first, "2025-03-01", [try entry("Købe ind", .assessed(.mild))])
        let wrong = try assess(first, "2025-02-01", [try entry("Lave mad", .assessed(.complete))])
        try store.write(user: "t", command: "error") { try $0.markEnteredInError(kind: .assessment, id: wrong.id.storeText, reason: "forkert borger") }
        _ = try assess(second, "2024-12-24", [try entry("Lave mad", .assessed(.none))])

        var seen: [(Pseudonym, [ScoredLevel])] = []
        try store.forEachCitizenLevels { seen.append(($0, $1)) }

        let buy = try position("Købe ind"), cook = try position("Lave mad")
        let day = { (text: String) throws -> Int32 in Int32(try self.date(text).dayNumber) }
        #expect(seen.map(\.0) == [first.pseudonym, unassessed.pseudonym, second.pseudonym])
        // By theme in catalogue order, then date, then the order written.
        let buying = [
            ScoredLevel(theme: buy, day: try day("2025-01-10"), level: 3),
            ScoredLevel(theme: buy, day: try day("2025-03-01"), level: 2),
            ScoredLevel(theme: buy, day: try day("2025-03-01"), level: 1),
        ]
        let cooking = [ScoredLevel(theme: cook, day: try day("2025-03-01"), level: ScoredLevel.notAssessed)]
        let expected = buy < cook ? buying + cooking : cooking + buying
        #expect(seen[0].1 == expected)
        #expect(seen[1].1.isEmpty)
        #expect(seen[2].1 == [ScoredLevel(theme: cook, day: try day("2024-12-24"), level: 0)])
    }

    @Test func aFollowUpEnteredInErrorTakesItsLevelsWithIt() throws {
        let citizen = try store.write(user: "t", command: "citizen") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }
        let caseFile = try CaseFile(caseNumber: "S-1", citizen: citizen.pseudonym, opened: try date("2025-01-01"),
                                    municipality: try Municipality(name: "Aarhus", code: "0751"))
        let order = try Order(
            citizen: citizen.pseudonym, caseNumber: "S-1", services: [catalog.services[0].code], offerType: nil, targetGroups: [],
            provider: try Organization(name: "Bostøtten", identifier: "123"), payer: nil, supportLevel: .assessed(.c),
            issued: try date("2025-02-01"), start: try date("2025-02-01"), followUpDate: nil, catalog: catalog
        )
        try store.write(user: "t", command: "order") { writer in
            try writer.openCase(caseFile)
            try writer.createOrder(order)
        }
        _ = try assess(citizen, "2025-01-15", [try entry("Købe ind", .assessed(.severe))])
        let kept = try FollowUp(order: order, date: try date("2025-05-01"), entries: [try entry("Købe ind", .assessed(.moderate))],
                                supportLevel: nil, goalNotes: [], status: .continue, author: "A")
        let dropped = try FollowUp(order: order, date: try date("2025-08-01"), entries: [try entry("Købe ind", .assessed(.none))],
                                   supportLevel: nil, goalNotes: [], status: .continue, author: "A")
        try store.write(user: "t", command: "follow-ups") { writer in
            try writer.record(kept, citizen: citizen.pseudonym, caseNumber: "S-1")
            try writer.record(dropped, citizen: citizen.pseudonym, caseNumber: "S-1")
        }
        try store.write(user: "t", command: "error") { try $0.markEnteredInError(kind: .followUp, id: dropped.id.storeText, reason: "forkert dato") }

        var levels: [ScoredLevel] = []
        try store.forEachCitizenLevels { _, scored in levels += scored }
        let buy = try position("Købe ind")
        #expect(levels == [
            ScoredLevel(theme: buy, day: Int32(try date("2025-01-15").dayNumber), level: 3),
            ScoredLevel(theme: buy, day: Int32(try date("2025-05-01").dayNumber), level: 2),
        ])
    }

    @Test(.storeFile) func theEntriesReadOnASecondConnectionAreThoseReadOnThisOneAndOnlyForTheSameState() throws {
        let citizen = try store.write(user: "t", command: "citizen") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }
        _ = try assess(citizen, "2025-01-10", [try entry("Købe ind", .assessed(.severe)), try entry("Lave mad", .notAssessed)])
        _ = try assess(citizen, "2025-03-01", [try entry("Købe ind", .assessed(.mild))])
        let lastWrite = try #require(try store.database.firstRow("SELECT MAX(id) FROM writes")?.int64(0))
        let here = try EntryGroups.scan(store.database, range: .all, progress: .none)
        #expect(here.idEnds.count == 2)
        #expect(here.series.count == 3)
        var elsewhere: [EntryGroups] = []
        for index in 2..<LevelPiece.count {
            let piece = try LevelPiece.read(index, storeAt: store.path, lastWrite: lastWrite, catalog: catalog, progress: .none)
            elsewhere.append(try #require(piece?.entries))
            #expect(piece?.entries == (try EntryGroups.scan(store.database, range: EntryGroups.ranges[index - 2], progress: .none)))
        }
        #expect(elsewhere.map(\.series.count).reduce(0, +) == 3)
        // Another committed state (a write more, or fewer): no piece read there is used.
        for index in 0..<LevelPiece.count {
            #expect(try LevelPiece.read(index, storeAt: store.path, lastWrite: lastWrite - 1, catalog: catalog, progress: .none) == nil)
        }
    }

    @Test func theRangesTogetherScanEveryEntryOnceInIdOrderWhateverTheIds() throws {
        let database = try Database(path: ":memory:")
        _ = try database.execute("CREATE TABLE theme_observations (assessment_id TEXT, series_id INTEGER, level INTEGER, not_assessed INTEGER)")
        let ids = ["", " ", "-1", "0", "0fff", "1", "9z", "A", "a", "a0", "f", "fff", "g", "zzz", "ÆØ", "\u{10FFFF}", "10", "9"]
        for (index, id) in ids.enumerated() {
            _ = try database.execute("INSERT INTO theme_observations VALUES (?, ?, ?, 0)", .positional([.text(id), .integer(Int64(index)), .integer(Int64(index % 5))]))
        }
        let all = try EntryGroups.scan(database, range: .all, progress: .none)
        var joined = EntryGroups()
        for range in EntryGroups.ranges {
            let part = try EntryGroups.scan(database, range: range, progress: .none)
            let offset = joined.idBytes.count, entries = joined.series.count
            joined.idBytes += part.idBytes
            joined.idEnds += part.idEnds.map { $0 + offset }
            joined.groupEnds += part.groupEnds.map { $0 + entries }
            joined.series += part.series
            joined.levels += part.levels
        }
        #expect(all.idEnds.count == ids.count)
        #expect(joined == all)
    }

    @Test func inPseudonymOrderEachCitizenKeepsTheSameLevelsAndMeanwhileRunsOnceBeforeAny() throws {
        var citizens: [Citizen] = []
        try store.write(user: "t", command: "citizens") { writer in
            for number in 1...12 { citizens.append(try writer.addCitizen(cpr: try CPRNumber(String(format: "%02d0190-1234", number)), name: "B\(number)")) }
        }
        for (index, citizen) in citizens.enumerated() {
            _ = try assess(citizen, "2025-01-\(10 + index)", [try entry("Købe ind", .assessed(FunctionLevel(rawValue: index % 5)!))])
        }
        var registered: [Pseudonym: [ScoredLevel]] = [:]
        try store.forEachCitizenLevels { registered[$0] = $1 }
        var order: [Pseudonym] = [], meanwhile = 0, levels: [Pseudonym: [ScoredLevel]] = [:]
        try store.forEachCitizenLevels(progress: .none, order: .pseudonym, meanwhile: { () throws(StoreError) in
            #expect(order.isEmpty)
            meanwhile += 1
        }) { citizen, scored in
            order.append(citizen)
            levels[citizen] = scored
        }
        #expect(meanwhile == 1)
        #expect(order == citizens.map(\.pseudonym).sorted())
        #expect(order != citizens.map(\.pseudonym), "twelve random pseudonyms registered in sorted order: the test would show nothing")
        #expect(levels == registered)
        #expect(levels.values.allSatisfy { $0.count == 1 })
    }

    @Test func anEmptyStoreCallsNothing() throws {
        var calls = 0
        try store.forEachCitizenLevels { _, _ in calls += 1 }
        #expect(calls == 0)
    }
}

/// Records of one write share its audit row, which the store reads once per write; a write that
/// was rolled back gives its row's id to the next write, whose records must show their own.
@Suite struct WriteInfoTests {
    @Test(.storeFile) func aRolledBackWritesAuditRowIsNotShownForTheNextWrite() throws {
        let store = try freshStore("ffb-write-info").store
        struct Abandon: Error {}
        #expect(throws: StoreError.self) {
            try store.write(user: "first", command: "abandoned") { writer in
                _ = try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette")
                #expect(try store.citizens().map(\.recorded.command) == ["abandoned"])
                throw Abandon()
            }
        }
        try store.write(user: "second", command: "kept") { writer in
            _ = try writer.addCitizen(cpr: try CPRNumber("020290-1234"), name: "Bo")
        }
        let citizens = try store.citizens()
        #expect(citizens.map(\.recorded.command) == ["kept"])
        #expect(citizens.map(\.recorded.user) == ["second"])
    }
}
