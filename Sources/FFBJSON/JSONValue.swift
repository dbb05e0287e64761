/// A JSON document or any value inside one.
///
/// Objects keep their member order (see `JSONObject`) and numbers remember
/// whether they were integers (see `JSONNumber`). Equality is JSON equality:
/// object member order is ignored and numbers compare by value.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The kinds of JSON value, named as JSON Schema's `type` keyword names them.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case null
        case boolean
        case number
        case string
        case array
        case object
    }

    /// The kind of this value.
    public var kind: Kind {
        switch self {
        case .null: .null
        case .bool: .boolean
        case .number: .number
        case .string: .string
        case .array: .array
        case .object: .object
        }
    }
}
