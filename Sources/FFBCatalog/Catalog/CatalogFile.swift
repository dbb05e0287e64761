import Foundation

/// The on-disk form of a catalogue version (`Catalogs/*.json`): plain JSON that people can read and
/// diff. Kinds left out are taken from the catalogue named by `base`.
package struct CatalogFile: Codable, Sendable, Equatable {
    package static let formatName = "ffb-catalog"
    package static let currentFormatVersion = 1

    package var format: String
    package var formatVersion: Int
    package var catalogVersion: String
    package var title: String
    package var source: String?
    package var base: String?
    package var groups: [Concept]?
    package var areas: [Concept]?
    package var themes: [Concept]?
    package var functionLevels: [Scale]?
    package var supportLevels: [Scale]?
    package var goalTypes: [Scale]?
    package var followUpStatuses: [Scale]?
    package var services: [Concept]?
    package var offerTypes: [Concept]?
    package var targetGroups: [Concept]?
    package var headings: [Concept]?

    /// One concept; which fields apply depends on the kind (areas have `group`, themes `area`,
    /// `group` and `scored`, tree concepts `parent`).
    package struct Concept: Codable, Sendable, Equatable {
        package var code: String
        package var name: String
        package var group: String?
        package var area: String?
        package var scored: Bool?
        package var parent: String?
        package var mapping: String?
        package var klName: String?
        package var note: String?
        package var definition: String?

        package init(code: String, name: String, group: String? = nil, area: String? = nil, scored: Bool? = nil, parent: String? = nil, mapping: String? = nil, klName: String? = nil, note: String? = nil, definition: String? = nil) {
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
    package struct Scale: Codable, Sendable, Equatable {
        package var code: String
        package var value: String
        package var name: String
        package var definition: String?

        package init(code: String, value: String, name: String, definition: String? = nil) {
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

    package init(catalogVersion: String, title: String, source: String? = nil, base: String? = nil) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.catalogVersion = catalogVersion
        self.title = title
        self.source = source
        self.base = base
    }

    /// Stable, diff-friendly JSON: sorted keys, two-space indentation, a final newline.
    package func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
