import FFBJSON
import FFBModel
import Foundation

/// A document that has been decoded and validated against the catalogue: domain values, ready
/// to be applied to a store.
public struct ExchangeDocument: Sendable {
    public enum Content: Hashable, Sendable {
        case order(OrderPackage)
        case followUpReport(FollowUpRecord)
        case assessment(AssessmentPackage)
        case extract(CaseloadExtract)
        case deliveryReport(DeliveryReportContent)
    }

    public var header: DocumentHeader
    public var content: Content
    public var syntax: DocumentSyntax
    /// See `ContentHash`: equal for the same content however it is laid out.
    public var contentHash: String
    /// Where records sit in the source, for problems only the store can find (an unknown order).
    public var locations: DocumentLocations
    /// What the reader skipped or filled in; never a reason to refuse the document.
    public var warnings: [JSONIssue]

    public init(header: DocumentHeader, content: Content, syntax: DocumentSyntax, contentHash: String, locations: DocumentLocations, warnings: [JSONIssue]) {
        self.header = header
        self.content = content
        self.syntax = syntax
        self.contentHash = contentHash
        self.locations = locations
        self.warnings = warnings
    }

    /// Theme entries in the document's assessments and follow-ups.
    public var themeEntryCount: Int {
        switch content {
        case .order(let package): package.themeEntryCount
        case .followUpReport(let record): record.entries.count
        case .assessment(let package): package.assessment.entries.count
        case .extract(let extract):
            extract.orders.reduce(0) { $0 + $1.themeEntryCount }
                + extract.assessments.reduce(0) { $0 + $1.assessment.entries.count }
                + extract.followUps.reduce(0) { $0 + $1.entries.count }
        case .deliveryReport(let report): report.assessments.reduce(0) { $0 + $1.entries.count }
        }
    }
}

/// Pointers to the records of one document, keyed by what they are.
public struct DocumentLocations: Sendable {
    public enum Key: Hashable, Sendable {
        case header
        case citizen(cpr: String)
        case caseFile(String)
        case order(UUID)
        case goal(UUID)
        case assessment(UUID)
        case followUp(UUID)
        case followUpOrder(UUID)
        /// A follow-up a report implies: the CarePlan that ended without one.
        case interventionEnd(UUID)
        case goalNote(followUp: UUID, series: UUID)
    }

    private var pointers: [Key: JSONPointer] = [:]

    public init() {}

    public subscript(key: Key) -> JSONPointer {
        get { pointers[key] ?? JSONPointer() }
        set { if pointers[key] == nil { pointers[key] = newValue } }
    }
}

extension ExchangeDocument.Content {
    /// The citizens the document names by CPR number, in the order it names them (a follow-up
    /// report names only its order).
    public var citizens: [CPRNumber] {
        switch self {
        case .order(let package): [package.citizen.cpr]
        case .assessment(let package): [package.citizen.cpr]
        case .extract(let extract): extract.orders.map(\.citizen.cpr) + extract.assessments.map(\.citizen.cpr)
        case .deliveryReport(let report): [report.citizen.cpr]
        case .followUpReport: []
        }
    }
}
