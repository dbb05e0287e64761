import FFBModel
import FFBSQLite
import Foundation

/// A KL order message kept with the order it brought: the bytes as received and every resource
/// as it came, with what FFBKit read it as. The store keeps the text; reading it is the exchange
/// formats' business.
public struct StoredMessage: Sendable, Equatable {
    public struct Resource: Sendable, Equatable {
        /// What FFBKit read the resource as (`ResourceRole.text` in FFBExchange).
        public let role: String
        public let fullUrl: String?
        /// The resource's JSON.
        public let json: String

        public init(role: String, fullUrl: String?, json: String) {
            self.role = role
            self.fullUrl = fullUrl
            self.json = json
        }
    }

    public let documentID: String
    public let bytes: [UInt8]
    public let resources: [Resource]

    public init(documentID: String, bytes: [UInt8], resources: [Resource]) {
        self.documentID = documentID
        self.bytes = bytes
        self.resources = resources
    }
}

extension StoreWriter {
    /// A new version of a citizen's name, phone number and address; the older ones stay.
    package func recordContact(_ contact: CitizenContact, of citizen: Pseudonym) throws(StoreError) {
        try StoreError.mapping {
            let rowID = try citizenRowID(citizen)
            let version = try database.firstRow("SELECT max(version) FROM citizen_contacts WHERE citizen_id = ?", [.integer(rowID)])?.optionalInt(0) ?? 0
            _ = try database.execute(
                """
                INSERT INTO citizen_contacts (citizen_id, version, name, phone, address_line, postal_code, city, write_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.integer(rowID), .integer(Int64(version + 1)), .text(contact.name), SQLiteValue(contact.phone), SQLiteValue(contact.address?.line),
                 SQLiteValue(contact.address?.postalCode), SQLiteValue(contact.address?.city), .integer(writeID)]
            )
        }
    }

    /// A new version of an order's purpose and payer account number; the older ones stay.
    package func recordDetails(_ details: OrderDetails, of order: UUID) throws(StoreError) {
        try StoreError.mapping {
            guard try database.firstRow("SELECT 1 FROM orders WHERE id = ?", [.text(order.storeText)]) != nil else {
                throw StoreError.notFound("no order \(order.storeText)")
            }
            try requireCounting(.order, order, "its purpose and payer account are not changed")
            let version = try database.firstRow("SELECT max(version) FROM order_details WHERE order_id = ?", [.text(order.storeText)])?.optionalInt(0) ?? 0
            _ = try database.execute(
                "INSERT INTO order_details (order_id, version, purpose, payer_account, write_id) VALUES (?, ?, ?, ?, ?)",
                [.text(order.storeText), .integer(Int64(version + 1)), SQLiteValue(details.purpose), SQLiteValue(details.payerAccount), .integer(writeID)]
            )
        }
    }

    /// Keeps the message an order came in, with its resources; once per order.
    package func keepMessage(_ message: StoredMessage, of order: UUID) throws(StoreError) {
        try StoreError.mapping {
            if try database.firstRow("SELECT 1 FROM order_messages WHERE order_id = ?", [.text(order.storeText)]) != nil {
                throw StoreError.invalid("order \(order.storeText) already keeps the message it came in")
            }
            _ = try database.execute("INSERT INTO order_messages (order_id, document_id, message, write_id) VALUES (?, ?, ?, ?)",
                                     [.text(order.storeText), .text(message.documentID), .blob(message.bytes), .integer(writeID)])
            for (position, resource) in message.resources.enumerated() {
                _ = try database.execute(
                    "INSERT INTO order_resources (order_id, position, role, full_url, resource, write_id) VALUES (?, ?, ?, ?, ?, ?)",
                    [.text(order.storeText), .integer(Int64(position)), .text(resource.role), SQLiteValue(resource.fullUrl), .text(resource.json), .integer(writeID)]
                )
            }
        }
    }
}

extension Store {
    /// A citizen's newest name, phone number and address; nil when none was recorded.
    package func contact(of citizen: Pseudonym) throws(StoreError) -> Stored<CitizenContact>? {
        try contacts(of: citizen, newestOnly: true).first
    }

    /// Every version of a citizen's name, phone number and address, oldest first.
    package func contacts(of citizen: Pseudonym) throws(StoreError) -> [Stored<CitizenContact>] {
        try contacts(of: citizen, newestOnly: false)
    }

    private func contacts(of citizen: Pseudonym, newestOnly: Bool) throws(StoreError) -> [Stored<CitizenContact>] {
        try read {
            try database.map("""
                SELECT k.name, k.phone, k.address_line, k.postal_code, k.city, w.id, w.at, w.user, w.command
                FROM citizen_contacts k JOIN citizens c ON c.id = k.citizen_id JOIN writes w ON w.id = k.write_id
                WHERE c.pseudonym = ? ORDER BY k.version \(newestOnly ? "DESC LIMIT 1" : "")
                """, [.text(citizen.rawValue)]) { row in
                var address: PostalAddress?
                if let line = try row.optionalString(2) {
                    address = try PostalAddress(line: line, postalCode: row.string(3), city: row.string(4))
                }
                let contact = try CitizenContact(name: row.string(0), phone: row.optionalString(1), address: address)
                return Stored(value: contact, recorded: try writeInfo(row, from: 5), enteredInError: nil)
            }
        }
    }

    /// An order's newest purpose and payer account number; nil when none was recorded.
    package func details(of order: UUID) throws(StoreError) -> OrderDetails? {
        try read {
            guard let row = try database.firstRow(
                "SELECT purpose, payer_account FROM order_details WHERE order_id = ? ORDER BY version DESC LIMIT 1", [.text(order.storeText)]
            ) else { return nil }
            return try OrderDetails(purpose: row.optionalString(0), payerAccount: row.optionalString(1))
        }
    }

    /// The message an order came in; nil for an order made here or from a native document.
    package func keptMessage(of order: UUID) throws(StoreError) -> StoredMessage? {
        try read {
            guard let row = try database.firstRow("SELECT document_id, message FROM order_messages WHERE order_id = ?", [.text(order.storeText)]) else {
                return nil
            }
            let resources = try database.map(
                "SELECT role, full_url, resource FROM order_resources WHERE order_id = ? ORDER BY position", [.text(order.storeText)]
            ) { row in
                StoredMessage.Resource(role: try row.string(0), fullUrl: try row.optionalString(1), json: try row.string(2))
            }
            return StoredMessage(documentID: try row.string(0), bytes: try row.blob(1), resources: resources)
        }
    }
}
