import FFBJSON
import Foundation

/// What a provider reads from a kept KL order message beyond the FFB records, typed: the
/// guardian and relatives, consents, the purpose, the citizen's own goals, documents, the
/// citizen's next of kin, diagnoses and the planned follow-ups. Read from the resources as they
/// came (`KeptMessage`), so the store keeps one copy and these views cannot drift from it.
public struct OrderAttachments: Hashable, Sendable {
    public struct Person: Hashable, Sendable {
        public var name: String
        /// The relationship as coded (e.g. `GUARD`, `MTH`, `advocate`) or written.
        public var relationships: [String]
        public var phone: String?
        public var email: String?
        public var address: String?
        /// The guardianship form (værgemålsform) code, for a guardian.
        public var guardianshipForm: String?
    }

    public struct Consent: Hashable, Sendable {
        public var status: String?
        public var text: String?
        public var date: String?
        /// Who the consent is given to (names of the people it references).
        public var to: [String]
        public var policy: String?
    }

    public struct Document: Hashable, Sendable {
        public var title: String?
        public var type: String?
        public var reference: String?
        public var description: String?
    }

    public struct Diagnosis: Hashable, Sendable {
        public var text: String?
        public var codes: [String]
    }

    public var purposes: [String] = []
    public var citizenObjectives: [String] = []
    public var guardians: [Person] = []
    public var relatives: [Person] = []
    /// The citizen's contacts as the Patient resource names them (next of kin).
    public var citizenContacts: [Person] = []
    public var consents: [Consent] = []
    public var documents: [Document] = []
    public var diagnoses: [Diagnosis] = []
    /// Planned follow-up dates (the FollowUp encounters).
    public var followUps: [String] = []
    /// How many resources of each type are kept as they came, by type.
    public var keptResources: [String: Int] = [:]

    public init() {}

    public init(_ kept: KeptMessage) {
        var people: [String: String] = [:]
        for resource in kept.resources where resource.type == "RelatedPerson" {
            if let key = resource.key { people[key] = Self.person(resource.resource).name }
        }
        for kept in kept.resources {
            let value = kept.resource
            if !kept.role.isRebuilt { keptResources[kept.type, default: 0] += 1 }
            switch kept.role {
            case .purpose: if let text = value["description"]?["text"]?.stringValue { purposes.append(text) }
            case .citizenObjective: if let text = value["description"]?["text"]?.stringValue { citizenObjectives.append(text) }
            case .guardian: guardians.append(Self.person(value))
            case .relatedPerson: relatives.append(Self.person(value))
            case .citizen: citizenContacts = (value["contact"]?.arrayValue ?? []).map(Self.person)
            case .consent:
                consents.append(Consent(
                    status: value["status"]?.stringValue,
                    text: (value["category"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.first,
                    date: value["dateTime"]?.stringValue,
                    to: (value["performer"]?.arrayValue ?? []).compactMap { performer in
                        performer["display"]?.stringValue ?? performer["reference"]?.stringValue.flatMap { people[$0] }
                    },
                    policy: Self.codes(value["policyRule"]).first
                ))
            case .document:
                let attachment = value["content"]?.arrayValue?.first?["attachment"]
                documents.append(Document(title: attachment?["title"]?.stringValue,
                                          type: Self.codes(value["type"]).first ?? attachment?["contentType"]?.stringValue,
                                          reference: attachment?["url"]?.stringValue, description: value["description"]?.stringValue))
            case .diagnosis:
                diagnoses.append(Diagnosis(text: value["code"]?["text"]?.stringValue, codes: Self.codes(value["code"])))
            case .followUp:
                if let start = value["period"]?["start"]?.stringValue { followUps.append(start) }
            default: break
            }
        }
    }

    /// The codes of a CodeableConcept (or a list of them), `system|code` when a system is given.
    static func codes(_ concept: JSONValue?) -> [String] {
        let concepts = concept?.arrayValue ?? [concept].compactMap { $0 }
        return concepts.flatMap { $0["coding"]?.arrayValue ?? [] }.compactMap { coding in
            coding["code"]?.stringValue
        }
    }

    static func person(_ value: JSONValue) -> Person {
        let names = value["name"]?.arrayValue ?? [value["name"]].compactMap { $0 }
        let name = names.first.map { name in
            name["text"]?.stringValue ?? ((name["given"]?.arrayValue ?? []).compactMap(\.stringValue) + [name["family"]?.stringValue].compactMap { $0 }).joined(separator: " ")
        } ?? ""
        let relationships = (value["relationship"]?.arrayValue ?? []).flatMap { concept in
            ((concept["coding"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }) + [concept["text"]?.stringValue].compactMap { $0 }
        }
        let telecom = value["telecom"]?.arrayValue ?? []
        let address = (value["address"]?.arrayValue?.first).map { address in
            let lines = (address["line"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
            let place = [address["postalCode"]?.stringValue, address["city"]?.stringValue].compactMap { $0 }.joined(separator: " ")
            return [lines, place].filter { !$0.isEmpty }.joined(separator: ", ")
        }
        let form = (value["extension"]?.arrayValue ?? []).first { $0["url"]?.stringValue?.hasSuffix("guardianshipForm") == true }?["valueCoding"]?["code"]?.stringValue
        return Person(name: name, relationships: relationships,
                      phone: telecom.first { $0["system"]?.stringValue == "phone" }?["value"]?.stringValue,
                      email: telecom.first { $0["system"]?.stringValue == "email" }?["value"]?.stringValue,
                      address: address, guardianshipForm: form)
    }
}
