import FFBJSON

/// A document as read, before the catalogue has been consulted: the stage between decoding and
/// validation. Both native documents and KL FHIR messages decode to this shape, so one validator
/// serves both and every value still knows where it came from. Its shape is the package's own
/// business: a library user hands it from `DocumentDecoder` to `DocumentValidator`.
public struct RawDocument: Sendable {
    package var header: RawHeader
    package var content: RawContent
    public var syntax: DocumentSyntax
    package var contentHash: String
    /// Members and elements the reader skipped or values it filled in.
    public var warnings: [JSONIssue]
}

package enum RawContent: Sendable {
    case order(RawOrder)
    case followUpReport(RawFollowUp)
    case assessment(RawAssessmentDocument)
    case extract(RawExtract)
    case deliveryReport(RawDeliveryReport)
}

package struct RawHeader: Sendable {
    package var id: Located<String>
    package var kind: DocumentKind
    package var created: Located<String>
    package var sender: RawParty
    package var receiver: RawParty
}

/// An organisation: name and identifier.
package struct RawParty: Sendable {
    package var name: Located<String>
    package var identifier: Located<String>
    package var pointer: JSONPointer
}
