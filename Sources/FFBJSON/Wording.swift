import FFBFiles

/// Phrases shared by schema violations and decoding problems, so the same
/// mistake reads the same whichever layer finds it.
enum Wording {
    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String], conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + (items.last ?? "")
    }

    /// The allowed values of an enumeration, shortened when there are many:
    /// `"udvikle", "fastholde", "begraense-tab"`.
    static func enumeration(_ values: [JSONValue], limit: Int = 10) -> String {
        let shown = values.prefix(limit).map { $0.abbreviated() }.joined(separator: ", ")
        return values.count > limit ? shown + ", … (\(values.count - limit) more)" : shown
    }

    /// `1 item`, `3 items`.
    static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }

    static func typeMismatch(expected: String, found value: JSONValue) -> String {
        "expected \(expected), found \(value.kind.rawValue)"
    }

    static func notOneOf(_ value: JSONValue, _ allowed: [JSONValue]) -> String {
        "\(value.abbreviated()) is not one of \(enumeration(allowed))"
    }

    static func missingProperty(_ name: String) -> String {
        "missing required property \"\(name)\""
    }

    static func propertyNotAllowed(_ name: String) -> String {
        "property \(Excerpt.quoted(name)) is not allowed"
    }
}
