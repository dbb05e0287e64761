/// Reporting for `anyOf` and `oneOf`.
///
/// Listing every failure of every alternative buries the one that matters, so
/// a failed `anyOf`/`oneOf` is reduced to what most likely went wrong:
/// - if every alternative wants another type, one line names the types
///   (`expected string or null, found number`);
/// - if all but one alternative is ruled out by its type or by a `const`/`enum`
///   discriminator on a member (`"kind": {"const": "goal"}`), that
///   alternative's own problems are reported, since it is the one meant;
/// - otherwise one line gives the first problem of each alternative.
extension SchemaValidator {
    func alternatives(_ branches: [SchemaNode], keyword: String, exactlyOne: Bool, _ instance: JSONValue,
                      _ object: SchemaObject, at pointer: JSONPointer) -> [JSONIssue] {
        let location = object.path.appending(keyword)
        var results: [[JSONIssue]] = []
        var matching: [Int] = []
        for (index, branch) in branches.enumerated() {
            var issues: [JSONIssue] = []
            validate(instance, against: branch, at: pointer, into: &issues)
            if issues.isEmpty {
                matching.append(index)
                if !exactlyOne { return [] }
            }
            results.append(issues)
        }
        if matching.count == 1 { return [] }
        if matching.count > 1 {
            let names = Wording.list(matching.map(String.init), conjunction: "and")
            return [JSONIssue(pointer: pointer, message: "matches more than one alternative of oneOf (\(names)); expected exactly one",
                              keywordLocation: location)]
        }

        let wantedTypes = branches.map { rejectingTypes($0, instance) }
        if wantedTypes.allSatisfy({ $0 != nil }) {
            var names: [String] = []
            for name in wantedTypes.compactMap({ $0 }).joined().map(\.rawValue) where !names.contains(name) {
                names.append(name)
            }
            return [JSONIssue(pointer: pointer, message: Wording.typeMismatch(expected: Wording.list(names, conjunction: "or"), found: instance),
                              keywordLocation: location)]
        }
        var candidates = branches.indices.filter { wantedTypes[$0] == nil }
        let undiscriminated = candidates.filter { !failsDiscriminator(results[$0], below: pointer) }
        if !undiscriminated.isEmpty { candidates = undiscriminated }
        if candidates.count == 1, let only = candidates.first {
            return results[only]
        }

        let shown = 3
        var parts: [String] = []
        for index in candidates.prefix(shown) {
            guard let first = results[index].first else { continue }
            let relative = JSONPointer(Array(first.pointer.components.dropFirst(pointer.components.count)))
            let place = relative.isRoot ? "" : "\(relative): "
            let more = results[index].count > 1 ? " (and \(results[index].count - 1) more)" : ""
            parts.append("[\(index)] \(place)\(first.message)\(more)")
        }
        if candidates.count > shown { parts.append("…") }
        let message = "matches none of the \(branches.count) alternatives of \(keyword): " + parts.joined(separator: "; ")
        return [JSONIssue(pointer: pointer, message: message, keywordLocation: location)]
    }

    /// The types a branch demands when the instance has none of them,
    /// following `$ref`s that carry no `type` of their own.
    private func rejectingTypes(_ node: SchemaNode, _ instance: JSONValue, depth: Int = 0) -> [SchemaType]? {
        guard depth < 16, case .keywords(let object) = node else { return nil }
        if let types = object.assertions.types {
            return types.contains(where: { $0.matches(instance) }) ? nil : types
        }
        if let ref = object.applicators.ref, let target = schema.refTargets[ref] {
            return rejectingTypes(target, instance, depth: depth + 1)
        }
        return nil
    }

    /// Whether a branch failed on a `const` or `enum` of a direct member or
    /// element: the usual way a union marks which alternative a value is.
    private func failsDiscriminator(_ issues: [JSONIssue], below pointer: JSONPointer) -> Bool {
        issues.contains { issue in
            guard issue.pointer.components.count == pointer.components.count + 1,
                  let keyword = issue.keywordLocation?.components.last?.token
            else { return false }
            return keyword == "const" || keyword == "enum"
        }
    }
}
