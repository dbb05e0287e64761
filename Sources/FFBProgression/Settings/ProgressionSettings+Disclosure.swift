import FFBCatalog
import FFBStatistics

extension ProgressionSettings {
    /// Disclosure control at `min_n` (STATISTICS.md).
    public var disclosure: DisclosureControl { DisclosureControl(minimum: minimumGroupSize) }
}

extension GroupedPairStatistics {
    /// The groups `control` suppresses, by their citizens; themes also within their areas, so the
    /// area table cannot give a hidden theme back (`catalog` names each theme's area), and, with
    /// the area table's statistics (`areas`), so the theme table cannot give a hidden area back.
    public func suppressed(_ control: DisclosureControl, catalog: Catalog, areas: GroupedPairStatistics? = nil) -> [GroupKey: DisclosureControl.Reason] {
        let groups = groups.map { (key: $0.key, citizens: clusteredStatistics(of: $0.key).citizens) }
        return control.suppressed(groups: groups, catalog: catalog, hiddenAreas: areas?.hiddenAreas(control, catalog: catalog) ?? [])
    }

    /// The areas this table by area hides, by their codes (what a table by theme must not give back).
    public func hiddenAreas(_ control: DisclosureControl, catalog: Catalog) -> Set<KLCode> {
        Set(suppressed(control, catalog: catalog).keys.map { KLCode(unchecked: $0.value) })
    }
}

extension DisclosureControl {
    /// The groups to suppress, by their citizens: themes also within their areas (with `catalog`),
    /// a hidden area's themes never all shown (`hiddenAreas`: what the area table hides), and a
    /// group of two keys also within each key's group (the table by one key adds up the cells of
    /// two), so no other table gives a hidden group back.
    public func suppressed(groups: [(key: GroupKey, citizens: Int)], catalog: Catalog?, hiddenAreas: Set<KLCode> = []) -> [GroupKey: Reason] {
        suppressed(groups, parents: [
            { key in catalog.flatMap { key.themeArea($0) }.map(AnyHashable.init) },
            { key in key.second == nil ? nil : AnyHashable(key.parts[0]) },
            { key in key.second == nil ? nil : AnyHashable(key.parts[1]) },
        ], hiddenParents: [0: Set(hiddenAreas.map(AnyHashable.init))])
    }
}

extension GroupKey {
    /// A theme group's area (the table a theme table's figures add up to); nil for other groups.
    public func themeArea(_ catalog: Catalog) -> KLCode? {
        dimension == .theme && second == nil ? catalog.theme(KLCode(unchecked: value))?.area : nil
    }
}
