import FFBCatalog
import FFBModel
import FFBParallel
import FFBSQLite
import Foundation

/// The whole-store levels pass (`forEachCitizenLevels`): every table involved read once, in its
/// own key order, and joined in memory, so no entry costs an index search. The reads are pieces
/// (citizens and series, assessments, the entries in sixteen key ranges) that any connection
/// seeing the same committed state can make: a worker starts on them at once and this thread
/// joins in when it has run `meanwhile`, so two cores share the work whatever its mix. An
/// in-memory store, or a write committed in between, is read here, piece after piece.
///
/// Memory grows with the store's entries (8 bytes each once joined), as the statistics built
/// from them do anyway.
extension Store {
    package func forEachCitizenLevels(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void, _ body: (Pseudonym, [ScoredLevel]) -> Void
    ) throws(StoreError) {
        let tables: LevelTables
        var grouped: EntryGroups.ByCitizen
        (tables, grouped) = try levelsByCitizen(progress: progress, meanwhile: meanwhile) { tables, grouped in (tables, grouped) }
        let start = grouped.start, handed = Self.handed(tables.citizens, order)
        grouped.entries.withUnsafeMutableBufferPointer { entries in
            Self.deliver(entries, start: start, tables: tables, citizens: handed, body)
        }
    }

    package func mapCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value, consume: (Value) -> Void
    ) throws(StoreError) {
        try mapCitizenRuns(progress: progress, order: order, citizensPerRun: Self.citizensPerRun, meanwhile: meanwhile, run: run, consume: consume)
    }

    /// `mapCitizenRuns` with runs of `citizensPerRun` citizens.
    func mapCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, citizensPerRun: Int, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value, consume: (Value) -> Void
    ) throws(StoreError) {
        let tables: LevelTables
        var grouped: EntryGroups.ByCitizen
        (tables, grouped) = try levelsByCitizen(progress: progress, meanwhile: meanwhile) { tables, grouped in (tables, grouped) }
        let start = grouped.start, handed = Self.handed(tables.citizens, order)
        let runs = Self.runs(of: handed.count, citizensPerRun)
        grouped.entries.withUnsafeMutableBufferPointer { entries in
            // Each run sorts its own citizens' entries: disjoint parts of one buffer.
            let shared = SharedBuffer(entries)
            WorkerPool(workers: Self.levelWorkers).orderedMap(runs.count, window: 2 * Self.levelWorkers, { index in
                run { body in Self.deliver(shared.buffer, start: start, tables: tables, citizens: handed[runs[index]], body) }
            }, consume: { _, value in consume(value) })
        }
    }

    package func mapAllCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value
    ) throws(StoreError) -> [Value] {
        try mapAllCitizenRuns(progress: progress, order: order, citizensPerRun: Self.citizensPerRun, meanwhile: meanwhile, run: run)
    }

    /// `mapAllCitizenRuns` with runs of `citizensPerRun` citizens.
    func mapAllCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, citizensPerRun: Int, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value
    ) throws(StoreError) -> [Value] {
        // The runs are made by the threads that read and joined the entries, as soon as they are
        // joined: they wait for nothing `meanwhile` does.
        try levelsByCitizen(progress: progress, meanwhile: meanwhile) { tables, grouped in
            let start = grouped.start, handed = Self.handed(tables.citizens, order)
            let runs = Self.runs(of: handed.count, citizensPerRun)
            return grouped.entries.withUnsafeMutableBufferPointer { entries in
                let shared = SharedBuffer(entries)
                return WorkerPool(workers: Self.levelWorkers).map(runs.count) { index in
                    run { body in Self.deliver(shared.buffer, start: start, tables: tables, citizens: handed[runs[index]], body) }
                }
            }
        }
    }

    /// `0..<count` cut into runs of `length`.
    private static func runs(of count: Int, _ length: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
    }

    /// Citizens a run of `mapCitizenRuns` hands: enough that a run's work outweighs its handing
    /// over, few enough that the runs waiting to be consumed stay small.
    private static let citizensPerRun = 128

    /// The citizens' indices in the order they are handed.
    private static func handed(_ citizens: [Pseudonym], _ order: CitizenOrder) -> [Int] {
        switch order {
        case .registered: Array(citizens.indices)
        case .pseudonym: citizens.indices.sorted { citizens[$0] < citizens[$1] }
        }
    }

    /// Threads the levels pass reads and delivers on.
    private static let levelWorkers = 2

    /// Every counted entry, by citizen, and the tables they index (the reads, then the join),
    /// handed to `then` where they were joined: on the workers while this thread runs
    /// `meanwhile`, where the store allows it.
    private func levelsByCitizen<Joined: Sendable>(
        progress: WorkProgress, meanwhile: () throws(StoreError) -> Void,
        then: @escaping @Sendable (LevelTables, inout EntryGroups.ByCitizen) -> Joined
    ) throws(StoreError) -> Joined {
        do {
            let lastWrite = try Self.lastWrite(database)
            var joined: Result<Joined, any Error>?
            // A second connection sees the same file; a server's store is read on this connection.
            if path != ":memory:", !database.isServer {
                let path = self.path, catalog = self.catalog
                var meanwhileRan: Result<Void, StoreError> = .success(())
                // Read and joined on workers while this thread runs `meanwhile`: what `meanwhile`
                // builds never sits in memory beside the pieces, only beside their join. Nil when
                // a piece was not read there (another committed state, or an error met again below).
                joined = WorkerPool.aside(meanwhile: { meanwhileRan = Result(catching: meanwhile) }) { () -> Result<Joined, any Error>? in
                    var read = WorkerPool(workers: Self.levelWorkers).map(LevelPiece.count) { index in
                        try? LevelPiece.read(index, storeAt: path, lastWrite: lastWrite, catalog: catalog, progress: progress)
                    }
                    guard !read.contains(where: { $0 == nil }) else { return nil }
                    let pieces = read.compactMap(\.self)
                    read = []
                    do {
                        var (tables, grouped) = try Self.join(consume pieces)
                        return .success(then(tables, &grouped))
                    } catch {
                        return .failure(error)
                    }
                }
                try meanwhileRan.get()
            } else {
                try meanwhile()
            }
            if let joined { return try joined.get() }
            var (tables, grouped) = try Self.join((0..<LevelPiece.count).map { index in try LevelPiece.read(index, database, catalog: catalog, progress: progress) })
            return then(tables, &grouped)
        } catch {
            throw StoreError.from(error)
        }
    }

    /// The pieces joined: the tables, and the entries by citizen.
    private static func join(_ pieces: consuming [LevelPiece]) throws -> (LevelTables, EntryGroups.ByCitizen) {
        // The tables and parts own what they keep (the tables take the pieces last), so what the
        // join frees is freed.
        var parts = pieces.compactMap(\.entries)
        var tables = try LevelTables(pieces)
        let grouped = try EntryGroups.byCitizen(&parts, &tables, workers: levelWorkers)
        return (tables, grouped)
    }

    /// Each of `citizens`' entries sorted by theme, date and the order written, handed to `body`
    /// in the order given; citizen `c`'s entries are `entries[start[c] ..< start[c + 1]]`.
    private static func deliver(
        _ entries: UnsafeMutableBufferPointer<LevelEntry>, start: [Int], tables: LevelTables, citizens handed: some Sequence<Int>,
        _ body: (Pseudonym, [ScoredLevel]) -> Void
    ) {
        let citizens = tables.citizens, dayOfRank = tables.dayOfRank
        var levels: [ScoredLevel] = []
        for index in handed {
            let range = start[index]..<start[index + 1]
            // By theme, then date and the order written (one number: see `LevelEntry`).
            entries[range].sort()
            levels.removeAll(keepingCapacity: true)
            for entry in entries[range] { levels.append(ScoredLevel(theme: entry.theme, day: dayOfRank[entry.rank], level: entry.level)) }
            body(citizens[index], levels)
        }
    }
}

