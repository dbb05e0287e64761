import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

/// Reads the members of one object into located values, recording every problem (through
/// `JSONReader`) and every member it was not asked for (as a warning: a reader of version 1
/// ignores what a newer writer added).
struct FieldReader {
    /// Whose members these are, which decides how an unknown one is reported.
    enum Vocabulary {
        case native
        case fhir
    }

    private(set) var reader: JSONReader
    private(set) var warnings: [JSONIssue] = []
    /// Objects have a dozen members at most, where a list beats hashing.
    private var keys: [String] = []
    let vocabulary: Vocabulary

    init(_ reader: JSONReader, vocabulary: Vocabulary = .native) {
        self.reader = reader
        self.vocabulary = vocabulary
    }

    init(_ value: JSONValue, at pointer: JSONPointer, vocabulary: Vocabulary = .native) {
        reader = JSONReader(value, at: pointer)
        self.vocabulary = vocabulary
    }

    var pointer: JSONPointer { reader.pointer }
    var value: JSONValue { reader.value }
    var issues: [JSONIssue] { reader.issues }

    func pointer(_ key: String) -> JSONPointer { reader.pointer.appending(key) }

    mutating func fail(_ message: String, at key: String? = nil) {
        reader.fail(message, at: key)
    }

    mutating func fail(_ message: String, at location: JSONPointer) {
        reader.fail(message, at: location)
    }

    mutating func warn(_ message: String, at location: JSONPointer) {
        warnings.append(JSONIssue(pointer: location, message: message))
    }

    /// Marks `key` as understood without reading it.
    mutating func accept(_ key: String) {
        keys.append(key)
    }

    /// Marks several keys as understood without reading them.
    mutating func accept(_ keys: [String]) {
        self.keys += keys
    }

    /// Warns about every member not read; call once, after the reads.
    mutating func finish() {
        guard case .object(let object) = reader.value else { return }
        for member in object where !keys.contains(member.key) {
            let message = switch vocabulary {
            case .native: "member \(Excerpt.quoted(member.key)) is not part of format version 1; ignored"
            case .fhir: "element \(Excerpt.quoted(member.key)) is not one FFBKit reads here; kept as it came, not understood"
            }
            warn(message, at: pointer(member.key))
        }
    }

    // MARK: Scalars

    mutating func raw(_ key: String) -> JSONValue? {
        keys.append(key)
        guard case .object(let object) = reader.value else { return nil }
        return object[key]
    }

    mutating func string(_ key: String, required: Bool = true, maxLength: Int = DecodeLimits.shortText) -> Located<String>? {
        keys.append(key)
        guard let text = reader.string(key, required: required) else { return nil }
        let trimmed = text.trimmingSpacesAndNewlines()
        if trimmed.isEmpty {
            // An empty optional text means "none"; an empty required one is missing.
            if required { reader.fail("must not be empty", at: key) }
            return nil
        }
        if trimmed.utf8.count > maxLength, trimmed.count > maxLength {
            reader.fail("text longer than \(maxLength) characters", at: key)
            return nil
        }
        return Located(trimmed, at: pointer(key))
    }

    mutating func int(_ key: String, required: Bool = true) -> Located<Int>? {
        keys.append(key)
        return reader.int(key, required: required).map { Located($0, at: pointer(key)) }
    }

    mutating func bool(_ key: String, required: Bool = true) -> Bool? {
        keys.append(key)
        return reader.bool(key, required: required)
    }

    mutating func converted<T>(_ key: String, required: Bool = true, _ convert: (String) throws -> T) -> Located<T>? {
        keys.append(key)
        return reader.string(key, required: required, as: convert).map { Located($0, at: pointer(key)) }
    }

    mutating func uuid(_ key: String, required: Bool = true) -> Located<UUID>? {
        converted(key, required: required, Formats.uuid)
    }

    mutating func date(_ key: String, required: Bool = true) -> Located<LocalDate>? {
        converted(key, required: required, Formats.date)
    }

