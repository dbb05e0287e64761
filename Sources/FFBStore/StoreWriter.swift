import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The write side of one store transaction. Only `Store.write` makes one, so every row it adds
/// carries the same audit `writeID` and commits or rolls back together.
package struct StoreWriter {
    let database: Database
    let writeID: Int64
    let catalog: Catalog
    /// What the write's records are judged against (today, a reason for a late record).
    let rules: WriteRules
    /// What this write has made, so that bulk writes need not ask the store about it.
    let made = WriteMemory()

    // Written out: with the synthesized initialiser this toolchain's debug build crashed in a
    // write's body (a retain of a captured value), seen in GuardsMigrationTests.
    init(database: Database, writeID: Int64, catalog: Catalog, rules: WriteRules) {
        self.database = database
        self.writeID = writeID
        self.catalog = catalog
        self.rules = rules
    }

    /// Registers a citizen under a fresh pseudonym. A CPR number already in the store is an error
    /// that names the existing pseudonym, not the number.
    package func addCitizen(cpr: CPRNumber, name: String) throws(StoreError) -> Citizen {
        try StoreError.mapping {
            // Looked up before the insert: the append-only key triggers refuse a taken key outright
            // (an INSERT … ON CONFLICT DO NOTHING would abort on them, not do nothing).
            if let existing = try database.firstRow("SELECT pseudonym FROM citizens WHERE cpr = ?", [.text(cpr.digits)]) {
                throw StoreError.invalid("a citizen with this CPR number is already registered as \(try existing.string(0))")
            }
            try checkPlausible(born: cpr.birthDate)
            var citizen = try Citizen(pseudonym: Pseudonym.random(using: &made.random), cpr: cpr, name: name)
            // A random pseudonym already taken (one chance in 2^40 per citizen): draw another.
            while try database.firstRow("SELECT 1 FROM citizens WHERE pseudonym = ?", [.text(citizen.pseudonym.rawValue)]) != nil {
                citizen = try Citizen(pseudonym: Pseudonym.random(using: &made.random), cpr: cpr, name: name)
            }
            do {
                _ = try database.execute("INSERT INTO citizens (pseudonym, cpr, name, write_id) VALUES (?, ?, ?, ?)",
                                         [.text(citizen.pseudonym.rawValue), .text(cpr.digits), .text(citizen.name), .integer(writeID)])
            } catch let error as SQLiteError {
                // On a shared store the citizen may be registered where this role cannot see them
                // (another municipality's, another provider's): the look-up above found nobody.
                guard case .constraint(let message) = error.kind, message.contains("citizens.cpr") else { throw error }
                throw StoreError.invalid("a citizen with this CPR number is already registered, where your role cannot see them; "
                    + "the store's owner can give your municipality access (a case opened for them there)")
            }
            // Read back in a statement of its own: a shared store's row security lets its writer see
            // the row only once it is in (INSERT … RETURNING would be judged before).
            let rowID = try database.firstRow("SELECT id FROM citizens WHERE pseudonym = ?", [.text(citizen.pseudonym.rawValue)])?.int64(0) ?? 0
            made.bound()
            made.newCitizens[citizen.pseudonym] = (rowID, [:])
            made.births[rowID] = cpr.birthDate
            return citizen
        }
    }

    package func openCase(_ caseFile: CaseFile) throws(StoreError) {
        try StoreError.mapping {
            let citizen = try citizenRowID(caseFile.citizen)
            try checkPlausible(caseFile, citizen: citizen)
            if try database.firstRow("SELECT 1 FROM cases WHERE case_number = ?", [.text(caseFile.caseNumber)]) != nil {
                throw StoreError.invalid("case \(caseFile.caseNumber) already exists")
            }
            _ = try database.execute(
                "INSERT INTO cases (case_number, citizen_id, opened, municipality_name, municipality_code, write_id) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(caseFile.caseNumber), .integer(citizen), .text(caseFile.opened.iso), .text(caseFile.municipality.name), .text(caseFile.municipality.code), .integer(writeID)]
            )
            let rowID = try database.firstRow("SELECT id FROM cases WHERE case_number = ?", [.text(caseFile.caseNumber)])?.int64(0) ?? 0
            made.bound()
            made.cases[caseFile.caseNumber] = CaseRow(rowID: rowID, citizen: citizen, opened: caseFile.opened)
        }
    }

    /// Records an assessment; each theme's observation joins that theme's lasting series.
    package func record(_ assessment: Assessment) throws(StoreError) {
        try StoreError.mapping {
            try insertAssessment(id: assessment.id, citizen: assessment.citizen, caseNumber: assessment.caseNumber, kind: "assessment", date: assessment.date, assessor: assessment.assessor, entries: assessment.entries)
        }
    }

    package func createOrder(_ order: Order) throws(StoreError) {
        try StoreError.mapping {
            // What the store reads back is this list, so a service twice would be listed twice.
            if let twice = order.services.indices.first(where: { index in order.services[..<index].contains(order.services[index]) }) {
                let service = order.services[twice]
                throw StoreError.invalid("service \"\(catalog.concept(service, kind: .services)?.name ?? service.rawValue)\" is named twice on the order")
            }
            let citizen = try citizenRowID(order.citizen)
            let orderCase = try caseRow(order.caseNumber, citizen: citizen)
            try checkPlausible(order, case: orderCase)
            let caseID = orderCase.rowID
            _ = try database.execute(
                """
                INSERT INTO orders (id, citizen_id, case_id, offer_type, provider_name, provider_id, payer_name, payer_id,
                                    support_level, issued, start, follow_up_date, write_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(order.id.storeText), .integer(citizen), .integer(caseID), SQLiteValue(order.offerType?.rawValue),
                    .text(order.provider.name), .text(order.provider.identifier), SQLiteValue(order.payer?.name), SQLiteValue(order.payer?.identifier),
                    .text(order.supportLevel.cliValue), .text(order.issued.iso), .text(order.start.iso), SQLiteValue(order.followUpDate?.iso),
                    .integer(writeID),
                ]
            )
            made.bound()
            made.orders.insert(order.id)
            for (position, service) in order.services.enumerated() {
                _ = try database.execute("INSERT INTO order_services (order_id, position, service) VALUES (?, ?, ?)",
                                         [.text(order.id.storeText), .integer(Int64(position)), .text(service.rawValue)])
            }
            for (position, group) in order.targetGroups.enumerated() {
                _ = try database.execute("INSERT INTO order_target_groups (order_id, position, target_group, is_primary) VALUES (?, ?, ?, ?)",
                                         [.text(order.id.storeText), .integer(Int64(position)), .text(group.code.rawValue), .integer(group.isPrimary ? 1 : 0)])
            }
        }
    }

    /// Adds a goal version. A version after the first must supersede the series' current version.
    package func addGoal(_ goal: Goal) throws(StoreError) {
        try StoreError.mapping {
            guard try made.orders.contains(goal.orderID) || (database.firstRow("SELECT 1 FROM orders WHERE id = ?", [.text(goal.orderID.storeText)]) != nil) else {
                throw StoreError.notFound("no order \(goal.orderID.storeText)")
            }
            try requireCounting(.order, goal.orderID, "no goal is added to it or revised on it")
            if let supersedes = goal.supersedes {
                try requireCounting(.goal, supersedes, "it is not revised (add a new goal instead)")
            }
            try checkPlausible(goal)
            if let supersedes = goal.supersedes {
                let current = try database.firstRow(
                    "SELECT id FROM goals WHERE series_id = ? ORDER BY version DESC LIMIT 1", [.text(goal.seriesID.storeText)]
                )
                guard let currentID = try current?.string(0), currentID == supersedes.storeText else {
                    let latest: String? = try current?.string(0)
                    let named = latest.map { " (\($0.prefix(8)))" } ?? ""
                    throw StoreError.invalid("goal \(supersedes.storeText) is not the current version of its goal; revise the current one\(named)")
                }
            }
            _ = try database.execute(
                """
                INSERT INTO goals (id, series_id, version, supersedes, order_id, primary_theme, goal_type, expected_level,
                                   description, follow_up_date, write_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(goal.id.storeText), .text(goal.seriesID.storeText), .integer(Int64(goal.version)), SQLiteValue(goal.supersedes?.storeText),
                    .text(goal.orderID.storeText), .text(goal.primaryTheme.rawValue), .text(goal.type.cliValue), .integer(Int64(goal.expectedLevel.rawValue)),
                    .text(goal.description), SQLiteValue(goal.followUpDate?.iso), .integer(writeID),
                ]
            )
            for (position, theme) in goal.secondaryThemes.enumerated() {
                _ = try database.execute("INSERT INTO goal_secondary_themes (goal_id, position, theme) VALUES (?, ?, ?)",
                                         [.text(goal.id.storeText), .integer(Int64(position)), .text(theme.rawValue)])
            }
        }
    }

    /// Records a follow-up: its levels join the themes' series like an assessment's do.
    ///
    /// A follow-up is idempotent by content: the same follow-up (levels, support level, goal
    /// notes and decision) for the same order and date again throws `.alreadyRecorded`, so a
    /// retry after a lost answer, or eight processes sending the same one, leave one row. A
    /// different follow-up for that order and date is refused unless it names the one it
    /// supersedes, which is then marked entered in error. This runs under the write lock
    /// (`BEGIN IMMEDIATE`), so the check and the insert cannot interleave with another writer.
    package func record(_ followUp: FollowUp, citizen: Pseudonym, caseNumber: String?) throws(StoreError) {
        try StoreError.mapping {
            try requireCounting(.order, followUp.orderID, "no follow-up is recorded on it")
            try checkNotRecordedBefore(followUp)
            if followUp.status != .continue { made.endedSomething = true }
            if let replaced = followUp.supersedes {
                try supersede(replaced, by: followUp)
            }
            // After the correction: the follow-up it replaces (perhaps the one that ended the
            // order) no longer counts. A refusal rolls the whole write back.
            try checkPlausible(followUp)
            let assessmentID = UUID()
            try insertAssessment(id: assessmentID, citizen: citizen, caseNumber: caseNumber, kind: "follow-up", date: followUp.date, assessor: followUp.author, entries: followUp.entries)
            _ = try database.execute(
                "INSERT INTO follow_ups (id, order_id, assessment_id, date, support_level, status, supersedes, write_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(followUp.id.storeText), .text(followUp.orderID.storeText), .text(assessmentID.storeText), .text(followUp.date.iso),
                 SQLiteValue(followUp.supportLevel?.cliValue), .text(followUp.status.cliValue), SQLiteValue(followUp.supersedes?.storeText),
                 .integer(writeID)]
            )
            for note in followUp.goalNotes {
                guard try database.firstRow("SELECT 1 FROM goals WHERE series_id = ? AND order_id = ?",
                                            [.text(note.goalSeriesID.storeText), .text(followUp.orderID.storeText)]) != nil else {
                    throw StoreError.notFound("goal \(note.goalSeriesID.storeText) is not a goal of order \(followUp.orderID.storeText)")
                }
                _ = try database.execute("INSERT INTO follow_up_goal_notes (follow_up_id, goal_series_id, note) VALUES (?, ?, ?)",
                                         [.text(followUp.id.storeText), .text(note.goalSeriesID.storeText), .text(note.note)])
            }
            try recordPlan(of: followUp)
        }
    }

    /// Keeps a warning this write gave with its audit row (never a CPR number: the message is
    /// shown to whoever reads the audit trail).
    package func recordWarning(_ message: String) throws(StoreError) {
        try StoreError.mapping { () throws(SQLiteError) in
            _ = try database.execute("""
                INSERT INTO write_warnings (write_id, position, message)
                VALUES (?1, (SELECT count(*) FROM write_warnings WHERE write_id = ?1), ?2)
                """, [.integer(writeID), .text(message)])
        }
    }

    /// Marks a record as entered in error. The record stays (history keeps it) but no longer counts.
    package func markEnteredInError(kind: RecordKind, id: String, reason: String) throws(StoreError) {
        try StoreError.mapping {
            guard try database.firstRow("SELECT 1 FROM \(kind.table) WHERE id = ?", [.text(id)]) != nil else {
                throw StoreError.notFound("no \(kind.rawValue) \(id)")
            }
            if try database.firstRow("SELECT 1 FROM entered_in_error WHERE target_kind = ? AND target_id = ?", [.text(kind.rawValue), .text(id)]) != nil {
                throw StoreError.invalid("\(kind.rawValue) \(id) is already marked as entered in error")
            }
            _ = try database.execute("INSERT INTO entered_in_error (target_kind, target_id, reason, write_id) VALUES (?, ?, ?, ?)",
                                     [.text(kind.rawValue), .text(id), .text(reason), .integer(writeID)])
        }
    }

    /// Refuses a write that builds on a record marked entered in error: it no longer counts, so
    /// nothing is added to it or made from it (`doing` says what is refused).
    func requireCounting(_ kind: RecordKind, _ id: UUID, _ doing: String) throws {
        if try enteredInErrorReason(kind, id: id) != nil {
            throw StoreError.invalid("\(kind.rawValue) \(id.storeText) is marked entered in error; \(doing)")
        }
    }

    private func insertAssessment(id: UUID, citizen: Pseudonym, caseNumber: String?, kind: String, date: LocalDate, assessor: String, entries: [AssessmentEntry]) throws {
        let citizenID = try citizenRowID(citizen)
        let assessedCase = try caseNumber.map { try caseRow($0, citizen: citizenID) }
        if kind == "assessment" { try checkPlausible(assessmentDated: date, caseNumber: caseNumber, case: assessedCase, citizen: citizenID) }
        let caseID = assessedCase?.rowID
        _ = try database.execute(
            "INSERT INTO assessments (id, citizen_id, case_id, kind, date, assessor, write_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(id.storeText), .integer(citizenID), SQLiteValue(caseID), .text(kind), .text(date.iso), .text(assessor), .integer(writeID)]
        )
        let assessmentID = id.storeText
        let series = try seriesIDs(citizen: citizenID, pseudonym: citizen, themes: entries.map(\.theme))
        var values: [SQLiteValue] = []
        values.reserveCapacity(entries.count * Self.observationColumns.count)
        for (position, entry) in entries.enumerated() {
            var level: Int64?
            var notAssessed: Int64 = 0
            var relevance: String?
            switch entry.finding {
            case .level(.assessed(let value)): level = Int64(value.rawValue)
            case .level(.notAssessed): notAssessed = 1
            case .relevance(let value): relevance = value.rawValue
            }
            values += [
                .text(assessmentID), .integer(series[position]), .integer(Int64(position)), SQLiteValue(level), .integer(notAssessed),
                SQLiteValue(relevance), SQLiteValue(entry.note), SQLiteValue(entry.source?.rawValue), .integer(writeID),
            ]
        }
        try database.insertRows(into: "theme_observations", columns: Self.observationColumns, values: values)
    }

    private static let observationColumns = ["assessment_id", "series_id", "position", "level", "not_assessed", "relevance", "note", "source", "write_id"]

    /// The lasting series of each theme, made on first use, all new ones in one insert. A citizen
    /// this write registered has only the series this write made, so those are looked up in memory.
    private func seriesIDs(citizen: Int64, pseudonym: Pseudonym, themes: [KLCode]) throws -> [Int64] {
        let registered = made.newCitizens[pseudonym]
        var ids: [Int64] = []
        ids.reserveCapacity(themes.count)
        var new: [KLCode: Int64] = [:]
        var values: [SQLiteValue] = []
        for theme in themes {
            if let registered {
                if let known = registered.series[theme] {
                    ids.append(known)
                    continue
                }
            } else if let row = try database.firstRow("SELECT id FROM theme_series WHERE citizen_id = ? AND theme = ?", [.integer(citizen), .text(theme.rawValue)]) {
                ids.append(try row.int64(0))
                continue
            }
            if let id = new[theme] {
                ids.append(id)
                continue
            }
            let id = try made.nextSeriesID(database)
            new[theme] = id
            ids.append(id)
            values += [.integer(id), .integer(citizen), .text(theme.rawValue), .integer(writeID)]
        }
        guard !new.isEmpty else { return ids }
        try database.insertRows(into: "theme_series", columns: ["id", "citizen_id", "theme", "write_id"], values: values)
        if registered != nil { made.newCitizens[pseudonym]?.series.merge(new) { old, _ in old } }
        return ids
    }

    func citizenRowID(_ pseudonym: Pseudonym) throws -> Int64 {
        if let known = made.newCitizens[pseudonym] { return known.rowID }
        guard let row = try database.firstRow("SELECT id FROM citizens WHERE pseudonym = ?", [.text(pseudonym.rawValue)]) else {
            throw StoreError.notFound("unknown citizen \(pseudonym)")
        }
        return try row.int64(0)
    }

    /// A case of `citizen` by number: its row and the day it was opened.
    func caseRow(_ caseNumber: String, citizen: Int64) throws -> CaseRow {
        let known: CaseRow
        if let opened = made.cases[caseNumber] {
            known = opened
        } else if let row = try database.firstRow("SELECT id, citizen_id, opened FROM cases WHERE case_number = ?", [.text(caseNumber)]),
                  let opened = LocalDate(iso: try row.string(2)) {
            known = CaseRow(rowID: try row.int64(0), citizen: try row.int64(1), opened: opened)
        } else {
            throw StoreError.notFound("unknown case \(caseNumber)")
        }
        guard known.citizen == citizen else {
            throw StoreError.invalid("case \(caseNumber) belongs to another citizen")
        }
        return known
    }
}