/// One piece of the levels pass, read on any connection that sees the pass's committed state.
enum LevelPiece: Sendable {
    /// Citizens in registration order, the index of each citizen row id (-1: none), and the
    /// theme (catalogue position) of each theme series row id.
    case citizensAndSeries(citizens: [Pseudonym], citizenIndex: [Int32], themeOfSeries: [Int16])
    /// The assessments that count, in id order (as SQLite orders text: bytes), with their
    /// citizen's row id, date and row (the order written).
    case assessments(Assessments)
    case entries(EntryGroups)

    struct Assessments: Sendable {
        /// Assessment `a`'s id is `idBytes[idEnds[a - 1] ..< idEnds[a]]` (from 0 for the first):
        /// one buffer, not an array per assessment.
        var idBytes: [UInt8] = []
        var idEnds: [Int] = []
        /// Each assessment's citizen row id, date, row id (the order written) and rank when all are
        /// ordered by date, then the order written (`rankByDate`).
        var rows: [(citizenID: Int64, day: Int32, order: Int64, rank: Int32)] = []

        func id(_ a: Int) -> ArraySlice<UInt8> {
            idBytes[(a == 0 ? 0 : idEnds[a - 1])..<idEnds[a]]
        }

        /// Sets each assessment's rank by date, then the order written: a sort of numbers, and a
        /// table by row id, where the row ids are about as many as the rows (they are 1, 2, 3…),
        /// and a sort of pairs where they are not.
        mutating func rankByDate() {
            let small = min(Int64(rows.count) + (1 << 20), Int64(UInt32.max))
            if rows.allSatisfy({ $0.order >= 0 && $0.order <= small }) {
                // The date (offset to sort as unsigned) over the row id: one number each, no two
                // alike; sorted, each number's place is its row's rank.
                let keys = rows.map { UInt64(UInt32(bitPattern: $0.day) ^ 0x8000_0000) << 32 | UInt64($0.order) }.sorted()
                var rankOfRow = [Int32](repeating: 0, count: Int(rows.lazy.map(\.order).max() ?? 0) + 1)
                for (rank, key) in keys.enumerated() { rankOfRow[Int(key & 0xFFFF_FFFF)] = Int32(rank) }
                for index in rows.indices { rows[index].rank = rankOfRow[Int(rows[index].order)] }
            } else {
                let rows = self.rows
                for (place, index) in rows.indices.sorted(by: { (rows[$0].day, rows[$0].order) < (rows[$1].day, rows[$1].order) }).enumerated() {
                    self.rows[index].rank = Int32(place)
                }
            }
        }
    }

