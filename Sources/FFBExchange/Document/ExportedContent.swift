import FFBModel
import Foundation

/// A document's content as an exporter gives it to the writers (native or FHIR), with the parties
/// and the date it speaks for.
public struct ExportedContent: Sendable {
    public var content: ExchangeDocument.Content
    public var sender: Organization
    public var receiver: Organization
    /// The clinical date the content is as of (order issued, follow-up date, assessment date):
    /// the `created` of the document, so the same records always give the same document.
    public var asOf: LocalDate

    public init(content: ExchangeDocument.Content, sender: Organization, receiver: Organization, asOf: LocalDate) {
        self.content = content
        self.sender = sender
        self.receiver = receiver
        self.asOf = asOf
    }
}
