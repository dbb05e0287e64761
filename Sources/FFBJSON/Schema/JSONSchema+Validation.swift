/// Checks an instance against compiled schema nodes, collecting every problem.
///
/// One rule keeps reports readable: when a value has the wrong `type`, that is
/// the only problem reported for it, since its other keywords (`minLength` of
/// a number, `required` of an array) would only repeat the point.
///
/// Validation recurses once per level of the document, so the recursive
/// functions are kept lean and never inlined into one another: every check
/// that does not recurse, and every message, lives in a separate function,
/// so a document nested as deep as the parser allows fits on a thread's stack.
struct SchemaValidator {
    let schema: JSONSchema

    @inline(never)
    func validate(_ instance: JSONValue, against node: SchemaNode, at pointer: JSONPointer,
                  into issues: inout [JSONIssue]) {
        switch node {
        case .boolean(true, _):
            return
        case .boolean(false, let path):
            issues.append(JSONIssue(pointer: pointer, message: "no value is allowed here", keywordLocation: path))
        case .keywords(let object):
            validate(instance, against: object, at: pointer, into: &issues)
        }
    }

    func matches(_ instance: JSONValue, _ node: SchemaNode, at pointer: JSONPointer) -> Bool {
        var issues: [JSONIssue] = []
        validate(instance, against: node, at: pointer, into: &issues)
        return issues.isEmpty
    }

    @inline(never)
    private func validate(_ instance: JSONValue, against object: SchemaObject, at pointer: JSONPointer,
                          into issues: inout [JSONIssue]) {
        guard Self.checkType(instance, object, at: pointer, into: &issues) else { return }
        if let ref = object.applicators.ref, let target = schema.refTargets[ref] {
            validate(instance, against: target, at: pointer, into: &issues)
        }
        Self.checkValue(instance, object, at: pointer, into: &issues)
        switch instance {
        case .array(let elements):
            validateItems(elements, object, at: pointer, into: &issues)
        case .object(let members):
            validateMembers(members, object, at: pointer, into: &issues)
        default:
            break
        }
        if object.applicators.appliesToSameInstance {
            validateApplicators(instance, object, at: pointer, into: &issues)
        }
    }

    @inline(never)
    private func validateItems(_ elements: [JSONValue], _ object: SchemaObject, at pointer: JSONPointer,
                               into issues: inout [JSONIssue]) {
        let prefixItems = object.applicators.prefixItems
        guard let items = object.applicators.items ?? (prefixItems.isEmpty ? nil : .boolean(true, path: object.path)) else { return }
        for (index, element) in elements.enumerated() {
            if index < prefixItems.count {
                validate(element, against: prefixItems[index], at: pointer.appending(index), into: &issues)
            } else if case .boolean(false, _) = items {
                Self.reportExtraItem(object, at: pointer.appending(index), into: &issues)
            } else {
                validate(element, against: items, at: pointer.appending(index), into: &issues)
            }
        }
    }

    @inline(never)
    private func validateMembers(_ members: JSONObject, _ object: SchemaObject, at pointer: JSONPointer,
                                 into issues: inout [JSONIssue]) {
        let properties = object.applicators.properties
        let additional = object.applicators.additionalProperties
        for member in members {
            guard let subschema = properties[member.key] ?? additional else { continue }
            if case .boolean(false, let path) = subschema {
                Self.reportForbiddenProperty(member.key, object, explicitlyAt: properties[member.key] == nil ? nil : path,
                                             at: pointer, into: &issues)
            } else {
                validate(member.value, against: subschema, at: pointer.appending(member.key), into: &issues)
            }
        }
    }

    @inline(never)
    private func validateApplicators(_ instance: JSONValue, _ object: SchemaObject, at pointer: JSONPointer,
                                     into issues: inout [JSONIssue]) {
        let applicators = object.applicators
        for subschema in applicators.allOf {
            validate(instance, against: subschema, at: pointer, into: &issues)
        }
        if let anyOf = applicators.anyOf {
            issues += alternatives(anyOf, keyword: "anyOf", exactlyOne: false, instance, object, at: pointer)
        }
        if let oneOf = applicators.oneOf {
            issues += alternatives(oneOf, keyword: "oneOf", exactlyOne: true, instance, object, at: pointer)
        }
        if let not = applicators.not, matches(instance, not, at: pointer) {
            issues.append(Self.issue(object, "not", "must not match the schema in \"not\"", at: pointer))
        }
        if let ifSchema = applicators.ifSchema {
            let branch = matches(instance, ifSchema, at: pointer) ? applicators.thenSchema : applicators.elseSchema
            if let branch { validate(instance, against: branch, at: pointer, into: &issues) }
        }
    }

    // MARK: Checks that do not recurse

    /// Whether `instance` has one of the allowed types; reports it if not.
    @inline(never)
    private static func checkType(_ instance: JSONValue, _ object: SchemaObject, at pointer: JSONPointer,
                                  into issues: inout [JSONIssue]) -> Bool {
        guard let types = object.assertions.types, !types.contains(where: { $0.matches(instance) }) else { return true }
        let expected = Wording.list(types.map(\.rawValue), conjunction: "or")
        issues.append(issue(object, "type", Wording.typeMismatch(expected: expected, found: instance), at: pointer))
        return false
    }

