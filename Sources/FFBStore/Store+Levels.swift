import FFBCatalog
import FFBModel
import FFBParallel
import FFBSQLite
import Foundation

/// The whole-store levels pass (`forEachCitizenLevels`): every table involved read once, in its
/// own key order, and joined in memory, so no entry costs an index search. The entries, the
/// largest part, are scanned on a second connection while this one reads the rest, when both
/// see the same committed state; otherwise (an in-memory store, a store that cannot be opened
/// twice, a write committed in between) they are scanned here afterwards.
///
/// Memory grows with the store's entries (about 24 bytes each, twice while they are sorted by
/// citizen), as the statistics built from them do anyway.
extension Store {
    package func forEachCitizenLevels(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void, _ body: (Pseudonym, [ScoredLevel]) -> Void
    ) throws(StoreError) {
        do {
            let lastWrite = try database.firstRow("SELECT COALESCE(MAX(id), 0) FROM writes")?.int64(0) ?? 0
            let parallel = ParallelEntries()
            var tables: Result<LevelTables, any Error> = .failure(StoreError.database("not read"))
            let path = self.path
            if path != ":memory:" {
                WorkerPool(workers: 1).forEach(1, meanwhile: {
                    tables = Result {
                        let read = try readLevelTables()
                        try meanwhile()
                        return read
                    }
                }) { _ in
                    parallel.groups = try? EntryGroups.scan(storeAt: path, lastWrite: lastWrite, progress: progress)
                }
            } else {
                tables = Result { try readLevelTables() }
                try meanwhile()
            }
            let levelTables = try tables.get()
            var grouped = try (parallel.take() ?? EntryGroups.scan(database, progress: progress)).byCitizen(levelTables)
            deliver(&grouped.entries, start: grouped.start, tables: levelTables, order: order, body)
        } catch {
            throw StoreError.from(error)
        }
    }

    /// What the pass joins the entries with: citizens, theme series, and the assessments that
    /// count in id order (SQLite compares text byte by byte, as the merge does).
    struct LevelTables {
        var citizens: [Pseudonym] = []
        var themeOfSeries: [Int16] = []
        /// Assessment `a`'s id is `idBytes[idEnds[a - 1] ..< idEnds[a]]` (from 0 for the first):
        /// one buffer, not an array per assessment.
        var idBytes: [UInt8] = []
        var idEnds: [Int] = []
        var assessments: [(citizen: Int32, day: Int32, order: Int64)] = []
    }

    private func readLevelTables() throws -> LevelTables {
        var tables = LevelTables()
        var citizenIndex: [Int64: Int32] = [:]
        _ = try database.map("SELECT id, pseudonym FROM citizens ORDER BY id") { row in
            citizenIndex[try row.int64(0)] = Int32(tables.citizens.count)
            tables.citizens.append(try Self.pseudonym(row.string(1)))
        }
        let position = Dictionary(catalog.themes.enumerated().map { ($1.code.rawValue, Int16($0)) }, uniquingKeysWith: { first, _ in first })
        // Series ids are the table's row numbers, 1, 2, 3…: an array, not a hash, per entry.
        _ = try database.map("SELECT id, theme FROM theme_series ORDER BY id") { row in
            let id = try row.int64(0), code = try row.string(1)
            guard let theme = position[code] else {
                throw StoreError.database("the store names theme \(code), which catalogue \(catalog.version) does not have")
            }
            guard id >= 0, id <= Int64(tables.themeOfSeries.count) + (1 << 20) else { throw StoreError.database("damaged theme series id in store") }
            if tables.themeOfSeries.count <= Int(id) { tables.themeOfSeries += repeatElement(-1, count: Int(id) + 1 - tables.themeOfSeries.count) }
            tables.themeOfSeries[Int(id)] = theme
        }
        // Assessments entered in error, and the levels of follow-ups entered in error, do not count.
        let excluded = Set(try database.map("""
            SELECT a.rowid FROM entered_in_error e JOIN assessments a ON a.id = e.target_id WHERE e.target_kind = 'assessment'
            UNION ALL
            SELECT a.rowid FROM entered_in_error e JOIN follow_ups f ON f.id = e.target_id JOIN assessments a ON a.id = f.assessment_id
            WHERE e.target_kind = 'follow-up'
            """) { try $0.int64(0) })
        _ = try database.map("SELECT a.id, a.rowid, a.citizen_id, a.date FROM assessments a ORDER BY a.id") { row in
            let order = try row.int64(1)
            guard !excluded.contains(order) else { return }
            guard let citizen = citizenIndex[try row.int64(2)] else { throw StoreError.database("an assessment names a citizen the store does not have") }
            guard let day = try row.withText(3, LocalDate.dayNumber(iso:)) else { throw StoreError.database("damaged date in store") }
            try row.withText(0) { tables.idBytes.append(contentsOf: $0) }
            tables.idEnds.append(tables.idBytes.count)
            tables.assessments.append((citizen, day, order))
        }
        return tables
    }

