import FFBJSON

/// Reads a native version 1 document (already parsed) into a `RawDocument`: the shape, the types
/// and the text formats, every problem at its pointer. Catalogue codes are left for validation.
struct NativeReader {
    func read(_ document: JSONValue, contentHash: String) throws(ExchangeError) -> RawDocument {
        var root = FieldReader(document, at: JSONPointer())
        var issues = ExchangeIssues()
        root.accept("format")
        guard let version = root.int("version") else { throw ExchangeError(Self.issues(root)) }
        guard version.value == NativeFormat.version else {
            let message = version.value > NativeFormat.version
                ? "version \(version.value) is newer than this reader understands (\(NativeFormat.version)); use a newer ffb"
                : "version \(version.value) does not exist; the first version is 1"
            issues.error(message, at: version.pointer)
            throw ExchangeError(issues)
        }
        let kind = root.code("kind", as: DocumentKind.self)
        let id = root.converted("id") { text throws -> String in try Formats.uuid(text).lowercased }
        let created = root.converted("created", Formats.dateTime)
        let sender = root.object("sender") { PartyReader.read(&$0) }
        let receiver = root.object("receiver") { PartyReader.read(&$0) }
        var content: RawContent?
        if let kind, kind.value == .deliveryReport {
            root.fail("a DeliveryReport is a KL FHIR Bundle, not a native document", at: kind.pointer)
        } else if let kind {
            let key = NativeFormat.bodyKey(kind.value)
            content = root.object(key) { body -> RawContent? in
                switch kind.value {
                case .order: OrderReader.read(&body).map(RawContent.order)
                case .followUpReport: FollowUpReader.read(&body).map(RawContent.followUpReport)
                case .assessment: AssessmentReader.readDocument(&body).map(RawContent.assessment)
                case .extract: ExtractReader.read(&body).map(RawContent.extract)
                case .deliveryReport: nil
                }
            }
        }
        root.finish()
        guard root.issues.isEmpty, let kind, let id, let created, let sender, let receiver, let content else {
            throw ExchangeError(Self.issues(root))
        }
        let header = RawHeader(id: id, kind: kind.value, created: created, sender: sender, receiver: receiver)
        return RawDocument(header: header, content: content, syntax: .native, contentHash: contentHash, warnings: root.warnings)
    }

    private static func issues(_ reader: FieldReader) -> ExchangeIssues {
        ExchangeIssues(errors: reader.issues, warnings: reader.warnings)
    }
}

enum PartyReader {
    static func read(_ reader: inout FieldReader) -> RawParty? {
        let name = reader.string("name")
        let identifier = reader.string("identifier")
        guard let name, let identifier else { return nil }
        return RawParty(name: name, identifier: identifier, pointer: reader.pointer)
    }
}
