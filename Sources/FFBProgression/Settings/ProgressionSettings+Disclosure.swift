import FFBStatistics

extension ProgressionSettings {
    /// Disclosure control at `min_n` (STATISTICS.md).
    public var disclosure: DisclosureControl { DisclosureControl(minimum: minimumGroupSize) }
}

extension GroupedPairStatistics {
    /// The groups `control` suppresses, by their citizens.
    public func suppressed(_ control: DisclosureControl) -> [GroupKey: DisclosureControl.Reason] {
        control.suppressed(groups.map { (key: $0.key, citizens: clusteredStatistics(of: $0.key).citizens) })
    }
}
