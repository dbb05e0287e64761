import FFBModel
import Foundation

/// The envelope of every exchange document.
public struct DocumentHeader: Hashable, Sendable {
    /// A UUID for native documents; a FHIR message's Bundle id (which KL does not require to be a UUID).
    public var id: String
    public var kind: DocumentKind
    /// RFC 3339, as written.
    public var created: String
    public var sender: Organization
    public var receiver: Organization

    public init(id: String, kind: DocumentKind, created: String, sender: Organization, receiver: Organization) {
        self.id = id
        self.kind = kind
        self.created = created
        self.sender = sender
        self.receiver = receiver
    }
}
