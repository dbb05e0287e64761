import FFBCatalog
import FFBModel

extension ProgressionData {
    /// Pair statistics of function levels, grouped by any dimension.
    ///
    /// Theme, area and none pair each citizen's whole history of a theme (as an extract does);
    /// intervention, provider and target group pair each order's course; goal type pairs the
    /// primary theme of each goal within its order's course.
    public func statistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        var accumulator = PairAccumulator(rule: rule, period: period)
        forEachGroupedSeries(Grouping(dimension)) { series, citizen, _, key in accumulator.add(series, of: citizen, to: [key]) }
        if dimension == .none { accumulator.ensure(.all) }
        return accumulator.result(order: catalogOrder)
    }

    /// Pair statistics of support levels A–E (as 0–4), one series per order.
    public func supportStatistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        var accumulator = PairAccumulator(rule: rule, period: period)
        // By index: each course read in place, not copied whole.
        for index in courses.indices {
            guard let key = courses[index].key(dimension) else { continue }
            accumulator.add(courses[index].supportSeries, of: courses[index].order.citizen, to: [key])
        }
        if dimension == .none { accumulator.ensure(.all) }
        return accumulator.result(order: catalogOrder)
    }

    func themeKey(_ theme: KLCode, _ dimension: GroupDimension) -> GroupKey {
        switch dimension {
        case .theme: GroupKey(.theme, theme.rawValue)
        case .area: GroupKey(.area, catalog.theme(theme)?.area.rawValue ?? "")
        default: .all
        }
    }

    /// Groups in the catalogue's order where the key is a catalogue code.
    func catalogOrder(_ key: GroupKey) -> Int {
        if let index = catalog.themes.firstIndex(where: { $0.code.rawValue == key.value }) { return index }
        if let index = catalog.areas.firstIndex(where: { $0.code.rawValue == key.value }) { return index }
        if let index = GoalType.allCases.firstIndex(where: { $0.cliValue == key.value }) { return index }
        return Int.max
    }
}