/// What one write has made lately: its new citizens (row id and series by theme), cases and
/// orders. Nothing else can have touched them, so the writer answers questions about them from
/// here. It is a cache, not a record: past `limit` entries it starts again, and a question about
/// something forgotten goes to the database (which holds everything the write made), so a write
/// of any size keeps a bounded memory.
/// A case as a write needs it: its row, its citizen's row and the day it was opened.
struct CaseRow {
    let rowID: Int64
    let citizen: Int64
    let opened: LocalDate
}

final class WriteMemory {
    static let limit = 4096

    var newCitizens: [Pseudonym: (rowID: Int64, series: [KLCode: Int64])] = [:]
    var cases: [String: CaseRow] = [:]
    /// Whether a record of this write was excused by the caseworker's `--backdated-reason`.
    var backdatingUsed = false
    var orders: Set<UUID> = []
    /// The birth dates of the citizens this write registered, by row id (the plausibility rules).
    var births: [Int64: LocalDate] = [:]
    /// Whether this write has closed a case or ended an order (by a follow-up or explicitly): until
    /// it has, a case or order it made is known to be open without asking the store.
    var endedSomething = false

    /// Starts again when any of them has grown past `limit`.
    func bound() {
        if births.count > Self.limit { births.removeAll(keepingCapacity: true) }
        if newCitizens.count > Self.limit { newCitizens.removeAll(keepingCapacity: true) }
        if cases.count > Self.limit { cases.removeAll(keepingCapacity: true) }
        if orders.count > Self.limit { orders.removeAll(keepingCapacity: true) }
    }
    var random = BufferedSystemRandom()
    /// The next theme series id; series ids are handed out here, so one insert can make many.
    private var nextSeries: Int64?

