import FFBCatalog

extension Extract {
    /// The pair statistics of an extract grouped by theme, area or nothing, groups in catalogue order.
    public func statistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        var accumulator = PairAccumulator(rule: rule, period: period)
        let keys: [[GroupKey]] = themes.map { theme in
            switch dimension {
            case .theme: [GroupKey(.theme, theme.code.rawValue)]
            case .area: [GroupKey(.area, theme.area.rawValue)]
            default: [.all]
            }
        }
        for (index, series) in series.enumerated() {
            accumulator.add(series, to: keys[Int(seriesTheme[index])])
        }
        if dimension == .none { accumulator.ensure(.all) }
        var order: [String: Int] = [:]
        for (index, theme) in themes.enumerated() {
            if order[theme.code.rawValue] == nil { order[theme.code.rawValue] = index }
            if order[theme.area.rawValue] == nil { order[theme.area.rawValue] = index }
        }
        return accumulator.result { order[$0.value] ?? Int.max }
    }
}
