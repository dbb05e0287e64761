import Foundation

/// A compiled JSON Schema (draft 2020-12 subset) that validates documents.
///
/// Supported keywords: `type` (a name or an array of names, including
/// `integer`), `enum`, `const`, `properties`, `required`,
/// `additionalProperties`, `items`, `prefixItems`, `minItems`, `maxItems`,
/// `uniqueItems`, `minLength`, `maxLength`, `pattern`, `format` (`date`,
/// `date-time` and `uuid` are checked, other formats ignored), `minimum`,
/// `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `allOf`,
/// `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `$ref` to a location in the
/// same document (`#/$defs/name`, `#/definitions/name`, any `#/…` pointer),
/// `$defs` and `definitions`. Annotations are accepted and ignored.
///
/// Any other keyword makes `load` fail, naming it: a schema that says more
/// than the validator checks would give false confidence.
package struct JSONSchema: Sendable {
    let root: SchemaNode
    /// `$ref` targets by the text of their JSON pointer (`/$defs/goal`).
    let refTargets: [String: SchemaNode]

    init(root: SchemaNode, refTargets: [String: SchemaNode]) {
        self.root = root
        self.refTargets = refTargets
    }

    /// Keywords whose assertions the validator checks.
    package static let assertionKeywords: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "$ref", "$defs", "definitions",
    ]

    /// Keywords that only describe (or identify) and are accepted without effect.
    package static let annotationKeywords: Set<String> = [
        "$id", "$schema", "$comment", "title", "description", "examples",
        "default", "deprecated", "readOnly", "writeOnly",
    ]

    /// Compiles a schema document, or throws every problem with it at once.
    package static func load(_ document: JSONValue) throws(JSONSchemaLoadError) -> JSONSchema {
        var compiler = SchemaCompiler(document: document)
        return try compiler.compileDocument()
    }

    /// Reads, parses and compiles a schema file. Throws `JSONSyntaxError`,
    /// `JSONSchemaLoadError`, or Foundation's error when the file cannot be read.
    package static func load(contentsOf url: URL, parser: JSONParser = JSONParser()) throws -> JSONSchema {
        try load(parser.parse(contentsOf: url))
    }

    /// Every way `instance` breaks the schema, in document order; empty when
    /// it is valid.
    package func validate(_ instance: JSONValue) -> [JSONIssue] {
        var issues: [JSONIssue] = []
        SchemaValidator(schema: self).validate(instance, against: root, at: JSONPointer(), into: &issues)
        return issues.removingRepeats()
    }

    /// Whether `instance` satisfies the schema.
    package func isValid(_ instance: JSONValue) -> Bool {
        validate(instance).isEmpty
    }
}

/// The problems that stop a schema from being loaded; each issue's pointer is
/// a location in the schema document.
package struct JSONSchemaLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in schema document order.
    package let problems: [JSONIssue]

    package var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (["invalid schema (\(count)):"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
