import FFBJSON
import Foundation

/// Stage 1 of the pipeline: bytes → `RawDocument`.
///
/// Parses within `DecodeLimits`, recognises the format (our native documents by their `format`
/// member, KL FHIR order messages and DeliveryReports by their Bundle's type: `FHIRDocumentShape`) and reads the document's shape. Every
/// problem is reported at once, each at its JSON pointer.
public struct DocumentDecoder: Sendable {
    public var limits: JSONParser.Limits

    public init(limits: JSONParser.Limits = DecodeLimits.parser) {
        self.limits = limits
    }

    public func decode(_ data: Data) throws(ExchangeError) -> RawDocument {
        guard data.count <= limits.maxBytes else {
            throw ExchangeError("document larger than \(limits.maxBytes >> 20) MiB")
        }
        let value: JSONValue
        do {
            value = try JSONParser(limits: limits).parse(data)
        } catch {
            throw ExchangeError("\(error.message) (line \(error.line), column \(error.column))", at: error.pointer)
        }
        var raw = try decode(value)
        // A KL order message is kept as received, byte for byte, beside what is read from it.
        if case .order(var order) = raw.content, order.extras?.kept != nil {
            order.extras?.kept?.bytes = Array(data)
            raw.content = .order(order)
        }
        return raw
    }

    public func decode(_ document: JSONValue) throws(ExchangeError) -> RawDocument {
        guard case .object(let root) = document else {
            throw ExchangeError("expected an exchange document (a JSON object), found \(document.kind.rawValue)")
        }
        if let format = root["format"] {
            guard format == .string(NativeFormat.name) else {
                throw ExchangeError("\"format\" must be \"\(NativeFormat.name)\"", at: JSONPointer([.key("format")]))
            }
            var hashed = root
            hashed["created"] = nil
            return try NativeReader().read(document, contentHash: ContentHash.of(.object(hashed)))
        }
        if root["resourceType"] != nil {
            var hashed = root
            hashed["timestamp"] = nil
            let hash = ContentHash.of(.object(hashed))
            switch FHIRDocumentShape.of(root) {
            case .orderMessage:
                return try OrderMessageReader().read(document, contentHash: hash)
            case .deliveryReport:
                return try DeliveryReportReader().read(document, contentHash: hash)
            case .neither(let description, let pointer):
                throw ExchangeError(description, at: pointer)
            }
        }
        throw ExchangeError("not an exchange document: expected \"format\": \"\(NativeFormat.name)\" or a FHIR Bundle")
    }
}
