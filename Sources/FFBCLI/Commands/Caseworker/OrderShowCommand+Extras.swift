import FFBCatalog
import FFBExchange
import FFBJSON
import FFBWorkflows
import Foundation

/// What `ffb order show` prints beyond the order's terms: the purpose, contact data and payer
/// account, and what a KL message the order came in carried, with Danish labels (and the JSON
/// members its help lists).
extension OrderShowCommand {
    /// The order's extras in Danish, one labelled line each (stored text printed through the sink).
    /// One line of `order show`: its label in a column, then the text.
    static func labelled(_ label: String, _ text: String) -> String {
        "  " + label.padding(toLength: 22, withPad: " ", startingAt: 0) + text
    }

    static func extrasLines(_ extras: OrderExtras, _ lang: Language) -> [String] {
        let attachments = extras.attachments
        var lines: [String] = []
        func add(_ da: String, _ en: String, _ text: String) { lines.append(labelled(lang.pick(da, en), text)) }
        for purpose in extras.purposes { add("formål", "purpose", purpose) }
        for objective in attachments.citizenObjectives { add("borgerens egne mål", "citizen's own goals", objective) }
        if let contact = extras.contact {
            add("kontaktdata", "contact", [contact.name, contact.phone.map { lang.pick("telefon ", "phone ") + $0 },
                                           contact.address.map { lang.pick("adresse ", "address ") + $0.text }]
                .compactMap { $0 }.joined(separator: ", "))
        }
        if let account = extras.details?.payerAccount { add("betalerkonto", "payer account", account) }
        for person in attachments.guardians { add("værge", "guardian", personText(person, lang)) }
        for person in attachments.relatives { add("pårørende", "relative", personText(person, lang)) }
        for person in attachments.citizenContacts { add("nærmeste pårørende", "next of kin", personText(person, lang)) }
        for consent in attachments.consents {
            add("samtykke", "consent", [consent.status, consent.date, consent.to.isEmpty ? nil : lang.pick("til ", "to ") + consent.to.joined(separator: ", "),
                                        consent.policy, consent.text.map { "\"\($0)\"" }].compactMap { $0 }.joined(separator: ", "))
        }
        for document in attachments.documents {
            add("dokumenter", "documents", [document.title, document.type, document.reference, document.description].compactMap { $0 }.joined(separator: ", "))
        }
        for diagnosis in attachments.diagnoses { add("diagnoser", "diagnoses", ([diagnosis.text].compactMap { $0 } + diagnosis.codes).joined(separator: ", ")) }
        for date in attachments.followUps { add("planlagt opfølgning", "planned follow-up", date) }
        if let id = extras.keptDocumentID {
            let counts = attachments.keptResources.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            add("bevaret besked", "kept message", "\(id) (\(extras.keptBytes ?? 0) bytes)"
                + (counts.isEmpty ? "" : lang.pick("; bevaret som modtaget: ", "; kept as received: ") + counts))
        }
        return lines
    }

    static func personText(_ person: OrderAttachments.Person, _ lang: Language) -> String {
        var parts = [person.name]
        if !person.relationships.isEmpty { parts.append("(" + person.relationships.joined(separator: ", ") + ")") }
        if let form = person.guardianshipForm { parts.append(lang.pick("værgemålsform ", "guardianship ") + form) }
        if let phone = person.phone { parts.append(lang.pick("telefon ", "phone ") + phone) }
        if let email = person.email { parts.append("e-mail " + email) }
        if let address = person.address { parts.append(lang.pick("adresse ", "address ") + address) }
        return parts.joined(separator: " ")
    }

    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    static func personRecord(_ person: OrderAttachments.Person) -> JSONValue {
        .object(JSONObject([
            ("name", .string(person.name)), ("relationships", .array(person.relationships.map(JSONValue.string))),
            ("phone", text(person.phone)), ("email", text(person.email)), ("address", text(person.address)),
            ("guardianship_form", text(person.guardianshipForm)),
        ]))
    }

    /// The JSON members `--format json` adds (documented in the command's help).
    static func extrasRecord(_ extras: OrderExtras) -> JSONObject {
        let attachments = extras.attachments
        let contact: JSONValue = extras.contact.map { contact in
            .object(JSONObject([("name", .string(contact.name)), ("phone", text(contact.phone)), ("address", text(contact.address?.text))]))
        } ?? .null
        let kept: JSONValue = extras.keptDocumentID.map { id in
            .object(JSONObject([
                ("document_id", .string(id)), ("bytes", .number(JSONNumber(extras.keptBytes ?? 0))),
                ("resources", .object(JSONObject(attachments.keptResources.sorted { $0.key < $1.key }.map { ($0.key, .number(JSONNumber($0.value))) }))),
            ]))
        } ?? .null
        return JSONObject([
            ("purpose", text(extras.purposes.first)),
            ("purposes", .array(extras.purposes.map(JSONValue.string))),
            ("payer_account", text(extras.details?.payerAccount)),
            ("contact", contact),
            ("citizen_objectives", .array(attachments.citizenObjectives.map(JSONValue.string))),
            ("guardians", .array(attachments.guardians.map { personRecord($0) })),
            ("relatives", .array(attachments.relatives.map { personRecord($0) })),
            ("next_of_kin", .array(attachments.citizenContacts.map { personRecord($0) })),
            ("consents", .array(attachments.consents.map { consent in
                .object(JSONObject([
                    ("status", text(consent.status)), ("text", text(consent.text)), ("date", text(consent.date)),
                    ("to", .array(consent.to.map(JSONValue.string))), ("policy", text(consent.policy)),
                ]))
            })),
            ("documents", .array(attachments.documents.map { document in
                .object(JSONObject([
                    ("title", text(document.title)), ("type", text(document.type)), ("reference", text(document.reference)),
                    ("description", text(document.description)),
                ]))
            })),
            ("diagnoses", .array(attachments.diagnoses.map { diagnosis in
                .object(JSONObject([("text", text(diagnosis.text)), ("codes", .array(diagnosis.codes.map(JSONValue.string)))]))
            })),
            ("planned_follow_ups", .array(attachments.followUps.map(JSONValue.string))),
            ("kept_message", kept),
        ])
    }
}
