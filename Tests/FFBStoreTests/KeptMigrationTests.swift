import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Schema version 6 (issue 18): citizen contact versions, order details and kept KL messages. A
/// version 5 store opens, migrates and keeps its records; the new tables are append-only.
@Suite struct KeptMigrationTests {
    let path: String

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("v5.sqlite").path
        var options = Database.Options()
        options.create = true
        let database = try Database(path: path, options: options)
        defer { database.close() }
        // A citizen registered before version 5, chained into the audit trail by that migration.
        try Schema.migrator(through: 4).migrate(database)
        try database.executeScript("""
            INSERT INTO writes (id, at, user, command) VALUES (1, '2025-01-01T10:00:00.000Z', 'sb', 'citizen add');
            INSERT INTO citizens (id, pseudonym, cpr, name, write_id) VALUES (1, 'P-7K3M9QRS', '0101901234', 'Mette Hansen', 1);
            """)
        try Schema.migrator(through: 5).migrate(database)
        #expect(try database.userVersion == 5)
    }

    @Test func aVersion5StoreMigratesKeepsItsCitizenAndTakesContactVersions() throws {
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        #expect(try store.database.userVersion == Schema.latestVersion)
        #expect(try store.check().problems == [])
        #expect(try store.database.firstRow("SELECT max(version) FROM store_seal")?.int(0) == Schema.latestVersion)
        let citizen = try store.citizen("P-7K3M9QRS")
        #expect(citizen.name == "Mette Hansen")
        #expect(try store.contact(of: citizen.pseudonym) == nil)
        try store.write(user: "sb", command: "citizen update") { writer in
            try writer.recordContact(CitizenContact(name: "Mette Hansen", phone: "11 22 33 44", address: nil), of: citizen.pseudonym)
        }
        try store.write(user: "sb", command: "citizen update") { writer in
            try writer.recordContact(CitizenContact(name: "Mette Holm", phone: "11 22 33 44",
                                                    address: PostalAddress(text: "Vestergade 1, 8000 Aarhus C")), of: citizen.pseudonym)
        }
        // An order on the migrated store, with details and the message it came in.
        let catalog = store.catalog
        let order = try Order(citizen: citizen.pseudonym, caseNumber: "S-1", services: [try #require(catalog.services.first?.code)], offerType: nil,
                              targetGroups: [], provider: Organization(name: "Bostøtten", identifier: "SOR-1"), supportLevel: .assessed(.c),
                              issued: LocalDate(iso: "2025-02-01")!, start: LocalDate(iso: "2025-02-01")!, catalog: catalog)
        let message = StoredMessage(documentID: "m-1", bytes: Array("{}".utf8), resources: [.init(role: "order", fullUrl: nil, json: "{}")])
        try store.write(user: "sb", command: "order create") { writer in
            try writer.openCase(CaseFile(caseNumber: "S-1", citizen: citizen.pseudonym, opened: LocalDate(iso: "2025-01-01")!,
                                         municipality: Municipality(name: "Aarhus Kommune", code: "0751")))
            try writer.createOrder(order)
            try writer.recordDetails(OrderDetails(purpose: "Klarer sig selv", payerAccount: nil), of: order.id)
            try writer.keepMessage(message, of: order.id)
        }
        #expect(try store.details(of: order.id)?.purpose == "Klarer sig selv")
        #expect(try store.keptMessage(of: order.id) == message)
        #expect(throws: StoreError.self) {
            try store.write(user: "sb", command: "import") { writer in try writer.keepMessage(message, of: order.id) }
        }
        let latest = try #require(try store.contact(of: citizen.pseudonym))
        #expect(latest.value.name == "Mette Holm" && latest.value.address?.city == "Aarhus C")
        #expect(try store.database.firstRow("SELECT count(*) FROM citizen_contacts")?.int(0) == 2)
        for sql in ["UPDATE citizen_contacts SET phone = '0'", "DELETE FROM citizen_contacts",
                    "INSERT OR REPLACE INTO citizen_contacts (citizen_id, version, name, write_id) VALUES (1, 1, 'X', 1)",
                    "UPDATE order_details SET purpose = 'x'", "DELETE FROM order_messages", "UPDATE order_resources SET role = 'x'"] {
            #expect(throws: SQLiteError.self, "\(sql)") { _ = try store.database.execute(sql) }
        }
        #expect(try store.database.firstRow("SELECT count(*) FROM citizen_contacts")?.int(0) == 2)
        #expect(try store.check().problems == [])
    }

    @Test func anAddressIsAStreetAPostalCodeAndACity() throws {
        let address = try PostalAddress(text: "Bostedet Storested, Harevænget 11, 9999 Y-borg")
        #expect(address.line == "Bostedet Storested, Harevænget 11" && address.postalCode == "9999" && address.city == "Y-borg")
        #expect(throws: ModelError.self) { try PostalAddress(text: "Harevænget 11 9999 Y-borg") }
        #expect(throws: ModelError.self) { try PostalAddress(text: "Harevænget 11, 9999") }
        #expect(throws: ModelError.self) { try CitizenContact(name: "A", phone: "ring", address: nil) }
        #expect(try CitizenContact(name: " A ", phone: " +45 (86) 12-34 ", address: nil).phone == "+45 (86) 12-34")
    }
}