    static let count = 2 + EntryGroups.ranges.count

    var entries: EntryGroups? {
        if case .entries(let groups) = self { groups } else { nil }
    }

    /// Piece `index` read on a read-only connection of its own to the store at `path`; nil
    /// unless it sees the same committed state as the caller.
    static func read(_ index: Int, storeAt path: String, lastWrite: Int64, catalog: Catalog, progress: WorkProgress) throws -> LevelPiece? {
        try Store.onOwnConnection(path, catalog: catalog, lastWrite: lastWrite) { store in
            try read(index, store.database, catalog: catalog, progress: progress)
        }
    }

    static func read(_ index: Int, _ database: Database, catalog: Catalog, progress: WorkProgress) throws -> LevelPiece {
        switch index {
        case 0: try citizensAndSeries(database, catalog: catalog)
        case 1: .assessments(try assessments(database))
        default: .entries(try EntryGroups.scan(database, range: EntryGroups.ranges[index - 2], progress: progress))
        }
    }

    private static func citizensAndSeries(_ database: Database, catalog: Catalog) throws -> LevelPiece {
        // Citizen and series ids are the tables' row numbers, 1, 2, 3…: arrays, not hashes.
        var citizens: [Pseudonym] = [], citizenIndex: [Int32] = [], themeOfSeries: [Int16] = []
        try database.forEachRow("SELECT id, pseudonym FROM citizens ORDER BY id") { row in
            try place(Int32(citizens.count), at: row.int64(0), in: &citizenIndex, what: "citizen")
            citizens.append(try Store.pseudonym(row.string(1)))
        }
        let themes = KnownCodes(themesOf: catalog)
        try database.forEachRow("SELECT id, theme FROM theme_series ORDER BY id") { row in
            guard let theme = try row.withText(1, { themes.position($0) }) else {
                throw StoreError.database("the store names theme \(try row.string(1)), which catalogue \(catalog.version) does not have")
            }
            try place(theme, at: row.int64(0), in: &themeOfSeries, what: "theme series")
        }
        return .citizensAndSeries(citizens: citizens, citizenIndex: citizenIndex, themeOfSeries: themeOfSeries)
    }

