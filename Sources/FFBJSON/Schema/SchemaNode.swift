/// A compiled schema: keyword values checked and converted once at load time,
/// so validating thousands of documents does no schema parsing.
enum SchemaNode: Sendable {
    /// `true` accepts everything, `false` nothing.
    case boolean(Bool, path: JSONPointer)
    case keywords(SchemaObject)
}

/// One compiled schema object.
///
/// A class, so that validation, which recurses once per level of the
/// document, carries a pointer from frame to frame instead of copies of every
/// keyword; the keywords are split by whether they descend, so the recursive
/// path only ever touches the small `applicators`.
final class SchemaObject: Sendable {
    /// Where this schema object sits in the schema document.
    let path: JSONPointer
    let assertions: SchemaAssertions
    let applicators: SchemaApplicators

    init(path: JSONPointer, assertions: SchemaAssertions, applicators: SchemaApplicators) {
        self.path = path
        self.assertions = assertions
        self.applicators = applicators
    }
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

/// The keywords that check the value itself.
struct SchemaAssertions: Sendable {
    var types: [SchemaType]?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?

    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: StringFormat?

    var minimum: JSONNumber?
    var maximum: JSONNumber?
    var exclusiveMinimum: JSONNumber?
    var exclusiveMaximum: JSONNumber?
    var multipleOf: JSONNumber?

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false

    var required: [String] = []
}

/// The keywords that apply further schemas, to the same value or to its
/// elements and members.
struct SchemaApplicators: Sendable {
    /// The key (a JSON pointer's text) of the `$ref` target in `JSONSchema.refTargets`.
    var ref: String?

    var prefixItems: [SchemaNode] = []
    var items: SchemaNode?
    var properties: [String: SchemaNode] = [:]
    var additionalProperties: SchemaNode?

    var allOf: [SchemaNode] = []
    var anyOf: [SchemaNode]?
    var oneOf: [SchemaNode]?
    var not: SchemaNode?
    var ifSchema: SchemaNode?
    var thenSchema: SchemaNode?
    var elseSchema: SchemaNode?

    /// Whether any keyword applies further schemas to the same instance.
    var appliesToSameInstance: Bool {
        !allOf.isEmpty || anyOf != nil || oneOf != nil || not != nil || ifSchema != nil
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
