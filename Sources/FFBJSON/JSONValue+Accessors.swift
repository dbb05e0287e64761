extension JSONValue {
    /// The member `key` of an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` of an array; `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The value `pointer` refers to, or `nil` when it does not resolve.
    public subscript(pointer: JSONPointer) -> JSONValue? {
        var current = self
        for component in pointer.components {
            switch current {
            case .object(let object):
                guard let next = object[component.token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = component.arrayIndex, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of a boolean; `nil` for anything else.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The text of a string; `nil` for anything else.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, with its integer/decimal distinction; `nil` for anything else.
    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as a `Double`; `nil` for anything else.
    public var doubleValue: Double? { numberValue?.double }

    /// The number as an exact `Int64`; `nil` for fractions and out-of-range values.
    /// `3.0` counts as an integer, as it does for JSON Schema.
    public var int64Value: Int64? { numberValue?.exactInt64 }

    /// The number as an exact `Int`; `nil` for fractions and out-of-range values.
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The elements of an array; `nil` for anything else.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members of an object; `nil` for anything else.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }
}
