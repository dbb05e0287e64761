/// Checks an instance against compiled schema nodes, collecting every problem.
///
/// One rule keeps reports readable: when a value has the wrong `type`, that is
/// the only problem reported for it, since its other keywords (`minLength` of
/// a number, `required` of an array) would only repeat the point.
struct SchemaValidator {
    let schema: JSONSchema

    func validate(_ instance: JSONValue, against node: SchemaNode, at pointer: JSONPointer,
                  into issues: inout [JSONIssue]) {
        switch node {
        case .boolean(true, _):
            return
        case .boolean(false, let path):
            issues.append(JSONIssue(pointer: pointer, message: "no value is allowed here", keywordLocation: path))
        case .keywords(let keywords):
            validate(instance, against: keywords, at: pointer, into: &issues)
        }
    }

    private func validate(_ instance: JSONValue, against keywords: SchemaKeywords, at pointer: JSONPointer,
                          into issues: inout [JSONIssue]) {
        func fail(_ keyword: String, _ message: String) {
            issues.append(Self.issue(keywords, keyword, message, at: pointer))
        }

        if let types = keywords.types, !types.contains(where: { $0.matches(instance) }) {
            fail("type", Wording.typeMismatch(expected: Wording.list(types.map(\.rawValue), conjunction: "or"), found: instance))
            return
        }
        if let ref = keywords.ref, let target = schema.refTargets[ref] {
            validate(instance, against: target, at: pointer, into: &issues)
        }
        if let constValue = keywords.constValue, instance != constValue {
            fail("const", "expected \(constValue.abbreviated()), found \(instance.abbreviated())")
        }
        if let enumValues = keywords.enumValues, !enumValues.contains(instance) {
            fail("enum", Wording.notOneOf(instance, enumValues))
        }

        switch instance {
        case .string(let text):
            validateString(text, keywords, at: pointer, into: &issues)
        case .number(let number):
            validateNumber(number, keywords, at: pointer, into: &issues)
        case .array(let elements):
            validateArray(elements, keywords, at: pointer, into: &issues)
        case .object(let object):
            validateObject(object, keywords, at: pointer, into: &issues)
        case .null, .bool:
            break
        }

        for subschema in keywords.allOf {
            validate(instance, against: subschema, at: pointer, into: &issues)
        }
        if let anyOf = keywords.anyOf {
            issues += alternatives(anyOf, keyword: "anyOf", exactlyOne: false, instance, keywords, at: pointer)
        }
        if let oneOf = keywords.oneOf {
            issues += alternatives(oneOf, keyword: "oneOf", exactlyOne: true, instance, keywords, at: pointer)
        }
        if let not = keywords.not, matches(instance, not, at: pointer) {
            fail("not", "must not match the schema in \"not\"")
        }
        if let ifSchema = keywords.ifSchema {
            let branch = matches(instance, ifSchema, at: pointer) ? keywords.thenSchema : keywords.elseSchema
            if let branch { validate(instance, against: branch, at: pointer, into: &issues) }
        }
    }

    func matches(_ instance: JSONValue, _ node: SchemaNode, at pointer: JSONPointer) -> Bool {
        var issues: [JSONIssue] = []
        validate(instance, against: node, at: pointer, into: &issues)
        return issues.isEmpty
    }

    private static func issue(_ keywords: SchemaKeywords, _ keyword: String, _ message: String,
                              at pointer: JSONPointer) -> JSONIssue {
        JSONIssue(pointer: pointer, message: message, keywordLocation: keywords.path.appending(keyword))
    }

    private func validateString(_ text: String, _ keywords: SchemaKeywords, at pointer: JSONPointer,
                                into issues: inout [JSONIssue]) {
        func fail(_ keyword: String, _ message: String) {
            issues.append(Self.issue(keywords, keyword, message, at: pointer))
        }
        if keywords.minLength != nil || keywords.maxLength != nil {
            // JSON Schema counts code points, not grapheme clusters or UTF-16 units.
            let length = text.unicodeScalars.count
            if let minimum = keywords.minLength, length < minimum {
                fail("minLength", "expected at least \(Wording.count(minimum, "character")), found \(length)")
            }
            if let maximum = keywords.maxLength, length > maximum {
                fail("maxLength", "expected at most \(Wording.count(maximum, "character")), found \(length)")
            }
        }
        if let pattern = keywords.pattern, !pattern.matches(text) {
            fail("pattern", "does not match the pattern \"\(pattern.source)\"")
        }
        if let format = keywords.format, let problem = format.problem(with: text) {
            fail("format", problem)
        }
    }

