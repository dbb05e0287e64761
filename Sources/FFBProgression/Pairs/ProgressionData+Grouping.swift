import FFBCatalog
import FFBModel

extension ProgressionData {
    /// Every series a grouping pairs, with its citizen, theme and group key. The rule of the
    /// grouping's most specific dimension decides what a series is: a goal type pairs the primary
    /// theme of each goal within its order's course; an order's dimension (provider, municipality,
    /// intervention, target group) each theme within each order's course; theme, area and none
    /// each citizen's whole history of a theme (Docs/progression.md, "Groups").
    public func forEachGroupedSeries(_ grouping: Grouping, _ body: (LevelSeries, Pseudonym, KLCode, GroupKey) -> Void) {
        let dimensions = grouping.dimensions
        if dimensions.contains(.goalType) {
            for course in courses {
                for goal in course.goals {
                    guard let series = levels[course.order.citizen]?[goal.primaryTheme],
                          let key = grouping.key(dimensions.map { part($0, theme: goal.primaryTheme, course: course, goal: goal) }) else { continue }
                    body(course.series(from: series), course.order.citizen, goal.primaryTheme, key)
                }
            }
        } else if dimensions.contains(where: \.isCourse) {
            for course in courses {
                for (theme, series) in (levels[course.order.citizen] ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    guard let key = grouping.key(dimensions.map { part($0, theme: theme, course: course, goal: nil) }) else { continue }
                    body(course.series(from: series), course.order.citizen, theme, key)
                }
            }
        } else {
            for citizen in levels.keys.sorted() {
                for (theme, series) in (levels[citizen] ?? [:]).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    guard let key = grouping.key(dimensions.map { part($0, theme: theme, course: nil, goal: nil) }) else { continue }
                    body(series, citizen, theme, key)
                }
            }
        }
    }

    private func part(_ dimension: GroupDimension, theme: KLCode, course: OrderCourse?, goal: Goal?) -> GroupKey? {
        switch dimension {
        case .none, .theme, .area: themeKey(theme, dimension)
        case .goalType: goal.map { GroupKey(.goalType, $0.type.cliValue) }
        case .intervention, .provider, .targetGroup, .municipality: course?.key(dimension)
        }
    }

    /// Pair statistics by one dimension or two (`--by municipality,provider`); one dimension
    /// reads as `statistics(by:)`.
    public func statistics(grouping: Grouping, rule: BaselineRule, period: Period = .all) -> GroupedPairStatistics {
        if let single = grouping.single { return statistics(by: single, rule: rule, period: period) }
        var accumulator = PairAccumulator(rule: rule, period: period)
        forEachGroupedSeries(grouping) { series, citizen, _, key in accumulator.add(series, of: citizen, to: [key]) }
        return accumulator.result(order: { self.catalogOrder($0.parts[0]) })
    }
}
