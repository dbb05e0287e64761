import FFBJSON

/// Parses `text` with the given limits.
func parse(_ text: String, limits: JSONParser.Limits = .default) throws(JSONSyntaxError) -> JSONValue {
    try JSONParser(limits: limits).parse(text)
}

/// The syntax error `text` raises, or `nil` if it parses.
func syntaxError(_ text: String, limits: JSONParser.Limits = .default) -> JSONSyntaxError? {
    syntaxError(Array(text.utf8), limits: limits)
}

func syntaxError(_ bytes: [UInt8], limits: JSONParser.Limits = .default) -> JSONSyntaxError? {
    do {
        _ = try JSONParser(limits: limits).parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// A pointer from RFC 6901 text, for tests that compare against one.
func pointer(_ text: String) -> JSONPointer {
    (try? JSONPointer(parsing: text)) ?? JSONPointer([.key("<invalid pointer \(text)>")])
}

