import FFBPostgres
import Foundation

/// The PostgreSQL half of a ``Statement``: the SQL with its `?` placeholders numbered for the
/// server (`$1…`), the values bound so far, and the result being stepped through.
///
/// The server sends a statement's rows in one result, read in place; values come in text form
/// and are given the storage class SQLite would have given them (integers, reals, text, blobs),
/// so the same getters and the same strictness serve both engines.
final class ServerStatement {
    let server: PGConnection
    let text: String
    let parameterCount: Int
    private(set) var bindings: [SQLiteValue]
    private var result: PGResult?
    private var row = -1
    private var kinds: [ColumnKind] = []

    enum ColumnKind { case integer, real, text, blob, boolean, numeric }

    init(server: PGConnection, sql: String) throws(SQLiteError) {
        let (text, count) = try Self.numberingPlaceholders(sql)
        self.server = server
        self.text = text
        self.parameterCount = count
        bindings = Array(repeating: .null, count: count)
    }

    /// `sql` with each `?` (or `?NNN`) written `$n` as the server numbers parameters; quoted text,
    /// quoted names and comments are left as they are. SQLite's planner hints (`INDEXED BY name`,
    /// which change no result) are dropped: PostgreSQL plans on its own. Named parameters are not
    /// supported.
    static func numberingPlaceholders(_ sql: String) throws(SQLiteError) -> (String, Int) {
        var sql = sql
        while let hint = sql.range(of: " INDEXED BY ") {
            let nameEnd = sql[hint.upperBound...].firstIndex(where: { $0 == " " || $0 == "\n" }) ?? sql.endIndex
            sql.removeSubrange(hint.lowerBound..<nameEnd)
        }
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + 8)
        let bytes = Array(sql.utf8)
        var index = 0
        var next = 0
        var highest = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != byte { end += 1 }
                output += bytes[index..<min(end + 1, bytes.count)]
                index = end + 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                output += bytes[index..<end]
                index = end
            case UInt8(ascii: "?"):
                var end = index + 1
                while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
                let number = end > index + 1 ? Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) ?? 0 : next + 1
                next = number
                highest = max(highest, number)
                output += Array("$\(number)".utf8)
                index = end
            case UInt8(ascii: ":"), UInt8(ascii: "@"):
                // `::type` casts are PostgreSQL's own; a lone `:name` would be an SQLite named parameter.
                if byte == UInt8(ascii: ":"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") {
                    output += [byte, byte]
                    index += 2
                } else if index + 1 < bytes.count, Self.isNameStart(bytes[index + 1]), index > 0, !Self.isNameByte(bytes[index - 1]) {
                    throw SQLiteError(.misuse("named parameters are not supported on PostgreSQL"), sql: sql)
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), highest)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    var columnNames: [String] {
        guard let result else { return [] }
        return (0..<result.columnCount).map(result.columnName)
    }

    var hasRow: Bool { result.map { row >= 0 && row < $0.rowCount } ?? false }

    func bind(_ value: SQLiteValue, at position: Int) {
        bindings[position - 1] = value
    }

    func clearBindings() {
        for index in bindings.indices { bindings[index] = .null }
    }

    func reset() {
        result = nil
        row = -1
    }

    /// Sends the statement on the first step, then moves through its rows.
    func step() throws(SQLiteError) -> Bool {
        if result == nil { _ = try run() }
        row += 1
        return hasRow
    }

    /// Runs the statement with the bound values; returns the rows it inserted, updated or deleted.
    @discardableResult
    func run() throws(SQLiteError) -> Int {
        let parameters: [PGParameter] = bindings.map { value in
            switch value {
            case .null: .null
            case .integer(let integer): .text(String(integer))
            case .real(let real): real.isFinite ? .text("\(real)") : .null
            case .text(let text): .text(text)
            case .blob(let bytes): .bytes(bytes)
            }
        }
        let result: PGResult
        do {
            result = try server.execute(text, parameters: parameters)
        } catch {
            throw SQLiteError(server: error, sql: text)
        }
        self.result = result
        row = -1
        kinds = (0..<result.columnCount).map { column in
            switch result.columnType(column) {
            case PGType.int2, PGType.int4, PGType.int8, PGType.oid: .integer
            case PGType.float4, PGType.float8: .real
            case PGType.numeric: .numeric
            case PGType.bool: .boolean
            case PGType.bytea: .blob
            default: .text
            }
        }
        return result.affectedRows
    }

    private func current(_ column: Int, sql: String) throws(SQLiteError) -> PGResult {
        guard let result, hasRow else { throw SQLiteError(.misuse("the statement is not positioned on a row"), sql: sql) }
        guard column >= 0, column < result.columnCount else {
            throw SQLiteError(.misuse("column \(column) is out of range 0..<\(result.columnCount)"), sql: sql)
        }
        return result
    }

    /// The value of `column` in the current row, with SQLite's storage classes.
    func value(at column: Int, sql: String) throws(SQLiteError) -> SQLiteValue {
        let result = try current(column, sql: sql)
        if result.isNull(row, column) { return .null }
        let bytes = result.bytes(row, column)
        switch kinds[column] {
        case .integer:
            return .integer(Self.integer(bytes) ?? 0)
        case .real:
            return .real(Double(String(decoding: bytes, as: UTF8.self)) ?? .nan)
        case .numeric:
            let text = String(decoding: bytes, as: UTF8.self)
            if let integer = Int64(text) { return .integer(integer) }
            return .real(Double(text) ?? .nan)
        case .boolean:
            return .integer(bytes.first == UInt8(ascii: "t") ? 1 : 0)
        case .blob:
            return .blob(Self.hexDecoded(bytes))
        case .text:
            return .text(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The text bytes of a text column in the current row (nil for NULL), read in place.
    func textBytes(_ column: Int, sql: String) throws(SQLiteError) -> UnsafeBufferPointer<UInt8>? {
        let result = try current(column, sql: sql)
        if result.isNull(row, column) { return nil }
        guard kinds[column] == .text else {
            throw SQLiteError(.typeMismatch(column: result.columnName(column), expected: "String", found: try value(at: column, sql: sql).storageClass))
        }
        return result.bytes(row, column)
    }

    /// An integer column of the current row (nil for NULL), read in place.
    func integer(_ column: Int, expected: String, sql: String) throws(SQLiteError) -> Int64? {
        let result = try current(column, sql: sql)
        if result.isNull(row, column) { return nil }
        switch kinds[column] {
        case .integer: return Self.integer(result.bytes(row, column)) ?? 0
        case .boolean: return result.bytes(row, column).first == UInt8(ascii: "t") ? 1 : 0
        default:
            let value = try value(at: column, sql: sql)
            if case .integer(let integer) = value { return integer }
            throw SQLiteError(.typeMismatch(column: result.columnName(column), expected: expected, found: value.storageClass))
        }
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var negative = false
        var index = 0
        if bytes.first == UInt8(ascii: "-") { negative = true; index = 1 }
        guard index < bytes.count else { return nil }
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &- Int64(digit)
            index += 1
        }
        return negative ? value : -value
    }

    /// `bytea` in the server's hex output form (`\x0a1b…`).
    private static func hexDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        func nibble(_ byte: UInt8) -> UInt8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: 0
            }
        }
        guard bytes.count >= 2 else { return [] }
        var decoded: [UInt8] = []
        decoded.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index + 1 < bytes.count {
            decoded.append(nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        return decoded
    }
}

