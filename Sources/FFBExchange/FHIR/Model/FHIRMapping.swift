import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

/// The state of reading one KL FHIR bundle (an order message or a DeliveryReport): the bundle, what
/// has been read, and every problem. The readers of each kind are its extensions.
struct FHIRMapping {
    var bundle = FHIRBundle(id: nil, type: nil, timestamp: nil, resources: [])
    var issues = ExchangeIssues()
    /// Resources read, by bundle position (a DeliveryReport reports the rest as not imported).
    private var used: Set<Int> = []
    private var cache: [Int: Any] = [:]
    /// What FFBKit rebuilds each mapped resource of an order message as, by bundle position; the
    /// rest are kept as they came.
    private(set) var roles: [Int: ResourceRole] = [:]
    /// The citizen's contact data and the payer's account number, as an order message gives them.
    var contact: CitizenContact?
    var accountNumber: String?

    static let acceptedEverywhere = ["resourceType", "id", "meta", "text", "language", "implicitRules", "contained", "modifierExtension"]

    /// Runs one reader (`mapOrderMessage`, `mapDeliveryReport`) and throws every problem it found.
    static func read(_ what: String, _ body: (inout FHIRMapping) -> RawDocument?) throws(ExchangeError) -> RawDocument {
        var mapping = FHIRMapping()
        let raw = body(&mapping)
        guard !mapping.issues.hasErrors, let raw else {
            if !mapping.issues.hasErrors { mapping.issues.error("\(what) could not be read", at: JSONPointer()) }
            throw ExchangeError(mapping.issues)
        }
        return raw
    }

    /// Reads the Bundle's outline (id, type, timestamp, entries); false when there is none to read.
    mutating func readBundle(_ document: JSONValue) -> Bool {
        var root = FieldReader(document, at: JSONPointer(), vocabulary: .fhir)
        let bundle = FHIRBundle.read(&root)
        root.finish()
        issues.errors += root.issues
        issues.warnings += root.warnings
        guard let bundle else { return false }
        self.bundle = bundle
        return true
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
        used.insert(resource.position)
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

    /// Marks a resource as read without mapping it (a message part that has no data of its own).
    mutating func touch(_ resource: FHIRResource) {
        used.insert(resource.position)
    }

    mutating func reportUnused() {
        for resource in bundle.resources where !used.contains(resource.position) {
            let profile = resource.profiles.first.flatMap { $0.split(separator: "/").last }.map { " (\(Excerpt.plain($0)))" } ?? ""
            issues.warning("\(Excerpt.plain(resource.type))\(profile) is not imported (FFBKit keeps no such data)", at: resource.pointer)
        }
        sortWarnings()
    }

    /// Records that FFBKit rebuilds `resource` from its records as `role` (the first role given wins).
    mutating func assign(_ resource: FHIRResource, _ role: ResourceRole) {
        if roles[resource.position] == nil { roles[resource.position] = role }
    }

    mutating func sortWarnings() {
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