    private static func assessments(_ database: Database) throws -> Assessments {
        // Assessments entered in error, and the levels of follow-ups entered in error, do not count.
        let excluded = Set(try database.map("""
            SELECT a.rowid FROM entered_in_error e JOIN assessments a ON a.id = e.target_id WHERE e.target_kind = 'assessment'
            UNION ALL
            SELECT a.rowid FROM entered_in_error e JOIN follow_ups f ON f.id = e.target_id JOIN assessments a ON a.id = f.assessment_id
            WHERE e.target_kind = 'follow-up'
            """) { try $0.int64(0) })
        // Each assessment's citizen and date by row id, read in the table's own order (pages one
        // after another), then the ids in order from the id index, which holds the row ids: no
        // sort here, and no row lookup per assessment.
        var citizenOfRow: [Int64] = [], dayOfRow: [Int32] = []
        try database.forEachRow("SELECT rowid, citizen_id, date FROM assessments") { row in
            guard let day = try row.withText(2, LocalDate.dayNumber(iso:)) else { throw StoreError.database("damaged date in store") }
            let citizen = try row.int64(1)
            guard citizen >= 0 else { throw StoreError.database("an assessment names a citizen the store does not have") }
            try place(citizen, at: row.int64(0), in: &citizenOfRow, what: "assessment")
            try place(day, at: row.int64(0), in: &dayOfRow, what: "assessment")
        }
        var read = Assessments()
        read.rows.reserveCapacity(citizenOfRow.count)
        try database.forEachRow("SELECT id, rowid FROM assessments ORDER BY id") { row in
            let order = try row.int64(1)
            guard excluded.isEmpty || !excluded.contains(order) else { return }
            guard order >= 0, order < Int64(citizenOfRow.count), citizenOfRow[Int(order)] >= 0 else { throw StoreError.database("damaged assessment id in store") }
            try row.withText(0) { read.idBytes.append(contentsOf: $0) }
            read.idEnds.append(read.idBytes.count)
            read.rows.append((citizenOfRow[Int(order)], dayOfRow[Int(order)], order, 0))
        }
        read.rankByDate()
        return read
    }

    /// Sets `table[id] = value`, growing the table with -1 (none); an id far past the rows read so
    /// far is damage, not a reason to allocate.
    private static func place<Value: FixedWidthInteger>(_ value: Value, at id: Int64, in table: inout [Value], what: String) throws {
        guard id >= 0, id <= Int64(table.count) + (1 << 20) else { throw StoreError.database("damaged \(what) id in store") }
        if table.count <= Int(id) { table += repeatElement(-1, count: Int(id) + 1 - table.count) }
        table[Int(id)] = value
    }
}

/// What the pass joins the entries with: citizens, theme series, and the assessments that
/// count in id order, each with its citizen's index.
struct LevelTables: Sendable {
    var citizens: [Pseudonym]
    var themeOfSeries: [Int16]
    /// The assessments' ids, until the entries are joined with them (`dropIDs`).
    private var ids: LevelPiece.Assessments
    var citizenOfAssessment: [Int32]
    /// Each assessment's rank by date, then the order written (`Assessments.rankByDate`), and
    /// the date at each rank.
    var rank: [Int32]
    var dayOfRank: [Int32]

