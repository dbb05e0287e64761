import FFBCatalog
import FFBStatistics

extension ProgressionSettings {
    /// Disclosure control at `min_n` (STATISTICS.md).
    public var disclosure: DisclosureControl { DisclosureControl(minimum: minimumGroupSize) }
}

extension GroupedPairStatistics {
    /// The groups `control` suppresses, by their citizens; themes also within their areas, so the
    /// area table cannot give a hidden theme back (`catalog` names each theme's area).
    public func suppressed(_ control: DisclosureControl, catalog: Catalog) -> [GroupKey: DisclosureControl.Reason] {
        let groups = groups.map { (key: $0.key, citizens: clusteredStatistics(of: $0.key).citizens) }
        return control.suppressed(groups, parent: { key in key.themeArea(catalog) })
    }
}

extension GroupKey {
    /// A theme group's area (the table a theme table's figures add up to); nil for other groups.
    public func themeArea(_ catalog: Catalog) -> KLCode? {
        dimension == .theme ? catalog.theme(KLCode(unchecked: value))?.area : nil
    }
}
