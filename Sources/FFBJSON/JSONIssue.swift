/// One located problem with a document: a schema violation, a decoding
/// problem, or a problem in a schema itself.
///
/// `description` is `LOCATION: message`, the part of a CLI error line after
/// `FILE:` (the root prints as `/`).
public struct JSONIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the document the problem is.
    public var pointer: JSONPointer
    /// What is wrong, for a person; never quotes free-text values that might
    /// hold a CPR number.
    public var message: String
    /// For schema violations: the keyword that failed (`/properties/goals/items/required`).
    public var keywordLocation: JSONPointer?

    public init(pointer: JSONPointer, message: String, keywordLocation: JSONPointer? = nil) {
        self.pointer = pointer
        self.message = message
        self.keywordLocation = keywordLocation
    }

    public var description: String { "\(pointer.location): \(message)" }
}

extension Array where Element == JSONIssue {
    /// The issues without exact repeats (same pointer and message), in order;
    /// overlapping schemas (`allOf` of two `$ref`s) often report the same thing twice.
    func removingRepeats() -> [JSONIssue] {
        var seen = Set<[String]>()
        return filter { seen.insert([$0.pointer.description, $0.message]).inserted }
    }
}