    init(_ pieces: [LevelPiece]) throws {
        guard case .citizensAndSeries(let citizens, let citizenIndex, let themeOfSeries) = pieces[0], case .assessments(let read) = pieces[1] else {
            preconditionFailure("the levels pass reads citizens and series first, then assessments")
        }
        self.citizens = citizens
        self.themeOfSeries = themeOfSeries
        citizenOfAssessment = try read.rows.map { row in
            guard row.citizenID >= 0, row.citizenID < Int64(citizenIndex.count), citizenIndex[Int(row.citizenID)] >= 0 else {
                throw StoreError.database("an assessment names a citizen the store does not have")
            }
            return citizenIndex[Int(row.citizenID)]
        }
        rank = read.rows.map(\.rank)
        dayOfRank = [Int32](repeating: 0, count: read.rows.count)
        for row in read.rows { dayOfRank[Int(row.rank)] = row.day }
        ids = LevelPiece.Assessments(idBytes: read.idBytes, idEnds: read.idEnds)
    }

    func id(_ a: Int) -> ArraySlice<UInt8> { ids.id(a) }
    var idCount: Int { ids.idEnds.count }

    /// Frees the ids once the entries are joined: memory for the entries by citizen.
    mutating func dropIDs() {
        ids = LevelPiece.Assessments()
    }
}

/// One entry of the levels pass in one number that sorts as a citizen's entries are handed: by
/// theme, then its assessment's rank by date and the order written (`LevelTables.rank`), with
/// its level in the low byte; 8 bytes, as there are millions.
struct LevelEntry: Comparable {
    private var key: UInt64

    init(theme: Int16, rank: Int32, level: Int8) {
        key = UInt64(UInt16(bitPattern: theme)) << 48 | UInt64(UInt32(bitPattern: rank)) << 8 | UInt64(UInt8(bitPattern: level))
    }

    var theme: Int16 { Int16(truncatingIfNeeded: key >> 48) }
    var rank: Int { Int(truncatingIfNeeded: key >> 8 & 0xFFFF_FFFF) }
    var level: Int8 { Int8(truncatingIfNeeded: key) }

    static func < (lhs: LevelEntry, rhs: LevelEntry) -> Bool { lhs.key < rhs.key }
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

    /// A range of assessment ids: from `lower` (inclusive) to `upper` (exclusive); nil is open.
    struct Range: Sendable {
        var lower: String?
        var upper: String?

        static let all = Range(lower: nil, upper: nil)
    }

    /// Sixteen ranges by the first character of the id (ids are UUIDs in lower-case hex, but the
    /// ranges cover every text), in id order.
    static let ranges: [Range] = {
        let bounds = "123456789abcdef".map(String.init)
        return zip([nil] + bounds, bounds + [nil]).map { Range(lower: $0, upper: $1) }
    }()

    static let sql = """
        SELECT assessment_id, series_id, level FROM theme_observations
        WHERE (level IS NOT NULL OR not_assessed = 1) AND assessment_id >= ? AND assessment_id < ? ORDER BY assessment_id
        """
    /// The last range, open at the top.
    static let openEndedSQL = """
        SELECT assessment_id, series_id, level FROM theme_observations
        WHERE (level IS NOT NULL OR not_assessed = 1) AND assessment_id >= ? ORDER BY assessment_id
        """

