import FFBPostgres
import Foundation
import Testing

/// The same caseworker's day on an SQLite file and on a PostgreSQL database (issue 21): every
/// command, its bad input included, must print the same and exit the same on both. What differs
/// by nature is made alike before comparing: the random pseudonyms and ids (numbered in order of
/// appearance), the store's address, the clock, and the writer's name (on a server the audit names
/// the database role).
@Suite(.enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
struct BackendParityTests {
    final class Run {
        let db: String
        /// Where the run's files go (`--out` names are relative to it).
        let directory: TemporaryDirectory
        var transcript: [String] = []

        init(db: String) throws {
            self.db = db
            directory = try TemporaryDirectory()
        }

        @discardableResult
        func ffb(_ arguments: String...) throws -> FFBProcess.Result { try ffb(arguments) }

        @discardableResult
        func ffb(_ arguments: [String]) throws -> FFBProcess.Result {
            let result = try FFBProcess.run(arguments + ["--db", db], environment: ["USER": "sagsbehandler-anna"], in: directory.url)
            // What an export wrote is compared where the order of its citizens is the store's, not
            // their random pseudonyms' (StoreCopyTests compares whole extracts of copied stores).
            transcript.append("$ ffb \(arguments.joined(separator: " "))\n[\(result.status)]\n\(result.stdout)\(result.stderr)")
            return result
        }

        func ok(_ arguments: String...) throws -> String {
            try ok(arguments)
        }

        func ok(_ arguments: [String]) throws -> String {
            let result = try ffb(arguments)
            #expect(result.status == 0, "\(arguments) on \(db): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A caseworker's day: records, views, whole-store reads, and the mistakes real hands make.
    static func day(_ run: Run) throws {
        let citizen = try run.ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--phone", "12345678")
        try run.ffb("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        try run.ffb("citizen", "add", "--cpr", "320190-1234", "--name", "Ingen Dato")
        _ = try run.ok("case", "open", "--citizen", citizen, "--case-number", "S-2025-001", "--opened", "2025-01-10",
                       "--municipality", "Aarhus", "--municipality-code", "0751")
        try run.ffb("case", "open", "--citizen", citizen, "--case-number", "S-2025-001", "--opened", "2025-01-10",
                    "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try run.ok("assess", "--citizen", citizen, "--case", "S-2025-001", "--date", "2025-02-01", "--assessor", "Anna",
                       "--theme", "Købe ind=3", "--theme", "Lave mad=2", "--theme", "Gøre rent=ikke-vurderet",
                       "--note", "Tobak=Ryger dagligt", "--source", "borger")
        try run.ffb("assess", "--citizen", citizen, "--case", "S-2025-001", "--date", "2025-02-02", "--theme", "Tobak=2")
        try run.ffb("assess", "--citizen", citizen, "--case", "S-2025-001", "--date", "2024-12-01", "--theme", "Købe ind=2")
        let order = try run.ok("order", "create", "--citizen", citizen, "--case", "S-2025-001",
                               "--service", "Støtte til praktiske opgaver", "--offer-type", "Mobilt tilbud",
                               "--target-group", "Psykisk funktionsnedsættelse", "--primary-target-group", "Angst",
                               "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-123456", "--support-level", "C",
                               "--issued", "2025-02-15", "--start", "2025-03-01", "--follow-up", "2025-09-01", "--purpose", "Mere selvhjulpen")
        let shopping = try run.ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "1",
                                  "--description", "Handler selv ind en gang om ugen", "--follow-up", "2025-09-01")
        try run.ffb("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "4", "--description", "For meget")
        let cooking = try run.ok("goal", "add", "--order", String(order.prefix(8)), "--theme", "Lave mad", "--secondary-theme", "Købe ind",
                                 "--type", "fastholde", "--expected", "2", "--description", "Laver aftensmad med støtte")
        let revised = try run.ok("goal", "revise", "--goal", shopping, "--expected", "2", "--description", "Handler selv ind med følge")
        try run.ffb("followup", "record", "--order", order, "--date", "2025-02-20", "--theme", "Købe ind=2", "--status", "continue")
        _ = try run.ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--support-level", "B",
                       "--goal-note", "\(revised)=Godt på vej", "--status", "continue")
        try run.ffb("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--support-level", "B",
                    "--goal-note", "\(revised)=Godt på vej", "--status", "continue")
        _ = try run.ok("followup", "record", "--order", order, "--date", "2026-03-01", "--theme", "Købe ind=1", "--theme", "Lave mad=2",
                       "--support-level", "B", "--goal-note", "\(cooking)=Fastholdt", "--status", "end")
        _ = try run.ok("mark-error", "--kind", "goal", "--id", cooking, "--reason", "Forkert tema")
        try run.ffb("mark-error", "--kind", "goal", "--id", cooking, "--reason", "Igen")
        let other = try run.ok("citizen", "add", "--cpr", "020285-2345", "--name", "Jens Nielsen")
        _ = try run.ok("case", "open", "--citizen", other, "--case-number", "S-2025-002", "--opened", "2025-01-05",
                       "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try run.ok("assess", "--citizen", other, "--case", "S-2025-002", "--date", "2025-01-20", "--theme", "Købe ind=2", "--theme", "Lave mad=3")
        _ = try run.ok("assess", "--citizen", other, "--case", "S-2025-002", "--date", "2025-08-20", "--theme", "Købe ind=1", "--theme", "Lave mad=3")
        _ = try run.ok("case", "close", "S-2025-002", "--date", "2025-10-01", "--reason", "Flyttet")
        try run.ffb("assess", "--citizen", other, "--case", "S-2025-002", "--date", "2025-11-01", "--theme", "Købe ind=1")

        for view in [
            ["history", "--citizen", citizen], ["history", "--citizen", citizen, "--format", "json"], ["citizen", "show", citizen],
            ["citizen", "show", citizen, "--format", "json"], ["citizen", "list"], ["citizen", "search", "Mette"],
            ["order", "show", order], ["order", "show", order, "--format", "json"], ["list", "orders"], ["list", "orders", "--format", "json"],
            ["list", "followups"], ["progress", "--citizen", citizen], ["progress", "--citizen", other, "--format", "json"],
            ["caseload", "--today", "2026-04-01"], ["stats", "--min-n", "1"], ["stats", "--min-n", "1", "--by", "provider", "--format", "csv"],
            ["stats", "--min-n", "1", "--goals", "--format", "json"], ["stats"], ["export", "--kind", "extract", "--out", "extract.json"],
            ["history", "--citizen", "P-NOSUCH00"], ["order", "show", "00000000"],
        ] {
            try run.ffb(view)
        }
    }

    @Test func aCaseworkersDayReadsTheSameOnSQLiteAndPostgreSQL() throws {
        let directory = try TemporaryDirectory()
        let file = try Run(db: directory.file("parity.sqlite").path)
        let server = try PostgresTestDatabase()
        let shared = try Run(db: server.address)
        try Self.day(file)
        try Self.day(shared)
        let expected = Self.expectSame(file, shared)
        #expect(expected.contains { $0.contains("[1]") }, "the day has refused commands")
    }

    /// A provider's day: synthetic order messages imported, imported again (nothing new), one
    /// altered under the same id (refused, nothing written), then the whole-store views.
    static func exchange(_ run: Run, orders: URL, altered: URL) throws {
        _ = try run.ok("import", orders.path)
        try run.ffb("import", orders.path)
        try run.ffb("import", altered.path)
        for view in [["list", "orders", "--format", "json"], ["stats", "--by", "provider"], ["stats", "--min-n", "1", "--format", "json"],
                     ["export", "--kind", "extract", "--out", "extract.json"], ["caseload", "--today", "2026-01-01", "--format", "json"]] {
            try run.ffb(view)
        }
    }

    @Test func aProvidersImportReadsTheSameOnSQLiteAndPostgreSQL() throws {
        let directory = try TemporaryDirectory()
        let orders = directory.file("orders")
        #expect(try FFBProcess.run(["exchange", "synth-orders", "--count", "40", "--seed", "21", "--out", orders.path]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: orders.path).sorted()
        let first = try String(contentsOf: orders.appendingPathComponent(files[0]), encoding: .utf8)
        let altered = directory.file("altered.json")
        try first.replacingOccurrences(of: "Syntetisk", with: "Ændret").write(to: altered, atomically: true, encoding: .utf8)
        let file = try Run(db: directory.file("parity.sqlite").path)
        let server = try PostgresTestDatabase()
        let shared = try Run(db: server.address)
        try Self.exchange(file, orders: orders, altered: altered)
        try Self.exchange(shared, orders: orders, altered: altered)
        let expected = Self.expectSame(file, shared)
        #expect(expected[2].contains("[1]"), "the altered message is refused: \(expected[2])")
    }

    /// Records every command of the two runs whose normalised transcript differs; returns the
    /// SQLite run's, normalised.
    static func expectSame(_ file: Run, _ shared: Run) -> [String] {
        let expected = normalised(file.transcript, db: file.db)
        let actual = normalised(shared.transcript, db: shared.db)
        #expect(expected.count == actual.count)
        for (sqlite, postgres) in zip(expected, actual) where sqlite != postgres {
            Issue.record("SQLite and PostgreSQL differ:\n--- SQLite\n\(sqlite)\n--- PostgreSQL\n\(postgres)")
        }
        return expected
    }

    /// The transcript with what differs by nature made alike.
    static func normalised(_ transcript: [String], db: String) -> [String] {
        var numbering: [String: String] = [:]
        func number(_ text: String, pattern: String, prefix: String) -> String {
            let regex = try! NSRegularExpression(pattern: pattern)
            var result = text
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
                let range = Range(match.range, in: text)!
                let found = String(text[range])
                if numbering[found] == nil { numbering[found] = "\(prefix)\(numbering.count + 1)" }
                result.replaceSubrange(Range(match.range, in: result)!, with: numbering[found]!)
            }
            return result
        }
        return transcript.map { entry in
            var text = entry.replacingOccurrences(of: db, with: "<db>")
            text = text.replacingOccurrences(of: (PostgresTestDatabase.adminAddress.map { _ in "ffb_admin" }) ?? "\u{0}", with: "<user>")
                .replacingOccurrences(of: "sagsbehandler-anna", with: "<user>")
            text = number(text, pattern: #"P-[0-9A-Z]{8}"#, prefix: "P#")
            text = number(text, pattern: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, prefix: "id#")
            // A short id (its first eight digits) reads as the id it begins.
            for (id, numbered) in numbering where id.count == 36 {
                text = text.replacingOccurrences(of: #"\b"# + id.prefix(8) + #"\b"#, with: numbered, options: .regularExpression)
            }
            text = text.replacingOccurrences(of: #" in \d+\.\d+ s\."#, with: " in <seconds>.", options: .regularExpression)
            text = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?"#, with: "<time>", options: .regularExpression)
            return text
        }
    }
}