    /// Each citizen's entries, sorted by theme, date and the order written, handed to `body`,
    /// every citizen in `order`.
    private func deliver(
        _ entries: inout [LevelEntry], start: [Int], tables: LevelTables, order: CitizenOrder, _ body: (Pseudonym, [ScoredLevel]) -> Void
    ) {
        let citizens = tables.citizens, assessments = tables.assessments
        let handed = switch order {
        case .registered: Array(citizens.indices)
        case .pseudonym: citizens.indices.sorted { citizens[$0] < citizens[$1] }
        }
        var levels: [ScoredLevel] = []
        for index in handed {
            let range = start[index]..<start[index + 1]
            entries[range].sort {
                ($0.theme, $0.day, assessments[Int($0.assessment)].order) < ($1.theme, $1.day, assessments[Int($1.assessment)].order)
            }
            levels.removeAll(keepingCapacity: true)
            for entry in entries[range] { levels.append(ScoredLevel(theme: entry.theme, day: entry.day, level: entry.level)) }
            body(citizens[index], levels)
        }
    }
}

/// One entry of the levels pass: its assessment (an index into `LevelTables.assessments`), its
/// date, theme and level; 12 bytes, as there are millions.
struct LevelEntry {
    var assessment: Int32
    var day: Int32
    var theme: Int16
    var level: Int8
}

/// The scored entries in primary-key order, grouped by their assessment's id.
struct EntryGroups: Sendable, Equatable {
    /// Group `g`'s assessment id is `idBytes[idEnds[g - 1] ..< idEnds[g]]` (from 0 for the first).
    var idBytes: [UInt8] = []
    var idEnds: [Int] = []
    /// Group `g`'s entries are `series[groupEnds[g - 1] ..< groupEnds[g]]` and the same of `levels`.
    var groupEnds: [Int] = []
    var series: [Int32] = []
    var levels: [Int8] = []

    static let sql = """
        SELECT assessment_id, series_id, level FROM theme_observations
        WHERE level IS NOT NULL OR not_assessed = 1 ORDER BY assessment_id
        """

    /// Scans the entries on `database`; `progress` advances by the entries read.
    static func scan(_ database: Database, progress: WorkProgress) throws(SQLiteError) -> EntryGroups {
        var groups = EntryGroups()
        var read = 0
        try database.forEach(sql) { row throws(SQLiteError) in
            // The last group's id starts where the one before it ended.
            let lower = groups.idEnds.count > 1 ? groups.idEnds[groups.idEnds.count - 2] : 0
            let same = try row.withText(0) { id in !groups.idEnds.isEmpty && groups.idBytes[lower...].elementsEqualBytes(id) }
            if !same {
                if !groups.idEnds.isEmpty { groups.groupEnds.append(groups.series.count) }
                try row.withText(0) { groups.idBytes.append(contentsOf: $0) }
                groups.idEnds.append(groups.idBytes.count)
            }
            let series = try row.int64(1)
            // Series ids are row numbers; past Int32 the merge reports the entry as damaged.
            groups.series.append(Int32(clamping: series))
            let level = try row.optionalInt(2) ?? Int(ScoredLevel.notAssessed)
            groups.levels.append(Int8(clamping: level))
            read += 1
            if read & 0xFFFF == 0 { progress.advance(by: 0x10000) }
        }
        if !groups.idEnds.isEmpty { groups.groupEnds.append(groups.series.count) }
        progress.advance(by: read & 0xFFFF)
        return groups
    }