    /// Scans the entries of `range` on `database`; `progress` advances by the entries read.
    static func scan(_ database: Database, range: Range, progress: WorkProgress) throws(SQLiteError) -> EntryGroups {
        var groups = EntryGroups()
        var read = 0
        // Every text is at or after '': the open lower end.
        let bindings: [SQLiteValue] = [.text(range.lower ?? "")] + (range.upper.map { [SQLiteValue.text($0)] } ?? [])
        try database.forEach(range.upper == nil ? openEndedSQL : sql, .positional(bindings)) { row throws(SQLiteError) in
            try row.withColumns { columns throws(SQLiteError) in
                try columns.withText(0) { id in
                    // The last group's id starts where the one before it ended.
                    let lower = groups.idEnds.count > 1 ? groups.idEnds[groups.idEnds.count - 2] : 0
                    if groups.idEnds.isEmpty || !groups.idBytes[lower...].elementsEqualBytes(id) {
                        if !groups.idEnds.isEmpty { groups.groupEnds.append(groups.series.count) }
                        groups.idBytes.append(contentsOf: id)
                        groups.idEnds.append(groups.idBytes.count)
                    }
                }
                // Series ids are row numbers; past Int32 the merge reports the entry as damaged.
                groups.series.append(Int32(clamping: try columns.int64(1)))
                groups.levels.append(Int8(clamping: try columns.optionalInt64(2) ?? Int64(ScoredLevel.notAssessed)))
            }
            read += 1
            if read & 0xFFFF == 0 { progress.advance(by: 0x10000) }
        }
        if !groups.idEnds.isEmpty { groups.groupEnds.append(groups.series.count) }
        progress.advance(by: read & 0xFFFF)
        return groups
    }


    /// The entries of the assessments that count, by citizen: citizen `c`'s are
    /// `entries[start[c] ..< start[c + 1]]`, in no particular order.
    struct ByCitizen {
        var entries: [LevelEntry]
        var start: [Int]
    }

    /// Joins the entries (`parts`, in id order) with their assessments (both lists are in id
    /// order, so one walk per part joins them) and places them by citizen with a counting sort,
    /// on `workers` threads: the parts joined and checked side by side, then each worker counts
    /// and places the entries of its own share of the citizens.
    static func byCitizen(_ parts: inout [EntryGroups], _ tables: inout LevelTables, workers: Int) throws -> ByCitizen {
        let pool = WorkerPool(workers: workers)
        // The first damaged entry in id order is the one reported, as one thread would.
        let assessments = try pool.map(parts.count) { [parts, tables] part in Result { () throws(StoreError) in try parts[part].match(tables) } }.map { try $0.get() }
        // Joined: the ids go before the entries by citizen are made.
        tables.dropIDs()
        for index in parts.indices { parts[index].dropIDs() }
        let parts = parts, tables = tables
        let citizens = tables.citizens.count
        let shares = (0..<workers).map { citizens * $0 / workers..<citizens * ($0 + 1) / workers }
        var start = [Int](repeating: 0, count: citizens + 1)
        start.withUnsafeMutableBufferPointer { start in
            let counts = SharedBuffer(start)
            pool.forEach(shares.count) { share in
                forEachGroup(parts, assessments, tables, citizens: shares[share]) { _, citizen, _, range in counts.buffer[citizen + 1] += range.count }
            }
        }
        for index in 0..<citizens { start[index + 1] += start[index] }
        var entries = [LevelEntry](repeating: LevelEntry(theme: 0, rank: 0, level: 0), count: start[citizens])
        entries.withUnsafeMutableBufferPointer { entries in
            let placed = SharedBuffer(entries), start = start
            pool.forEach(shares.count) { share in
                var slot = start
                forEachGroup(parts, assessments, tables, citizens: shares[share]) { part, citizen, assessment, range in
                    let rank = tables.rank[assessment]
                    for index in range {
                        placed.buffer[slot[citizen]] = LevelEntry(theme: tables.themeOfSeries[Int(part.series[index])], rank: rank, level: part.levels[index])
                        slot[citizen] += 1
                    }
                }
            }
        }
        return ByCitizen(entries: entries, start: start)
    }

    /// Frees the group's ids once they are joined with the assessments.
    mutating func dropIDs() {
        idBytes = []
        idEnds = []
    }

    /// Calls `body` with every counted group whose citizen is one of `citizens`: its part, the
    /// citizen, its assessment and its entries' range in the part.
    private static func forEachGroup(
        _ parts: [EntryGroups], _ assessments: [[Int32]], _ tables: LevelTables, citizens: Swift.Range<Int>,
        _ body: (EntryGroups, Int, Int, Swift.Range<Int>) -> Void
    ) {
        for (part, assessmentOf) in zip(parts, assessments) {
            for group in assessmentOf.indices where assessmentOf[group] >= 0 {
                let assessment = Int(assessmentOf[group]), citizen = Int(tables.citizenOfAssessment[assessment])
                guard citizens.contains(citizen) else { continue }
                body(part, citizen, assessment, (group == 0 ? 0 : part.groupEnds[group - 1])..<part.groupEnds[group])
            }
        }
    }

