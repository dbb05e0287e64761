import FFBCatalog
import FFBJSON
import Foundation

/// Checks FHIR bundles against KL's profile rules, as a receiver that validates them would: the
/// profiles' cardinalities, fixed values, required slices and closed extension slicing, and the
/// guides' invariants. The rules are data (`KLMessagingRules`, `KLReportingRules`), each with the
/// line of KL's FSH it comes from; this file only knows how to apply a rule to a resource.
/// Test support only: nothing in the product links it.
public struct Conformance: Sendable {
    public let guide: String
    let profiles: [ProfileRules]
    let bundleRules: [Invariant]

    /// A rule a bundle breaks, with where.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The rule's name: an invariant's id (`kl-reporting-ffb-care-plan-1`) or a profile rule as
        /// the profile states it (`Patient.telecom:phone 1..*`).
        public let rule: String
        /// The profile (its id, the last part of its URL) or `Bundle`.
        public let profile: String
        /// A JSON pointer into the bundle.
        public let location: String
        public let detail: String

        public var description: String { "\(location): \(profile): \(rule) (\(detail))" }
    }

    public func violations(_ bundle: JSONValue) -> [Violation] {
        let context = BundleContext(bundle)
        var found = bundleRules.filter { !$0.holds(bundle, context) }
            .map { Violation(rule: $0.name, profile: "Bundle", location: "", detail: $0.human) }
        // The Bundle and each resource, against every profile of this guide that it declares.
        let roots = [Node(value: bundle, pointer: "")]
            + context.resources.enumerated().map { Node(value: $0.element, pointer: "/entry/\($0.offset)/resource") }
        for root in roots {
            let declared = root.value["meta"]?["profile"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for profile in profiles where declared.contains(profile.url) {
                found += profile.violations(of: root, context)
            }
        }
        return found
    }

    /// The violations of a file's bundle; a file that is not JSON is one violation.
    public func violations(of data: Data) -> [Violation] {
        do {
            return violations(try JSONParser().parse(data))
        } catch {
            return [Violation(rule: "JSON", profile: "Bundle", location: "", detail: "\(error)")]
        }
    }
}

/// The rules one profile states, with the file they come from.
struct ProfileRules: Sendable {
    let url: String
    /// Where the rules are stated: repository, version and file.
    let source: String
    /// The profile's named slices: how an element is recognised as belonging to one.
    var slices: [String: Slice] = [:]
    /// Rules as the profile states them, e.g. `"19 telecom[phone] 1.."`: the FSH line they come
    /// from (a number in `source`, or another file), the path, then `min..max`, `= value` or `closed`.
    var rules: [String]
    var invariants: [Invariant] = []

    var id: String { String(url.split(separator: "/").last ?? "") }

    func violations(of root: Node, _ context: BundleContext) -> [Conformance.Violation] {
        let type = root.value["resourceType"]?.stringValue ?? "Bundle"
        var found: [Conformance.Violation] = []
        for text in rules {
            let rule = ParsedRule(text)
            let name = "\(type).\(rule.displayPath) \(rule.statement)"
            for (location, detail) in rule.check(root, slices: slices, context) {
                found.append(.init(rule: name, profile: id, location: location, detail: detail))
            }
        }
        for invariant in invariants where !invariant.holds(root.value, context) {
            found.append(.init(rule: invariant.name, profile: id, location: root.pointer, detail: invariant.human))
        }
        return found
    }
}

/// How a profile recognises the members of a slice: by a value at a path inside the element,
/// or, for `CarePlan.goal`, by the category of the Goal the reference resolves to.
enum Slice: Sendable {
    case value(String, Fixed)
    case extensionURL(String)
    case resolvedCategory(String)

    func contains(_ node: Node, _ context: BundleContext) -> Bool {
        switch self {
        case .value(let path, let fixed):
            return Node.select(path, from: [node], slices: [:], context).contains { fixed.matches($0.value) }
        case .extensionURL(let url):
            return node.value["url"]?.stringValue == url
        case .resolvedCategory(let code):
            guard let goal = context.resolve(node.value["reference"]?.stringValue) else { return false }
            return Fixed.coding(system: KLSystems.careSocialCodes, code: code).matches(goal["category"] ?? .null)
        }
    }
}