    /// Scans the entries on a connection of its own to the store at `path`, read-only; nil
    /// unless it sees the same committed state as the caller (the same last audit row: every
    /// write appends one).
    static func scan(storeAt path: String, lastWrite: Int64, progress: WorkProgress) throws -> EntryGroups? {
        let database = try Database(path: path, options: Database.Options(readOnly: true))
        defer { database.close() }
        return try database.transaction(.deferred) { database throws(SQLiteError) -> EntryGroups? in
            guard try database.firstRow("SELECT COALESCE(MAX(id), 0) FROM writes")?.int64(0) == lastWrite else { return nil }
            return try scan(database, progress: progress)
        }
    }

    /// The entries of the assessments that count, by citizen: citizen `c`'s are
    /// `entries[start[c] ..< start[c + 1]]`, in no particular order.
    struct ByCitizen {
        var entries: [LevelEntry]
        var start: [Int]
    }

    /// Joins the entries with their assessments (both lists are in id order, so one walk joins
    /// them) and places them by citizen with a counting sort.
    func byCitizen(_ tables: Store.LevelTables) throws -> ByCitizen {
        // Each group's assessment (an index into tables.assessments), or -1 when it does not count.
        var assessmentOf = [Int32](repeating: -1, count: idEnds.count)
        var next = 0
        for group in idEnds.indices {
            let id = idBytes[(group == 0 ? 0 : idEnds[group - 1])..<idEnds[group]]
            // The next counted assessment at or after this id; none equal means it does not count.
            var order = 1
            while next < tables.idEnds.count {
                order = Self.compare(tables.idBytes[(next == 0 ? 0 : tables.idEnds[next - 1])..<tables.idEnds[next]], id)
                if order >= 0 { break }
                next += 1
            }
            if next < tables.idEnds.count, order == 0 { assessmentOf[group] = Int32(next) }
        }
        var start = [Int](repeating: 0, count: tables.citizens.count + 1)
        for group in idEnds.indices where assessmentOf[group] >= 0 {
            let citizen = Int(tables.assessments[Int(assessmentOf[group])].citizen)
            start[citizen + 1] += groupEnds[group] - (group == 0 ? 0 : groupEnds[group - 1])
        }
        for index in tables.citizens.indices { start[index + 1] += start[index] }
        var slot = start
        var entries = [LevelEntry](repeating: LevelEntry(assessment: 0, day: 0, theme: 0, level: 0), count: start[tables.citizens.count])
        for group in idEnds.indices where assessmentOf[group] >= 0 {
            let assessment = tables.assessments[Int(assessmentOf[group])]
            let citizen = Int(assessment.citizen)
            for index in (group == 0 ? 0 : groupEnds[group - 1])..<groupEnds[group] {
                let seriesID = Int(series[index])
                guard seriesID >= 0, seriesID < tables.themeOfSeries.count, seriesID < Int(Int32.max), tables.themeOfSeries[seriesID] >= 0 else {
                    throw StoreError.database("a theme entry names a theme series the store does not have")
                }
                let level = levels[index]
                guard level >= ScoredLevel.notAssessed, level <= 4 else { throw StoreError.database("damaged level in store") }
                entries[slot[citizen]] = LevelEntry(assessment: assessmentOf[group], day: assessment.day, theme: tables.themeOfSeries[seriesID], level: level)
                slot[citizen] += 1
            }
        }
        return ByCitizen(entries: entries, start: start)
    }

    /// Text as SQLite's BINARY collation orders it: bytes, then length.
    static func compare(_ stored: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Int {
        stored.withUnsafeBufferPointer { stored in
            text.withUnsafeBufferPointer { text in
                let common = min(stored.count, text.count)
                let bytes = common == 0 ? 0 : memcmp(stored.baseAddress!, text.baseAddress!, common)
                return bytes != 0 ? Int(bytes) : stored.count - text.count
            }
        }
    }
}

/// Where the second connection leaves its scan for the calling thread (written once by the
/// worker before `forEach` returns, read after).
private final class ParallelEntries: @unchecked Sendable {
    var groups: EntryGroups?

    /// The scan, handed over once (so it is freed as soon as it has been joined).
    func take() -> EntryGroups? {
        defer { groups = nil }
        return groups
    }
}

extension ArraySlice<UInt8> {
    /// Byte equality with SQLite's text (a `memcmp`).
    func elementsEqualBytes(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        count == other.count && withUnsafeBufferPointer { mine in
            count == 0 || memcmp(mine.baseAddress!, other.baseAddress!, count) == 0
        }
    }
}
