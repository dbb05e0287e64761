import FFBFiles
import FFBJSON

/// Which of KL's two FHIR documents a parsed FHIR resource is, judged from its outline before it
/// is read: an order message (a `message` Bundle, read by `OrderMessageReader`) or a DeliveryReport
/// (a `collection` Bundle about one citizen, read by `DeliveryReportReader`). Anything else is
/// neither, said in one line: what the document looks like and what each of the two would be.
enum FHIRDocumentShape: Equatable {
    case orderMessage
    case deliveryReport
    case neither(String, at: JSONPointer)

    static let expectations = """
        neither a KL FFB order message (a Bundle of type "message" that starts with a MessageHeader) \
        nor a KL DeliveryReport (a Bundle of type "collection" about one citizen: a Patient)
        """

    static func of(_ root: JSONObject) -> FHIRDocumentShape {
        guard let resourceType = root["resourceType"]?.stringValue else {
            return .neither("\"resourceType\" is not a string: \(expectations)", at: JSONPointer([.key("resourceType")]))
        }
        guard resourceType == "Bundle" else {
            return .neither("a FHIR \(Excerpt.plain(resourceType)) resource, not a Bundle: \(expectations)", at: JSONPointer([.key("resourceType")]))
        }
        let entries = root["entry"]?.arrayValue ?? []
        let types = entries.compactMap { $0["resource"]?["resourceType"]?.stringValue }
        let type = root["type"]?.stringValue
        let profiles = root["meta"]?["profile"]?.arrayValue?.compactMap(\.stringValue) ?? []
        // A MessageHeader first marks a message whatever the type says; its reader says what is wrong.
        if type == "message" || types.first == "MessageHeader" { return .orderMessage }
        switch type {
        case "collection" where profiles.contains(FHIRURLs.reportingProfile("deliveryReport")) || types.contains("Patient"):
            return .deliveryReport
        default:
            let kind = type.map { "of type \(Quoted.value($0))" } ?? "without a type"
            let missing = type == "collection" ? " but no Patient and no DeliveryReport profile" : ""
            return .neither("a FHIR Bundle \(kind) with \(summary(types))\(missing): \(expectations)", at: JSONPointer(type == nil ? [] : [.key("type")]))
        }
    }

    /// "3 entries (Patient, Observation ×2)", the first few types in order of appearance.
    private static func summary(_ types: [String]) -> String {
        guard !types.isEmpty else { return "no entries" }
        var order: [String] = []
        var counts: [String: Int] = [:]
        for type in types {
            if counts[type] == nil { order.append(type) }
            counts[type, default: 0] += 1
        }
        let shown = order.prefix(5).map { type in
            let count = counts[type] ?? 1
            return Excerpt.plain(type) + (count > 1 ? " ×\(count)" : "")
        }
        let more = order.count > 5 ? ", …" : ""
        return "\(types.count) entr\(types.count == 1 ? "y" : "ies") (\(shown.joined(separator: ", "))\(more))"
    }
}
