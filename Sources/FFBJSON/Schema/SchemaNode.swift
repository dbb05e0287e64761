/// A compiled schema: keyword values checked and converted once at load time,
/// so validating thousands of documents does no schema parsing.
indirect enum SchemaNode: Sendable {
    /// `true` accepts everything, `false` nothing.
    case boolean(Bool, path: JSONPointer)
    case keywords(SchemaKeywords)
}

/// The `type` names of JSON Schema.
enum SchemaType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, string, integer

    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array),
             (.number, .number), (.string, .string):
            true
        case (.integer, .number(let number)):
            number.isInteger
        default:
            false
        }
    }
}

/// The assertions of one schema object, by the keyword that gives them.
struct SchemaKeywords: Sendable {
    /// Where this schema object sits in the schema document.
    var path: JSONPointer

    var types: [SchemaType]?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    /// The key (a JSON pointer's text) of the `$ref` target in `JSONSchema.refTargets`.
    var ref: String?

    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: StringFormat?

    var minimum: JSONNumber?
    var maximum: JSONNumber?
    var exclusiveMinimum: JSONNumber?
    var exclusiveMaximum: JSONNumber?
    var multipleOf: JSONNumber?

    var prefixItems: [SchemaNode] = []
    var items: SchemaNode?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false

    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var additionalProperties: SchemaNode?

    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode]?
    var oneOf: [SchemaNode]?
    var not: SchemaNode?
    var ifSchema: SchemaNode?
    var thenSchema: SchemaNode?
    var elseSchema: SchemaNode?

    init(path: JSONPointer) {
        self.path = path
    }

    /// The schemas applied to the same instance as this one, where a `$ref`
    /// cycle could loop without ever descending into the document.
    var sameInstanceSubschemas: [SchemaNode] {
        var nodes = allOf + (anyOf ?? []) + (oneOf ?? [])
        for node in [not, ifSchema, thenSchema, elseSchema] {
            if let node { nodes.append(node) }
        }
        return nodes
    }
}
