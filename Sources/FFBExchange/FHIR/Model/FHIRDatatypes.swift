import FFBJSON

/// The FHIR datatypes FFBKit reads, each remembering where it was.
struct Coding: Sendable {
    var system: String?
    var code: String?
    var display: String?
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> Coding? {
        let system = reader.string("system", required: false, maxLength: 1_000)
        let code = reader.string("code", required: false)
        let display = reader.string("display", required: false, maxLength: 1_000)
        reader.accept(["version", "userSelected", "id", "extension"])
        return Coding(system: system?.value, code: code?.value, display: display?.value, pointer: reader.pointer)
    }

    var codePointer: JSONPointer { pointer.appending("code") }
}

struct CodeableConcept: Sendable {
    var coding: [Coding]
    var text: String?
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> CodeableConcept? {
        let coding = reader.objects("coding", required: false) { Coding.read(&$0) }
        let text = reader.string("text", required: false, maxLength: DecodeLimits.longText)
        reader.accept(["id", "extension"])
        return CodeableConcept(coding: coding?.value ?? [], text: text?.value, pointer: reader.pointer)
    }

    /// The first coding in an FFB code system (either URL).
    var ffb: Coding? { coding.first { FHIRURLs.isFFB($0.system) && $0.code != nil } }

    /// Whether a KL CareSocialCodes coding with `code` is present.
    func hasCareSocial(_ code: String) -> Bool {
        coding.contains { FHIRURLs.isCareSocial($0.system) && $0.code == code }
    }
}

struct Reference: Sendable {
    var reference: String?
    var display: String?
    /// The value of a logical reference's identifier (KL names municipalities this way).
    var identifierValue: Located<String>?
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> Reference? {
        let reference = reader.string("reference", required: false, maxLength: 1_000)
        let display = reader.string("display", required: false)
        let identifier = reader.object("identifier", required: false) { inner -> Located<String>? in
            inner.accept(["use", "system", "type", "period", "assigner", "id", "extension"])
            return inner.string("value", required: false)
        }
        reader.accept(["type", "id", "extension"])
        return Reference(reference: reference?.value, display: display?.value, identifierValue: identifier, pointer: reader.pointer)
    }
}

struct Period: Sendable {
    var start: Located<String>?
    var end: Located<String>?

    static func read(_ reader: inout FieldReader) -> Period? {
        let start = reader.string("start", required: false)
        let end = reader.string("end", required: false)
        reader.accept(["id", "extension"])
        return Period(start: start, end: end)
    }
}

struct Identifier: Sendable {
    var use: String?
    var system: String?
    var value: Located<String>?
    var period: Period?
    var assigner: Reference?
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> Identifier? {
        let use = reader.string("use", required: false)
        let system = reader.string("system", required: false, maxLength: 1_000)
        let value = reader.string("value", required: false)
        let period = reader.object("period", required: false) { Period.read(&$0) }
        let assigner = reader.object("assigner", required: false) { Reference.read(&$0) }
        reader.accept(["type", "id", "extension"])
        return Identifier(use: use?.value, system: system?.value, value: value, period: period, assigner: assigner, pointer: reader.pointer)
    }
}

/// An extension, simple or complex; only the value types FFBKit uses are decoded.
struct Extension: Sendable {
    var url: String
    var valueCoding: Coding?
    var valueCodeableConcept: CodeableConcept?
    var valueReference: Reference?
    var valueIdentifier: Identifier?
    var valueInteger: Located<Int>?
    var valueString: Located<String>?
    var extensions: [Extension]
    var pointer: JSONPointer

    static func read(_ reader: inout FieldReader) -> Extension? {
        let url = reader.string("url", maxLength: 1_000)
        let coding = reader.object("valueCoding", required: false) { Coding.read(&$0) }
        let concept = reader.object("valueCodeableConcept", required: false) { CodeableConcept.read(&$0) }
        let reference = reader.object("valueReference", required: false) { Reference.read(&$0) }
        let identifier = reader.object("valueIdentifier", required: false) { Identifier.read(&$0) }
        let integer = reader.int("valuePositiveInt", required: false) ?? reader.int("valueInteger", required: false)
        let string = reader.string("valueString", required: false, maxLength: DecodeLimits.longText)
            ?? reader.string("valueDateTime", required: false) ?? reader.string("valueDate", required: false)
        let nested = reader.objects("extension", required: false) { Extension.read(&$0) }
        reader.accept("id")
        // Values of other types belong to extensions FFBKit does not use; the extension is reported whole.
        if case .object(let object) = reader.value {
            for member in object where member.key.hasPrefix("value") { reader.accept(member.key) }
        }
        guard let url else { return nil }
        return Extension(url: FHIRURLs.released(url.value), valueCoding: coding, valueCodeableConcept: concept, valueReference: reference, valueIdentifier: identifier,
                         valueInteger: integer, valueString: string, extensions: nested?.value ?? [], pointer: reader.pointer)
    }

    func nested(_ url: String) -> Extension? {
        extensions.first { $0.url == url }
    }
}

extension [Extension] {
    func first(_ urls: String...) -> Extension? {
        first { urls.contains($0.url) }
    }
}
