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

/// What the authority orders, without the store-local citizen and case: the part of an order
/// that travels between systems unchanged.
public struct OrderTerms: Hashable, Sendable {
    public var id: UUID
    public var services: [KLCode]
    public var offerType: KLCode?
    public var targetGroups: [TargetGroupAssignment]
    public var provider: Organization
    public var payer: Organization?
    public var supportLevel: Assessed<SupportLevel>
    public var issued: LocalDate
    public var start: LocalDate
    public var followUpDate: LocalDate?

    public init(
        id: UUID, services: [KLCode], offerType: KLCode?, targetGroups: [TargetGroupAssignment], provider: Organization,
        payer: Organization?, supportLevel: Assessed<SupportLevel>, issued: LocalDate, start: LocalDate, followUpDate: LocalDate?
    ) {
        self.id = id
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
}

/// An order (bestilling): the intervention the authority orders from a provider, for a citizen
/// on a case. Its terms read as its own members (`order.start`, `order.provider`).
@dynamicMemberLookup
public struct Order: Hashable, Sendable {
    public let citizen: Pseudonym
    public let caseNumber: String
    public let terms: OrderTerms

    public subscript<Value>(dynamicMember keyPath: KeyPath<OrderTerms, Value>) -> Value {
        terms[keyPath: keyPath]
    }

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
        let terms = OrderTerms(id: id, services: services, offerType: offerType, targetGroups: targetGroups, provider: provider,
                               payer: payer, supportLevel: supportLevel, issued: issued, start: start, followUpDate: followUpDate)
        try self.init(terms: terms, citizen: citizen, caseNumber: caseNumber, catalog: catalog)
    }

    /// An order on `terms`, checked against the catalogue and its own dates.
    public init(terms: OrderTerms, citizen: Pseudonym, caseNumber: String, catalog: Catalog) throws(ModelError) {
        // The rules in the order they have always been told: no service before an unknown code.
        guard !terms.services.isEmpty else { throw Self.noService }
        for service in terms.services where catalog.concept(service, kind: .services) == nil {
            throw .invalid("unknown service \(service)")
        }
        if let offerType = terms.offerType, catalog.concept(offerType, kind: .offerTypes) == nil {
            throw .invalid("unknown offer type \(offerType)")
        }
        for group in terms.targetGroups where catalog.concept(group.code, kind: .targetGroups) == nil {
            throw .invalid("unknown target group \(group.code)")
        }
        try self.init(catalogueCodes: terms, citizen: citizen, caseNumber: caseNumber)
    }

    /// An order on `terms` whose codes are already known to be the catalogue's (a store's read
    /// finds each among the catalogue's own), checked against its own dates and target groups.
    package init(catalogueCodes terms: OrderTerms, citizen: Pseudonym, caseNumber: String) throws(ModelError) {
        let (services, targetGroups) = (terms.services, terms.targetGroups)
        let (issued, start, followUpDate) = (terms.issued, terms.start, terms.followUpDate)
        guard !services.isEmpty else { throw Self.noService }
        if targetGroups.filter(\.isPrimary).count > 1 {
            throw .invalid("an order has at most one primary target group")
        }
        if targetGroups.indices.contains(where: { index in targetGroups[..<index].contains { $0.code == targetGroups[index].code } }) {
            throw .invalid("a target group is named twice")
        }
        guard start >= issued else {
            throw .invalid("start \(start) is before the order was issued (\(issued))")
        }
        if let followUpDate, followUpDate < start {
            throw .invalid("follow-up date \(followUpDate) is before the start \(start)")
        }
        self.citizen = citizen
        self.caseNumber = caseNumber
        self.terms = terms
    }

    private static let noService = ModelError.invalid("an order needs at least one service")

    public var primaryTargetGroup: KLCode? {
        terms.targetGroups.first(where: \.isPrimary)?.code
    }
}
