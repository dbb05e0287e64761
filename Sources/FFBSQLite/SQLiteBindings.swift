/// The values for a statement's parameters, either by position (`?`, `?NNN`)
/// or by name (`:name`, `@name`, `$name`).
///
/// Written as a literal at the call site: `[cpr, 42]` binds by position,
/// `[":cpr": cpr]` by name.
package enum SQLiteBindings: Sendable, Equatable {
    /// Values for parameters 1, 2, 3, … in order; the count must match the statement.
    case positional([SQLiteValue])
    /// Values by parameter name; every name must exist in the statement.
    /// A name without its `:`, `@` or `$` prefix is looked up as `:name`.
    case named([String: SQLiteValue])

    /// No parameters.
    package static let none = SQLiteBindings.positional([])
}

extension SQLiteBindings: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: SQLiteValue...) { self = .positional(elements) }
}

extension SQLiteBindings: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, SQLiteValue)...) {
        self = .named(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
