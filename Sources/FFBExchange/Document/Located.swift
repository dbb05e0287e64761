import FFBJSON

/// A value read from a document together with where it was, so a later stage can still point at it.
public struct Located<Value> {
    public var value: Value
    public var pointer: JSONPointer

    public init(_ value: Value, at pointer: JSONPointer) {
        self.value = value
        self.pointer = pointer
    }

    public func map<T>(_ transform: (Value) throws -> T) rethrows -> Located<T> {
        Located<T>(try transform(value), at: pointer)
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
