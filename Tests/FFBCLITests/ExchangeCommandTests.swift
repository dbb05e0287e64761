import Foundation
import KLConformance
import Testing

/// Exchange between stores through the real binary: validate, import, export, native and KL FHIR.
@Suite struct ExchangeCommandTests {
    let directory: TemporaryDirectory
    static let examples = FFBProcess.packageRoot.appendingPathComponent("Docs/examples")
    static let klOrderMessage = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-messaging-1.0.0/order-message-example.json")
    static let klDraftOrderMessage = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-messaging-0.1.0-draft/order-message-example.json")

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.file(name).path }

    @discardableResult
    func ffb(_ arguments: [String], user: String = "test") throws -> FFBProcess.Result {
        try FFBProcess.run(arguments, environment: ["USER": user])
    }

    func ok(_ arguments: String..., user: String = "test") throws -> String {
        let result = try ffb(arguments, user: user)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func dump(_ db: String) throws -> String { try StoreShell.dump(db) }

    func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    // MARK: The authority and the provider

    struct AuthorityCase {
        var citizen: String
        var order: String
        var goals: [String]
    }

    func authorityCase(db: String) throws -> AuthorityCase {
        let citizen = try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karen Dahl", "--phone", "+45 86 12 34 56",
                             "--address", "Vestergade 1, 8000 Aarhus C", "--db", db, user: "anna")
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-77", "--opened", "2025-01-05", "--municipality", "Aarhus Kommune",
                   "--municipality-code", "0751", "--db", db, user: "anna")
        _ = try ok("assess", "--citizen", citizen, "--case", "S-77", "--date", "2025-01-20", "--assessor", "Anna", "--theme", "Købe ind=3",
                   "--theme", "Lave mad=2", "--note", "Tobak=Ryger", "--db", db, user: "anna")
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-77", "--service", "Støtte til praktiske opgaver",
                           "--target-group", "Angst", "--primary-target-group", "Angst", "--provider-name", "Bostøtten Øst",
                           "--provider-id", "SOR-123456", "--support-level", "C", "--issued", "2025-02-01", "--start", "2025-02-10",
                           "--follow-up", "2025-08-01", "--purpose", "Karen klarer sine indkøb og sin mad", "--db", db, user: "anna")
        let shopping = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "1",
                              "--description", "Handler selv ind", "--follow-up", "2025-08-01", "--db", db, user: "anna")
        let cooking = try ok("goal", "add", "--order", order, "--theme", "Lave mad", "--type", "fastholde", "--expected", "2",
                             "--description", "Laver mad med støtte", "--db", db, user: "anna")
        return AuthorityCase(citizen: citizen, order: order, goals: [shopping, cooking])
    }

    @Test func anOrderTravelsToTheProviderAndItsFollowUpsComeBack() throws {
        let authority = path("authority.sqlite"), provider = path("provider.sqlite")
        let recorded = try authorityCase(db: authority)
        _ = try ok("export", "--kind", "order", "--id", recorded.order, "--out", path("order.json"), "--db", authority)
        #expect(try mode(path("order.json")) == 0o600)

        _ = try ok("import", "--db", provider, path("order.json"), user: "bo")
        let orders = try #require(try FFBProcess.json(try ok("list", "orders", "--db", provider, "--format", "json")) as? [[String: Any]])
        #expect(orders.count == 1)
        #expect(orders.first?["id"] as? String == recorded.order)
        let providerCitizen = try #require(orders.first?["citizen"] as? String)
        #expect(providerCitizen != recorded.citizen, "each store gives its own pseudonym")

        let first = try ok("followup", "record", "--order", recorded.order, "--date", "2025-08-01", "--theme", "Købe ind=2",
                           "--support-level", "B", "--goal-note", "\(recorded.goals[0])=Handler med følge", "--status", "continue",
                           "--author", "Bo Kontaktperson", "--db", provider, user: "bo")
        let second = try ok("followup", "record", "--order", recorded.order, "--date", "2026-02-01", "--theme", "Købe ind=1",
                            "--theme", "Lave mad=2", "--support-level", "A", "--status", "end", "--author", "Bo Kontaktperson",
                            "--db", provider, user: "bo")
        _ = try ok("export", "--kind", "follow-up-report", "--id", first, "--out", path("follow-up-1.json"), "--db", provider)
        _ = try ok("export", "--kind", "follow-up-report", "--id", second, "--out", path("follow-up-2.json"), "--db", provider)

        let imported = try ok("import", "--db", authority, path("follow-up-2.json"), path("follow-up-1.json"), user: "anna")
        #expect(imported.contains("2 documents imported"))
        let history = try #require(try FFBProcess.json(try ok("history", "--citizen", recorded.citizen, "--db", authority, "--format", "json")) as? [String: Any])
        let events = try #require(history["events"] as? [[String: Any]])
        let followUps = events.filter { $0["kind"] as? String == "follow-up" }
        #expect(followUps.map { $0["id"] as? String } == [first, second])
        #expect((followUps[0]["details"] as? [String])?.contains("Købe ind: 2 (moderat nedsat funktionsevne)") == true)
        #expect((followUps[1]["details"] as? [String])?.contains("Købe ind: 1 (let nedsat funktionsevne)") == true)
        #expect((followUps[1]["summary"] as? String)?.contains("støtteniveau A") == true)

        // The authority imports the same reports again: nothing changes.
        let before = try dump(authority)
        #expect(try ok("import", "--db", authority, path("follow-up-1.json"), path("follow-up-2.json")).contains("2 already imported"))
        #expect(try dump(authority).components(separatedBy: "\n").filter { !$0.contains("INSERT INTO writes") }
            == before.components(separatedBy: "\n").filter { !$0.contains("INSERT INTO writes") })
    }

    @Test func exportImportExportIsAFixedPoint() throws {
        let authority = path("authority.sqlite")
        let recorded = try authorityCase(db: authority)
        _ = try ok("goal", "revise", "--goal", recorded.goals[0], "--expected", "2", "--description", "Handler ind med følge", "--db", authority)
        let followUp = try ok("followup", "record", "--order", recorded.order, "--date", "2025-08-01", "--theme", "Købe ind=2",
                              "--status", "continue", "--db", authority)
        _ = try ok("export", "--kind", "order", "--id", recorded.order, "--out", path("a-order.json"), "--db", authority)
        _ = try ok("export", "--kind", "follow-up-report", "--id", followUp, "--out", path("a-follow-up.json"), "--db", authority)
        _ = try ok("import", "--db", path("empty.sqlite"), path("a-follow-up.json"), path("a-order.json"))
        _ = try ok("export", "--kind", "order", "--id", recorded.order, "--out", path("b-order.json"), "--db", path("empty.sqlite"))
        _ = try ok("export", "--kind", "follow-up-report", "--id", followUp, "--out", path("b-follow-up.json"), "--db", path("empty.sqlite"))
        #expect(try Data(contentsOf: directory.file("a-order.json")) == Data(contentsOf: directory.file("b-order.json")))
        #expect(try Data(contentsOf: directory.file("a-follow-up.json")) == Data(contentsOf: directory.file("b-follow-up.json")))
    }

    @Test func anOrderAsAKLFHIRMessageImportsToTheSameRecords() throws {
        let authority = path("authority.sqlite")
        let recorded = try authorityCase(db: authority)
        _ = try ok("export", "--fhir", "order", "--id", recorded.order, "--out", path("message.json"), "--db", authority)
        #expect(try mode(path("message.json")) == 0o600)
        let message = try #require(try FFBProcess.json(String(contentsOf: directory.file("message.json"), encoding: .utf8)) as? [String: Any])
        #expect(message["type"] as? String == "message")
        // KL's profile rules on what the binary wrote: none broken.
        let violations = Conformance.klMessaging.violations(of: try Data(contentsOf: directory.file("message.json")))
        #expect(violations.isEmpty, "\(violations)")
        let validate = try ffb(["validate", path("message.json")])
        #expect(validate.status == 0)
        #expect(validate.stderr.isEmpty, "our own message has nothing FFBKit cannot keep: \(validate.stderr)")
        _ = try ok("import", "--db", path("fhir.sqlite"), path("message.json"))
        _ = try ok("export", "--kind", "order", "--id", recorded.order, "--out", path("via-fhir.json"), "--db", path("fhir.sqlite"))
        _ = try ok("export", "--kind", "order", "--id", recorded.order, "--out", path("direct.json"), "--db", authority)
        #expect(try Data(contentsOf: directory.file("via-fhir.json")) == Data(contentsOf: directory.file("direct.json")))
    }

    @Test func kl_sExampleOrderMessageImportsAndIsListed() throws {
        let db = path("provider.sqlite")
        let result = try ffb(["import", "--db", db, Self.klOrderMessage.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 document imported"))
        #expect(result.errorLines.allSatisfy { $0.contains(": warning: ") })
        #expect(!result.stderr.contains("1111111111") && !result.stderr.contains("111111-1111"))
        let orders = try #require(try FFBProcess.json(try ok("list", "orders", "--db", db, "--format", "json")) as? [[String: Any]])
        #expect(orders.count == 1)
        let order = try #require(orders.first)
        #expect((order["citizen"] as? String)?.hasPrefix("P-") == true)
        #expect(order["provider"] as? String == "Bostedet Lillested")
        #expect(order["goals"] as? Int == 1)
        #expect(order["themes"] as? [String] == [
            "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7", // Indgå i samspil og kontakt (primary)
            "dcc6bb77-45af-4625-9c4d-7d7878307220", // Deltage i sociale fællesskaber og fritidsaktiviteter
            "986898d0-e2e5-4afa-9cb3-ee7aecaa0143", // Samtale
            "b947f321-7cdb-4b33-9653-f3ff800572b0", // Lave mad
        ])
    }

    @Test func kl_sExampleOfEitherGuideVersionValidatesAndImportsWithLocatedWarnings() throws {
        for example in [Self.klOrderMessage, Self.klDraftOrderMessage] {
            let validate = try ffb(["validate", example.path])
            #expect(validate.status == 0, "\(validate.stderr)")
            #expect(validate.stdout.contains("order"), "\(validate.stdout)")
            #expect(!validate.errorLines.isEmpty && validate.errorLines.allSatisfy { $0.hasPrefix(example.path + ":/entry/") && $0.contains(": warning: ") })
            let db = path("\(example.deletingLastPathComponent().lastPathComponent).sqlite")
            let imported = try ffb(["import", "--db", db, example.path])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("1 document imported"))
            let orders = try #require(try FFBProcess.json(try ok("list", "orders", "--db", db, "--format", "json")) as? [[String: Any]])
            #expect(orders.map { $0["provider"] as? String } == ["Bostedet Lillested"])
            #expect(orders.first?["goals"] as? Int == 1)
        }
    }

    @Test func validateChecksEveryFileAndWritesNothing() throws {
        let files = ["order", "follow-up-report", "assessment", "extract"].map { Self.examples.appendingPathComponent("\($0).json").path }
        let valid = try ffb(["validate"] + files + [Self.klOrderMessage.path, "--quiet"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.split(separator: "\n").count == 5)
        #expect(valid.stderr.isEmpty)
        let bad = try directory.write("bad.json", "{\"format\": \"ffb-exchange\", \"version\": 1, \"kind\": \"order\"}")
        let result = try ffb(["validate", bad.path, files[0], path("missing.json")])
        #expect(result.status == 1)
        #expect(result.errorLines.contains("\(bad.path):/: missing required property \"id\""))
        #expect(result.errorLines.contains("\(path("missing.json")):/: no such file"))
        #expect(result.errorLines.allSatisfy { $0.hasPrefix(bad.path + ":/") || $0.hasPrefix(path("missing.json") + ":/") })
        #expect(!FileManager.default.fileExists(atPath: path("ffb.sqlite")))
        #expect(try ffb(["validate"]).status == 2)
    }

    @Test func importIsAllOrNothingAcrossFiles() throws {
        let db = path("store.sqlite")
        _ = try ok("import", "--db", db, Self.examples.appendingPathComponent("assessment.json").path)
        let before = try dump(db)
        let bad = try directory.write("bad-follow-up.json", try String(contentsOf: Self.examples.appendingPathComponent("follow-up-report.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"date\": \"2025-09-01\"", with: "\"date\": \"2025-01-01\""))
        let result = try ffb(["import", "--db", db, Self.examples.appendingPathComponent("order.json").path, bad.path])
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(bad.path):/follow_up/date: follow-up date 2025-01-01 is before the order starts (2025-03-01)"])
        #expect(try dump(db) == before)
        // A store that did not exist is not left behind by a failed import.
        let fresh = path("fresh.sqlite")
        #expect(try ffb(["import", "--db", fresh, bad.path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func klReportingBundlesAreWrittenPerCitizenAndDay() throws {
        let db = path("authority.sqlite")
        let recorded = try authorityCase(db: db)
        _ = try ok("followup", "record", "--order", recorded.order, "--date", "2025-08-01", "--theme", "Købe ind=2", "--status", "end", "--db", db)
        let output = try ok("export", "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", path("reports"), "--db", db)
        #expect(output.contains("for 1 citizen"))
        let files = try FileManager.default.contentsOfDirectory(atPath: path("reports")).sorted()
        // Named by day and bundle id: the bundle holds the CPR number (KL requires it), so its
        // name must not hold the pseudonym that would link it to every analytic extract.
        #expect(files.map { String($0.prefix(25)) } == ["2025-01-20", "2025-02-01", "2025-08-01"].map { "DeliveryReport-\($0)" })
        #expect(files.allSatisfy { !$0.contains(recorded.citizen) })
        for file in files {
            #expect(try mode(path("reports/\(file)")) == 0o600)
            let text = try String(contentsOf: directory.file("reports/\(file)"), encoding: .utf8)
            let bundle = try #require(try FFBProcess.json(text) as? [String: Any])
            #expect(bundle["type"] as? String == "collection")
            #expect(Conformance.klReporting().violations(of: Data(text.utf8)) == [], "\(file)")
            // Privacy stated truthfully: the bundle carries the CPR number as KL's profile requires.
            #expect(text.contains("0204851357"))
        }
    }

    @Test func exportNeedsExactlyOneKindOfDocument() throws {
        #expect(try ffb(["export", "--out", path("x.json"), "--db", path("none.sqlite")]).status == 2)
        #expect(try ffb(["export", "--kind", "order", "--fhir", "order", "--id", "x", "--out", path("x.json")]).status == 2)
        let db = path("authority.sqlite")
        _ = try authorityCase(db: db)
        let missing = try ffb(["export", "--kind", "order", "--id", "00000000", "--out", path("x.json"), "--db", db])
        #expect(missing.status == 1)
        #expect(missing.errorLines == ["ffb: no order 00000000"])
    }
}

/// Broken documents, each refused by `ffb import` with exit 1, a located error, and an unchanged
/// store (checked with the sqlite3 shell, not our own code).
@Suite struct ExchangeCorpusTests {
    /// How to break a document, and where the error must point.
    struct Broken: CustomTestStringConvertible, Sendable {
        var name: String
        var base: String
        var edit: @Sendable (inout Any) -> Void
        var raw: (@Sendable (String) -> String)?
        var location: String
        var fragment: String

        var testDescription: String { name }

        init(_ name: String, _ base: String = "order", at location: String, _ fragment: String, edit: @escaping @Sendable (inout Any) -> Void) {
            self.name = name
            self.base = base
            self.edit = edit
            self.location = location
            self.fragment = fragment
        }

        init(_ name: String, _ base: String = "order", at location: String, _ fragment: String, text: @escaping @Sendable (String) -> String) {
            self.init(name, base, at: location, fragment) { _ in }
            raw = text
        }
    }

    static let examples = FFBProcess.packageRoot.appendingPathComponent("Docs/examples")
    static let klMessage = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-messaging-1.0.0/order-message-example.json")
    /// KL's 6th-encounter DeliveryReport: every resource type the reporting guide allows.
    static let klReport = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-reporting-1.0.0/DeliveryReport-aaa5d153-968e-46ec-9f9e-cfc6e93a3f1b.json")
    static let tobacco = "f5b8e809-7689-4952-838c-a069c99408b3"
    static let unknownCode = "00000000-0000-4000-8000-000000000000"

    static func set(_ path: String, _ value: Any?) -> @Sendable (inout Any) -> Void {
        let parts = path.split(separator: "/").map(String.init)
        // Plain JSON values (strings, numbers, arrays of them), never mutated after this point.
        nonisolated(unsafe) let value = value
        return { json in json = JSONEdit.setting(json, parts[...], value) }
    }

    static let corpus: [Broken] = [
        // Not JSON, or not the right JSON.
        Broken("truncated file", at: "/order/assessments/0", "unexpected end of input", text: { String($0.prefix(700)) }),
        Broken("empty file", at: "/", "empty document", text: { _ in "" }),
        Broken("trailing comma", at: "/", "trailing comma", text: { String($0.dropLast(2)) + ",}" }),
        Broken("duplicate key", at: "/", "duplicate key \"kind\"", text: { $0.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1, \"kind\": \"order\",") }),
        Broken("not JSON at all", at: "/", "unexpected", text: { _ in "bestilling til Bostøtten" }),
        Broken("invalid UTF-8", at: "/order/citizen/name", "invalid UTF-8", text: { $0.replacingOccurrences(of: "Mette", with: "M\u{FFFD}tte") }),
        Broken("deep nesting", at: "/x" + String(repeating: "/0", count: 31), "nesting deeper than 32 levels", text: {
            String($0.dropLast(2)) + ", \"x\": " + String(repeating: "[", count: 50) + String(repeating: "]", count: 50) + "}"
        }),
        Broken("huge string", at: "/order/citizen/name", "string longer than 256 KiB", edit: set("order/citizen/name", String(repeating: "Å", count: 200_000))),
        Broken("long name", at: "/order/citizen/name", "longer than 200 characters", edit: set("order/citizen/name", String(repeating: "a", count: 201))),
        Broken("array at the root", at: "/", "found array", text: { "[\($0)]" }),
        // The envelope.
        Broken("wrong format", at: "/format", "must be \"ffb-exchange\"", edit: set("format", "ffb-exchange-v1")),
        Broken("newer version", at: "/version", "newer than this reader", edit: set("version", 2)),
        Broken("version as text", at: "/version", "expected integer, found string", edit: set("version", "1")),
        Broken("unknown kind", at: "/kind", "is not one of", edit: set("kind", "bestilling")),
        Broken("missing id", at: "/", "missing required property \"id\"", edit: set("id", nil)),
        Broken("id not a UUID", at: "/id", "not a valid UUID", edit: set("id", "order-1")),
        Broken("missing created", at: "/", "missing required property \"created\"", edit: set("created", nil)),
        Broken("created without a time", at: "/created", "not a valid date-time", edit: set("created", "2025-02-15")),
        Broken("sender without a name", at: "/sender", "missing required property \"name\"", edit: set("sender/name", nil)),
        Broken("content under the wrong kind", at: "/", "missing required property \"order\"", edit: { json in
            json = JSONEdit.setting(json, ["follow_up"], JSONEdit.value(json, ["order"]))
            json = JSONEdit.setting(json, ["order"], nil)
        }),
        // The citizen and case.
        Broken("CPR not a date", at: "/order/citizen/cpr", "not a CPR number", edit: set("order/citizen/cpr", "310285-2468")),
        Broken("CPR as a number", at: "/order/citizen/cpr", "expected string, found number", edit: set("order/citizen/cpr", 1503852468)),
        Broken("three-digit kommunekode", at: "/order/case/municipality/code", "four-digit kommunekode", edit: set("order/case/municipality/code", "751")),
        Broken("case opened on no date", at: "/order/case/opened", "not a valid date", edit: set("order/case/opened", "2025-02-30")),
        // The order.
        Broken("no services", at: "/order/services", "at least one service", edit: set("order/services", [Any]())),
        Broken("unknown service", at: "/order/services/0", "unknown service", edit: set("order/services/0", unknownCode)),
        Broken("unknown offer type", at: "/order/offer_type", "unknown offer type", edit: set("order/offer_type", "Ingen sådan")),
        Broken("unknown target group", at: "/order/target_groups/0/code", "unknown target group", edit: set("order/target_groups/0/code", unknownCode)),
        Broken("two primary target groups", at: "/order/target_groups/1/primary", "more than one primary target group", edit: set("order/target_groups/1/primary", true)),
        Broken("support level F", at: "/order/support_level", "expected a support level", edit: set("order/support_level", "F")),
        Broken("start before issued", at: "/order/start", "before the order was issued", edit: set("order/start", "2025-02-01")),
        Broken("follow-up before start", at: "/order/follow_up_date", "before the start", edit: set("order/follow_up_date", "2025-02-20")),
        Broken("issued before the case opened", at: "/order/issued", "before its case was opened", edit: set("order/case/opened", "2025-03-01")),
        // Assessments.
        Broken("unknown theme", at: "/order/assessments/0/entries/0/theme", "unknown theme", edit: set("order/assessments/0/entries/0/theme", unknownCode)),
        Broken("level on an unscored theme", at: "/order/assessments/0/entries/3/level", "level on an unscored theme", edit: set("order/assessments/0/entries/3/level", 2)),
        Broken("scored theme without a level", at: "/order/assessments/0/entries/0", "needs a level", edit: set("order/assessments/0/entries/0/level", nil)),
        Broken("level 7", at: "/order/assessments/0/entries/0/level", "expected a function level", edit: set("order/assessments/0/entries/0/level", 7)),
        Broken("theme twice", at: "/order/assessments/0/entries/1/theme", "is given twice", edit: set("order/assessments/0/entries/1/theme", "01770afa-cd17-41fe-a966-b8895e4d55d8")),
        Broken("assessment without themes", at: "/order/assessments/0/entries", "at least one theme", edit: set("order/assessments/0/entries", [Any]())),
        Broken("unknown source", at: "/order/assessments/0/entries/0/source", "is not one of", edit: set("order/assessments/0/entries/0/source", "nabo")),
        Broken("assessments not a list", at: "/order/assessments", "expected array, found object", edit: set("order/assessments", [String: Any]())),
        // Goals.
        Broken("goal on an unscored theme", at: "/order/goals/0/primary_theme", "goal on an unscored theme", edit: set("order/goals/0/primary_theme", tobacco)),
        Broken("unknown goal type", at: "/order/goals/0/type", "is not one of", edit: set("order/goals/0/type", "forbedre")),
        Broken("expected level not assessed", at: "/order/goals/0/expected_level", "cannot be a goal", edit: set("order/goals/0/expected_level", "ikke-vurderet")),
        Broken("duplicated goal id", at: "/order/goals/1/id", "goal id appears twice", edit: set("order/goals/1/id", "0166bbdc-b732-459b-b4cc-52480dda5a10")),
        Broken("second version replacing nothing", at: "/order/goals/2/version", "must name the version it replaces", edit: set("order/goals/2/supersedes", nil)),
        Broken("goal without a description", at: "/order/goals/0", "missing required property \"description\"", edit: set("order/goals/0/description", nil)),
        Broken("goal follow-up before the start", at: "/order/goals/0/follow_up_date", "before the order starts", edit: set("order/goals/0/follow_up_date", "2025-02-20")),
        // Against the store (which already holds the example order).
        Broken("same document id, other content", at: "/id", "imported before with other content", edit: set("order/support_level", "D")),
        Broken("case of another citizen", at: "/order/case/number", "belongs to another citizen", edit: { json in
            json = JSONEdit.setting(json, ["id"], "abababab-abab-4bab-8bab-abababababab")
            json = JSONEdit.setting(json, ["order", "id"], "cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd")
            json = JSONEdit.setting(json, ["order", "citizen", "cpr"], "010203-4321")
        }),
        Broken("follow-up for an unknown order", "follow-up-report", at: "/follow_up/order", "no order", edit: set("follow_up/order", unknownCode)),
        Broken("follow-up before the order starts", "follow-up-report", at: "/follow_up/date", "before the order starts", edit: set("follow_up/date", "2025-02-20")),
        Broken("follow-up of a goal of another order", "follow-up-report", at: "/follow_up/goal_evaluations/0/goal", "is not a goal of order",
               edit: set("follow_up/goal_evaluations/0/goal", unknownCode)),
        Broken("unknown follow-up status", "follow-up-report", at: "/follow_up/status", "is not one of", edit: set("follow_up/status", "pause")),
        Broken("assessment without a citizen", "assessment", at: "/assessment", "missing required property \"citizen\"", edit: set("assessment/citizen", nil)),
        Broken("order twice in an extract", "extract", at: "/extract/orders/1/id", "order id appears twice", edit: { json in
            let order = JSONEdit.value(json, ["extract", "orders", "0"])
            json = JSONEdit.setting(json, ["extract", "orders", "1"], order)
        }),
        // KL FHIR order messages.
        Broken("FHIR: another event", "kl", at: "/entry/0/resource/eventCoding", "not a KL FFB order message", edit: set("entry/0/resource/eventCoding/code", "ffb-report")),
        Broken("FHIR: not a message bundle", "kl", at: "/type", "of type \"message\"", edit: set("type", "collection")),
        Broken("FHIR: severity on an unscored theme", "kl", at: "/entry/14/resource/severity/coding/0/code", "level on an unscored theme",
               edit: set("entry/14/resource/code/coding/0/code", tobacco)),
        Broken("FHIR: no CPR number", "kl", at: "/entry/39/resource", "has no CPR number", edit: set("entry/39/resource/identifier", nil)),
        Broken("FHIR: reference to nothing", "kl", at: "/entry/6/resource/addresses/0", "the reference \"Condition/ukendt\" names no entry of the bundle",
               edit: set("entry/6/resource/addresses/0/reference", "Condition/ukendt")),
        // A reference whose id is all digits was once "the reference the value given": it is named.
        Broken("FHIR: reference by a numeric id", "kl", at: "/entry/6/resource/addresses/0", "the reference \"Condition/12345678\" names no entry",
               edit: set("entry/6/resource/addresses/0/reference", "Condition/12345678")),
        // KL DeliveryReports.
        Broken("report: neither an order message nor a report", "report", at: "/type", "a FHIR Bundle of type \"searchset\" with 33 entries",
               edit: set("type", "searchset")),
        Broken("report: one id, two contents", "report", at: "/entry/3/resource/id", "appears twice with other content (first at /entry/2/resource)",
               edit: set("entry/3/resource/id", "57dc36db-56ce-4a4a-95e8-2d2c8a85871a")),
        Broken("report: reference to nothing", "report", at: "/entry/29/resource/focus/0/reference", "names no entry of the report",
               edit: set("entry/29/resource/focus/0/reference", "CarePlan/\(unknownCode)")),
        Broken("report: the wrong type behind a reference", "report", at: "/entry/29/resource/focus/0", "must be a CarePlan, found Observation",
               edit: set("entry/29/resource/focus/0/reference", "Observation/213d0504-1a41-4330-b9a0-347d3ba4bb2a")),
        Broken("report: unknown theme", "report", at: "/entry/2/resource/code/coding/0/code", "unknown theme",
               edit: set("entry/2/resource/code/coding/0/code", unknownCode)),
        Broken("report: level on an unscored theme", "report", at: "/entry/2/resource/severity/coding/0/code", "level on an unscored theme",
               edit: set("entry/2/resource/severity", ["coding": [["system": "urn:oid:1.2.208.176.2.22", "code": "8328ce4a-6238-4f73-bf1a-74aadb68eff8"]]])),
        Broken("report: unknown follow-up result", "report", at: "/entry/28/resource/valueCodeableConcept/coding/0/code", "not an FFB follow-up result",
               edit: set("entry/28/resource/valueCodeableConcept/coding/0/code", unknownCode)),
        Broken("report: no CPR number", "report", at: "/entry/0/resource/identifier", "has no CPR number", edit: set("entry/0/resource/identifier", nil)),
    ]

    @Test func theCorpusHasAtLeastFortyDocuments() {
        #expect(Self.corpus.count >= 40)
    }

    @Test(arguments: corpus)
    func aBrokenDocumentIsRefusedAtItsPointerAndChangesNothing(_ broken: Broken) throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("store.sqlite").path
        let setup = try FFBProcess.run(["import", "--db", db, Self.examples.appendingPathComponent("order.json").path])
        #expect(setup.status == 0)
        let before = try dump(db)

        let source = switch broken.base {
        case "kl": Self.klMessage
        case "report": Self.klReport
        default: Self.examples.appendingPathComponent("\(broken.base).json")
        }
        let text = try String(contentsOf: source, encoding: .utf8)
        let file = directory.file("broken.json")
        if let raw = broken.raw {
            var bytes = Data(raw(text).utf8)
            if broken.name == "invalid UTF-8", let range = bytes.range(of: Data("\u{FFFD}".utf8)) {
                bytes.replaceSubrange(range, with: [0xC3])
            }
            try bytes.write(to: file)
        } else {
            var json = try JSONSerialization.jsonObject(with: Data(text.utf8))
            broken.edit(&json)
            try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: file)
        }

        let result = try FFBProcess.run(["import", "--db", db, file.path])
        #expect(result.status == 1, "\(broken.name): \(result.stderr)")
        let prefix = "\(file.path):\(broken.location): "
        #expect(result.errorLines.contains { $0.hasPrefix(prefix) && $0.contains(broken.fragment) }, "\(broken.name): \(result.stderr)")
        #expect(result.errorLines.allSatisfy { $0.hasPrefix(file.path + ":/") }, "\(broken.name): \(result.stderr)")
        #expect(!result.stderr.contains("150385") && !result.stderr.contains("1111111111"), "\(broken.name) printed a CPR number")
        #expect(try dump(db) == before, "\(broken.name) changed the store")
    }

    func dump(_ db: String) throws -> String { try StoreShell.dump(db) }
}

