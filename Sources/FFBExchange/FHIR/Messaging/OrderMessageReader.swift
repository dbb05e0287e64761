import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

/// Reads a KL FFB order message (messaging IG 1.0.0, or the draft it grew from) into the same raw
/// shape as a native order, so one validator checks both. Everything FFBKit holds is mapped; the
/// whole message is kept (`KeptMessage`), every resource with what it was read as, so nothing is
/// lost. A warning is given where something is not understood (a resource type or element the
/// guide does not define), never for what is kept.
/// See `Docs/fhir/kl-messaging-1.0.0.md` for the mapping.
struct OrderMessageReader {
    func read(_ document: JSONValue, contentHash: String) throws(ExchangeError) -> RawDocument {
        var mapping = OrderMessageMapping()
        let raw = mapping.map(document, contentHash: contentHash)
        guard !mapping.issues.hasErrors, let raw else {
            if !mapping.issues.hasErrors { mapping.issues.error("the message could not be read", at: JSONPointer()) }
            throw ExchangeError(mapping.issues)
        }
        return raw
    }
}

/// The state of reading one message: the bundle, what has been read, and every problem.
struct OrderMessageMapping {
    var bundle = FHIRBundle(id: nil, type: nil, timestamp: nil, resources: [])
    var issues = ExchangeIssues()
    private var cache: [Int: Any] = [:]
    /// What FFBKit rebuilds each mapped resource as, by bundle position; the rest are kept as they came.
    private(set) var roles: [Int: ResourceRole] = [:]
    /// The citizen's contact data, the purpose and the payer's account number, as read.
    var contact: CitizenContact?
    var accountNumber: String?

    static let acceptedEverywhere = ["resourceType", "id", "meta", "text", "language", "implicitRules", "contained", "modifierExtension"]

    mutating func map(_ document: JSONValue, contentHash: String) -> RawDocument? {
        var root = FieldReader(document, at: JSONPointer(), vocabulary: .fhir)
        let bundle = FHIRBundle.read(&root)
        root.finish()
        issues.errors += root.issues
        issues.warnings += root.warnings
        guard let bundle else { return nil }
        self.bundle = bundle
        if let type = bundle.type, type.value != "message" {
            issues.error("a KL FFB order message is a Bundle of type \"message\"", at: type.pointer)
        } else if bundle.type == nil {
            issues.error("missing required property \"type\"", at: JSONPointer())
        }
        guard let first = bundle.resources.first, first.type == "MessageHeader" else {
            issues.error("the first entry of a message must be its MessageHeader", at: bundle.resources.first.map { $0.pointer.appending("resourceType") } ?? JSONPointer([.key("entry")]))
            return nil
        }
        guard let header = read(first, as: FHIRMessageHeader.self, FHIRMessageHeader.read) else { return nil }
        assign(first, .header)
        let event = header.event
        let isOrder = event?.code == "ffb-order" && (event?.system == FHIRURLs.messageEvent || event?.system == FHIRURLs.messageEventDraft)
        guard isOrder else {
            issues.error("not a KL FFB order message: the event must be \"ffb-order\" in \(FHIRURLs.messageEvent)", at: event?.pointer ?? header.pointer.appending("eventCoding"))
            return nil
        }
        let documentID = bundle.id ?? first.id.map { Located($0, at: first.pointer.appending("id")) }
        if documentID == nil { issues.error("the message has no id (Bundle.id or MessageHeader.id)", at: JSONPointer()) }
        var created: Located<String>?
        if let timestamp = bundle.timestamp {
            do {
                created = Located(try Formats.dateTime(timestamp.value), at: timestamp.pointer)
            } catch {
                issues.error(String(describing: error), at: timestamp.pointer)
            }
        } else {
            issues.error("missing required property \"timestamp\"", at: JSONPointer())
        }
        let sender = party(header.sender, role: "sender", at: header.pointer.appending("sender"))
        let receiver = party(header.receiver, role: "receiver (the provider)", at: header.pointer.appending("destination"))
        if sender != nil, let resource = bundle.resolve(header.sender) { assign(resource, .sender) }
        if receiver != nil, let resource = bundle.resolve(header.receiver) { assign(resource, .receiver) }
        guard let order = orderCarePlan(header: header) else { return nil }
        assign(order.resource, .order)
        var content = rawOrder(order.resource, order.plan, sender: sender, receiver: receiver)
        let kept = keptMessage(documentID: documentID?.value ?? "")
        sortWarnings()
        guard let documentID, let created, let sender, let receiver, var order = content else { return nil }
        order.extras = RawOrderExtras(contact: contact, details: details(kept), kept: kept)
        content = order
        guard let content else { return nil }
        let rawHeader = RawHeader(id: documentID, kind: .order, created: created, sender: sender, receiver: receiver)
        return RawDocument(header: rawHeader, content: .order(content), syntax: .fhirOrderMessage, contentHash: contentHash, warnings: issues.warnings)
    }

