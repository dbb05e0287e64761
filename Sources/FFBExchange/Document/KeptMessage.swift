import FFBCatalog
import FFBJSON
import Foundation

/// What a resource of an imported KL order message was read as. FFBKit rebuilds the resources
/// it maps to its own records (`isRebuilt`) when it writes the order again; every other resource
/// it keeps and writes back as it came, its references pointed at the rebuilt ones.
public enum ResourceRole: Hashable, Sendable {
    // Rebuilt from FFBKit's records.
    case header, sender, receiver, payer, citizen, order, servicePerformer, supportLevel, account
    case service(KLCode)
    case targetGroup(KLCode)
    case theme(KLCode)
    case assessment(UUID)
    case goal(UUID)
    // Kept as they came, with typed views (`OrderAttachments`).
    case purpose, citizenObjective, guardian, relatedPerson, consent, document, diagnosis, followUp
    /// Other evaluations (situation, resources, perspective) than the support level.
    case evaluation
    /// Care plans the citizen already has (RelatedCarePlan) and the plans, teams and units around them.
    case relatedPlan
    /// Everything else the guide allows (care teams, participating organisations, services without an FFB code).
    case other
    /// A resource type KL's order message does not define: kept, not understood.
    case unknown

    public var isRebuilt: Bool {
        switch self {
        case .header, .sender, .receiver, .payer, .citizen, .order, .servicePerformer, .supportLevel, .account,
             .service, .targetGroup, .theme, .assessment, .goal: true
        default: false
        }
    }

    /// How the store spells the role.
    public var text: String {
        switch self {
        case .header: "header"
        case .sender: "sender"
        case .receiver: "receiver"
        case .payer: "payer"
        case .citizen: "citizen"
        case .order: "order"
        case .servicePerformer: "service-performer"
        case .supportLevel: "support-level"
        case .account: "account"
        case .service(let code): "service:\(code.rawValue)"
        case .targetGroup(let code): "target-group:\(code.rawValue)"
        case .theme(let code): "theme:\(code.rawValue)"
        case .assessment(let id): "assessment:\(id.lowercased)"
        case .goal(let id): "goal:\(id.lowercased)"
        case .purpose: "purpose"
        case .citizenObjective: "citizen-objective"
        case .guardian: "guardian"
        case .relatedPerson: "related-person"
        case .consent: "consent"
        case .document: "document"
        case .diagnosis: "diagnosis"
        case .followUp: "follow-up"
        case .evaluation: "evaluation"
        case .relatedPlan: "related-plan"
        case .other: "other"
        case .unknown: "unknown"
        }
    }

    public init?(text: String) {
        let simple: [ResourceRole] = [.header, .sender, .receiver, .payer, .citizen, .order, .servicePerformer, .supportLevel, .account,
                                      .purpose, .citizenObjective, .guardian, .relatedPerson, .consent, .document, .diagnosis, .followUp,
                                      .evaluation, .relatedPlan, .other, .unknown]
        if let role = simple.first(where: { $0.text == text }) {
            self = role
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let code = KLCode(parts[1]), id = UUID(uuidString: parts[1])
        let role: ResourceRole? = switch parts[0] {
        case "service": code.map(ResourceRole.service)
        case "target-group": code.map(ResourceRole.targetGroup)
        case "theme": code.map(ResourceRole.theme)
        case "assessment": id.map(ResourceRole.assessment)
        case "goal": id.map(ResourceRole.goal)
        default: nil
        }
        guard let role else { return nil }
        self = role
    }
}

/// One resource of an imported message, as it came.
public struct KeptResource: Hashable, Sendable {
    public var role: ResourceRole
    public var resource: JSONValue

    public init(role: ResourceRole, resource: JSONValue) {
        self.role = role
        self.resource = resource
    }

    public var type: String { resource["resourceType"]?.stringValue ?? "" }
    public var id: String? { resource["id"]?.stringValue }
    /// `Type/id`, as KL's messages reference a resource.
    public var key: String? { id.map { "\(type)/\($0)" } }
}

/// An imported KL order message, kept whole: its bytes as received and every resource with what
/// it was read as, so nothing the authority sent is lost and the order can be written back.
public struct KeptMessage: Hashable, Sendable {
    public var documentID: String
    /// The message as received (empty when it was decoded from a value, not from bytes).
    public var bytes: [UInt8]
    /// Every resource of the message, in its order.
    public var resources: [KeptResource]
    /// The original references (`Type/id`, `urn:uuid:…`, the fullUrl) of each resource, by position.
    public var fullUrls: [String?]

    public init(documentID: String, bytes: [UInt8], resources: [KeptResource], fullUrls: [String?] = []) {
        self.documentID = documentID
        self.bytes = bytes
        self.resources = resources
        self.fullUrls = fullUrls
    }

    /// The resources kept as they came (not rebuilt from FFBKit's records).
    public var verbatim: [KeptResource] { resources.filter { !$0.role.isRebuilt } }

    public func resources(_ role: ResourceRole) -> [KeptResource] { resources.filter { $0.role == role } }
}
