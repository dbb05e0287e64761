import FFBJSON

/// Loads a schema written as JSON text.
func schema(_ text: String) throws -> JSONSchema {
    try JSONSchema.load(parse(text))
}

/// The problems `instance` has against `schema`, as `LOCATION: message` lines.
func problems(_ schema: JSONSchema, _ instance: String) throws -> [String] {
    schema.validate(try parse(instance)).map(\.description)
}

/// The problems `JSONSchema.load` reports for `text`, as `LOCATION: message`
/// lines; empty if the schema loads.
func loadProblems(_ text: String) throws -> [String] {
    let document = try parse(text)
    do {
        _ = try JSONSchema.load(document)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}
