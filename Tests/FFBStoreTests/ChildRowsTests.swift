import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// A whole-table read of child rows gives each record what the per-record query gives, whatever
/// the order the rows were written in and the records are asked for.
@Suite struct ChildRowsTests {
    let database: Database
    let ids = (0..<4).map { _ in UUID() }

    init() throws {
        database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE kids (value TEXT NOT NULL, record TEXT NOT NULL, position INTEGER NOT NULL)")
        let (a, b, c) = (ids[0].storeText, ids[1].storeText, ids[2].storeText)
        // A's rows out of position order and split by B's; C's together; one row of no record.
        let rows: [(String, String, Int)] = [("a1", a, 1), ("a0", a, 0), ("b0", b, 0), ("a2", a, 2), ("c0", c, 0), ("junk", "not-an-id", 0), ("c1", c, 1)]
        for (value, record, position) in rows {
            try database.execute("INSERT INTO kids VALUES (?, ?, ?)", [.text(value), .text(record), .integer(Int64(position))])
        }
    }

    func rows(everyRecord: Bool) throws -> ChildRows<String> {
        try ChildRows(database, "value", from: "kids", record: "record", order: "position", everyRecord: everyRecord) {
            (row: Statement) throws(SQLiteError) in try row.string(0)
        }
    }

    @Test(arguments: [[0, 1, 2, 3], [2, 0, 1, 3], [3, 2, 1, 0], [1, 1, 0, 2, 0, 3, 2]])
    func eachRecordGetsItsRowsInOrderWhicheverIsAskedFirst(asked: [Int]) throws {
        var whole = try rows(everyRecord: true), each = try rows(everyRecord: false)
        let expected = [["a0", "a1", "a2"], ["b0"], ["c0", "c1"], []]
        for record in asked {
            #expect(try whole.of(ids[record]) == expected[record], "record \(record) in \(asked)")
            #expect(try each.of(ids[record]) == expected[record], "record \(record) in \(asked), one query each")
        }
    }
}
