import FFBModel
import FFBSQLite
import Foundation

/// Every name a citizen has been registered or updated under, oldest first; the last is the
/// current one (`citizen update` appends a version, the older ones stay).
public struct CitizenNames: Sendable, Equatable {
    public let pseudonym: Pseudonym
    public let names: [String]
    /// When the citizen was registered (the audit row's timestamp).
    public let registered: String

    public var current: String { names.last ?? "" }

    public init(pseudonym: Pseudonym, names: [String], registered: String) {
        self.pseudonym = pseudonym
        self.names = names
        self.registered = registered
    }
}

/// Whole-store reads for finding citizens and for the caseload: one query each, never one per
/// citizen.
extension Store {
    /// Every citizen with every name they have had, in the order they were registered.
    package func citizenNames() throws(StoreError) -> [CitizenNames] {
        try read {
            var result: [CitizenNames] = []
            var current: (id: Int64, pseudonym: Pseudonym, names: [String], registered: String)?
            func finish() {
                guard let done = current else { return }
                result.append(CitizenNames(pseudonym: done.pseudonym, names: done.names, registered: done.registered))
            }
            try database.forEachRow("""
                SELECT c.id, c.pseudonym, c.name, w.at, k.name
                FROM citizens c JOIN writes w ON w.id = c.write_id LEFT JOIN citizen_contacts k ON k.citizen_id = c.id
                ORDER BY c.id, k.version
                """) { row in
                let id = try row.int64(0)
                if id != current?.id {
                    finish()
                    current = (id, try Self.pseudonym(row.string(1)), [try row.string(2)], try row.string(3))
                }
                if let name = try row.optionalString(4), name != current?.names.last { current?.names.append(name) }
            }
            finish()
            return result
        }
    }

    /// Who each citizen's caseworker is: the user (as the audit trail has it) who recorded the
    /// citizen's newest assessment or order that counts (not entered in error). A citizen with
    /// neither has none.
    package func caseworkers() throws(StoreError) -> [Pseudonym: String] {
        try read {
            var result: [Pseudonym: String] = [:]
            try database.forEach("""
                SELECT c.pseudonym, w.user FROM (
                    SELECT citizen_id, max(write_id) AS write_id FROM (
                        SELECT a.citizen_id, a.write_id FROM assessments a WHERE a.kind = 'assessment'
                          AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'assessment' AND e.target_id = a.id)
                        UNION ALL
                        SELECT o.citizen_id, o.write_id FROM orders o
                          WHERE NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'order' AND e.target_id = o.id)
                    ) counted GROUP BY citizen_id
                ) latest JOIN citizens c ON c.id = latest.citizen_id JOIN writes w ON w.id = latest.write_id
                """) { (row: Statement) throws(SQLiteError) in
                if let pseudonym = Pseudonym(try row.string(0)) { result[pseudonym] = try row.string(1) }
            }
            return result
        }
    }

    /// The closings of a citizen's cases, by case number.
    package func caseClosings(of citizen: Pseudonym) throws(StoreError) -> [String: Stored<Closing>] {
        try closings("""
            SELECT k.case_number, x.date, x.reason, w.id, w.at, w.user, w.command
            FROM case_closings x JOIN cases k ON k.id = x.case_id JOIN citizens c ON c.id = k.citizen_id
            JOIN writes w ON w.id = x.write_id
            WHERE c.pseudonym = ?
            """, of: citizen)
    }

    package func orderEndings(of citizen: Pseudonym) throws(StoreError) -> [String: Stored<Closing>] {
        try closings("""
            SELECT x.order_id, x.date, x.reason, w.id, w.at, w.user, w.command
            FROM order_endings x JOIN orders o ON o.id = x.order_id JOIN citizens c ON c.id = o.citizen_id
            JOIN writes w ON w.id = x.write_id
            WHERE c.pseudonym = ?
            """, of: citizen)
    }

    /// Closing records (a key, date, reason, then the write) of one citizen, by key.
    private func closings(_ sql: String, of citizen: Pseudonym) throws(StoreError) -> [String: Stored<Closing>] {
        try read {
            var result: [String: Stored<Closing>] = [:]
            try database.forEachRow(sql, [.text(citizen.rawValue)]) { row in
                let closing = try Closing(date: try Self.date(row, 1), reason: try row.string(2))
                result[try row.string(0)] = Stored(value: closing, recorded: try writeInfo(row, from: 3), enteredInError: nil)
            }
            return result
        }
    }
}
