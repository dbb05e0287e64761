import Foundation

/// A Swift type that maps to and from one ``SQLiteValue``.
///
/// Reading is strict: `Int` does not accept REAL or TEXT, `String` does not
/// accept INTEGER, and only an `Optional` accepts NULL. A mismatch surfaces as
/// ``SQLiteError/Kind/typeMismatch(column:expected:found:)`` rather than as a
/// silently coerced value.
package protocol SQLiteValueConvertible {
    /// The value to bind.
    var sqliteValue: SQLiteValue { get }
    /// The Swift value for a stored value, or nil when the storage class does not fit.
    init?(sqliteValue: SQLiteValue)
}

extension SQLiteValue: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { self }
    package init?(sqliteValue: SQLiteValue) { self = sqliteValue }
}

extension Int64: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .integer(self) }
    package init?(sqliteValue: SQLiteValue) {
        guard case .integer(let value) = sqliteValue else { return nil }
        self = value
    }
}

extension Int: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    package init?(sqliteValue: SQLiteValue) {
        guard case .integer(let value) = sqliteValue else { return nil }
        self.init(exactly: value)
    }
}

extension Double: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .real(self) }
    /// Accepts INTEGER too, because SQLite keeps integral values written to
    /// columns without REAL affinity as INTEGER.
    package init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .text(self) }
    package init?(sqliteValue: SQLiteValue) {
        guard case .text(let value) = sqliteValue else { return nil }
        self = value
    }
}

extension Bool: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    /// Only 0 and 1: any other integer in a boolean column is a data error.
    package init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(0): self = false
        case .integer(1): self = true
        default: return nil
        }
    }
}

extension Array: SQLiteValueConvertible where Element == UInt8 {
    package var sqliteValue: SQLiteValue { .blob(self) }
    package init?(sqliteValue: SQLiteValue) {
        guard case .blob(let value) = sqliteValue else { return nil }
        self = value
    }
}

extension Data: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { .blob([UInt8](self)) }
    package init?(sqliteValue: SQLiteValue) {
        guard case .blob(let value) = sqliteValue else { return nil }
        self.init(value)
    }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    package var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
    package init?(sqliteValue: SQLiteValue) {
        if case .null = sqliteValue {
            self = .none
        } else if let value = Wrapped(sqliteValue: sqliteValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}
