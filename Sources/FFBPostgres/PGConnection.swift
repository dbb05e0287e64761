import CLibPQ

/// One connection to a PostgreSQL server through libpq.
///
/// Like an SQLite connection it is confined to one thread at a time and deliberately not
/// `Sendable`. Statements go out with the extended query protocol (`PQexecParams`): parameters
/// travel apart from the SQL text, so a bound value never becomes SQL, and results come back in
/// text form, which `PGResult` reads.
package final class PGConnection {
    private(set) var handle: OpaquePointer?
    /// The address as given, with any password replaced: safe to print.
    package let location: String

    private init(handle: OpaquePointer, location: String) {
        self.handle = handle
        self.location = location
    }

    deinit { close() }

    /// Connects with a libpq connection string or URI (`postgresql://…`, `host=… dbname=…`);
    /// what it leaves out comes from the `PG*` environment variables, as for `psql`.
    ///
    /// - Throws: ``PGError`` with kind `.connection` (unreachable, refused, no such database) or
    ///   `.authentication` (a wrong password); its message never holds the password.
    package static func connect(_ address: String) throws(PGError) -> PGConnection {
        let location = PGAddress.redacted(address)
        guard let handle = PQconnectdb(address) else {
            throw PGError(kind: .connection, message: "cannot connect to \(location): out of memory")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = PGError.serverMessage(PQerrorMessage(handle))
            PQfinish(handle)
            throw PGError(connectionFailure: reason, location: location, address: address)
        }
        // Notices (e.g. "relation already exists, skipping") would go to stderr otherwise.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return PGConnection(handle: handle, location: location)
    }

    package var isOpen: Bool { handle != nil }

    package func close() {
        guard let handle else { return }
        PQfinish(handle)
        self.handle = nil
    }

    func requireHandle() throws(PGError) -> OpaquePointer {
        guard let handle else { throw PGError(kind: .misuse, message: "the database connection is closed") }
        if PQstatus(handle) != CONNECTION_OK {
            throw PGError(kind: .connection, message: "the connection to \(location) was lost")
        }
        return handle
    }

    /// Runs one statement with `$1…$n` parameters (text form, or nil for NULL; `binary` marks
    /// the ones sent as raw bytes, typed `bytea`) and returns its whole result.
    package func execute(_ sql: String, parameters: [PGParameter] = []) throws(PGError) -> PGResult {
        let handle = try requireHandle()
        let count = Int32(parameters.count)
        let result: OpaquePointer? = withParameterPointers(parameters) { values, lengths, formats, types in
            PQexecParams(handle, sql, count, types, values, lengths, formats, 0)
        }
        return try PGResult.checked(result, connection: handle, sql: sql)
    }

    /// Runs several statements separated by semicolons (a schema), without parameters.
    package func executeScript(_ sql: String) throws(PGError) {
        let handle = try requireHandle()
        _ = try PGResult.checked(PQexec(handle, sql), connection: handle, sql: sql)
    }

    /// Whether a transaction is open (or failed and not yet rolled back) on this connection.
    package var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    private func withParameterPointers<R>(
        _ parameters: [PGParameter],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Oid>?) -> R
    ) -> R {
        guard !parameters.isEmpty else { return body(nil, nil, nil, nil) }
        // One contiguous buffer holds every value's bytes (text NUL-terminated), so the pointers
        // handed to libpq stay valid for the one call.
        var storage: [UInt8] = []
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var types: [Oid] = []
        for parameter in parameters {
            switch parameter {
            case .null:
                offsets.append(nil); lengths.append(0); formats.append(0); types.append(0)
            case .text(let text):
                offsets.append(storage.count)
                storage.append(contentsOf: text.utf8)
                storage.append(0)
                lengths.append(0); formats.append(0); types.append(0)
            case .bytes(let bytes):
                offsets.append(storage.count)
                storage.append(contentsOf: bytes)
                lengths.append(Int32(bytes.count)); formats.append(1); types.append(PGType.bytea)
            }
        }
        storage.append(0)
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
            return values.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        types.withUnsafeBufferPointer { types in
                            body(values.baseAddress, lengths.baseAddress, formats.baseAddress, types.baseAddress)
                        }
                    }
                }
            }
        }
    }
}

/// One statement parameter as libpq sends it.
package enum PGParameter: Sendable, Equatable {
    case null
    /// Text form; the server reads it as the type the statement gives the parameter.
    case text(String)
    /// Raw bytes, sent in binary form as `bytea`.
    case bytes([UInt8])
}

/// The type OIDs the store's columns come back as (`pg_type.oid`, fixed by PostgreSQL).
package enum PGType {
    package static let bool: Oid = 16
    package static let bytea: Oid = 17
    package static let int8: Oid = 20
    package static let int2: Oid = 21
    package static let int4: Oid = 23
    package static let oid: Oid = 26
    package static let float4: Oid = 700
    package static let float8: Oid = 701
    package static let numeric: Oid = 1700
}