/// A fixed value or pattern as FSH writes it: `#code`, `"text"`, `system#code`.
enum Fixed: Sendable, Equatable {
    case text(String)
    case coding(system: String, code: String)

    init(fsh: String) {
        let text = fsh.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            self = .text(String(text.dropFirst().dropLast()))
        } else if text.hasPrefix("#") {
            self = .text(String(text.dropFirst()))
        } else if let hash = text.lastIndex(of: "#") {
            let system = String(text[..<hash])
            self = .coding(system: KLSystems.alias[system] ?? system, code: String(text[text.index(after: hash)...]))
        } else {
            self = .text(text)
        }
    }

    /// Pattern semantics: a Coding matches by system and code; a CodeableConcept when one of its
    /// codings does; an array when one of its elements does.
    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.text(let expected), .string(let actual)):
            return expected == actual
        case (.coding, .array(let elements)):
            return elements.contains(where: matches)
        case (.coding(let system, let code), .object):
            if value["system"]?.stringValue == system && value["code"]?.stringValue == code { return true }
            return value["coding"]?.arrayValue?.contains(where: matches) ?? false
        default:
            return false
        }
    }
}

/// An invariant: its id, its FHIRPath as published, and the same rule in Swift.
struct Invariant: Sendable {
    let name: String
    let human: String
    let expression: String
    let holds: @Sendable (JSONValue, BundleContext) -> Bool
}

/// One element reached in a bundle, with its JSON pointer.
struct Node: Sendable {
    let value: JSONValue
    let pointer: String

    /// The elements at a dotted FSH path (`contact.telecom[phone]`, `effective[x]`), arrays flattened.
    static func select(_ path: String, from nodes: [Node], slices: [String: Slice], _ context: BundleContext) -> [Node] {
        guard !path.isEmpty else { return nodes }
        var current = nodes
        for segment in path.split(separator: ".").map(String.init) {
            current = current.flatMap { step(segment, from: $0, slices: slices, context) }
        }
        return current
    }

    static func step(_ segment: String, from node: Node, slices: [String: Slice], _ context: BundleContext) -> [Node] {
        var name = segment
        var slice: String?
        if let open = segment.firstIndex(of: "["), segment.hasSuffix("]") {
            name = String(segment[..<open])
            slice = String(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)])
        }
        guard case .object(let object) = node.value else { return [] }
        var keys = [name]
        if slice == "x" {
            keys = object.keys.filter { $0.hasPrefix(name) && $0.dropFirst(name.count).first?.isUppercase == true }
            slice = nil
        }
        var found: [Node] = []
        for key in keys {
            guard let value = object[key] else { continue }
            let pointer = node.pointer + "/" + key
            if case .array(let elements) = value {
                found += elements.enumerated().map { Node(value: $0.element, pointer: "\(pointer)/\($0.offset)") }
            } else {
                found.append(Node(value: value, pointer: pointer))
            }
        }
        guard let slice else { return found }
        guard let definition = slices[slice] else { return [] }
        return found.filter { definition.contains($0, context) }
    }
}

/// A profile rule read from its text: `source path min..max`, `source path = value`, `source path closed`.
struct ParsedRule {
    let path: String
    let statement: String
    let min: Int
    let max: Int?
    let fixed: Fixed?
    let closed: Bool

    init(_ text: String) {
        var words = text.split(separator: " ", maxSplits: 1).map(String.init)
        // A leading source: a line number in the profile's file, or `file:line` / `R4:Element` elsewhere.
        if let first = words.first, first.allSatisfy(\.isNumber) || first.contains(":") {
            words = words.count > 1 ? words[1].split(separator: " ", maxSplits: 1).map(String.init) : []
        }
        path = words.first ?? ""
        statement = words.count > 1 ? words[1] : ""
        if statement.hasPrefix("= ") {
            fixed = Fixed(fsh: String(statement.dropFirst(2)))
            (min, max, closed) = (0, nil, false)
        } else if statement == "closed" {
            (fixed, min, max, closed) = (nil, 0, nil, true)
        } else {
            let bounds = statement.split(separator: ".", omittingEmptySubsequences: false)
            min = Int(bounds.first ?? "") ?? 0
            max = bounds.last.flatMap { Int($0) }
            (fixed, closed) = (nil, false)
        }
    }

