import FFBCatalog

/// Constant-time lookups of the codes an exchange document names, by KL code or by exact
/// (case-insensitive) Danish name where the name is unique in its kind.
struct CatalogIndex: Sendable {
    let catalog: Catalog
    private let themeNames: [String: KLCode]
    private let concepts: [CatalogKind: Set<KLCode>]
    private let conceptNames: [CatalogKind: [String: KLCode]]

    init(catalog: Catalog) {
        self.catalog = catalog
        themeNames = Self.uniqueNames(catalog.themes.map { ($0.name, $0.code) })
        var concepts: [CatalogKind: Set<KLCode>] = [:]
        var conceptNames: [CatalogKind: [String: KLCode]] = [:]
        for (kind, list) in [(CatalogKind.services, catalog.services), (.offerTypes, catalog.offerTypes), (.targetGroups, catalog.targetGroups)] {
            concepts[kind] = Set(list.map(\.code))
            conceptNames[kind] = Self.uniqueNames(list.map { ($0.name, $0.code) })
        }
        self.concepts = concepts
        self.conceptNames = conceptNames
    }

    func theme(_ text: String) -> Theme? {
        if let code = KLCode(text), let theme = catalog.theme(code) { return theme }
        return themeNames[text.lowercased()].flatMap(catalog.theme)
    }

    func concept(_ text: String, kind: CatalogKind) -> KLCode? {
        if let code = KLCode(text), concepts[kind]?.contains(code) == true { return code }
        return conceptNames[kind]?[text.lowercased()]
    }

    private static func uniqueNames(_ pairs: [(String, KLCode)]) -> [String: KLCode] {
        var names: [String: KLCode] = [:]
        var repeated: Set<String> = []
        for (name, code) in pairs {
            let key = name.lowercased()
            if names[key] != nil { repeated.insert(key) }
            names[key] = code
        }
        for key in repeated { names[key] = nil }
        return names
    }
}
