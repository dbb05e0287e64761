import FFBJSON

/// A document as read, before the catalogue has been consulted: the stage between decoding and
/// validation. Both native documents and KL FHIR messages decode to this shape, so one validator
/// serves both and every value still knows where it came from.
public struct RawDocument: Sendable {
    public var header: RawHeader
    public var content: RawContent
    public var syntax: DocumentSyntax
    public var contentHash: String
    /// Members and elements the reader skipped or values it filled in.
    public var warnings: [JSONIssue]

    public init(header: RawHeader, content: RawContent, syntax: DocumentSyntax, contentHash: String, warnings: [JSONIssue]) {
        self.header = header
        self.content = content
        self.syntax = syntax
        self.contentHash = contentHash
        self.warnings = warnings
    }
}

public enum RawContent: Sendable {
    case order(RawOrder)
    case followUpReport(RawFollowUp)
    case assessment(RawAssessmentDocument)
    case extract(RawExtract)
}

public struct RawHeader: Sendable {
    public var id: Located<String>
    public var kind: DocumentKind
    public var created: Located<String>
    public var sender: RawParty
    public var receiver: RawParty

    public init(id: Located<String>, kind: DocumentKind, created: Located<String>, sender: RawParty, receiver: RawParty) {
        self.id = id
        self.kind = kind
        self.created = created
        self.sender = sender
        self.receiver = receiver
    }
}

/// An organisation: name and identifier.
public struct RawParty: Sendable {
    public var name: Located<String>
    public var identifier: Located<String>
    public var pointer: JSONPointer

    public init(name: Located<String>, identifier: Located<String>, pointer: JSONPointer) {
        self.name = name
        self.identifier = identifier
        self.pointer = pointer
    }
}
