import Foundation

/// Turns a schema document into `SchemaNode`s, collecting every problem
/// instead of stopping at the first, so one run shows all that needs fixing.
struct SchemaCompiler {
    let document: JSONValue
    private var problems: [JSONIssue] = []
    private var refTargets: [String: SchemaNode] = [:]
    /// `$ref` targets named but not yet compiled, with where they were named.
    private var pendingRefs: [(target: JSONPointer, from: JSONPointer)] = []

    init(document: JSONValue) {
        self.document = document
    }

    mutating func compileDocument() throws(JSONSchemaLoadError) -> JSONSchema {
        let root = compile(document, at: JSONPointer())
        refTargets[""] = root
        while let (target, from) = pendingRefs.popLast() {
            let key = target.description
            guard refTargets[key] == nil else { continue }
            guard let value = document[target] else {
                report("unresolvable $ref \"#\(key)\"", at: from)
                continue
            }
            refTargets[key] = compile(value, at: target)
        }
        reportRefCycles()
        guard problems.isEmpty else { throw JSONSchemaLoadError(problems: problems.removingRepeats()) }
        return JSONSchema(root: root, refTargets: refTargets)
    }

    private mutating func report(_ message: String, at path: JSONPointer) {
        problems.append(JSONIssue(pointer: path, message: message))
    }

    private mutating func compile(_ value: JSONValue, at path: JSONPointer) -> SchemaNode {
        switch value {
        case .bool(let flag):
            return .boolean(flag, path: path)
        case .object(let object):
            return .keywords(compileObject(object, at: path))
        default:
            report("a schema must be an object or a boolean, found \(value.kind.rawValue)", at: path)
            return .boolean(true, path: path)
        }
    }

    private mutating func compileObject(_ object: JSONObject, at path: JSONPointer) -> SchemaObject {
        var assertions = SchemaAssertions()
        var applicators = SchemaApplicators()
        for member in object {
            let value = member.value
            let at = path.appending(member.key)
            switch member.key {
            case "type":
                assertions.types = types(value, at: at)
            case "enum":
                assertions.enumValues = expect(value, at: at, "an array") { $0.arrayValue }
            case "const":
                assertions.constValue = value
            case "$ref":
                applicators.ref = ref(value, at: at)
            case "minLength":
                assertions.minLength = count(value, at: at)
            case "maxLength":
                assertions.maxLength = count(value, at: at)
            case "minItems":
                assertions.minItems = count(value, at: at)
            case "maxItems":
                assertions.maxItems = count(value, at: at)
            case "pattern":
                assertions.pattern = pattern(value, at: at)
            case "format":
                assertions.format = expect(value, at: at, "a string") { $0.stringValue }.flatMap(StringFormat.init(rawValue:))
            case "minimum":
                assertions.minimum = number(value, at: at)
            case "maximum":
                assertions.maximum = number(value, at: at)
            case "exclusiveMinimum":
                assertions.exclusiveMinimum = number(value, at: at)
            case "exclusiveMaximum":
                assertions.exclusiveMaximum = number(value, at: at)
            case "multipleOf":
                assertions.multipleOf = number(value, at: at)
                if let divisor = assertions.multipleOf, divisor.double <= 0 {
                    report("\"multipleOf\" must be greater than 0", at: at)
                }
            case "uniqueItems":
                assertions.uniqueItems = expect(value, at: at, "a boolean") { $0.boolValue } ?? false
            case "required":
                assertions.required = required(value, at: at)
            case "properties":
                applicators.properties = Dictionary(uniqueKeysWithValues: schemaMap(value, at: at))
            case "$defs", "definitions":
                for (name, node) in schemaMap(value, at: at) {
                    refTargets[at.appending(name).description] = node
                }
            case "additionalProperties":
                applicators.additionalProperties = compile(value, at: at)
            case "items":
                if case .array = value {
                    report("\"items\" must be a single schema in draft 2020-12 (use \"prefixItems\" for tuples)", at: at)
                    continue
                }
                applicators.items = compile(value, at: at)
            case "prefixItems":
                applicators.prefixItems = schemaList(value, at: at)
            case "allOf":
                applicators.allOf = schemaList(value, at: at)
            case "anyOf":
                applicators.anyOf = schemaList(value, at: at)
            case "oneOf":
                applicators.oneOf = schemaList(value, at: at)
            case "not":
                applicators.not = compile(value, at: at)
            case "if":
                applicators.ifSchema = compile(value, at: at)
            case "then":
                applicators.thenSchema = compile(value, at: at)
            case "else":
                applicators.elseSchema = compile(value, at: at)
            case "$id" where !path.isRoot:
                // An embedded $id would change what "#/…" refers to below it.
                report("\"$id\" is only supported on the root schema", at: at)
            case let key where JSONSchema.annotationKeywords.contains(key):
                continue
            case let key:
                report("unsupported keyword \"\(key)\"", at: at)
            }
        }
        return SchemaObject(path: path, assertions: assertions, applicators: applicators)
    }

