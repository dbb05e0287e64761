import FFBJSON

/// One resource of a bundle, not yet read: its type, id and place.
struct FHIRResource: Sendable {
    var type: String
    var id: String?
    var fullUrl: String?
    var value: JSONValue
    var pointer: JSONPointer
    var position: Int

    /// `meta.profile`, draft URLs spelt as released (`FHIRURLs.released`).
    var profiles: [String] {
        value["meta"]?["profile"]?.arrayValue?.compactMap(\.stringValue).map(FHIRURLs.released) ?? []
    }

    /// `Type/id`, as KL's examples reference resources.
    var relativeKey: String? { id.map { "\(type)/\($0)" } }
}

/// A Bundle's entries, indexed for resolving references the three ways FHIR writes them:
/// `Type/id` (KL's examples), `urn:uuid:…` and absolute `…/Type/id`.
struct FHIRBundle: Sendable {
    var id: Located<String>?
    var type: Located<String>?
    var timestamp: Located<String>?
    var resources: [FHIRResource]
    private var index: [String: Int] = [:]

    init(id: Located<String>?, type: Located<String>?, timestamp: Located<String>?, resources: [FHIRResource]) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.resources = resources
        for resource in resources {
            if let fullUrl = resource.fullUrl, index[fullUrl] == nil { index[fullUrl] = resource.position }
            if let key = resource.relativeKey, index[key] == nil { index[key] = resource.position }
        }
    }

    static func read(_ reader: inout FieldReader) -> FHIRBundle? {
        let id = reader.string("id", required: false)
        let type = reader.string("type", required: false)
        let timestamp = reader.string("timestamp", required: false)
        reader.accept(["resourceType", "meta", "identifier", "signature", "language", "implicitRules", "total", "link"])
        let entries = reader.objects("entry", required: false) { entry -> FHIRResource? in
            let fullUrl = entry.string("fullUrl", required: false, maxLength: 1_000)
            entry.accept(["request", "response", "search", "link", "id", "extension"])
            guard let resource = entry.raw("resource"), case .object(let object) = resource else {
                entry.fail("missing required property \"resource\"")
                return nil
            }
            guard let type = object["resourceType"]?.stringValue else {
                entry.fail("missing required property \"resourceType\"", at: entry.pointer("resource"))
                return nil
            }
            let index = entry.pointer.components.last?.arrayIndex ?? 0
            return FHIRResource(type: type, id: object["id"]?.stringValue, fullUrl: fullUrl?.value, value: resource,
                                pointer: entry.pointer("resource"), position: index)
        }
        guard let entries else { return nil }
        return FHIRBundle(id: id, type: type, timestamp: timestamp, resources: entries.value)
    }

    func resolve(_ reference: Reference?) -> FHIRResource? {
        resolve(reference?.reference)
    }

    /// The entry a reference's text (`Type/id`, `urn:uuid:…`, `…/Type/id`) names.
    func resolve(_ text: String?) -> FHIRResource? {
        guard let text else { return nil }
        if let position = index[text] { return resources[position] }
        let parts = text.split(separator: "/")
        if parts.count >= 2, let position = index[parts.suffix(2).joined(separator: "/")] { return resources[position] }
        return nil
    }
}