    // MARK: Reading resources

    /// Reads a resource once (later calls return the same value), collecting its problems and
    /// a warning for each element it has no place for.
    mutating func read<T>(_ resource: FHIRResource, as type: T.Type, _ body: (inout FieldReader) -> T?) -> T? {
        if let cached = cache[resource.position] { return cached as? T }
        var reader = FieldReader(resource.value, at: resource.pointer, vocabulary: .fhir)
        reader.accept(Self.acceptedEverywhere)
        let result = body(&reader)
        reader.finish()
        issues.errors += reader.issues
        issues.warnings += reader.warnings
        let value: T? = reader.issues.isEmpty ? result : nil
        cache[resource.position] = value as Any
        return value
    }

    /// The resource a reference names, which must be in the bundle and of one of `types`.
    mutating func resolve(_ reference: Reference?, _ types: String..., what: String) -> FHIRResource? {
        guard let reference else { return nil }
        guard let resource = bundle.resolve(reference) else {
            let target = reference.reference.map { Quoted.value($0) } ?? "without a reference"
            issues.error("\(what): the reference \(target) names no entry of the bundle", at: reference.pointer)
            return nil
        }
        guard types.contains(resource.type) else {
            issues.error("\(what) must be a \(types.joined(separator: " or ")), found \(Excerpt.plain(resource.type))", at: reference.pointer)
            return nil
        }
        return resource
    }

    private static func entryIndex(_ pointer: JSONPointer) -> Int {
        guard pointer.components.count >= 2, pointer.components[0] == .key("entry") else { return -1 }
        return pointer.components[1].arrayIndex ?? -1
    }

    /// Records that FFBKit rebuilds `resource` from its records as `role` (the first role given wins).
    mutating func assign(_ resource: FHIRResource, _ role: ResourceRole) {
        if roles[resource.position] == nil { roles[resource.position] = role }
    }

    private mutating func sortWarnings() {
        // Reported in document order, as a person reads the file.
        issues.warnings = issues.warnings.enumerated().sorted { lhs, rhs in
            let left = Self.entryIndex(lhs.element.pointer), right = Self.entryIndex(rhs.element.pointer)
            return (left, lhs.offset) < (right, rhs.offset)
        }.map(\.element)
    }

    // MARK: Values

    /// A UUID id; other ids (FHIR allows any 64 characters) are given a stable UUID of their own.
    func uuid(_ resource: FHIRResource) -> UUID {
        if let id = resource.id, let uuid = UUID(hyphenatedHex: id) { return uuid }
        return DerivedID.uuid("fhir-id", resource.relativeKey ?? "\(resource.type)#\(resource.position)")
    }

    /// The calendar day of a FHIR date or dateTime, as written (its own zone).
    mutating func date(_ text: Located<String>?) -> Located<LocalDate>? {
        guard let text else { return nil }
        guard let date = LocalDate(iso: String(text.value.prefix(10))) else {
            issues.error("not a valid FHIR date (expected YYYY-MM-DD, optionally with a time)", at: text.pointer)
            return nil
        }
        return Located(date, at: text.pointer)
    }

    mutating func organization(_ reference: Reference?, what: String) -> (FHIRResource, FHIROrganization)? {
        guard let resource = resolve(reference, "Organization", what: what),
              let organization = read(resource, as: FHIROrganization.self, FHIROrganization.read) else { return nil }
        return (resource, organization)
    }

    /// An organisation as a party: its name and first identifier. KL's messaging guide defines no
    /// identifier for senders and receivers, so a missing one is replaced by the resource id.
    mutating func party(_ reference: Reference?, role: String, at pointer: JSONPointer) -> RawParty? {
        guard let reference else {
            issues.error("the message names no \(role)", at: pointer)
            return nil
        }
        guard let found = self.organization(reference, what: "the \(role)") else { return nil }
        let (resource, organization) = found
        guard let name = organization.name else {
            issues.error("the \(role) organisation has no name", at: resource.pointer)
            return nil
        }
        var identifier = organization.identifier
        if identifier == nil {
            identifier = Located(resource.id ?? name.value, at: resource.pointer.appending("id"))
            issues.warning("the \(role) organisation has no identifier; its resource id is used", at: resource.pointer)
        }
        guard let identifier else { return nil }
        return RawParty(name: name, identifier: identifier, pointer: resource.pointer)
    }
}
