/// One value as SQLite stores it: the five storage classes, nothing more.
///
/// Used for dynamic binding (`[.text(cpr), .integer(age), nil]`) and for the
/// columns of a ``Row``. Literals work directly: `[1, "tekst", 2.5, true, nil]`.
///
/// A `Double.nan` bound through SQLite is stored as NULL; that is SQLite's rule.
package enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The SQLite name of the storage class (`"INTEGER"`, `"TEXT"`, …), for
    /// error messages that must describe a value without revealing it.
    package var storageClass: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// Whether this is SQL NULL.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Wraps any convertible Swift value, e.g. `SQLiteValue(optionalNote)`.
    package init(_ value: some SQLiteValueConvertible) {
        self = value.sqliteValue
    }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    package init(nilLiteral: ()) { self = .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    package init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
