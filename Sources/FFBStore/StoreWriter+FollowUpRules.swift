import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation

/// What makes two follow-ups the same follow-up: everything recorded about the citizen (levels
/// with their notes and sources, support level, goal notes, decision), not the ids, the author
/// or when it was typed in.
struct FollowUpContent: Equatable {
    let supportLevel: String?
    let status: String
    let goalNotes: Set<String>
    /// The next follow-up it planned (ISO date).
    let next: String?
    /// By theme: the order the themes were typed in does not make another follow-up.
    let entries: [KLCode: AssessmentEntry]

    init(_ followUp: FollowUp) {
        supportLevel = followUp.supportLevel?.cliValue
        status = followUp.status.cliValue
        goalNotes = Set(followUp.goalNotes.map { "\($0.goalSeriesID.storeText)\u{0}\($0.note)" })
        next = followUp.nextFollowUp?.iso
        entries = Self.byTheme(followUp.entries)
    }

    init(stored id: String, in database: Database, catalog: Catalog) throws {
        guard let row = try database.firstRow("""
            SELECT f.support_level, f.status, f.assessment_id, p.next_date
            FROM follow_ups f LEFT JOIN follow_up_plans p ON p.follow_up_id = f.id WHERE f.id = ?
            """, [.text(id)]) else {
            throw StoreError.notFound("no follow-up \(id)")
        }
        supportLevel = try row.optionalString(0)
        status = try row.string(1)
        next = try row.optionalString(3)
        goalNotes = Set(try database.query("SELECT goal_series_id, note FROM follow_up_goal_notes WHERE follow_up_id = ?", [.text(id)]).map {
            "\(try $0.string(0))\u{0}\(try $0.string(1))"
        })
        entries = Self.byTheme(try database.map(Store.entriesOfAssessment, [.text(try row.string(2))]) {
            try Store.entry($0, catalog: catalog)
        })
    }

    private static func byTheme(_ entries: [AssessmentEntry]) -> [KLCode: AssessmentEntry] {
        Dictionary(entries.map { ($0.theme, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension StoreWriter {
    /// The same follow-up again is `.alreadyRecorded`; another one for the same order and date
    /// must say which it supersedes.
    func checkNotRecordedBefore(_ followUp: FollowUp) throws {
        let sameDay = try database.query("""
            SELECT f.id FROM follow_ups f
            WHERE f.order_id = ? AND f.date = ?
              AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'follow-up' AND e.target_id = f.id)
            ORDER BY f.rowid
            """, [.text(followUp.orderID.storeText), .text(followUp.date.iso)]).map { try $0.string(0) }
        let content = FollowUpContent(followUp)
        for id in sameDay where id != followUp.supersedes?.storeText {
            if try FollowUpContent(stored: id, in: database, catalog: catalog) == content {
                throw StoreError.alreadyRecorded("follow-up \(id) already records this for order \(followUp.orderID.storeText) on \(followUp.date)")
            }
            throw StoreError.invalid("""
                order \(followUp.orderID.storeText) already has a follow-up on \(followUp.date) (\(id)) with other content; \
                to replace it, record the new one with --supersedes \(id), or first mark \(id) entered in error \
                (ffb mark-error --kind follow-up --id \(id))
                """)
        }
    }

    /// Marks the follow-up `replaced` entered in error, superseded by `followUp`.
    func supersede(_ replaced: UUID, by followUp: FollowUp) throws {
        guard let row = try database.firstRow("SELECT order_id FROM follow_ups WHERE id = ?", [.text(replaced.storeText)]) else {
            throw StoreError.notFound("no follow-up \(replaced.storeText) to supersede")
        }
        guard try row.string(0) == followUp.orderID.storeText else {
            throw StoreError.invalid("follow-up \(replaced.storeText) belongs to another order; a follow-up supersedes one of its own order")
        }
        if let reason = try database.firstRow("SELECT reason FROM entered_in_error WHERE target_kind = 'follow-up' AND target_id = ?",
                                              [.text(replaced.storeText)])?.string(0) {
            throw StoreError.invalid("follow-up \(replaced.storeText) no longer counts (\(reason)); supersede the one that replaced it")
        }
        try markEnteredInError(kind: .followUp, id: replaced.storeText, reason: "superseded by follow-up \(followUp.id.storeText)")
    }
}
