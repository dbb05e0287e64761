import FFBCatalog
import FFBModel

/// A support level in force from a day on (the order's level, then each follow-up's).
public struct SupportSpell: Sendable, Equatable {
    public let from: LocalDate
    public let level: Assessed<SupportLevel>

    public init(from: LocalDate, level: Assessed<SupportLevel>) {
        self.from = from
        self.level = level
    }
}

/// One intervention's support over time, as cost needs it.
public struct SupportCourse: Sendable {
    public let provider: String
    public let start: LocalDate
    /// The last day of the intervention, when it has ended.
    public let end: LocalDate?
    /// Spells in date order; the first starts at `start`.
    public let spells: [SupportSpell]

    public init(provider: String, start: LocalDate, end: LocalDate?, spells: [SupportSpell]) {
        self.provider = provider
        self.start = start
        self.end = end
        self.spells = spells
    }
}

/// Cost over a period: Σ days × the rate of the support level in force each day (STATISTICS.md).
public struct CostCalculator: Sendable {
    public let tariffs: TariffTable

    public init(tariffs: TariffTable) {
        self.tariffs = tariffs
    }

    public struct Cost: Sendable, Equatable {
        /// In øre.
        public var totalOre: Int = 0
        public var days: Int = 0
        /// Days in the period with support but no tariff (not assessed, or no rate in force).
        public var daysWithoutTariff: Int = 0
        /// Daily rate of the first and the last support level in the period, in øre.
        public var baselineDailyOre: Int?
        public var latestDailyOre: Int?
        /// Cost and days per support level (A…E as 0…4).
        public var oreByLevel = [Int](repeating: 0, count: 5)
        public var daysByLevel = [Int](repeating: 0, count: 5)

        public init() {}

        public var dailyChangeOre: Int? {
            guard let baselineDailyOre, let latestDailyOre else { return nil }
            return latestDailyOre - baselineDailyOre
        }
    }

    /// The cost of one course inside `[from, to]` (both inclusive).
    public func cost(of course: SupportCourse, from: LocalDate, to: LocalDate) -> Cost {
        var cost = Cost()
        let first = max(from, course.start)
        let last = min(to, course.end ?? to)
        guard first <= last else { return cost }
        var day = first
        var spellIndex = 0
        while day <= last {
            while spellIndex + 1 < course.spells.count, course.spells[spellIndex + 1].from <= day { spellIndex += 1 }
            let level = course.spells.isEmpty ? nil : course.spells[spellIndex].level.level
            cost.days += 1
            if let level, let rate = tariffs.rate(provider: course.provider, level: level, on: day) {
                cost.totalOre += rate
                cost.oreByLevel[level.ordinal] += rate
                cost.daysByLevel[level.ordinal] += 1
                if cost.baselineDailyOre == nil { cost.baselineDailyOre = rate }
                cost.latestDailyOre = rate
            } else {
                cost.daysWithoutTariff += 1
            }
            day = day.adding(days: 1)
        }
        return cost
    }
}

extension ProgressionData {
    /// The period costs are priced over: the given ends, else from the first order's start to the
    /// last follow-up (or order end). Nil when there are no orders.
    public func costPeriod(from: LocalDate?, to: LocalDate?) -> (from: LocalDate, to: LocalDate)? {
        guard let start = from ?? courses.map(\.order.start).min() else { return nil }
        let end = to ?? courses.compactMap { $0.end ?? $0.supportSpells.last?.from }.max() ?? start
        return (start, end)
    }

    /// Each order's cost in the period; orders with no day in the period are left out.
    public func costs(tariffs: [Tariff], from: LocalDate, to: LocalDate) -> [(course: OrderCourse, cost: CostCalculator.Cost)] {
        let calculator = CostCalculator(tariffs: TariffTable(tariffs))
        return courses.compactMap { course in
            let support = SupportCourse(provider: course.order.provider.identifier, start: course.order.start, end: course.end, spells: course.supportSpells)
            let cost = calculator.cost(of: support, from: from, to: to)
            return cost.days > 0 ? (course, cost) : nil
        }
    }
}
