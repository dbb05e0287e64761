import Foundation

/// The on-disk form of a catalogue version (`Catalogs/*.json`): plain JSON that people can read and
/// diff. Kinds left out are taken from the catalogue named by `base`.
public struct CatalogFile: Codable, Sendable, Equatable {
    public static let formatName = "ffb-catalog"
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    public var catalogVersion: String
    public var title: String
    public var source: String?
    public var base: String?
    public var groups: [Concept]?
    public var areas: [Concept]?
    public var themes: [Concept]?
    public var functionLevels: [Scale]?
    public var supportLevels: [Scale]?
    public var goalTypes: [Scale]?
    public var followUpStatuses: [Scale]?
    public var services: [Concept]?
    public var offerTypes: [Concept]?
    public var targetGroups: [Concept]?
    public var headings: [Concept]?

    /// One concept; which fields apply depends on the kind (areas have `group`, themes `area`,
    /// `group` and `scored`, tree concepts `parent`).
    public struct Concept: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var group: String?
        public var area: String?
        public var scored: Bool?
        public var parent: String?
        public var mapping: String?
        public var klName: String?
        public var note: String?
        public var definition: String?

        public init(code: String, name: String, group: String? = nil, area: String? = nil, scored: Bool? = nil, parent: String? = nil, mapping: String? = nil, klName: String? = nil, note: String? = nil, definition: String? = nil) {
            self.code = code
            self.name = name
            self.group = group
            self.area = area
            self.scored = scored
            self.parent = parent
            self.mapping = mapping
            self.klName = klName
            self.note = note
            self.definition = definition
        }

        enum CodingKeys: String, CodingKey {
            case code, name, group, area, scored, parent, mapping, note, definition
            case klName = "kl_name"
        }
    }

    /// A value of a fixed scale, with its CLI spelling in `value`.
    public struct Scale: Codable, Sendable, Equatable {
        public var code: String
        public var value: String
        public var name: String
        public var definition: String?

        public init(code: String, value: String, name: String, definition: String? = nil) {
            self.code = code
            self.value = value
            self.name = name
            self.definition = definition
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, title, source, base, groups, areas, themes, services, headings
        case formatVersion = "format_version"
        case catalogVersion = "catalog_version"
        case functionLevels = "function_levels"
        case supportLevels = "support_levels"
        case goalTypes = "goal_types"
        case followUpStatuses = "follow_up_statuses"
        case offerTypes = "offer_types"
        case targetGroups = "target_groups"
    }

    public init(catalogVersion: String, title: String, source: String? = nil, base: String? = nil) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.catalogVersion = catalogVersion
        self.title = title
        self.source = source
        self.base = base
    }

    /// Stable, diff-friendly JSON: sorted keys, two-space indentation, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
