import FFBCatalog
import Foundation

/// A target group of an order; at most one per order is primary.
public struct TargetGroupAssignment: Hashable, Sendable {
    public let code: KLCode
    public let isPrimary: Bool

    public init(code: KLCode, isPrimary: Bool) {
        self.code = code
        self.isPrimary = isPrimary
    }
}

/// An order (bestilling): the intervention the authority orders from a provider.
public struct Order: Hashable, Sendable {
    public let id: UUID
    public let citizen: Pseudonym
    public let caseNumber: String
    public let services: [KLCode]
    public let offerType: KLCode?
    public let targetGroups: [TargetGroupAssignment]
    public let provider: Organization
    public let payer: Organization?
    public let supportLevel: Assessed<SupportLevel>
    public let issued: LocalDate
    public let start: LocalDate
    public let followUpDate: LocalDate?

    public init(
        id: UUID = UUID(),
        citizen: Pseudonym,
        caseNumber: String,
        services: [KLCode],
        offerType: KLCode?,
        targetGroups: [TargetGroupAssignment],
        provider: Organization,
        payer: Organization? = nil,
        supportLevel: Assessed<SupportLevel>,
        issued: LocalDate,
        start: LocalDate,
        followUpDate: LocalDate? = nil,
        catalog: Catalog
    ) throws(ModelError) {
        guard !services.isEmpty else { throw .invalid("an order needs at least one service") }
        for service in services where !catalog.services.contains(where: { $0.code == service }) {
            throw .invalid("unknown service \(service)")
        }
        if let offerType, !catalog.offerTypes.contains(where: { $0.code == offerType }) {
            throw .invalid("unknown offer type \(offerType)")
        }
        for group in targetGroups where !catalog.targetGroups.contains(where: { $0.code == group.code }) {
            throw .invalid("unknown target group \(group.code)")
        }
        if targetGroups.filter(\.isPrimary).count > 1 {
            throw .invalid("an order has at most one primary target group")
        }
        if Set(targetGroups.map(\.code)).count != targetGroups.count {
            throw .invalid("a target group is named twice")
        }
        guard start >= issued else {
            throw .invalid("start \(start) is before the order was issued (\(issued))")
        }
        if let followUpDate, followUpDate < start {
            throw .invalid("follow-up date \(followUpDate) is before the start \(start)")
        }
        self.id = id
        self.citizen = citizen
        self.caseNumber = caseNumber
        self.services = services
        self.offerType = offerType
        self.targetGroups = targetGroups
        self.provider = provider
        self.payer = payer
        self.supportLevel = supportLevel
        self.issued = issued
        self.start = start
        self.followUpDate = followUpDate
    }

    public var primaryTargetGroup: KLCode? {
        targetGroups.first(where: \.isPrimary)?.code
    }
}
