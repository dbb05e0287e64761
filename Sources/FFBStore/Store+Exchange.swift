import FFBModel
import FFBSQLite
import Foundation

/// A document the store has imported, for idempotent import.
public struct ImportedDocument: Hashable, Sendable {
    public let id: String
    public let kind: String
    public let syntax: String
    public let contentHash: String

    public init(id: String, kind: String, syntax: String, contentHash: String) {
        self.id = id
        self.kind = kind
        self.syntax = syntax
        self.contentHash = contentHash
    }
}

/// Store-side support for importing exchange documents: lookups by the identities that travel
/// between stores (CPR number, case number, record ids) inside the import's one transaction.
extension StoreWriter {
    package func importedDocument(id: String) throws(StoreError) -> ImportedDocument? {
        try StoreError.mapping { () throws(SQLiteError) in
            guard let row = try database.firstRow("SELECT kind, syntax, content_hash FROM exchange_documents WHERE id = ?", [.text(id)]) else {
                return nil
            }
            return ImportedDocument(id: id, kind: try row.string(0), syntax: try row.string(1), contentHash: try row.string(2))
        }
    }

    package func recordImportedDocument(_ document: ImportedDocument) throws(StoreError) {
        try StoreError.mapping { () throws(SQLiteError) in
            _ = try database.execute(
                "INSERT INTO exchange_documents (id, kind, syntax, content_hash, write_id) VALUES (?, ?, ?, ?, ?)",
                [.text(document.id), .text(document.kind), .text(document.syntax), .text(document.contentHash), .integer(writeID)]
            )
        }
    }

    /// The citizen with this CPR number, if the store knows one.
    package func citizen(cpr: CPRNumber) throws(StoreError) -> Citizen? {
        try StoreError.mapping { try Store.citizen(cpr: cpr, in: database) }
    }

    /// The case with this number, if the store knows one.
    package func caseFile(number: String) throws(StoreError) -> CaseFile? {
        try StoreError.mapping {
            guard let row = try database.firstRow("""
                SELECT c.pseudonym, k.opened, k.municipality_name, k.municipality_code
                FROM cases k JOIN citizens c ON c.id = k.citizen_id WHERE k.case_number = ?
                """, [.text(number)]) else { return nil }
            return try CaseFile(caseNumber: number, citizen: try Store.pseudonym(row.string(0)), opened: try Store.date(row.string(1)),
                                municipality: try Municipality(name: row.string(2), code: row.string(3)))
        }
    }

    /// Whether a record with this id exists (marked entered in error or not).
    package func contains(_ kind: RecordKind, id: UUID) throws(StoreError) -> Bool {
        try StoreError.mapping { () throws(SQLiteError) in
            try database.firstRow("SELECT 1 FROM \(kind.table) WHERE id = ?", [.text(id.storeText)]) != nil
        }
    }

    /// The newest version of a goal series: its id and version number.
    package func currentGoalVersion(series: UUID) throws(StoreError) -> (id: UUID, version: Int)? {
        try StoreError.mapping {
            guard let row = try database.firstRow("SELECT id, version FROM goals WHERE series_id = ? ORDER BY version DESC LIMIT 1", [.text(series.storeText)]) else {
                return nil
            }
            return (try Store.uuid(row.string(0)), try row.int(1))
        }
    }

    /// Lets one large import keep its pages in memory. With SQLite's default 2 MB page cache a
    /// transaction that outgrows it spills to the WAL and reads its own pages back from disk.
    /// The setting lasts for this connection, which closes with the command.
    package func reserveCache(megabytes: Int) throws(StoreError) {
        // A server sizes its own buffers.
        if database.isServer { return }
        try StoreError.mapping { () throws(SQLiteError) in
            _ = try database.execute("PRAGMA cache_size = -\(max(2, megabytes) * 1024)")
        }
    }

    /// The entered-in-error reason of a record, if it has been marked.
    package func enteredInErrorReason(_ kind: RecordKind, id: UUID) throws(StoreError) -> String? {
        try StoreError.mapping { () throws(SQLiteError) in
            try database.firstRow("SELECT reason FROM entered_in_error WHERE target_kind = ? AND target_id = ?", [.text(kind.rawValue), .text(id.storeText)])?
                .string(0)
        }
    }
}

extension StoreError {
    /// What any error a `StoreWriter` call throws means for the user, as `Store.write` reports it.
    package static func classifying(_ error: any Error) -> StoreError {
        from(error)
    }
}

extension Store {
    /// Assessments (not follow-up levels) by id; nil when the store has none with this id.
    package func assessment(id: UUID) throws(StoreError) -> Stored<StoredAssessment>? {
        let pseudonym: String? = try read {
            try database.firstRow("SELECT c.pseudonym FROM assessments a JOIN citizens c ON c.id = a.citizen_id WHERE a.id = ?", [.text(id.storeText)])?.string(0)
        }
        guard let pseudonym else { return nil }
        return try assessments(of: try read { try Self.pseudonym(pseudonym) }).first { $0.value.id == id }
    }

    /// A follow-up by id, with its levels; nil when the store has none with this id.
    package func followUp(id: UUID) throws(StoreError) -> (followUp: Stored<StoredFollowUp>, levels: StoredAssessment?)? {
        let orderText: String? = try read { try database.firstRow("SELECT order_id FROM follow_ups WHERE id = ?", [.text(id.storeText)])?.string(0) }
        guard let orderText else { return nil }
        let orderID = try read { try Self.uuid(orderText) }
        guard let followUp = try followUps(of: orderID).first(where: { $0.value.id == id }) else { return nil }
        let citizen = try order(orderID.storeText).value.citizen
        let levels = try assessments(of: citizen).first { $0.value.id == followUp.value.assessmentID }?.value
        return (followUp, levels)
    }

    /// Every imported exchange document, oldest first.
    package func importedDocuments() throws(StoreError) -> [ImportedDocument] {
        try read {
            try database.query("SELECT id, kind, syntax, content_hash FROM exchange_documents ORDER BY rowid").map { row in
                ImportedDocument(id: try row.string(0), kind: try row.string(1), syntax: try row.string(2), contentHash: try row.string(3))
            }
        }
    }
}