    /// Each group's assessment (an index into `tables.citizenOfAssessment`), or -1 when it does not
    /// count; every counted entry is checked on the way.
    private func match(_ tables: LevelTables) throws(StoreError) -> [Int32] {
        var assessmentOf = [Int32](repeating: -1, count: idEnds.count)
        guard !idEnds.isEmpty else { return assessmentOf }
        // The first assessment at or after this part's first id, then one walk in id order.
        var next = 0, upper = tables.idCount
        let first = idBytes[0..<idEnds[0]]
        while next < upper {
            let middle = (next + upper) / 2
            if Self.compare(tables.id(middle), first) < 0 { next = middle + 1 } else { upper = middle }
        }
        for group in idEnds.indices {
            let id = idBytes[(group == 0 ? 0 : idEnds[group - 1])..<idEnds[group]]
            // The next counted assessment at or after this id; none equal means it does not count.
            var order = 1
            while next < tables.idCount {
                order = Self.compare(tables.id(next), id)
                if order >= 0 { break }
                next += 1
            }
            guard next < tables.idCount, order == 0 else { continue }
            assessmentOf[group] = Int32(next)
            for index in (group == 0 ? 0 : groupEnds[group - 1])..<groupEnds[group] {
                let seriesID = Int(series[index])
                guard seriesID >= 0, seriesID < tables.themeOfSeries.count, seriesID < Int(Int32.max), tables.themeOfSeries[seriesID] >= 0 else {
                    throw StoreError.database("a theme entry names a theme series the store does not have")
                }
                guard levels[index] >= ScoredLevel.notAssessed, levels[index] <= 4 else { throw StoreError.database("damaged level in store") }
            }
        }
        return assessmentOf
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

/// A catalogue's codes of one kind (its themes, services, target groups), found from a stored
/// code's bytes without making a string: the levels pass looks up one per theme series, and the
/// whole-store reads one per entry or child row, hundreds of thousands.
struct KnownCodes {
    /// The codes, in the order given.
    private let values: [KLCode]
    private let codes: [[UInt8]]
    /// Each code's first eight bytes as a number (`key`), sorted, and the code's position, in the
    /// same order: a binary search finds the codes that may match.
    private let keys: [UInt64]
    private let positions: [Int16]

    /// The catalogue's themes, positions in catalogue order.
    init(themesOf catalog: Catalog) {
        self.init(catalog.themes.map(\.code))
    }

    init(_ values: [KLCode]) {
        self.values = values
        codes = values.map { Array($0.rawValue.utf8) }
        let sorted = codes.enumerated().map { (key: $1.withUnsafeBufferPointer(Self.key), position: Int16($0)) }.sorted { ($0.key, $0.position) < ($1.key, $1.position) }
        keys = sorted.map(\.key)
        positions = sorted.map(\.position)
    }

    /// The known code that `bytes` spell (the catalogue's own value), or nil.
    func code(_ bytes: UnsafeBufferPointer<UInt8>) -> KLCode? {
        position(bytes).map { values[Int($0)] }
    }

    /// The position of the code that `bytes` spell, the first if it is given twice.
    func position(_ bytes: UnsafeBufferPointer<UInt8>) -> Int16? {
        let key = Self.key(bytes)
        var lower = 0, upper = keys.count
        while lower < upper {
            let middle = (lower + upper) / 2
            if keys[middle] < key { lower = middle + 1 } else { upper = middle }
        }
        while lower < keys.count, keys[lower] == key {
            if codes[Int(positions[lower])][...].elementsEqualBytes(bytes) { return positions[lower] }
            lower += 1
        }
        return nil
    }

    /// The first eight bytes (fewer: zero-padded), the first in the high byte.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(8)))) }
        return UInt64(bigEndian: key)
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