    mutating func code<T: RawRepresentable & CaseIterable>(_ key: String, as type: T.Type = T.self, required: Bool = true) -> Located<T>? where T.RawValue == String {
        keys.append(key)
        return reader.code(key, as: type, required: required).map { Located($0, at: pointer(key)) }
    }

    /// A function level: an integer 0–4 or the string `ikke-vurderet`.
    mutating func functionLevel(_ key: String, required: Bool = true) -> Located<Assessed<FunctionLevel>>? {
        guard let value = raw(key), !value.isNull else {
            if required { reader.fail("missing required property \"\(key)\"") }
            return nil
        }
        switch value {
        case .number(let number):
            if let integer = number.exactInt64, let level = FunctionLevel(rawValue: Int(integer)) {
                return Located(.assessed(level), at: pointer(key))
            }
        case .string(let text) where text == Assessed<FunctionLevel>.notAssessedText:
            return Located(.notAssessed, at: pointer(key))
        default:
            break
        }
        reader.fail("expected a function level: an integer 0–4 or \"ikke-vurderet\"", at: key)
        return nil
    }

    /// A support level: `A`–`E` or `ikke-vurderet`.
    mutating func supportLevel(_ key: String, required: Bool = true) -> Located<Assessed<SupportLevel>>? {
        guard let value = raw(key), !value.isNull else {
            if required { reader.fail("missing required property \"\(key)\"") }
            return nil
        }
        if case .string(let text) = value {
            if text == Assessed<SupportLevel>.notAssessedText { return Located(.notAssessed, at: pointer(key)) }
            if let level = SupportLevel(rawValue: text) { return Located(.assessed(level), at: pointer(key)) }
        }
        reader.fail("expected a support level: \"A\"–\"E\" or \"ikke-vurderet\"", at: key)
        return nil
    }

    // MARK: Containers

    /// An object member read by `body`; nil when absent or when anything inside was wrong.
    mutating func object<T>(_ key: String, required: Bool = true, _ body: (inout FieldReader) -> T?) -> T? {
        keys.append(key)
        var nestedWarnings: [JSONIssue] = []
        let vocabulary = vocabulary
        let result = reader.object(key, required: required) { inner -> T? in
            var field = FieldReader(inner, vocabulary: vocabulary)
            let value = body(&field)
            field.finish()
            inner = field.reader
            nestedWarnings = field.warnings
            return value
        }
        warnings += nestedWarnings
        return result
    }

    /// An array member whose elements are objects read by `body`; every element is read.
    mutating func objects<T>(_ key: String, required: Bool = true, _ body: (inout FieldReader) -> T?) -> Located<[T]>? {
        keys.append(key)
        var nestedWarnings: [JSONIssue] = []
        let vocabulary = vocabulary
        let result = reader.array(key, required: required) { inner -> T? in
            var field = FieldReader(inner, vocabulary: vocabulary)
            let value = body(&field)
            field.finish()
            inner = field.reader
            nestedWarnings += field.warnings
            return value
        }
        warnings += nestedWarnings
        return result.map { Located($0, at: pointer(key)) }
    }

    /// An array of strings, each located.
    mutating func strings(_ key: String, required: Bool = true, maxLength: Int = DecodeLimits.shortText) -> Located<[Located<String>]>? {
        keys.append(key)
        let result = reader.array(key, required: required) { inner -> Located<String>? in
            guard let text = inner.string() else { return nil }
            let trimmed = text.trimmingSpacesAndNewlines()
            guard !trimmed.isEmpty else {
                inner.fail("must not be empty")
                return nil
            }
            guard trimmed.utf8.count <= maxLength || trimmed.count <= maxLength else {
                inner.fail("text longer than \(maxLength) characters")
                return nil
            }
            return Located(trimmed, at: inner.pointer)
        }
        return result.map { Located($0, at: pointer(key)) }
    }
}
