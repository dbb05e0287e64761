import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation

/// When an order ended, and why: the one place the store works it out. Every view (`order
/// show`, `list orders`, the caseload, progression courses) and every rule that asks whether an
/// order still runs reads it from here.
///
/// An order ends at the earliest of: a follow-up that counts (not entered in error) whose
/// decision is end or end-and-refer, its explicit ending (`order_endings`), and the closing of its
/// case (`case_closings`). Ties go to the one written first.
enum OrderEnds {
    /// Which orders' ends a query reads.
    enum Scope {
        /// Every order in the store, in one pass.
        case every
        /// One order (binding: its id).
        case order
        /// One citizen's orders (binding: the pseudonym).
        case citizen

        /// The condition on an order id column, or nil for every order.
        func condition(on column: String) -> String? {
            switch self {
            case .every: nil
            case .order: "\(column) = ?1"
            case .citizen: "\(column) IN (SELECT so.id FROM orders so JOIN citizens sc ON sc.id = so.citizen_id WHERE sc.pseudonym = ?1)"
            }
        }
    }

    /// Every end of the orders in `scope`: order id, date, cause, reason, case number, ordered so
    /// that an order's first row is its end.
    static func sql(_ scope: Scope) -> String {
        func and(_ column: String) -> String { scope.condition(on: column).map { " AND \($0)" } ?? "" }
        func `where`(_ column: String) -> String { scope.condition(on: column).map { " WHERE \($0)" } ?? "" }
        // The whole-store pass groups by order; a scoped read has few rows and takes each order's first.
        let order = scope == .every ? "order_id, date, seq" : "date, seq, order_id"
        return """
            SELECT order_id, date, cause, reason, case_number FROM (
                SELECT f.order_id AS order_id, f.date AS date, f.status AS cause, NULL AS reason, NULL AS case_number, f.write_id AS seq
                FROM follow_ups f
                WHERE f.status <> 'continue'
                  AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'follow-up' AND e.target_id = f.id)\(and("f.order_id"))
                UNION ALL
                SELECT n.order_id, n.date, 'order-ended', n.reason, NULL, n.write_id FROM order_endings n\(`where`("n.order_id"))
                UNION ALL
                SELECT o.id, k.date, 'case-closed', k.reason, c.case_number, k.write_id
                FROM case_closings k JOIN orders o ON o.case_id = k.case_id JOIN cases c ON c.id = k.case_id\(`where`("o.id"))
            ) ends ORDER BY \(order)
            """
    }

    /// The end of each order in `scope`, by order id.
    static func read(_ database: Database, _ scope: Scope, _ bindings: [SQLiteValue] = []) throws -> [String: OrderEnd] {
        var ends: [String: OrderEnd] = [:]
        try database.forEach(sql(scope), .positional(bindings)) { row throws(SQLiteError) in
            let id = try row.string(0)
            guard ends[id] == nil else { return }
            ends[id] = try end(row)
        }
        return ends
    }

    private static func end(_ row: Statement) throws(SQLiteError) -> OrderEnd? {
        guard let date = LocalDate(iso: try row.string(1)) else { return nil }
        let cause: OrderEnd.Cause
        switch try row.string(2) {
        case "order-ended": cause = .ended(reason: try row.optionalString(3) ?? "")
        case "case-closed": cause = .caseClosed(caseNumber: try row.optionalString(4) ?? "", reason: try row.optionalString(3) ?? "")
        case let status: cause = .followUp(FollowUpStatus(rawValue: status) ?? FollowUpStatus(cliValue: status) ?? .end)
        }
        return OrderEnd(date: date, cause: cause)
    }
}

extension Store {
    /// Every order's end, by order id (a running order has none): one pass for the whole store.
    package func orderEnds() throws(StoreError) -> [UUID: OrderEnd] {
        try read { try Self.byUUID(OrderEnds.read(database, .every)) }
    }

    /// The ends of one citizen's orders, by order id.
    package func orderEnds(of citizen: Pseudonym) throws(StoreError) -> [UUID: OrderEnd] {
        try read { try Self.byUUID(OrderEnds.read(database, .citizen, [.text(citizen.rawValue)])) }
    }

    /// When one order ended; nil while it runs.
    package func orderEnd(of order: UUID) throws(StoreError) -> OrderEnd? {
        try read { try OrderEnds.read(database, .order, [.text(order.storeText)])[order.storeText] }
    }

    private static func byUUID(_ ends: [String: OrderEnd]) throws -> [UUID: OrderEnd] {
        var result: [UUID: OrderEnd] = [:]
        for (id, end) in ends { result[try uuid(id)] = end }
        return result
    }
}

extension StoreWriter {
    /// When an order ended, as this write sees the store (what it wrote included); nil while it runs.
    package func orderEnd(of order: UUID) throws(StoreError) -> OrderEnd? {
        try StoreError.mapping { try OrderEnds.read(database, .order, [.text(order.storeText)])[order.storeText] }
    }
}
