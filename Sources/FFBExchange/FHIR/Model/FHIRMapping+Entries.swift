import FFBJSON

/// What every KL bundle must be before its resources are read: one resource per identity, and
/// references that name what they mean. A DeliveryReport carries every resource it references,
/// each under its id; an order message may name things outside itself by absolute URL.
extension FHIRMapping {
    /// The rules of one kind of bundle.
    enum EntryRules {
        case deliveryReport
        case orderMessage

        /// Where a reference to no entry should have found one.
        var holder: String {
            switch self {
            case .deliveryReport: "the report (a DeliveryReport carries every resource it references)"
            case .orderMessage: "the message"
            }
        }
    }

    /// A resource twice with the same content is read once (a warning); with other content it is
    /// an error at the second (FHIR's bdl-7: which one a reference meant is not for a reader to
    /// guess). Then every reference must name an entry: in a DeliveryReport every one, in an order
    /// message those in the bundle's own terms (`urn:uuid:…`, `Type/id`).
    mutating func checkEntries(_ rules: EntryRules) {
        var first: [String: FHIRResource] = [:]
        for resource in bundle.resources {
            if rules == .deliveryReport, resource.relativeKey == nil {
                issues.error("a DeliveryReport resource needs an id (KL: a resource keeps its id from report to report)", at: resource.pointer)
                continue
            }
            // A reference finds an entry by its fullUrl or by Type/id (`FHIRBundle.resolve`): each
            // must name one resource. A report's resources are known by Type/id alone.
            let keys = rules == .deliveryReport ? [resource.relativeKey].compactMap(\.self) : Array(Set([resource.fullUrl, resource.relativeKey].compactMap(\.self))).sorted()
            for key in keys {
                guard let earlier = first[key] else {
                    first[key] = resource
                    continue
                }
                if earlier.value == resource.value {
                    issues.warning("\(Quoted.value(key)) appears twice with the same content (first at \(earlier.pointer.location)); read once", at: resource.pointer)
                    touch(resource)
                } else {
                    let holds = rules == .deliveryReport ? "a report holds one version of a resource" : "each entry of a bundle is its own (FHIR bdl-7)"
                    let place = key == resource.fullUrl && rules == .orderMessage ? (resource.pointer.parent ?? resource.pointer).appending("fullUrl") : resource.pointer.appending("id")
                    issues.error("\(Quoted.value(key)) appears twice with other content (first at \(earlier.pointer.location)); \(holds)", at: place)
                }
                break
            }
        }
        for resource in bundle.resources { checkReferences(resource.value, at: resource.pointer, rules) }
    }

    private mutating func checkReferences(_ value: JSONValue, at pointer: JSONPointer, _ rules: EntryRules) {
        switch value {
        case .object(let object):
            for member in object {
                let inner = pointer.appending(member.key)
                if member.key == "reference", case .string(let text) = member.value {
                    let checked = rules == .deliveryReport || text.hasPrefix("urn:uuid:") || Self.isRelative(text)
                    if checked, bundle.resolve(text) == nil {
                        issues.error("the reference \(Quoted.value(text)) names no entry of \(rules.holder)", at: inner)
                    }
                } else {
                    checkReferences(member.value, at: inner, rules)
                }
            }
        case .array(let items):
            for (index, item) in items.enumerated() { checkReferences(item, at: pointer.appending(index), rules) }
        default:
            break
        }
    }

    /// `Type/id` or `Type/id/_history/n`: a reference in the terms of the bundle's own server.
    private static func isRelative(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 4 && parts[2] == "_history"), let initial = parts[0].first, !parts[1].isEmpty else { return false }
        return initial.isUppercase && !text.contains(":")
    }
}