    func nextSeriesID(_ database: Database) throws -> Int64 {
        // On a shared store the writer may see only some series (row security): the server counts them all.
        let sql = database.isServer ? "SELECT ffb_next_theme_series_id()" : "SELECT COALESCE(MAX(id), 0) + 1 FROM theme_series"
        let next = try nextSeries ?? (database.firstRow(sql)?.int64(0) ?? 1)
        nextSeries = next + 1
        return next
    }
}

/// The system's cryptographic random source, fetched 4 kB at a time instead of one system call
/// per number: a bulk import makes a pseudonym for every new citizen.
struct BufferedSystemRandom: RandomNumberGenerator {
    private var buffer = [UInt64](repeating: 0, count: 512)
    private var position = 512

    mutating func next() -> UInt64 {
        if position == buffer.count {
            let filled = buffer.withUnsafeMutableBytes { bytes in
                let source = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
                guard source >= 0 else { return false }
                defer { close(source) }
                return read(source, bytes.baseAddress, bytes.count) == bytes.count
            }
            if !filled {
                var system = SystemRandomNumberGenerator()
                for index in buffer.indices { buffer[index] = system.next() }
            }
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }
}

/// The kinds of record that can be marked entered in error.
public enum RecordKind: String, CaseIterable, Sendable {
    case assessment
    case order
    case goal
    case followUp = "follow-up"

    /// The table that holds records of this kind.
    var table: String {
        switch self {
        case .assessment: "assessments"
        case .order: "orders"
        case .goal: "goals"
        case .followUp: "follow_ups"
        }
    }
}

extension UUID {
    /// Lowercase, as FHIR and our exchange documents write UUIDs. Formatted by hand because
    /// Foundation's `uuidString` goes through printf, and an import formats hundreds of thousands.
    package var storeText: String {
        let digits = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = digits[Int(byte >> 4)]
                    buffer[position + 1] = digits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}
