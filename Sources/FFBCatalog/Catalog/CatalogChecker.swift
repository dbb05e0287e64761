import FFBFiles

/// Collects the problems of one catalogue file while its parts are turned into typed values.
struct CatalogChecker {
    private(set) var problems: [CatalogProblem] = []

    mutating func fail(_ pointer: String, _ message: String) {
        problems.append(CatalogProblem(pointer: pointer, message: message))
    }

    mutating func code(_ text: String, at pointer: String) -> KLCode {
        if let code = KLCode(text) { return code }
        if text.isEmpty || text.contains(where: \.isWhitespace) {
            fail(pointer, "\(Excerpt.quoted(text)) is not a usable code (a KL UUID or a word without spaces)")
        }
        return KLCode(unchecked: text)
    }

    mutating func groups(_ concepts: [CatalogFile.Concept]?, base: [ThemeGroup]?) -> [ThemeGroup] {
        guard let concepts else { return required(base, "groups") }
        return concepts.enumerated().map { index, concept in
            ThemeGroup(code: code(concept.code, at: "/groups/\(index)/code"), name: concept.name, definition: concept.definition)
        }
    }

    mutating func areas(_ concepts: [CatalogFile.Concept]?, base: [FunctionArea]?, groups: [ThemeGroup]) -> [FunctionArea] {
        guard let concepts else { return required(base, "areas") }
        let groupCodes = Set(groups.map(\.code))
        return concepts.enumerated().map { index, concept in
            let pointer = "/areas/\(index)"
            let group = reference(concept.group, field: "group", at: pointer, known: groupCodes, kind: "group")
            return FunctionArea(code: code(concept.code, at: pointer + "/code"), name: concept.name, group: group, definition: concept.definition)
        }
    }

    mutating func themes(_ concepts: [CatalogFile.Concept]?, base: [Theme]?, areas: [FunctionArea]) -> [Theme] {
        guard let concepts else { return required(base, "themes") }
        let areaGroups = Dictionary(areas.map { ($0.code, $0.group) }, uniquingKeysWith: { first, _ in first })
        return concepts.enumerated().map { index, concept in
            let pointer = "/themes/\(index)"
            let area = reference(concept.area, field: "area", at: pointer, known: Set(areaGroups.keys), kind: "area")
            let group = areaGroups[area] ?? area
            if let stated = concept.group, stated.lowercased() != group.rawValue {
                fail(pointer + "/group", "theme's group \(Excerpt.quoted(stated)) is not its area's group \"\(group)\"")
            }
            let scored = group == ThemeGroup.activityAndParticipationCode
            if let stated = concept.scored, stated != scored {
                fail(pointer + "/scored", scored
                    ? "themes under Aktivitet og deltagelse are scored"
                    : "only themes under Aktivitet og deltagelse are scored")
            }
            var mapping: ThemeMapping?
            if let relationText = concept.mapping {
                if let relation = ThemeMapping.Relation(rawValue: relationText) {
                    mapping = ThemeMapping(relation: relation, klName: concept.klName, note: concept.note)
                } else {
                    let known = ThemeMapping.Relation.allCases.map(\.rawValue).joined(separator: ", ")
                    fail(pointer + "/mapping", "\(Excerpt.quoted(relationText)) is not one of \(known)")
                }
            }
            return Theme(code: code(concept.code, at: pointer + "/code"), name: concept.name, area: area, group: group, scored: scored, definition: concept.definition, mapping: mapping)
        }
    }

    mutating func scale(
        _ values: [CatalogFile.Scale]?,
        base: [ScaleValue]?,
        key: String,
        parse: (String) -> (code: KLCode, englishName: String)?
    ) -> [ScaleValue] {
        guard let values else { return required(base, key) }
        return values.enumerated().map { index, value in
            let pointer = "/\(key)/\(index)"
            let stated = code(value.code, at: pointer + "/code")
            guard let known = parse(value.value) else {
                fail(pointer + "/value", "\(Excerpt.quoted(value.value)) is not a known value of \(key.replacingOccurrences(of: "_", with: " "))")
                return ScaleValue(code: stated, value: value.value, name: value.name, englishName: value.name)
            }
            if known.code != stated {
                fail(pointer + "/code", "value \(Excerpt.quoted(value.value)) has KL code \(known.code), not \(Excerpt.plain(stated.rawValue))")
            }
            return ScaleValue(code: stated, value: value.value, name: value.name, englishName: known.englishName, definition: value.definition)
        }
    }

    mutating func tree(_ concepts: [CatalogFile.Concept]?, base: [InterventionConcept]?, key: String) -> [InterventionConcept] {
        guard let concepts else { return base ?? [] }
        let codes = Set(concepts.compactMap { KLCode($0.code) ?? KLCode(unchecked: $0.code) })
        return concepts.enumerated().map { index, concept in
            let pointer = "/\(key)/\(index)"
            var parent: KLCode?
            if let parentText = concept.parent {
                let parentCode = KLCode(parentText) ?? KLCode(unchecked: parentText)
                if !codes.contains(parentCode) { fail(pointer + "/parent", "parent \(Excerpt.quoted(parentText)) is not in \(key)") }
                parent = parentCode
            }
            return InterventionConcept(code: code(concept.code, at: pointer + "/code"), name: concept.name, parent: parent, definition: concept.definition)
        }
    }

    mutating func uniqueCodes(_ catalog: Catalog) {
        var seen: [KLCode: CatalogKind] = [:]
        for kind in CatalogKind.allCases {
            for (index, entry) in catalog.entries(kind).enumerated() {
                if let earlier = seen[entry.code] {
                    fail("/\(kind.rawValue.replacingOccurrences(of: "-", with: "_"))/\(index)/code", "code \(Excerpt.plain(entry.code.rawValue)) is used twice (also a \(earlier.singular))")
                }
                seen[entry.code] = kind
            }
        }
    }

    private mutating func reference(_ text: String?, field: String, at pointer: String, known: Set<KLCode>, kind: String) -> KLCode {
        guard let text else {
            fail(pointer, "missing required field \"\(field)\"")
            return KLCode(unchecked: "")
        }
        let code = KLCode(text) ?? KLCode(unchecked: text)
        if !known.contains(code) { fail(pointer + "/" + field, "unknown \(kind) \(Excerpt.quoted(text))") }
        return code
    }

    private mutating func required<T>(_ base: [T]?, _ key: String) -> [T] {
        if let base { return base }
        fail("", "missing required field \"\(key)\" (or a \"base\" catalogue to take it from)")
        return []
    }
}
