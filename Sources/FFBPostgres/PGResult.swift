import CLibPQ

/// A statement's whole result, held by libpq until released: rows of text values (or NULL) with
/// each column's type.
package final class PGResult {
    private let handle: OpaquePointer
    package let rowCount: Int
    package let columnCount: Int

    private init(handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
    }

    deinit { PQclear(handle) }

    /// The result of a call, or the error it reports (the result released).
    static func checked(_ result: OpaquePointer?, connection: OpaquePointer, sql: String) throws(PGError) -> PGResult {
        guard let result else {
            throw PGError(kind: .connection, message: PGError.serverMessage(PQerrorMessage(connection)))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(handle: result)
        default:
            let error = PGError(result: result, connection: connection, sql: sql)
            PQclear(result)
            throw error
        }
    }

    /// The name of column `column` as the statement gave it.
    package func columnName(_ column: Int) -> String {
        PQfname(handle, Int32(column)).map { String(cString: $0) } ?? ""
    }

    /// The type OID of column `column` (see `PGType`).
    package func columnType(_ column: Int) -> Oid {
        PQftype(handle, Int32(column))
    }

    package func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(handle, Int32(row), Int32(column)) != 0
    }

    /// The text form of one value, valid while this result lives (empty for NULL).
    package func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let value = PQgetvalue(handle, Int32(row), Int32(column))
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return UnsafeBufferPointer(start: value.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }, count: length)
    }

    package func string(_ row: Int, _ column: Int) -> String {
        String(decoding: bytes(row, column), as: UTF8.self)
    }

    /// How many rows an INSERT, UPDATE or DELETE touched (0 for other statements).
    package var affectedRows: Int {
        PQcmdTuples(handle).flatMap { Int(String(cString: $0)) } ?? 0
    }
}