    private mutating func types(_ value: JSONValue, at path: JSONPointer) -> [SchemaType]? {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let elements) where !elements.isEmpty: names = elements
        default:
            report("\"type\" must be a type name or a non-empty array of type names", at: path)
            return nil
        }
        var types: [SchemaType] = []
        for name in names {
            guard let text = name.stringValue, let type = SchemaType(rawValue: text) else {
                let known = SchemaType.allCases.map(\.rawValue).joined(separator: ", ")
                report("unknown type \(name.abbreviated()) (expected one of \(known))", at: path)
                continue
            }
            if !types.contains(type) { types.append(type) }
        }
        return types.isEmpty ? nil : types
    }

    private mutating func ref(_ value: JSONValue, at path: JSONPointer) -> String? {
        guard let reference = expect(value, at: path, "a string", { $0.stringValue }) else { return nil }
        guard reference.hasPrefix("#"),
              let fragment = String(reference.dropFirst()).removingPercentEncoding,
              let target = try? JSONPointer(parsing: fragment)
        else {
            report("unsupported $ref \"\(reference)\" (only references within the schema, such as \"#/$defs/name\")", at: path)
            return nil
        }
        pendingRefs.append((target, path))
        return target.description
    }

    /// The keyword's value as `extract` reads it, or a report that it must be
    /// `expected` (`"minLength" must be a non-negative integer`).
    private mutating func expect<T>(_ value: JSONValue, at path: JSONPointer, _ expected: String,
                                    _ extract: (JSONValue) -> T?) -> T? {
        guard let typed = extract(value) else {
            report("\"\(path.components.last?.token ?? "")\" must be \(expected)", at: path)
            return nil
        }
        return typed
    }

    private mutating func count(_ value: JSONValue, at path: JSONPointer) -> Int? {
        expect(value, at: path, "a non-negative integer") { value in value.intValue.flatMap { $0 >= 0 ? $0 : nil } }
    }

    private mutating func number(_ value: JSONValue, at path: JSONPointer) -> JSONNumber? {
        expect(value, at: path, "a number") { $0.numberValue }
    }

    private mutating func pattern(_ value: JSONValue, at path: JSONPointer) -> SchemaPattern? {
        guard let source = expect(value, at: path, "a string", { $0.stringValue }) else { return nil }
        do {
            return try SchemaPattern(source)
        } catch {
            report("\"pattern\" is not a valid regular expression: \(source)", at: path)
            return nil
        }
    }

    private mutating func required(_ value: JSONValue, at path: JSONPointer) -> [String] {
        guard case .array(let elements) = value else {
            report("\"required\" must be an array of property names", at: path)
            return []
        }
        var names: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                report("\"required\" must be an array of property names", at: path)
                return []
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    private mutating func schemaMap(_ value: JSONValue, at path: JSONPointer) -> [(String, SchemaNode)] {
        guard case .object(let object) = value else {
            report("\"\(path.components.last?.token ?? "")\" must be an object of schemas", at: path)
            return []
        }
        return object.members.map { ($0.key, compile($0.value, at: path.appending($0.key))) }
    }

    private mutating func schemaList(_ value: JSONValue, at path: JSONPointer) -> [SchemaNode] {
        guard case .array(let elements) = value, !elements.isEmpty else {
            report("\"\(path.components.last?.token ?? "")\" must be a non-empty array of schemas", at: path)
            return []
        }
        return elements.enumerated().map { compile($0.element, at: path.appending($0.offset)) }
    }

    /// A `$ref` chain that comes back to where it started without descending
    /// into the instance would make validation loop forever, so it is a load
    /// error. Only refs reachable through keywords that apply to the same
    /// instance (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`)
    /// count; `properties` and `items` always descend, so recursion through
    /// them is fine.
    private mutating func reportRefCycles() {
        var state: [String: Bool] = [:] // false: on the current path, true: finished
        var cycles: [String] = []

        func refs(in node: SchemaNode) -> [String] {
            guard case .keywords(let object) = node else { return [] }
            return (object.applicators.ref.map { [$0] } ?? []) + object.applicators.sameInstanceSubschemas.flatMap(refs(in:))
        }
        func visit(_ key: String) {
            if let finished = state[key] {
                if !finished { cycles.append(key) }
                return
            }
            state[key] = false
            if let node = refTargets[key] {
                for next in refs(in: node) { visit(next) }
            }
            state[key] = true
        }
        for key in refTargets.keys.sorted() { visit(key) }
        for key in cycles {
            let path = (try? JSONPointer(parsing: key)) ?? JSONPointer()
            report("$ref cycle through \"#\(key)\" never descends into the document, so it cannot be validated", at: path)
        }
    }
}
