import FFBCatalog
import FFBModel
import Foundation

/// An order without its store-local citizen and case row: what the authority orders.
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

    public init(_ order: Order) {
        self.init(id: order.id, services: order.services, offerType: order.offerType, targetGroups: order.targetGroups,
                  provider: order.provider, payer: order.payer, supportLevel: order.supportLevel, issued: order.issued,
                  start: order.start, followUpDate: order.followUpDate)
    }

    public func order(citizen: Pseudonym, caseNumber: String, catalog: Catalog) throws(ModelError) -> Order {
        try Order(id: id, citizen: citizen, caseNumber: caseNumber, services: services, offerType: offerType, targetGroups: targetGroups,
                  provider: provider, payer: payer, supportLevel: supportLevel, issued: issued, start: start,
                  followUpDate: followUpDate, catalog: catalog)
    }
}

/// One version of a goal as it travels, with the sender's entered-in-error mark.
public struct GoalRecord: Hashable, Sendable {
    public var goal: Goal
    public var enteredInError: String?

    public init(goal: Goal, enteredInError: String? = nil) {
        self.goal = goal
        self.enteredInError = enteredInError
    }
}
