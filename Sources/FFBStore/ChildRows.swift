import FFBCatalog
import FFBSQLite
import Foundation

/// The rows a record owns in a child table (an order's services and target groups, a goal's
/// secondary themes, a follow-up's goal notes), read the way the caller reads records: one query
/// per record, or, for a read of every record in the store, all of them in one pass of the table
/// grouped by record, so a whole-store read costs a query per table instead of one per record.
struct ChildRows<Value> {
    private let perRecord: Statement?
    private let decode: (Statement) throws(SQLiteError) -> Value
    /// Every record's rows, read in one pass: runs of rows of one record, in the table's order.
    private var runs = Runs()

    /// The rows of a whole-table read: run `r` is record `ids[r]`'s rows, `values[ends[r - 1] ..< ends[r]]`
    /// (from 0 for the first), in `order`. A record's rows are written together, so the records are
    /// usually asked for in the order of their runs: the next run is tried first (`next`), and
    /// only a record asked for out of turn is searched for, among the runs sorted by id (`byID`).
    struct Runs {
        var ids: [UUID] = []
        var ends: [Int] = []
        var values: [Value] = []
        var byID: [(id: UUIDKey, run: Int)] = []
        var next = 0
    }

    /// `columns` of the rows of `table` whose `record` column holds the record's id, in `order` (an
    /// integer column) within a record; `decode` reads one row's columns (from column 0).
    init(
        _ database: Database, _ columns: String, from table: String, record: String, order: String, everyRecord: Bool,
        decode: @escaping (Statement) throws(SQLiteError) -> Value
    ) throws(SQLiteError) {
        self.decode = decode
        guard everyRecord else {
            perRecord = try database.prepare("SELECT \(columns) FROM \(table) WHERE \(record) = ? ORDER BY \(order)")
            return
        }
        perRecord = nil
        // The whole table in its own order (no walk of its key index with a row lookup per
        // entry), cut into runs of one record's rows; the record's id and order come last, so
        // `decode` reads the same columns in both queries.
        var rows: [(run: Int, order: Int64, value: Value)] = []
        var ids: [UUID] = []
        try database.forEach("SELECT \(columns), \(record), \(order) FROM \(table)") { (row: Statement) throws(SQLiteError) in
            let count = row.columnNames.count
            // A row whose record id is not an id belongs to no record that can be asked for.
            guard let id = try row.withText(count - 2, { UUID(hyphenatedHex: $0) }) else { return }
            if ids.last != id { ids.append(id) }
            rows.append((ids.count - 1, try row.int64(count - 1), try decode(row)))
        }
        // One run per record: a record whose rows were not written together (two runs with one
        // id) has its runs joined, at the place of its first.
        var byID = ids.indices.map { (id: UUIDKey(ids[$0]), run: $0) }
        byID.sort { ($0.id, $0.run) < ($1.id, $1.run) }
        var runOf = Array(ids.indices)
        var merged = false
        for index in byID.indices.dropFirst() where byID[index].id == byID[index - 1].id {
            runOf[byID[index].run] = runOf[byID[index - 1].run]
            merged = true
        }
        if merged {
            for index in rows.indices { rows[index].run = runOf[rows[index].run] }
            byID = byID.filter { runOf[$0.run] == $0.run }
        }
        // The runs in the order of their first row; each run's rows in `order` (usually so already).
        if merged || !rows.indices.dropFirst().allSatisfy({ rows[$0 - 1].run < rows[$0].run || (rows[$0 - 1].run == rows[$0].run && rows[$0 - 1].order <= rows[$0].order) }) {
            rows = rows.enumerated().sorted { ($0.element.run, $0.element.order, $0.offset) < ($1.element.run, $1.element.order, $1.offset) }.map(\.element)
        }
        // Runs renumbered densely in that order.
        var number = [Int](repeating: -1, count: ids.count)
        for row in rows where number[row.run] < 0 {
            number[row.run] = runs.ids.count
            runs.ids.append(ids[row.run])
        }
        runs.ends = [Int](repeating: 0, count: runs.ids.count)
        for row in rows { runs.ends[number[row.run]] += 1 }
        for index in runs.ends.indices.dropFirst() { runs.ends[index] += runs.ends[index - 1] }
        runs.values = rows.map(\.value)
        // Every run left has rows, so each has its number.
        runs.byID = byID.map { ($0.id, number[$0.run]) }
    }

    /// The rows of the record with this id, in order.
    mutating func of(_ id: UUID) throws(SQLiteError) -> [Value] {
        guard let perRecord else { return runs.of(id) }
        var values: [Value] = []
        try perRecord.forEachRow([.text(id.storeText)]) { (row: Statement) throws(SQLiteError) in values.append(try decode(row)) }
        return values
    }
}

extension ChildRows.Runs {
    mutating func of(_ id: UUID) -> [Value] {
        var run = next
        if run >= ids.count || ids[run] != id {
            // Out of turn: a binary search of the runs by id.
            let key = UUIDKey(id)
            var lower = 0, upper = byID.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if byID[middle].id < key { lower = middle + 1 } else { upper = middle }
            }
            guard lower < byID.count, byID[lower].id == key else { return [] }
            run = byID[lower].run
        }
        next = run + 1
        return Array(values[(run == 0 ? 0 : ends[run - 1])..<ends[run]])
    }
}

/// A UUID's 16 bytes as two numbers that order as the bytes do: ids sorted and compared without
/// hashing.
struct UUIDKey: Comparable {
    let high: UInt64
    let low: UInt64

    init(_ id: UUID) {
        (high, low) = withUnsafeBytes(of: id.uuid) { bytes in
            (UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    static func < (lhs: UUIDKey, rhs: UUIDKey) -> Bool { (lhs.high, lhs.low) < (rhs.high, rhs.low) }
}