    private func validateNumber(_ number: JSONNumber, _ keywords: SchemaKeywords, at pointer: JSONPointer,
                                into issues: inout [JSONIssue]) {
        func fail(_ keyword: String, _ message: String) {
            issues.append(Self.issue(keywords, keyword, message, at: pointer))
        }
        if let minimum = keywords.minimum, number < minimum {
            fail("minimum", "\(number) is less than the minimum \(minimum)")
        }
        if let maximum = keywords.maximum, number > maximum {
            fail("maximum", "\(number) is greater than the maximum \(maximum)")
        }
        if let bound = keywords.exclusiveMinimum, number <= bound {
            fail("exclusiveMinimum", "\(number) is not greater than \(bound)")
        }
        if let bound = keywords.exclusiveMaximum, number >= bound {
            fail("exclusiveMaximum", "\(number) is not less than \(bound)")
        }
        if let divisor = keywords.multipleOf, !Self.isMultiple(number, of: divisor) {
            fail("multipleOf", "\(number) is not a multiple of \(divisor)")
        }
    }

    /// Exact for integers; for decimals, a quotient within a few parts per
    /// billion of a whole number counts, so that `0.3` is a multiple of `0.1`
    /// despite binary floating point.
    static func isMultiple(_ number: JSONNumber, of divisor: JSONNumber) -> Bool {
        if let value = number.exactInt64, let step = divisor.exactInt64, step != 0 {
            return value % step == 0
        }
        let quotient = number.double / divisor.double
        guard quotient.isFinite else {
            // Too large to divide; the remainder, computed exactly, still says.
            return number.double.truncatingRemainder(dividingBy: divisor.double) == 0
        }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    private func validateArray(_ elements: [JSONValue], _ keywords: SchemaKeywords, at pointer: JSONPointer,
                               into issues: inout [JSONIssue]) {
        func fail(_ keyword: String, _ message: String, at location: JSONPointer? = nil) {
            issues.append(Self.issue(keywords, keyword, message, at: location ?? pointer))
        }
        if let minimum = keywords.minItems, elements.count < minimum {
            fail("minItems", "expected at least \(Wording.count(minimum, "item")), found \(elements.count)")
        }
        if let maximum = keywords.maxItems, elements.count > maximum {
            fail("maxItems", "expected at most \(Wording.count(maximum, "item")), found \(elements.count)")
        }
        if keywords.uniqueItems {
            var firstIndex: [JSONValue: Int] = [:]
            for (index, element) in elements.enumerated() {
                if let first = firstIndex[element] {
                    fail("uniqueItems", "duplicate of item \(first)", at: pointer.appending(index))
                } else {
                    firstIndex[element] = index
                }
            }
        }
        for (index, element) in elements.enumerated() {
            let location = pointer.appending(index)
            if index < keywords.prefixItems.count {
                validate(element, against: keywords.prefixItems[index], at: location, into: &issues)
            } else if let items = keywords.items {
                if case .boolean(false, _) = items {
                    let allowed = keywords.prefixItems.count
                    fail("items", allowed == 0 ? "no items are allowed" : "unexpected item (at most \(Wording.count(allowed, "item")) allowed)", at: location)
                } else {
                    validate(element, against: items, at: location, into: &issues)
                }
            }
        }
    }

    private func validateObject(_ object: JSONObject, _ keywords: SchemaKeywords, at pointer: JSONPointer,
                                into issues: inout [JSONIssue]) {
        for name in keywords.required where object[name] == nil {
            issues.append(Self.issue(keywords, "required", Wording.missingProperty(name), at: pointer))
        }
        for member in object {
            let location = pointer.appending(member.key)
            if let property = keywords.properties[member.key] {
                if case .boolean(false, let path) = property {
                    issues.append(JSONIssue(pointer: location, message: Wording.propertyNotAllowed(member.key), keywordLocation: path))
                } else {
                    validate(member.value, against: property, at: location, into: &issues)
                }
            } else if let additional = keywords.additionalProperties {
                if case .boolean(false, _) = additional {
                    issues.append(Self.issue(keywords, "additionalProperties", Wording.propertyNotAllowed(member.key), at: location))
                } else {
                    validate(member.value, against: additional, at: location, into: &issues)
                }
            }
        }
    }
}