    /// The assertions about the value itself: `const`, `enum`, and the
    /// string, number, array and object keywords that do not descend.
    @inline(never)
    private static func checkValue(_ instance: JSONValue, _ object: SchemaObject, at pointer: JSONPointer,
                                   into issues: inout [JSONIssue]) {
        let assertions = object.assertions
        func fail(_ keyword: String, _ message: String, at location: JSONPointer? = nil) {
            issues.append(issue(object, keyword, message, at: location ?? pointer))
        }
        if let constValue = assertions.constValue, instance != constValue {
            fail("const", "expected \(constValue.abbreviated()), found \(instance.abbreviated())")
        }
        if let enumValues = assertions.enumValues, !enumValues.contains(instance) {
            fail("enum", Wording.notOneOf(instance, enumValues))
        }
        switch instance {
        case .string(let text):
            checkString(text, assertions) { fail($0, $1) }
        case .number(let number):
            checkNumber(number, assertions) { fail($0, $1) }
        case .array(let elements):
            checkArray(elements, assertions) { fail($0, $1, at: $2.map(pointer.appending)) }
        case .object(let members):
            for name in assertions.required where members[name] == nil {
                fail("required", Wording.missingProperty(name))
            }
        case .null, .bool:
            break
        }
    }

    private static func checkString(_ text: String, _ assertions: SchemaAssertions, _ fail: (String, String) -> Void) {
        if assertions.minLength != nil || assertions.maxLength != nil {
            // JSON Schema counts code points, not grapheme clusters or UTF-16 units.
            let length = text.unicodeScalars.count
            if let minimum = assertions.minLength, length < minimum {
                fail("minLength", "expected at least \(Wording.count(minimum, "character")), found \(length)")
            }
            if let maximum = assertions.maxLength, length > maximum {
                fail("maxLength", "expected at most \(Wording.count(maximum, "character")), found \(length)")
            }
        }
        if let pattern = assertions.pattern, !pattern.matches(text) {
            fail("pattern", "does not match the pattern \"\(pattern.source)\"")
        }
        if let format = assertions.format, let problem = format.problem(with: text) {
            fail("format", problem)
        }
    }

    private static func checkNumber(_ number: JSONNumber, _ assertions: SchemaAssertions, _ fail: (String, String) -> Void) {
        if let minimum = assertions.minimum, number < minimum {
            fail("minimum", "\(number) is less than the minimum \(minimum)")
        }
        if let maximum = assertions.maximum, number > maximum {
            fail("maximum", "\(number) is greater than the maximum \(maximum)")
        }
        if let bound = assertions.exclusiveMinimum, number <= bound {
            fail("exclusiveMinimum", "\(number) is not greater than \(bound)")
        }
        if let bound = assertions.exclusiveMaximum, number >= bound {
            fail("exclusiveMaximum", "\(number) is not less than \(bound)")
        }
        if let divisor = assertions.multipleOf, !isMultiple(number, of: divisor) {
            fail("multipleOf", "\(number) is not a multiple of \(divisor)")
        }
    }

    /// `fail`'s third argument is the index of the element at fault, if one is.
    private static func checkArray(_ elements: [JSONValue], _ assertions: SchemaAssertions,
                                   _ fail: (String, String, Int?) -> Void) {
        if let minimum = assertions.minItems, elements.count < minimum {
            fail("minItems", "expected at least \(Wording.count(minimum, "item")), found \(elements.count)", nil)
        }
        if let maximum = assertions.maxItems, elements.count > maximum {
            fail("maxItems", "expected at most \(Wording.count(maximum, "item")), found \(elements.count)", nil)
        }
        if assertions.uniqueItems {
            var firstIndex: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let first = firstIndex[element] {
                    fail("uniqueItems", "duplicate of item \(first)", index)
                } else {
                    firstIndex[element] = index
                }
            }
        }
    }

    /// Exact for integers; for decimals, a quotient within a few parts per
    /// billion of a whole number counts, so that `0.3` is a multiple of `0.1`
    /// despite binary floating point.
    static func isMultiple(_ number: JSONNumber, of divisor: JSONNumber) -> Bool {
        if let value = number.exactInt64, let step = divisor.exactInt64, step > 0 {
            return value % step == 0
        }
        let quotient = number.double / divisor.double
        guard quotient.isFinite else {
            // Too large to divide; the remainder, computed exactly, still says.
            return number.double.truncatingRemainder(dividingBy: divisor.double) == 0
        }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    @inline(never)
    private static func reportExtraItem(_ object: SchemaObject, at location: JSONPointer, into issues: inout [JSONIssue]) {
        let allowed = object.applicators.prefixItems.count
        let message = allowed == 0 ? "no items are allowed" : "unexpected item (at most \(Wording.count(allowed, "item")) allowed)"
        issues.append(issue(object, "items", message, at: location))
    }

    /// `explicitlyAt` is the location of a `false` schema in `properties`;
    /// without it the member was refused by `additionalProperties`.
    @inline(never)
    private static func reportForbiddenProperty(_ name: String, _ object: SchemaObject, explicitlyAt path: JSONPointer?,
                                                at pointer: JSONPointer, into issues: inout [JSONIssue]) {
        issues.append(JSONIssue(pointer: pointer.appending(name), message: Wording.propertyNotAllowed(name),
                                keywordLocation: path ?? object.path.appending("additionalProperties")))
    }

    static func issue(_ object: SchemaObject, _ keyword: String, _ message: String, at pointer: JSONPointer) -> JSONIssue {
        JSONIssue(pointer: pointer, message: message, keywordLocation: object.path.appending(keyword))
    }
}
