import CLibPQ
import Foundation

/// A failure reported by libpq or the server, classified by its SQLSTATE.
///
/// `message` is the server's primary message only: the detail line, which for a key conflict
/// quotes the key's values (a CPR number), is never kept. Connection errors never hold the
/// password.
package struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The server could not be reached, refused the connection, or the connection broke.
        case connection
        /// The server did not accept the credentials.
        case authentication
        /// A serialization failure or deadlock: the transaction was rolled back; retrying may succeed.
        case conflict
        case uniqueViolation
        case foreignKeyViolation
        case checkViolation
        case notNullViolation
        /// The role lacks a privilege, or row-level security refused the row.
        case insufficientPrivilege
        /// A table, view or function the statement names does not exist (e.g. no ffb store here).
        case undefinedObject
        /// A write in a read-only transaction or on a hot standby.
        case readOnly
        /// The disk is full.
        case diskFull
        /// A statement the store's own triggers refused (SQLSTATE class FF, see the schema).
        case refusedByStore
        case misuse
        case other
    }

    package let kind: Kind
    /// The five-character SQLSTATE ("23505"), empty when the error did not come from the server.
    package let sqlState: String
    package let message: String
    /// The constraint, table and column the server names (key conflicts, checks).
    package let constraint: String?
    package let table: String?
    package let column: String?
    /// The SQL text, for debugging only: placeholders, never values.
    package let sql: String?

    package init(kind: Kind, message: String, sqlState: String = "", constraint: String? = nil, table: String? = nil,
                 column: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.constraint = constraint
        self.table = table
        self.column = column
        self.sql = sql
    }

    init(result: OpaquePointer, connection: OpaquePointer, sql: String) {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let state = field(UInt8(ascii: "C")) ?? ""
        let primary = field(UInt8(ascii: "M")) ?? Self.serverMessage(PQerrorMessage(connection))
        self.init(kind: Self.kind(sqlState: state), message: primary, sqlState: state, constraint: field(UInt8(ascii: "n")),
                  table: field(UInt8(ascii: "t")), column: field(UInt8(ascii: "c")), sql: sql)
    }

    /// A failed connection attempt, in one line naming where it went, never the password.
    init(connectionFailure reason: String, location: String, address: String) {
        var reason = reason
        for secret in PGAddress.passwords(in: address) where !secret.isEmpty {
            reason = reason.replacingOccurrences(of: secret, with: "***")
        }
        let lowered = reason.lowercased()
        let authentication = ["password authentication failed", "no password supplied", "authentication failed",
                              "password is required"].contains { lowered.contains($0) }
        self.init(kind: authentication ? .authentication : .connection, message: reason, sql: nil)
    }

    package var description: String {
        sqlState.isEmpty ? message : "\(message) (SQLSTATE \(sqlState))"
    }

    static func kind(sqlState: String) -> Kind {
        switch sqlState {
        case "40001", "40P01", "55P03": .conflict
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "23514": .checkViolation
        case "23502": .notNullViolation
        case "42501": .insufficientPrivilege
        case "42P01", "42883", "3F000": .undefinedObject
        case "25006": .readOnly
        case "53100": .diskFull
        case "28000", "28P01": .authentication
        default:
            if sqlState.hasPrefix("FF") { .refusedByStore }
            else if sqlState.hasPrefix("08") { .connection }
            else { .other }
        }
    }

    /// libpq's message as one line: its lines joined, the trailing newline dropped.
    static func serverMessage(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        let lines = String(cString: text).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? "unknown error" : lines.joined(separator: "; ")
    }
}
