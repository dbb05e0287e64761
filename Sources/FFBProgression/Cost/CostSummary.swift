import FFBCatalog
import FFBModel

/// What support cost per group and per citizen over a period, and how the daily cost changed
/// between the first and the latest support level (seed 003's "effect against tariff").
public struct CostSummary: Sendable {
    public struct Group: Sendable {
        public let key: GroupKey
        public fileprivate(set) var citizens: Set<Pseudonym> = []
        public fileprivate(set) var cost = CostCalculator.Cost()
        public fileprivate(set) var dailyChangesOre: [Int] = []

        /// Kroner per citizen of the group, nil for a group without citizens.
        public var costPerCitizen: Double? {
            citizens.isEmpty ? nil : Double(cost.totalOre) / Double(citizens.count) / 100
        }

        /// The mean change of the daily rate in kroner (negative is a saving), nil without changes.
        public var meanDailyChange: Double? {
            dailyChangesOre.isEmpty ? nil : Double(dailyChangesOre.reduce(0, +)) / Double(dailyChangesOre.count) / 100
        }
    }

    public let from: LocalDate
    public let to: LocalDate
    /// Groups in key order.
    public let groups: [Group]
    /// Øre per citizen over the period.
    public let perCitizenOre: [Pseudonym: Int]
}

extension ProgressionData {
    /// The cost summary by `dimension` over `from`…`to` (each defaulting to the data's own span);
    /// nil when there are no orders to price.
    public func costSummary(tariffs: [Tariff], by dimension: GroupDimension, from: LocalDate?, to: LocalDate?) -> CostSummary? {
        guard let (start, end) = costPeriod(from: from, to: to) else { return nil }
        var groups: [GroupKey: CostSummary.Group] = [:]
        var perCitizen: [Pseudonym: Int] = [:]
        for (course, cost) in costs(tariffs: tariffs, from: start, to: end) {
            guard let key = course.key(dimension) else { continue }
            var group = groups[key] ?? CostSummary.Group(key: key)
            group.citizens.insert(course.order.citizen)
            group.cost.totalOre += cost.totalOre
            group.cost.days += cost.days
            group.cost.daysWithoutTariff += cost.daysWithoutTariff
            if let change = cost.dailyChangeOre { group.dailyChangesOre.append(change) }
            groups[key] = group
            perCitizen[course.order.citizen, default: 0] += cost.totalOre
        }
        return CostSummary(from: start, to: end, groups: groups.values.sorted { $0.key < $1.key }, perCitizenOre: perCitizen)
    }
}

extension ProgressionData {
    /// What each group's orders cost over `from`…`to` (each defaulting to the data's own span),
    /// in øre, for a grouping whose every dimension is an order's (provider, municipality,
    /// intervention, target group) or none; nil for any other grouping. A group with no priced day
    /// (no tariff in force) has no entry.
    public func costByGroup(tariffs: [Tariff], grouping: Grouping, from: LocalDate?, to: LocalDate?) -> [GroupKey: Int]? {
        guard !tariffs.isEmpty, grouping.dimensions.allSatisfy({ $0.isCourse || $0 == .none }),
              let (start, end) = costPeriod(from: from, to: to) else { return nil }
        var ore: [GroupKey: Int] = [:]
        for (course, cost) in costs(tariffs: tariffs, from: start, to: end) where cost.days > cost.daysWithoutTariff {
            guard let key = grouping.key(grouping.dimensions.map { course.key($0) }) else { continue }
            ore[key, default: 0] += cost.totalOre
        }
        return ore
    }
}
