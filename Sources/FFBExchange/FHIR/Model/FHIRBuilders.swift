import FFBCatalog
import FFBJSON
import Foundation

/// Small constructors for the FHIR JSON FFBKit writes; members come out in the order FHIR's
/// own examples list them, so written resources read like KL's.
enum FHIRBuild {
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(JSONObject(members.compactMap { key, value in value.map { (key, $0) } }))
    }

    static func string(_ text: String?) -> JSONValue? {
        text.map(JSONValue.string)
    }

    static func coding(_ system: String, _ code: String, display: String? = nil) -> JSONValue {
        object([("system", .string(system)), ("code", .string(code)), ("display", string(display))])
    }

    static func concept(_ system: String, _ code: String, display: String? = nil, text: String? = nil) -> JSONValue {
        object([("coding", .array([coding(system, code, display: display)])), ("text", string(text))])
    }

    static func reference(_ id: UUID) -> JSONValue {
        .object(JSONObject([("reference", .string(urn(id)))]))
    }

    static func urn(_ id: UUID) -> String { "urn:uuid:\(id.lowercased)" }

    static func meta(_ profile: String, lastUpdated: String? = nil) -> JSONValue {
        object([("profile", .array([.string(profile)])), ("lastUpdated", string(lastUpdated))])
    }

    static func rank(_ value: Int) -> JSONValue {
        .array([object([("url", .string(FHIRURLs.conditionRank)), ("valuePositiveInt", .number(JSONNumber(value)))])])
    }

    static func rankedReference(_ id: UUID, rank value: Int) -> JSONValue {
        object([("extension", rank(value)), ("reference", .string(urn(id)))])
    }

    static func entry(_ id: UUID, _ resource: JSONValue) -> JSONValue {
        object([("fullUrl", .string(urn(id))), ("resource", resource)])
    }

    /// An organisation's identifier: EAN numbers under their OID, anything else without a
    /// system (KL's messaging guide defines none for senders and receivers).
    static func identifier(_ value: String) -> JSONValue {
        let isEAN = value.utf8.count == 13 && value.utf8.allSatisfy { (48...57).contains($0) }
        return object([("system", isEAN ? .string(FHIRURLs.ean) : nil), ("value", .string(value))])
    }
}