    /// `telecom[phone]` reads `telecom:phone`, as FHIR names slices.
    var displayPath: String {
        path.replacingOccurrences(of: "[x]", with: "\u{0}").replacingOccurrences(of: "[", with: ":")
            .replacingOccurrences(of: "]", with: "").replacingOccurrences(of: "\u{0}", with: "[x]")
    }

    func check(_ root: Node, slices: [String: Slice], _ context: BundleContext) -> [(String, String)] {
        if let fixed {
            return Node.select(path, from: [root], slices: slices, context).filter { !fixed.matches($0.value) }
                .map { ($0.pointer, "found \($0.value.compactDescription)") }
        }
        if closed {
            let allowed = Set(slices.values.compactMap { slice -> String? in
                if case .extensionURL(let url) = slice { return url }
                return nil
            })
            return Node.select(path, from: [root], slices: [:], context)
                .filter { !allowed.contains($0.value["url"]?.stringValue ?? "") }
                .map { ($0.pointer, "extension \($0.value["url"]?.stringValue ?? "without url") is not one the profile allows") }
        }
        var parts = path.split(separator: ".").map(String.init)
        let last = parts.removeLast()
        let parents = Node.select(parts.joined(separator: "."), from: [root], slices: slices, context)
        return parents.compactMap { parent in
            let count = Node.step(last, from: parent, slices: slices, context).count
            guard count < min || max.map({ count > $0 }) == true else { return nil }
            return (parent.pointer, "found \(count)")
        }
    }
}

/// The bundle's resources, for resolving references and asking the catalogue.
struct BundleContext: Sendable {
    let resources: [JSONValue]
    let fullUrls: [String?]
    private let byKey: [String: Int]
    let catalog = BuiltInCatalogs.standard

    init(_ bundle: JSONValue) {
        let entries = bundle["entry"]?.arrayValue ?? []
        resources = entries.map { $0["resource"] ?? .null }
        fullUrls = entries.map { $0["fullUrl"]?.stringValue }
        var keys: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if let fullUrl = entry["fullUrl"]?.stringValue { keys[fullUrl] = index }
            if let type = entry["resource"]?["resourceType"]?.stringValue, let id = entry["resource"]?["id"]?.stringValue {
                keys["\(type)/\(id)"] = keys["\(type)/\(id)"] ?? index
            }
        }
        byKey = keys
    }

    func resolve(_ reference: String?) -> JSONValue? {
        reference.flatMap { byKey[$0] }.map { resources[$0] }
    }

    /// Whether a Condition's code is an Aktivitet og deltagelse theme (KLConditionADCodesFFB).
    func isActivityAndParticipation(_ condition: JSONValue?) -> Bool {
        let code = condition?["code"]?["coding"]?[0]?["code"]?.stringValue
        return code.flatMap(KLCode.init).flatMap(catalog.theme)?.scored ?? false
    }

    /// Every `reference` string inside a value.
    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            return object.flatMap { member -> [String] in
                if member.key == "reference", let text = member.value.stringValue { return [text] }
                return references(in: member.value)
            }
        case .array(let elements):
            return elements.flatMap(references)
        default:
            return []
        }
    }
}

/// Code systems and URL prefixes the rule tables share.
enum KLSystems {
    static let careSocialCodes = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
    static let ffb = "urn:oid:1.2.208.176.2.22"
    static let snomed = "http://snomed.info/sct"
    static let klCore = "http://fhir.kl.dk/core/StructureDefinition/"
    /// The FSH aliases the rule texts use, as KL's Aliases files define them.
    static let alias = [
        "$KLCommon": careSocialCodes,
        "$KLFFB": ffb,
        "$FFB": ffb,
        "$snomedCT": snomed,
        "$v3ActCode": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "$v3-RoleCode": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
        "$messageEvent": "http://fhir.kl.dk/ffbmessaging/CodeSystem/kl-messaging-ffb-messageEventSystem",
        "$requestIntent": "http://hl7.org/fhir/request-intent",
    ]
}

extension JSONValue {
    var compactDescription: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .null: return "null"
        default: return "\(self)".replacingOccurrences(of: "\n", with: " ")
        }
    }
}
