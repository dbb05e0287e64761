/// One version of the FFB catalogues: themes and their areas and groups, the fixed scales, and the
/// intervention catalogue. Built from a catalogue file (see `CatalogFile`); immutable once built.
public struct Catalog: Sendable {
    public let version: String
    public let title: String
    public let source: String?

    public let groups: [ThemeGroup]
    public let areas: [FunctionArea]
    public let themes: [Theme]
    public let functionLevels: [ScaleValue]
    public let supportLevels: [ScaleValue]
    public let goalTypes: [ScaleValue]
    public let followUpStatuses: [ScaleValue]
    public let services: [InterventionConcept]
    public let offerTypes: [InterventionConcept]
    public let targetGroups: [InterventionConcept]
    public let headings: [InterventionConcept]

    private let themesByCode: [KLCode: Int]
    private let areasByCode: [KLCode: Int]
    private let groupsByCode: [KLCode: Int]
    /// The intervention catalogue's concepts by kind and code (services, offer types, target
    /// groups, headings): every order read checks its codes here.
    private let conceptsByCode: [CatalogKind: [KLCode: Int]]

    public init(
        version: String,
        title: String,
        source: String? = nil,
        groups: [ThemeGroup],
        areas: [FunctionArea],
        themes: [Theme],
        functionLevels: [ScaleValue],
        supportLevels: [ScaleValue],
        goalTypes: [ScaleValue],
        followUpStatuses: [ScaleValue],
        services: [InterventionConcept],
        offerTypes: [InterventionConcept],
        targetGroups: [InterventionConcept],
        headings: [InterventionConcept]
    ) {
        self.version = version
        self.title = title
        self.source = source
        self.groups = groups
        self.areas = areas
        self.themes = themes
        self.functionLevels = functionLevels
        self.supportLevels = supportLevels
        self.goalTypes = goalTypes
        self.followUpStatuses = followUpStatuses
        self.services = services
        self.offerTypes = offerTypes
        self.targetGroups = targetGroups
        self.headings = headings
        themesByCode = Dictionary(themes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        areasByCode = Dictionary(areas.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        groupsByCode = Dictionary(groups.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        conceptsByCode = [.services: services, .offerTypes: offerTypes, .targetGroups: targetGroups, .headings: headings].mapValues { concepts in
            Dictionary(concepts.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func theme(_ code: KLCode) -> Theme? {
        themesByCode[code].map { themes[$0] }
    }

    /// The theme's position in `themes` (the catalogue's order).
    public func themePosition(_ code: KLCode) -> Int? {
        themesByCode[code]
    }

    /// The intervention concept with this code among `kind` (services, offer types, target groups
    /// or headings); nil for another kind or an unknown code.
    public func concept(_ code: KLCode, kind: CatalogKind) -> InterventionConcept? {
        guard let position = conceptsByCode[kind]?[code] else { return nil }
        return switch kind {
        case .services: services[position]
        case .offerTypes: offerTypes[position]
        case .targetGroups: targetGroups[position]
        default: headings[position]
        }
    }

    public func area(_ code: KLCode) -> FunctionArea? {
        areasByCode[code].map { areas[$0] }
    }

    public func group(_ code: KLCode) -> ThemeGroup? {
        groupsByCode[code].map { groups[$0] }
    }

    /// The themes that take a 0–4 level, in catalogue order.
    public var scoredThemes: [Theme] { themes.filter(\.scored) }

    public func themes(in area: KLCode) -> [Theme] {
        themes.filter { $0.area == area }
    }
}