/// Edits Foundation JSON values by path, so the corpus is made without our own JSON module.
enum JSONEdit {
    static func value(_ json: Any, _ path: [String]) -> Any? {
        var current: Any? = json
        for part in path {
            if let object = current as? [String: Any] {
                current = object[part]
            } else if let array = current as? [Any], let index = Int(part), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    static func setting(_ json: Any, _ path: ArraySlice<String>, _ newValue: Any?) -> Any {
        guard let first = path.first else { return newValue ?? NSNull() }
        let rest = path.dropFirst()
        if var object = json as? [String: Any] {
            object[first] = rest.isEmpty ? newValue : setting(object[first] ?? [String: Any](), rest, newValue)
            return object
        }
        if var array = json as? [Any], let index = Int(first) {
            if index == array.count, rest.isEmpty, let newValue {
                array.append(newValue)
            } else if array.indices.contains(index) {
                if rest.isEmpty, newValue == nil {
                    array.remove(at: index)
                } else {
                    array[index] = rest.isEmpty ? (newValue ?? NSNull()) : setting(array[index], rest, newValue)
                }
            }
            return array
        }
        return json
    }

    static func setting(_ json: Any, _ path: [String], _ newValue: Any?) -> Any {
        setting(json, path[...], newValue)
    }
}

