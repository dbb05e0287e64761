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
        switch dimension {
        case .none, .theme, .area:
            for citizen in levels.keys.sorted() {
                for (theme, series) in levels[citizen] ?? [:] {
                    accumulator.add(series, of: citizen, to: [themeKey(theme, dimension)])
                }
            }
            if dimension == .none { accumulator.ensure(.all) }
        case .intervention, .provider, .targetGroup, .municipality:
            for course in courses {
                guard let key = course.key(dimension) else { continue }
                for (_, series) in levels[course.order.citizen] ?? [:] {
                    accumulator.add(course.series(from: series), of: course.order.citizen, to: [key])
                }
            }
        case .goalType:
            for course in courses {
                for goal in course.goals {
                    guard let series = levels[course.order.citizen]?[goal.primaryTheme] else { continue }
                    accumulator.add(course.series(from: series), of: course.order.citizen, to: [GroupKey(.goalType, goal.type.cliValue)])
                }
            }
        }
        return accumulator.result(order: catalogOrder)
    }

    /// Pair statistics of support levels A–E (as 0–4), one series per order.
    public func supportStatistics(by dimension: GroupDimension, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        var accumulator = PairAccumulator(rule: rule, period: period)
        for course in courses {
            guard let key = course.key(dimension) else { continue }
            accumulator.add(course.supportSeries, of: course.order.citizen, to: [key])
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
