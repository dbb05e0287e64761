import FFBModel
import FFBSQLite

extension StoreWriter {
    /// Keeps the next follow-up a follow-up planned, beside it and in the same write.
    func recordPlan(of followUp: FollowUp) throws {
        guard let next = followUp.nextFollowUp else { return }
        _ = try database.execute("INSERT INTO follow_up_plans (follow_up_id, next_date, write_id) VALUES (?, ?, ?)",
                                 [.text(followUp.id.storeText), .text(next.iso), .integer(writeID)])
    }
}
