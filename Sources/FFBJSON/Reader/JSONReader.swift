/// A cursor for reading typed values out of a document while collecting
/// every problem, each at its JSON pointer.
///
/// Accessors return `nil` when a value is absent or wrong and record why, so
/// domain code reads every field, then builds its value only if all were there,
/// and one pass reports everything wrong with a document:
///
/// ```swift
/// let order = try JSONReader.read(document) { order -> Order? in
///     let id = order.string("id")
///     let issued = order.string("issued") { try ISODate($0) }
///     let goals = order.array("goals") { goal -> Goal? in
///         let type = goal.code("type", as: GoalType.self)
///         let level = goal.int("level", required: false)
///         guard let type else { return nil }
///         return Goal(type: type, level: level)
///     }
///     order.rejectUnknownProperties()
///     guard let id, let issued, let goals else { return nil }
///     return Order(id: id, issued: issued, goals: goals)
/// }
/// ```
///
/// Messages use the same words as schema validation (`missing required
/// property "cpr"`, `expected string, found number`) and never quote free
/// text, which might hold a CPR number.
package struct JSONReader: Sendable {
    /// The value this reader reads.
    package let value: JSONValue
    /// Where `value` is in the document.
    package let pointer: JSONPointer
    /// The problems found so far, in the order they were found.
    package private(set) var issues: [JSONIssue] = []
    /// Members asked for, so `rejectUnknownProperties` can name the rest.
    private var readKeys: Set<String> = []
    private var reportedNotObject = false

    package init(_ value: JSONValue, at pointer: JSONPointer = JSONPointer()) {
        self.value = value
        self.pointer = pointer
    }

    /// Runs `body` on a reader for `value` and returns its result, or throws
    /// every problem it recorded.
    package static func read<T>(_ value: JSONValue, at pointer: JSONPointer = JSONPointer(),
                               _ body: (inout JSONReader) -> T?) throws(JSONDecodingError) -> T {
        var reader = JSONReader(value, at: pointer)
        let result = body(&reader)
        guard reader.issues.isEmpty, let result else {
            var issues = reader.issues
            if issues.isEmpty {
                issues = [JSONIssue(pointer: pointer, message: "value could not be read")]
            }
            throw JSONDecodingError(issues: issues)
        }
        return result
    }

    /// Whether any problem has been recorded.
    package var hasIssues: Bool { !issues.isEmpty }

    /// Records a problem the caller found, such as a cross-field rule
    /// (`"end is before start"`), at `key` or at this reader's value.
    package mutating func fail(_ message: String, at key: String? = nil) {
        issues.append(JSONIssue(pointer: key.map(pointer.appending) ?? pointer, message: message))
    }

    /// Records a problem at a pointer of the caller's choosing.
    package mutating func fail(_ message: String, at location: JSONPointer) {
        issues.append(JSONIssue(pointer: location, message: message))
    }

    /// Records every member of this object that no accessor asked for, as
    /// `property "x" is not allowed`. Call it after reading the members.
    package mutating func rejectUnknownProperties() {
        guard case .object(let object) = value else { return }
        for member in object where !readKeys.contains(member.key) {
            fail(Wording.propertyNotAllowed(member.key), at: member.key)
        }
    }

    // MARK: Members of an object

    /// The member `key`, of any type. A `null` member counts as absent.
    package mutating func value(_ key: String, required: Bool = true) -> JSONValue? {
        member(key, required: required, expected: "a value")
    }

    /// A string member; absent, `null` or another type records a problem
    /// unless `required` is false (then only another type does).
    package mutating func string(_ key: String, required: Bool = true) -> String? {
        typedMember(key, required: required, expected: "string") { $0.stringValue }
    }

    /// An integer member; `3.0` counts, `3.5` does not.
    package mutating func int(_ key: String, required: Bool = true) -> Int? {
        typedMember(key, required: required, expected: "integer") { $0.intValue }
    }

    /// A number member.
    package mutating func double(_ key: String, required: Bool = true) -> Double? {
        typedMember(key, required: required, expected: "number") { $0.doubleValue }
    }

    /// A boolean member.
    package mutating func bool(_ key: String, required: Bool = true) -> Bool? {
        typedMember(key, required: required, expected: "boolean") { $0.boolValue }
    }

    /// A string member converted by `convert`; what it throws becomes the
    /// message, so it should say what was expected (`not a valid date
    /// (expected YYYY-MM-DD)`) rather than quote the value.
    package mutating func string<T>(_ key: String, required: Bool = true, as convert: (String) throws -> T) -> T? {
        guard let text = string(key, required: required) else { return nil }
        return converted(text, at: pointer.appending(key), convert)
    }

    /// A string member that must be one of the raw values of `T`:
    /// `"grow" is not one of "udvikle", "fastholde", "begraense-tab"`.
    package mutating func code<T: RawRepresentable & CaseIterable>(
        _ key: String, as type: T.Type = T.self, required: Bool = true
    ) -> T? where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        return code(text, at: pointer.appending(key), as: type)
    }

    /// An object member, read by `body` with a reader positioned on it.
    /// `nil` when absent or when anything inside it was wrong.
    package mutating func object<T>(_ key: String, required: Bool = true, _ body: (inout JSONReader) -> T?) -> T? {
        guard let member = member(key, required: required, expected: "object") else { return nil }
        guard case .object = member else {
            fail(Wording.typeMismatch(expected: "object", found: member), at: key)
            return nil
        }
        return nested(member, at: pointer.appending(key), body)
    }

    /// An array member, each element read by `body` with a reader positioned
    /// on it. Every element is read, so every bad element is reported; the
    /// result is `nil` if any was bad.
    package mutating func array<T>(_ key: String, required: Bool = true, _ body: (inout JSONReader) -> T?) -> [T]? {
        guard let member = member(key, required: required, expected: "array") else { return nil }
        guard case .array(let elements) = member else {
            fail(Wording.typeMismatch(expected: "array", found: member), at: key)
            return nil
        }
        return readElements(elements, at: pointer.appending(key), body)
    }

    // MARK: The value itself (array elements, the root)

    /// This value as a string.
    package mutating func string() -> String? {
        typedValue(expected: "string") { $0.stringValue }
    }

    /// This value as an integer.
    package mutating func int() -> Int? {
        typedValue(expected: "integer") { $0.intValue }
    }

    /// This value as a number.
    package mutating func double() -> Double? {
        typedValue(expected: "number") { $0.doubleValue }
    }

    /// This value as a boolean.
    package mutating func bool() -> Bool? {
        typedValue(expected: "boolean") { $0.boolValue }
    }

    /// This string converted by `convert`; see `string(_:required:as:)`.
    package mutating func string<T>(as convert: (String) throws -> T) -> T? {
        guard let text = string() else { return nil }
        return converted(text, at: pointer, convert)
    }

    /// This string as one of the raw values of `T`.
    package mutating func code<T: RawRepresentable & CaseIterable>(as type: T.Type = T.self) -> T? where T.RawValue == String {
        guard let text = string() else { return nil }
        return code(text, at: pointer, as: type)
    }

    /// This array's elements, each read by `body`; `nil` if any was bad.
    package mutating func elements<T>(_ body: (inout JSONReader) -> T?) -> [T]? {
        guard case .array(let elements) = value else {
            fail(Wording.typeMismatch(expected: "array", found: value))
            return nil
        }
        return readElements(elements, at: pointer, body)
    }

    // MARK: Plumbing

    private mutating func member(_ key: String, required: Bool, expected: String) -> JSONValue? {
        guard case .object(let object) = value else {
            if !reportedNotObject {
                reportedNotObject = true
                fail(Wording.typeMismatch(expected: "object", found: value))
            }
            return nil
        }
        readKeys.insert(key)
        switch object[key] {
        case nil:
            if required { fail(Wording.missingProperty(key)) }
            return nil
        case .null?:
            if required { fail(Wording.typeMismatch(expected: expected, found: .null), at: key) }
            return nil
        case let member?:
            return member
        }
    }

    private mutating func typedMember<T>(_ key: String, required: Bool, expected: String,
                                         _ extract: (JSONValue) -> T?) -> T? {
        guard let member = member(key, required: required, expected: expected) else { return nil }
        guard let typed = extract(member) else {
            fail(Wording.typeMismatch(expected: expected, found: member), at: key)
            return nil
        }
        return typed
    }

    private mutating func typedValue<T>(expected: String, _ extract: (JSONValue) -> T?) -> T? {
        guard let typed = extract(value) else {
            fail(Wording.typeMismatch(expected: expected, found: value))
            return nil
        }
        return typed
    }

    private mutating func converted<T>(_ text: String, at location: JSONPointer, _ convert: (String) throws -> T) -> T? {
        do {
            return try convert(text)
        } catch {
            fail(String(describing: error), at: location)
            return nil
        }
    }

    private mutating func code<T: RawRepresentable & CaseIterable>(_ text: String, at location: JSONPointer,
                                                                   as type: T.Type) -> T? where T.RawValue == String {
        guard let code = T(rawValue: text) else {
            let allowed = T.allCases.map { JSONValue.string($0.rawValue) }
            fail(Wording.notOneOf(.string(text), allowed), at: location)
            return nil
        }
        return code
    }

    private mutating func nested<T>(_ value: JSONValue, at location: JSONPointer, _ body: (inout JSONReader) -> T?) -> T? {
        var reader = JSONReader(value, at: location)
        let result = body(&reader)
        issues += reader.issues
        return reader.issues.isEmpty ? result : nil
    }

    private mutating func readElements<T>(_ elements: [JSONValue], at location: JSONPointer,
                                          _ body: (inout JSONReader) -> T?) -> [T]? {
        var results: [T] = []
        results.reserveCapacity(elements.count)
        var complete = true
        for (index, element) in elements.enumerated() {
            if let result = nested(element, at: location.appending(index), body) {
                results.append(result)
            } else {
                complete = false
            }
        }
        return complete ? results : nil
    }
}

/// Everything wrong with a document that `JSONReader.read` could not read.
package struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem, in the order found.
    package let issues: [JSONIssue]

    package init(issues: [JSONIssue]) {
        self.issues = issues
    }

    /// One `LOCATION: message` line per issue.
    package var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
