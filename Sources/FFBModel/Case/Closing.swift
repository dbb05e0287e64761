import FFBCatalog
import Foundation

/// A case closed (sagen afsluttet) or an order ended (indsatsen afsluttet) by an explicit
/// decision: when and why. It is a record of its own, never a change to the case or the order.
public struct Closing: Hashable, Sendable {
    public let date: LocalDate
    public let reason: String

    public init(date: LocalDate, reason: String) throws(ModelError) {
        let reason = reason.trimmingSpacesAndNewlines()
        guard !reason.isEmpty else { throw .invalid("the reason is empty; say why") }
        self.date = date
        self.reason = reason
    }
}

/// When an order stopped running and what stopped it. The store works this out in one place
/// (`OrderEnds`), for every view: an order runs until its earliest end.
public struct OrderEnd: Hashable, Sendable {
    public enum Cause: Hashable, Sendable {
        /// A follow-up decided to end the intervention (status end, or end and refer).
        case followUp(FollowUpStatus)
        /// The order was ended explicitly (`ffb order end`).
        case ended(reason: String)
        /// The order's case was closed (`ffb case close`).
        case caseClosed(caseNumber: String, reason: String)

        /// A stable name for programs (`follow-up-end`, `order-ended`, `case-closed`).
        public var key: String {
            switch self {
            case .followUp(let status): status == .endAndRefer ? "follow-up-end-and-refer" : "follow-up-end"
            case .ended: "order-ended"
            case .caseClosed: "case-closed"
            }
        }

        /// The reason given, when one was (a follow-up's decision has none of its own).
        public var reason: String? {
            switch self {
            case .followUp: nil
            case .ended(let reason), .caseClosed(_, let reason): reason
            }
        }
    }

    public let date: LocalDate
    public let cause: Cause

    public init(date: LocalDate, cause: Cause) {
        self.date = date
        self.cause = cause
    }

    /// Whether the order still runs on `day`: it stops on its end date.
    public func isRunning(on day: LocalDate) -> Bool {
        day < date
    }
}