extension SQLiteError {
    /// The server's error in this layer's terms, so the store maps both engines' errors one way:
    /// constraint failures carry SQLite's extended code for their kind and SQLite's wording.
    init(server error: PGError, sql: String?) {
        // SQLITE_CONSTRAINT (19) | (n << 8): CHECK 1, FOREIGNKEY 3, NOTNULL 5, TRIGGER 7, UNIQUE 8.
        func constraint(_ extended: Int32) -> SQLiteError {
            SQLiteError(code: 19 | (extended << 8), message: error.constraintMessage, sql: sql)
        }
        switch error.kind {
        case .uniqueViolation: self = constraint(8)
        case .foreignKeyViolation: self = constraint(3)
        case .checkViolation: self = constraint(1)
        case .notNullViolation: self = constraint(5)
        case .refusedByStore: self = constraint(7)
        case .conflict: self = SQLiteError(.busy, message: error.message, sql: sql)
        case .readOnly: self = SQLiteError(.readOnly, message: error.message, sql: sql)
        case .diskFull: self = SQLiteError(.full, message: error.message, sql: sql)
        case .connection, .authentication: self = SQLiteError(.unreachable(error.message), sql: sql)
        case .insufficientPrivilege: self = SQLiteError(.permissionDenied(error.message), sql: sql)
        case .undefinedObject: self = SQLiteError(.undefinedObject(error.message), sql: sql)
        case .misuse: self = SQLiteError(.misuse(error.message), sql: sql)
        case .other: self = SQLiteError(.other(code: 0, message: error.description), message: error.description, sql: sql)
        }
    }
}

extension PGError {
    /// The constraint message as SQLite words it ("UNIQUE constraint failed: citizens.cpr"). The
    /// store names its server-side keys after their columns the way SQLite lists them, so the
    /// constraint's name is that list; the store's own refusals keep their words.
    var constraintMessage: String {
        switch kind {
        case .uniqueViolation: "UNIQUE constraint failed: \(constraint ?? table ?? "")"
        case .foreignKeyViolation: "FOREIGN KEY constraint failed"
        case .checkViolation: "CHECK constraint failed: \(constraint ?? table ?? "")"
        case .notNullViolation: "NOT NULL constraint failed: \(table ?? "").\(column ?? "")"
        default: message
        }
    }
}
