import Foundation
import KLConformance
import Testing

/// Issue 18 through the binary: KL's order kept whole, shown to the provider in Danish, sent on
/// as it came; what KL's profiles require recorded by the caseworker, or the export refused.
@Suite struct KeepEverythingTests {
    let directory: TemporaryDirectory
    static let klOrderMessage = FFBProcess.packageRoot.appendingPathComponent("Tests/Fixtures/fhir/kl-messaging-1.0.0/order-message-example.json")
    static let orderID = "55602964-b665-45bc-ad84-620c42e1761b"

    init() throws {
        directory = try TemporaryDirectory()
    }

    func path(_ name: String) -> String { directory.file(name).path }

    @discardableResult
    func ffb(_ arguments: String...) throws -> FFBProcess.Result {
        try FFBProcess.run(arguments, environment: ["USER": "anna"])
    }

    func ok(_ arguments: String...) throws -> String {
        let result = try FFBProcess.run(arguments, environment: ["USER": "anna"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the sqlite3 shell says on stderr.
    func typeCounts(_ file: String) throws -> [String: Int] {
        let bundle = try #require(try FFBProcess.json(String(contentsOfFile: file, encoding: .utf8)) as? [String: Any])
        return ((bundle["entry"] as? [[String: Any]]) ?? []).reduce(into: [:]) { counts, entry in
            counts[((entry["resource"] as? [String: Any])?["resourceType"] as? String) ?? "?", default: 0] += 1
        }
    }

    @Test func kl_sOrderImportsWithoutNotImportedWarningsAndShowsEverythingInDanish() throws {
        let db = path("provider.sqlite")
        let imported = try ffb("import", "--db", db, Self.klOrderMessage.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.errorLines.count == 8 && !imported.stderr.contains("not imported"), "\(imported.stderr)")
        let table = try ok("order", "show", "55602964", "--db", db)
        for label in ["formål", "borgerens egne mål", "kontaktdata", "betalerkonto", "værge", "pårørende", "samtykke", "dokumenter",
                      "diagnoser", "planlagt opfølgning", "bevaret besked"] {
            #expect(table.contains("\n  \(label) "), "no \(label) in\n\(table)")
        }
        #expect(table.contains("værge                 Børge Børgesen (GUARD) værgemålsform 5 telefon 99112233"))
        #expect(!table.contains("1111111111"))
        let shown = try #require(try FFBProcess.json(try ok("order", "show", "55602964", "--db", db, "--format", "json")) as? [String: Any])
        #expect(shown["purpose"] as? String == "At Christian trives i sit hjem og oplever at blive forstået.")
        #expect(shown["payer_account"] as? String == "4444-88888888")
        let contact = try #require(shown["contact"] as? [String: Any])
        #expect(contact["phone"] as? String == "22334455")
        #expect(contact["address"] as? String == "Bostedet Storested, Harevænget 11, 9999 Y-borg")
        #expect((shown["guardians"] as? [[String: Any]])?.first?["guardianship_form"] as? String == "5")
        #expect((shown["relatives"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Louise Christiansen"])
        #expect((shown["consents"] as? [[String: Any]])?.first?["to"] as? [String] == ["Louise Christiansen"])
        #expect((shown["documents"] as? [[String: Any]])?.compactMap { $0["title"] as? String }.count == 2)
        #expect((shown["citizen_objectives"] as? [String])?.count == 1)
        #expect((shown["diagnoses"] as? [[String: Any]])?.count == 1)
        #expect(shown["planned_follow_ups"] as? [String] == ["2021-06-15"])
        let kept = try #require(shown["kept_message"] as? [String: Any])
        #expect(kept["bytes"] as? Int == (try Data(contentsOf: Self.klOrderMessage)).count)
        #expect((kept["resources"] as? [String: Int])?.values.reduce(0, +) == 20)
    }

    @Test func kl_sOrderGoesOutAgainWithTheSameResourcesAndKeepsKL_sRules() throws {
        let db = path("provider.sqlite")
        _ = try ok("import", "--db", db, Self.klOrderMessage.path)
        _ = try ok("export", "--fhir", "order", "--id", "55602964", "--out", path("out.json"), "--db", db)
        #expect(Conformance.klMessaging.violations(of: try Data(contentsOf: directory.file("out.json"))) == [])
        #expect(try typeCounts(path("out.json")) == typeCounts(Self.klOrderMessage.path))
        let validate = try ffb("validate", path("out.json"))
        #expect(validate.status == 0 && validate.stderr.isEmpty, "\(validate.stderr)")
        // Imported elsewhere and sent again: the same bytes.
        _ = try ok("import", "--db", path("next.sqlite"), path("out.json"))
        _ = try ok("export", "--fhir", "order", "--id", "55602964", "--out", path("again.json"), "--db", path("next.sqlite"))
        #expect(try Data(contentsOf: directory.file("again.json")) == Data(contentsOf: directory.file("out.json")))
    }

    @Test func whatTheCaseworkerRecordsSinceReplacesWhatKL_sMessageSaid() throws {
        let db = path("provider.sqlite")
        _ = try ok("import", "--db", db, Self.klOrderMessage.path)
        let citizen = try #require(try FFBProcess.json(try ok("list", "orders", "--db", db, "--format", "json")) as? [[String: Any]])
            .first?["citizen"] as? String
        _ = try ok("citizen", "update", try #require(citizen), "--phone", "99 88 77 66", "--db", db)
        _ = try ok("order", "update", "55602964", "--purpose", "Christian bor godt og trygt", "--db", db)
        _ = try ok("export", "--fhir", "order", "--id", "55602964", "--out", path("out.json"), "--db", db)
        #expect(Conformance.klMessaging.violations(of: try Data(contentsOf: directory.file("out.json"))) == [])
        #expect(try typeCounts(path("out.json")) == typeCounts(Self.klOrderMessage.path))
        let text = try String(contentsOfFile: path("out.json"), encoding: .utf8)
        #expect(text.contains("\"Christian bor godt og trygt\"") && !text.contains("At Christian trives i sit hjem"))
        #expect(text.contains("\"99 88 77 66\"") && !text.contains("\"22334455\"") && text.contains("\"chch@mail.com\""))
        let shown = try #require(try FFBProcess.json(try ok("order", "show", "55602964", "--db", db, "--format", "json")) as? [String: Any])
        #expect(shown["purpose"] as? String == "Christian bor godt og trygt")
    }

    @Test func anExportThatWouldBreakKL_sProfilesIsRefusedOneLineAtATimeUntilRecorded() throws {
        let db = path("authority.sqlite")
        let citizen = try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karen Dahl", "--db", db)
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-9", "--opened", "2025-01-05", "--municipality", "Aarhus Kommune",
                   "--municipality-code", "0751", "--db", db)
        // KL names a paying organisation by EAN; without target groups the order is not KL's either.
        let unsendable = try ok("order", "create", "--citizen", citizen, "--case", "S-9", "--service", "Støtte til praktiske opgaver",
                                "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--payer-name", "Økonomiafdelingen", "--payer-id", "0751",
                                "--payer-account", "0751-1", "--purpose", "Hjælp", "--support-level", "C", "--start", "2025-02-10", "--db", db)
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-9", "--service", "Støtte til praktiske opgaver",
                           "--target-group", "Angst", "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--payer-name", "Aarhus Kommune",
                           "--payer-id", "0751", "--support-level", "C", "--start", "2025-02-10", "--db", db)
        let orderID = order
        func refused(_ message: String, order: String? = nil) throws {
            let before = try StoreShell.dump(db)
            let result = try ffb("export", "--fhir", "order", "--id", order ?? orderID, "--out", path("message.json"), "--db", db)
            #expect(result.status == 1)
            #expect(result.errorLines == ["ffb: " + message], "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path("message.json")))
            #expect(try StoreShell.dump(db) == before)
            #expect(!result.stderr.contains("020485"))
        }
        try refused("the citizen \(citizen) has no phone number, which KL's order message requires (Patient.telecom:phone): "
            + "record it with ffb citizen update \(citizen) --phone NUMBER")
        _ = try ok("citizen", "update", citizen, "--phone", "+45 86 12 34 56", "--db", db)
        try refused("order \(unsendable) names no target group (målgruppe), which KL's order message requires (CarePlan.addresses); "
            + "an order's terms never change, so create it again with ffb order create ... --target-group GROUP", order: unsendable)
        try refused("order \(order) has no purpose (indsatsformål), which KL's order message requires (CarePlan.goal:fpurpose): "
            + "record it with ffb order update \(order) --purpose TEXT")
        _ = try ok("order", "update", order, "--purpose", "Karen klarer sine indkøb selv", "--db", db)
        try refused("order \(order) names the payer Aarhus Kommune but no payer account number, which KL's order message requires "
            + "(Account.identifier:accountno): record it with ffb order update \(order) --payer-account NUMBER")
        _ = try ok("order", "update", order, "--payer-account", "0751-00001234", "--db", db)
        _ = try ok("export", "--fhir", "order", "--id", order, "--out", path("message.json"), "--db", db)
        let violations = Conformance.klMessaging.violations(of: try Data(contentsOf: directory.file("message.json")))
        #expect(violations.isEmpty, "\(violations)")
        let text = try String(contentsOfFile: path("message.json"), encoding: .utf8)
        #expect(text.contains("\"+45 86 12 34 56\"") && text.contains("\"0751-00001234\"") && text.contains("Karen klarer sine indkøb selv"))
        // The purpose again is nothing new: nothing written, exit 0.
        let same = try ffb("order", "update", order, "--purpose", "Karen klarer sine indkøb selv", "--db", db)
        #expect(same.status == 0 && same.stdout.contains("nothing was written"))
    }

    @Test func aNativeOrderCarriesWhatKLRequiresSoTheProviderCanSendItOn() throws {
        let authority = path("authority.sqlite"), provider = path("provider.sqlite")
        let citizen = try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karen Dahl", "--phone", "+45 86 12 34 56",
                             "--address", "Vestergade 1, 8000 Aarhus C", "--db", authority)
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-9", "--opened", "2025-01-05", "--municipality", "Aarhus Kommune",
                   "--municipality-code", "0751", "--db", authority)
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-9", "--service", "Støtte til praktiske opgaver",
                           "--target-group", "Angst", "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--payer-name", "Aarhus Kommune",
                           "--payer-id", "0751", "--payer-account", "0751-00001234", "--purpose", "Karen klarer sine indkøb selv",
                           "--support-level", "C", "--start", "2025-02-10", "--db", authority)
        _ = try ok("export", "--kind", "order", "--id", order, "--out", path("order.json"), "--db", authority)
        let file = try #require(try FFBProcess.json(String(contentsOfFile: path("order.json"), encoding: .utf8)) as? [String: Any])
        let document = try #require(file["order"] as? [String: Any])
        let sentCitizen = try #require(document["citizen"] as? [String: Any])
        #expect(sentCitizen["phone"] as? String == "+45 86 12 34 56")
        #expect((sentCitizen["address"] as? [String: String]) == ["line": "Vestergade 1", "postal_code": "8000", "city": "Aarhus C"])
        #expect(document["purpose"] as? String == "Karen klarer sine indkøb selv" && document["payer_account"] as? String == "0751-00001234")
        _ = try ok("import", "--db", provider, path("order.json"))
        _ = try ok("export", "--fhir", "order", "--id", order, "--out", path("message.json"), "--db", provider)
        #expect(Conformance.klMessaging.violations(of: try Data(contentsOf: directory.file("message.json"))) == [])
        // Sent back the same: export → import → export is a fixed point with the new members too.
        _ = try ok("export", "--kind", "order", "--id", order, "--out", path("again.json"), "--db", provider)
        #expect(try Data(contentsOf: directory.file("again.json")) == Data(contentsOf: directory.file("order.json")))
        // A bad phone in a document is an error at its member; nothing is imported.
        let text = try String(contentsOfFile: path("order.json"), encoding: .utf8).replacingOccurrences(of: "+45 86 12 34 56", with: "ring mig")
        try Data(text.utf8).write(to: directory.file("bad.json"))
        let bad = try ffb("import", "--db", path("other.sqlite"), path("bad.json"))
        #expect(bad.status == 1)
        #expect(bad.errorLines == ["\(path("bad.json")):/order/citizen/phone: \"ring mig\" is not a phone number (up to 15 digits, with spaces, +, - and parentheses)"])
    }

    @Test func theReportingExportNeedsTheKOMBITSTSOrganisationIdAndSaysSo() throws {
        let db = path("provider.sqlite")
        _ = try ok("import", "--db", db, Self.klOrderMessage.path)
        let missing = try ffb("export", "--fhir", "reporting", "--out", path("reports"), "--db", db)
        #expect(missing.status == 1)
        #expect(missing.errorLines == ["ffb: KL's DeliveryReport names the reporting municipality by its KOMBIT STS organisation id "
            + "(system https://www.kombit.dk/organisation), and none was given: give it with --reporting-organisation ID"])
        #expect(!FileManager.default.fileExists(atPath: path("reports")))
        let wrong = try ffb("export", "--fhir", "reporting", "--reporting-organisation", "0157", "--out", path("reports"), "--db", db)
        #expect(wrong.status == 1 && wrong.errorLines.count == 1 && wrong.stderr.contains("--reporting-organisation: \"0157\" is not"))
        #expect(!FileManager.default.fileExists(atPath: path("reports")))
        _ = try ok("export", "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", path("reports"), "--db", db)
        let files = try FileManager.default.contentsOfDirectory(atPath: path("reports"))
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOfFile: path("reports/\(file)"), encoding: .utf8)
            #expect(text.contains("\"https://www.kombit.dk/organisation\"") && text.contains("\"7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b\""))
        }
    }

    @Test func aCitizenUpdateIsANewVersionAndTheOldOneStays() throws {
        let db = path("authority.sqlite")
        let citizen = try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karen Dahl", "--phone", "11 22 33 44",
                             "--address", "Vestergade 1, 8000 Aarhus C", "--db", db)
        _ = try ok("citizen", "update", citizen, "--name", "Karen Dahl Holm", "--address", "Østergade 2, 8000 Aarhus C", "--db", db)
        let shown = try #require(try FFBProcess.json(try ok("citizen", "show", citizen, "--db", db, "--format", "json")) as? [String: Any])
        #expect(shown["name"] as? String == "Karen Dahl Holm")
        #expect(shown["phone"] as? String == "11 22 33 44")
        #expect(shown["address"] as? String == "Østergade 2, 8000 Aarhus C")
        #expect(try StoreShell.run(db, "SELECT version || ':' || name || ':' || address_line FROM citizen_contacts ORDER BY version")
            .split(separator: "\n") == ["1:Karen Dahl:Vestergade 1", "2:Karen Dahl Holm:Østergade 2"])
        let history = try ok("history", "--citizen", citizen, "--db", db)
        #expect(history.contains("kontaktdata version 1 (erstattet af version 2): Karen Dahl"), "\(history)")
        #expect(history.contains("kontaktdata version 2: Karen Dahl Holm"))
        #expect(history.contains("adresse Østergade 2, 8000 Aarhus C"))
        // Rows are never changed, only added.
        let update = try StoreShell.errors(db, "UPDATE citizen_contacts SET phone = '0' WHERE version = 1")
        #expect(update.contains("append-only: citizen_contacts rows are never updated"), "\(update)")
        // Bad input: a located error, exit 1, nothing written.
        let before = try StoreShell.dump(db)
        let bad = try ffb("citizen", "update", citizen, "--address", "Østergade 2 8000 Aarhus C", "--db", db)
        #expect(bad.status == 1)
        #expect(bad.errorLines == ["ffb: --address: an address is written \"STREET, POSTCODE CITY\" (e.g. \"Vestergade 1, 8000 Aarhus C\")"])
        let phone = try ffb("citizen", "update", citizen, "--phone", "ring mig", "--db", db)
        #expect(phone.status == 1 && phone.errorLines.count == 1 && phone.stderr.contains("--phone"))
        #expect(try StoreShell.dump(db) == before)
        #expect(try ffb("citizen", "update", citizen, "--db", db).status == 2)
        #expect(try ffb("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                        "--provider-name", "B", "--provider-id", "1", "--payer-account", "1-2", "--support-level", "C",
                        "--start", "2025-02-10", "--db", db).status == 2)
    }
}
