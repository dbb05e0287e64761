import FFBModel
import FFBSQLite
import Foundation

/// Closing a case and ending an order explicitly: new records with a date and a reason, never
/// a change to the case or the order. Each is refused, with nothing written, when it cannot be
/// true: twice, before the case opened or the order started, or before something already
/// recorded on it.
extension StoreWriter {
    /// Closes a case: its orders stop running on `closing.date` (`OrderEnds`).
    package func closeCase(_ caseNumber: String, _ closing: Closing) throws(StoreError) {
        made.endedSomething = true
        try StoreError.mapping {
            guard let row = try database.firstRow("SELECT id, opened FROM cases WHERE case_number = ?", [.text(caseNumber)]) else {
                throw StoreError.notFound("unknown case \(caseNumber)")
            }
            let caseID = try row.int64(0), opened = try row.string(1)
            try judge(plausibility.dated(.caseClosing(caseNumber), closing.date, today: rules.today))
            if let closed = try database.firstRow("SELECT date FROM case_closings WHERE case_id = ?", [.integer(caseID)]) {
                throw StoreError.invalid("case \(caseNumber) is already closed (on \(try closed.string(0))); a case closes once")
            }
            guard closing.date.iso >= opened else {
                throw StoreError.invalid("case \(caseNumber) was opened on \(opened); it cannot close before that (\(closing.date))")
            }
            let orders = try database.query("""
                SELECT o.id, o.start FROM orders o WHERE o.case_id = ?
                  AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'order' AND e.target_id = o.id)
                ORDER BY o.start DESC
                """, [.integer(caseID)])
            for order in orders {
                let id = try order.string(0), start = try order.string(1)
                if start > closing.date.iso {
                    throw StoreError.invalid("order \(id) of case \(caseNumber) starts on \(start), after the closing date \(closing.date)")
                }
                try requireNoFollowUp(after: closing.date, order: id, what: "the closing date")
            }
            _ = try database.execute("INSERT INTO case_closings (case_id, date, reason, write_id) VALUES (?, ?, ?, ?)",
                                     [.integer(caseID), .text(closing.date.iso), .text(closing.reason), .integer(writeID)])
        }
    }

    /// Ends an order: it stops running on `closing.date`.
    package func endOrder(_ order: UUID, _ closing: Closing) throws(StoreError) {
        made.endedSomething = true
        try StoreError.mapping {
            let id = order.storeText
            guard let row = try database.firstRow("SELECT start FROM orders WHERE id = ?", [.text(id)]) else {
                throw StoreError.notFound("no order \(id)")
            }
            try judge(plausibility.dated(.orderEnding(id), closing.date, today: rules.today))
            try requireCounting(.order, order, "it does not run, so it cannot end")
            if let end = try orderEnd(of: order) {
                throw StoreError.invalid("order \(id) has already ended on \(end.date) (\(Self.describe(end.cause))); an order ends once")
            }
            let start = try row.string(0)
            guard closing.date.iso >= start else {
                throw StoreError.invalid("order \(id) starts on \(start); it cannot end before that (\(closing.date))")
            }
            try requireNoFollowUp(after: closing.date, order: id, what: "the end date")
            _ = try database.execute("INSERT INTO order_endings (order_id, date, reason, write_id) VALUES (?, ?, ?, ?)",
                                     [.text(id), .text(closing.date.iso), .text(closing.reason), .integer(writeID)])
        }
    }

    /// Refuses an end before the order's latest follow-up that counts.
    private func requireNoFollowUp(after date: LocalDate, order id: String, what: String) throws {
        let latest = try database.firstRow("""
            SELECT max(f.date) FROM follow_ups f WHERE f.order_id = ?
              AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'follow-up' AND e.target_id = f.id)
            """, [.text(id)])?.optionalString(0)
        if let latest, latest > date.iso {
            throw StoreError.invalid("order \(id) has a follow-up on \(latest), after \(what) \(date)")
        }
    }

    private static func describe(_ cause: OrderEnd.Cause) -> String {
        switch cause {
        case .followUp: "a follow-up ended it"
        case .ended(let reason): "ended: \(reason)"
        case .caseClosed(let number, _): "case \(number) was closed"
        }
    }
}
