import Foundation
import Testing
@testable import FFBSQLite

@Suite("Values survive a trip through the store unchanged")
struct ValueRoundTripTests {
    static let values: [SQLiteValue] = [
        .null,
        .integer(0),
        .integer(Int64.max),
        .integer(Int64.min),
        .real(3.141592653589793),
        .real(-1.5e300),
        .real(.infinity),
        .text(""),
        .text("Ærø Æblegrød – Søren Kierkegård"),
        .text("emoji 🧑‍⚕️ and 𝄞 outside the BMP"),
        .text("embedded\u{0}nul"),
        .blob([]),
        .blob([0, 255, 0, 1, 127, 128]),
    ]

    @Test("a value bound without type affinity reads back identical", arguments: values)
    func dynamicValueRoundTrips(value: SQLiteValue) throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE t (v)")
        try database.execute("INSERT INTO t (v) VALUES (?)", [value])
        let row = try database.firstRow("SELECT v, typeof(v) FROM t")
        #expect(try row?.value(at: 0) == value)
        #expect(try row?.string(1) == value.storageClass.lowercased())
    }

    @Test("typed getters return what typed bindings stored")
    func typedRoundTrip() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE t (i INTEGER, big INTEGER, d REAL, s TEXT, b INTEGER, bytes BLOB, data BLOB, missing TEXT)")
        let statement = try database.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        try statement.bind(42, at: 1)
        try statement.bind(Int64(9_007_199_254_740_993), at: 2)
        try statement.bind(0.1, at: 3)
        try statement.bind("Åse", at: 4)
        try statement.bind(true, at: 5)
        try statement.bind([UInt8]([1, 2, 3]), at: 6)
        try statement.bind(Data([9, 8]), at: 7)
        try statement.bind(String?.none, at: 8)
        #expect(try statement.step() == false)

        let row = try #require(try database.firstRow("SELECT * FROM t"))
        #expect(try row.int(0) == 42)
        #expect(try row.int64(1) == 9_007_199_254_740_993)
        #expect(try row.double(2) == 0.1)
        #expect(try row.string(3) == "Åse")
        #expect(try row.bool(4) == true)
        #expect(try row.blob(5) == [1, 2, 3])
        #expect(try row.get(6, as: Data.self) == Data([9, 8]))
        #expect(try row.optionalString(7) == nil)
        #expect(try row.isNull(7))
        #expect(try row.get("s", as: String.self) == "Åse")
    }

    @Test("optional getters read present values and NULL")
    func optionalGetters() throws {
        let database = try Database.inMemory()
        let row = try #require(try database.firstRow("SELECT 7, NULL, 2.5, NULL, x'00', NULL, 0"))
        #expect(try row.optionalInt(0) == 7)
        #expect(try row.optionalInt64(1) == nil)
        #expect(try row.optionalDouble(2) == 2.5)
        #expect(try row.optionalString(3) == nil)
        #expect(try row.optionalBlob(4) == [0])
        #expect(try row.optionalBool(5) == nil)
        #expect(try row.optionalBool(6) == false)
    }

    @Test("a getter refuses a NULL or a different storage class instead of coercing")
    func strictGetters() throws {
        let database = try Database.inMemory()
        let row = try #require(try database.firstRow("SELECT NULL AS note, 12 AS level, 'x' AS code, 2 AS flag"))

        let null = #expect(throws: SQLiteError.self) { try row.string(0) }
        #expect(null?.kind == .typeMismatch(column: "note", expected: "String", found: "NULL"))
        let integer = #expect(throws: SQLiteError.self) { try row.string(1) }
        #expect(integer?.kind == .typeMismatch(column: "level", expected: "String", found: "INTEGER"))
        let text = #expect(throws: SQLiteError.self) { try row.int(2) }
        #expect(text?.kind == .typeMismatch(column: "code", expected: "Int", found: "TEXT"))
        let notBoolean = #expect(throws: SQLiteError.self) { try row.bool(3) }
        #expect(notBoolean?.kind == .typeMismatch(column: "flag", expected: "Bool", found: "INTEGER"))
        #expect(try row.double(1) == 12)
    }

    @Test("a row read in place (Statement's getters and withColumns) follows the same rules and names the column")
    func inPlaceGetters() throws {
        let database = try Database.inMemory()
        var rows = 0
        try database.forEach("SELECT NULL AS note, 12 AS level, 'Ærø' AS code") { row throws(SQLiteError) in
            rows += 1
            #expect(try row.optionalInt64(0) == nil)
            #expect(try row.int64(1) == 12)
            #expect(try row.withText(2) { Array($0) } == Array("Ærø".utf8))
            #expect(throws: SQLiteError(.typeMismatch(column: "note", expected: "Int64", found: "NULL"))) { try row.int64(0) }
            #expect(throws: SQLiteError(.typeMismatch(column: "code", expected: "Int", found: "TEXT"))) { try row.int(2) }
            #expect(throws: SQLiteError.self) { try row.int64(3) }
            try row.withColumns { columns throws(SQLiteError) in
                #expect(try columns.optionalInt64(0) == nil)
                #expect(try columns.int64(1) == 12)
                #expect(try columns.optionalInt64(1) == 12)
                var text: [UInt8] = []
                try columns.withText(2) { text = Array($0) }
                #expect(text == Array("Ærø".utf8))
                #expect(throws: SQLiteError(.typeMismatch(column: "note", expected: "Int64", found: "NULL"))) { try columns.int64(0) }
                #expect(throws: SQLiteError(.typeMismatch(column: "code", expected: "Int64", found: "TEXT"))) { try columns.optionalInt64(2) }
                #expect(throws: SQLiteError(.typeMismatch(column: "level", expected: "String", found: "INTEGER"))) { try columns.withText(1) { _ in } }
                let outOfRange = #expect(throws: SQLiteError.self) { try columns.optionalInt64(3) }
                #expect(outOfRange?.kind == .misuse("column 3 is out of range 0..<3"))
            }
        }
        #expect(rows == 1)
    }

    @Test("literals build values of the matching storage class")
    func literals() {
        let values: [SQLiteValue] = [nil, 1, 2.5, "tekst", true, false]
        #expect(values == [.null, .integer(1), .real(2.5), .text("tekst"), .integer(1), .integer(0)])
        #expect(SQLiteValue(Int?.none) == .null)
        #expect(SQLiteValue(Optional("a")) == .text("a"))
    }

    @Test("NaN is stored as NULL, as SQLite defines")
    func notANumber() throws {
        let database = try Database.inMemory()
        #expect(try database.firstRow("SELECT ?", [.real(.nan)])?.value(at: 0) == .null)
    }
}
