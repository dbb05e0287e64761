import FFBModel
import FFBSQLite
import Foundation

/// One look at a citizen's personal data, as the access log keeps it.
public struct AccessLogEntry: Sendable, Equatable {
    public let at: String
    public let user: String
    public let command: String
    public let purpose: String?
}

extension Store {
    /// Records that `user` is being shown these citizens' CPR numbers or names by `command`: one
    /// row per citizen, in a transaction of its own, before the view is printed (a look that
    /// cannot be logged is not shown). On a shared store the server names the role.
    package func logAccess(to citizens: [Pseudonym], user: String, command: String, purpose: String?, now: Date) throws(StoreError) {
        let unique = Array(Set(citizens)).sorted()
        guard !unique.isEmpty else { return }
        try logAccess(user: user, command: command, purpose: purpose, now: now) { database, insert throws(SQLiteError) in
            var start = 0
            while start < unique.count {
                let batch = unique[start..<min(start + 256, unique.count)]
                let placeholders = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                try insert("WHERE c.pseudonym IN (\(placeholders))", batch.map { .text($0.rawValue) })
                start += batch.count
            }
        }
    }

    /// Records that `user` is being handed every citizen's CPR number and name (`ffb store copy`).
    package func logAccessToEveryone(user: String, command: String, purpose: String?, now: Date) throws(StoreError) {
        try logAccess(user: user, command: command, purpose: purpose, now: now) { _, insert throws(SQLiteError) in try insert("", []) }
    }

    /// The one way looks are logged: `rows` calls `insert` with a condition on citizens `c` and
    /// its values, in one transaction of its own.
    private func logAccess(
        user: String, command: String, purpose: String?, now: Date,
        _ rows: (Database, (String, [SQLiteValue]) throws(SQLiteError) -> Void) throws(SQLiteError) -> Void
    ) throws(StoreError) {
        let at = Self.timestamp(now)
        let user = try auditUser(user, in: database)
        do throws(SQLiteError) {
            try database.transaction(.immediate) { database throws(SQLiteError) in
                try rows(database) { condition, values throws(SQLiteError) in
                    try database.execute("""
                        INSERT INTO access_log (at, "user", citizen_id, command, purpose)
                        SELECT ?, ?, c.id, ?, ? FROM citizens c \(condition) ORDER BY c.id
                        """, .positional([.text(at), .text(user), .text(command), purpose.map(SQLiteValue.text) ?? .null] + values))
                }
            }
        } catch where error.kind == .readOnly {
            throw .database("this view shows CPR numbers or names, and the look cannot be logged: \(StoreError(error).description)")
        } catch {
            throw StoreError(error)
        }
    }

    /// Every look at `citizen`'s personal data, oldest first.
    package func accessLog(of citizen: Pseudonym) throws(StoreError) -> [AccessLogEntry] {
        try read {
            try database.map("""
                SELECT l.at, l."user", l.command, l.purpose FROM access_log l JOIN citizens c ON c.id = l.citizen_id
                WHERE c.pseudonym = ? ORDER BY l.id
                """, [.text(citizen.rawValue)]) { row in
                AccessLogEntry(at: try row.string(0), user: try row.string(1), command: try row.string(2), purpose: try row.optionalString(3))
            }
        }
    }
}
