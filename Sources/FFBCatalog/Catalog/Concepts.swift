/// A theme group: Funktioner og forhold, Aktivitet og deltagelse, Omgivelsesfaktorer.
public struct ThemeGroup: Sendable, Hashable {
    public var code: KLCode
    public var name: String
    public var definition: String?

    public init(code: KLCode, name: String, definition: String? = nil) {
        self.code = code
        self.name = name
        self.definition = definition
    }

    /// "Aktivitet og deltagelse": the only group whose themes take a 0–4 level.
    public static let activityAndParticipationCode = KLCode(unchecked: "93433530-b85c-4d04-a4fb-5ae26cf16f1c")
}

/// A function area (e.g. Mobilitet), within one group.
public struct FunctionArea: Sendable, Hashable {
    public var code: KLCode
    public var name: String
    public var group: KLCode
    public var definition: String?

    public init(code: KLCode, name: String, group: KLCode, definition: String? = nil) {
        self.code = code
        self.name = name
        self.group = group
        self.definition = definition
    }
}

/// A theme (tilstand), the unit that is assessed.
public struct Theme: Sendable, Hashable {
    public var code: KLCode
    public var name: String
    public var area: KLCode
    public var group: KLCode
    /// Only themes under Aktivitet og deltagelse take a 0–4 level; the rest carry notes.
    public var scored: Bool
    public var definition: String?
    /// For a catalogue version older than KL 2024: how the theme relates to KL 2024.
    public var mapping: ThemeMapping?

    public init(code: KLCode, name: String, area: KLCode, group: KLCode, scored: Bool, definition: String? = nil, mapping: ThemeMapping? = nil) {
        self.code = code
        self.name = name
        self.area = area
        self.group = group
        self.scored = scored
        self.definition = definition
        self.mapping = mapping
    }
}

/// How a theme of an older catalogue version corresponds to a KL 2024 theme.
public struct ThemeMapping: Sendable, Hashable {
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        case same
        case renamed
        case moved
        case renamedAndMoved = "renamed-and-moved"
        /// No KL 2024 counterpart; the theme's code is then a catalogue-local identifier.
        case none
    }

    public var relation: Relation
    /// The KL 2024 name when it differs.
    public var klName: String?
    public var note: String?

    public init(relation: Relation, klName: String? = nil, note: String? = nil) {
        self.relation = relation
        self.klName = klName
        self.note = note
    }
}

/// A concept in one of the intervention catalogue's trees (services, offer types, target groups)
/// or a structural heading.
public struct InterventionConcept: Sendable, Hashable {
    public var code: KLCode
    public var name: String
    /// The parent concept within the same tree; nil at the top of a tree.
    public var parent: KLCode?
    public var definition: String?

    public init(code: KLCode, name: String, parent: KLCode? = nil, definition: String? = nil) {
        self.code = code
        self.name = name
        self.parent = parent
        self.definition = definition
    }
}

/// A coded value of a fixed scale (function level, support level, goal type, follow-up status):
/// the catalogue's Danish text for a value the Swift enums know.
public struct ScaleValue: Sendable, Hashable {
    public var code: KLCode
    /// The CLI spelling: `0`…`4`, `A`…`E`, `udvikle`, `continue`, or `ikke-vurderet`.
    public var value: String
    public var name: String
    public var englishName: String
    public var definition: String?

    public init(code: KLCode, value: String, name: String, englishName: String, definition: String? = nil) {
        self.code = code
        self.value = value
        self.name = name
        self.englishName = englishName
        self.definition = definition
    }
}
