/// A catalogue concept seen uniformly, for listing, showing and searching across kinds.
public struct CatalogEntry: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case flag(Bool)
        case none
    }

    public var kind: CatalogKind
    public var code: KLCode
    public var name: String
    /// Kind-specific fields in display order, e.g. `area`, `group`, `scored` for themes.
    public var fields: [(key: String, value: Value)]
    public var definition: String?

    public static func == (lhs: CatalogEntry, rhs: CatalogEntry) -> Bool {
        lhs.kind == rhs.kind && lhs.code == rhs.code && lhs.name == rhs.name && lhs.definition == rhs.definition
            && lhs.fields.map(\.key) == rhs.fields.map(\.key) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}

extension Catalog {
    public func entries(_ kind: CatalogKind) -> [CatalogEntry] {
        switch kind {
        case .groups:
            return groups.map { CatalogEntry(kind: kind, code: $0.code, name: $0.name, fields: [], definition: $0.definition) }
        case .areas:
            return areas.map { area in
                CatalogEntry(kind: kind, code: area.code, name: area.name, fields: [
                    ("group", .text(area.group.rawValue)),
                    ("group_name", nameText(group(area.group)?.name)),
                ], definition: area.definition)
            }
        case .themes:
            return themes.map(entry(for:))
        case .functionLevels:
            return functionLevels.map { entry(for: $0, kind: kind) }
        case .supportLevels:
            return supportLevels.map { entry(for: $0, kind: kind) }
        case .goalTypes:
            return goalTypes.map { entry(for: $0, kind: kind) }
        case .followUpStatuses:
            return followUpStatuses.map { entry(for: $0, kind: kind) }
        case .services:
            return services.map { entry(for: $0, kind: kind) }
        case .offerTypes:
            return offerTypes.map { entry(for: $0, kind: kind) }
        case .targetGroups:
            return targetGroups.map { entry(for: $0, kind: kind) }
        case .headings:
            return headings.map { entry(for: $0, kind: kind) }
        }
    }

    /// Every concept of the catalogue, kind by kind.
    public var allEntries: [CatalogEntry] {
        CatalogKind.allCases.flatMap { entries($0) }
    }

    private func entry(for theme: Theme) -> CatalogEntry {
        var fields: [(key: String, value: CatalogEntry.Value)] = [
            ("area", .text(theme.area.rawValue)),
            ("area_name", nameText(area(theme.area)?.name)),
            ("group", .text(theme.group.rawValue)),
            ("group_name", nameText(group(theme.group)?.name)),
            ("scored", .flag(theme.scored)),
        ]
        if let mapping = theme.mapping {
            fields.append(("mapping", .text(mapping.relation.rawValue)))
            fields.append(("kl_name", nameText(mapping.klName)))
        }
        return CatalogEntry(kind: .themes, code: theme.code, name: theme.name, fields: fields, definition: theme.definition)
    }

    private func entry(for value: ScaleValue, kind: CatalogKind) -> CatalogEntry {
        CatalogEntry(kind: kind, code: value.code, name: value.name, fields: [
            ("value", .text(value.value)),
            ("name_en", .text(value.englishName)),
        ], definition: value.definition)
    }

    private func entry(for concept: InterventionConcept, kind: CatalogKind) -> CatalogEntry {
        CatalogEntry(kind: kind, code: concept.code, name: concept.name, fields: [
            ("parent", concept.parent.map { .text($0.rawValue) } ?? .none),
        ], definition: concept.definition)
    }

    private func nameText(_ name: String?) -> CatalogEntry.Value {
        name.map(CatalogEntry.Value.text) ?? .none
    }
}
