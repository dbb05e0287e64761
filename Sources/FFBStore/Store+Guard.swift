import FFBParallel
import FFBSQLite

/// The store's guard against changes made outside ffb: the schema (tables, indexes and the
/// append-only triggers) must be what this ffb's migrations made before anything is written, and
/// the audit rows form a hash chain that `check()` verifies.
/// What `ffb check` found; `problems` is empty for a sound store.
public struct StoreCheckReport: Sendable {
    public struct Finding: Sendable {
        public let check: String
        public let problems: [String]
        /// What was looked at when all is well ("412 writes, last 3f2a9c1e…").
        public let detail: String
    }

    public let schemaVersion: Int
    public let findings: [Finding]
    public var problems: [String] { findings.flatMap(\.problems) }
}

extension Store {

    /// Refuses to write into a store whose schema or triggers were changed outside ffb.
    func requireIntactSchema() throws(StoreError) {
        // A server's schema belongs to its owner role; the roles ffb writes with cannot change it,
        // but the owner can drop what guards it.
        if database.isServer { return try requireIntactServerGuard() }
        let actual = try StoreError.mapping { () throws(SQLiteError) in try SchemaObject.all(in: database) }
        guard SchemaObject.digest(actual) != Schema.expectedDigest else { return }
        let differences = try schemaDifferences(actual)
        guard differences.isEmpty else {
            throw .database("""
                the store was changed outside ffb (\(Self.summary(differences))); nothing was written. Run 'ffb check' for the details
                """)
        }
    }

    /// Appends this command's audit row, chained to the row before it, and returns its id.
    func appendAuditRow(at: String, user: String, command: String) throws(SQLiteError) -> Int64 {
        // max(id) is one step down the rowid B-tree, which SQLite plans as a search; ORDER BY id
        // DESC LIMIT 1 reads one row too but is planned as a scan, which QueryPlanTests refuses.
        let last = try database.firstRow("SELECT id, hash FROM writes WHERE id = (SELECT max(id) FROM writes)")
        let entry = AuditChain.Entry(id: (try last?.int64(0) ?? 0) + 1, at: at, user: user, command: command)
        let hash = AuditChain.hash(entry, previous: try last?.optionalString(1) ?? AuditChain.genesis)
        _ = try database.execute("INSERT INTO writes (id, at, \"user\", command, hash) VALUES (?, ?, ?, ?, ?)",
                                 [.integer(entry.id), .text(at), .text(user), .text(command), .text(hash)])
        return entry.id
    }

    private func schemaDifferences(_ actual: [SchemaObject]) throws(StoreError) -> [String] {
        guard let expected = SchemaObject.expected else { throw .database("this ffb cannot build its own schema") }
        return SchemaObject.differences(actual, expected: expected)
    }

    /// Everything `ffb check` looks at: SQLite's own integrity check, the references between
    /// records, the schema against this ffb's and the recorded seal, and the audit hash chain.
    ///
    /// `progress` counts pages: the first two checks, nearly all of the time, each read the whole
    /// file; one SQLite statement each, so the count moves once per check.
    package func check(progress: WorkProgress) throws(StoreError) -> StoreCheckReport {
        if database.isServer { return try serverCheck() }
        return try read {
            var findings: [StoreCheckReport.Finding] = []
            let pages = try database.firstRow("PRAGMA page_count")?.int(0) ?? 0
            progress.start(total: 2 * pages)
            let integrity = try database.integrityCheck()
            findings.append(.init(check: "SQLite integrity", problems: integrity == ["ok"] ? [] : Array(integrity.prefix(10)), detail: "ok"))
            progress.advance(by: pages)
            let orphans = try database.query("PRAGMA foreign_key_check").map { row in
                "a row of \(try row.string(0)) points at a missing row of \(try row.string(2))"
            }
            findings.append(.init(check: "references between records", problems: Array(Set(orphans)).sorted(), detail: "every reference resolves"))
            progress.advance(by: pages)
            let actual = try SchemaObject.all(in: database)
            let differences = try schemaDifferences(actual)
            let digest = SchemaObject.digest(actual)
            var sealProblems: [String] = []
            let version = try database.userVersion
            if let sealed = try database.firstRow("SELECT schema_digest FROM store_seal ORDER BY version DESC LIMIT 1")?.string(0) {
                if differences.isEmpty, sealed != digest { sealProblems.append("the recorded schema seal does not match the schema") }
            } else {
                sealProblems.append("the store has no schema seal")
            }
            findings.append(.init(check: "schema and append-only triggers", problems: differences + sealProblems,
                                  detail: "as this ffb makes them (digest \(digest.prefix(12))…)"))
            findings.append(try auditChainFinding())
            return StoreCheckReport(schemaVersion: version, findings: findings)
        }
    }

    /// A server keeps its own pages and references sound (foreign keys are enforced on every
    /// write) and its schema belongs to the owner role: what is left to check is the schema
    /// version, the triggers and row-level security that guard it, and the audit chain.
    private func serverCheck() throws(StoreError) -> StoreCheckReport {
        try read {
            let version = try database.userVersion
            let schema = StoreCheckReport.Finding(
                check: "schema version", problems: version == Schema.latestVersion ? [] : ["the schema is version \(version), this ffb's is \(Schema.latestVersion)"],
                detail: "version \(version) on \(path)")
            let guarded = StoreCheckReport.Finding(check: "append-only triggers and row-level security", problems: try serverGuardProblems(),
                                                   detail: "every table's, as this ffb makes them")
            return StoreCheckReport(schemaVersion: version, findings: [schema, guarded, try auditChainFinding()])
        }
    }

    private func auditChainFinding() throws(SQLiteError) -> StoreCheckReport.Finding {
        var previous = AuditChain.genesis
        var problems: [String] = []
        var count = 0
        var expectedID: Int64 = 1
        try database.forEach("SELECT id, at, \"user\", command, hash FROM writes ORDER BY id") { row throws(SQLiteError) in
            let entry = AuditChain.Entry(id: try row.int64(0), at: try row.string(1), user: try row.string(2), command: try row.string(3))
            let stored = try row.optionalString(4)
            if entry.id != expectedID, problems.count < 10 {
                problems.append(entry.id - 1 == expectedID ? "audit row \(expectedID) is missing" : "audit rows \(expectedID)–\(entry.id - 1) are missing")
            }
            let hash = AuditChain.hash(entry, previous: previous)
            if stored != hash, problems.count < 10 {
                problems.append("audit row \(entry.id) was changed, or a row before it was removed or changed")
            }
            previous = stored ?? hash
            expectedID = entry.id + 1
            count += 1
        }
        return .init(check: "audit trail hash chain", problems: problems,
                     detail: "\(count) write\(count == 1 ? "" : "s"), last \(previous.prefix(12))…")
    }

    /// The warnings the given writes gave (an import's identity warnings), by write id.
    package func warnings(ofWrites ids: Set<Int64>) throws(StoreError) -> [Int64: [String]] {
        guard !ids.isEmpty else { return [:] }
        return try read {
            var result: [Int64: [String]] = [:]
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            try database.forEach("SELECT write_id, message FROM write_warnings WHERE write_id IN (\(placeholders)) ORDER BY write_id, position",
                                 .positional(ids.sorted().map { .integer($0) })) { row throws(SQLiteError) in
                result[try row.int64(0), default: []].append(try row.string(1))
            }
            return result
        }
    }

    /// The first few differences, for a one-line error.
    static func summary(_ differences: [String]) -> String {
        differences.prefix(3).joined(separator: "; ") + (differences.count > 3 ? "; and \(differences.count - 3) more" : "")
    }
}
