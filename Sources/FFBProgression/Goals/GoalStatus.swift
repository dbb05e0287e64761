import FFBCatalog
import FFBModel
import FFBStatistics

/// A goal's status at follow-up (FHIR Goal.achievementStatus codes), judged by its goal type
/// (STATISTICS.md "Goals").
public enum GoalStatus: String, CaseIterable, Sendable {
    case achieved
    /// A maintain goal still running whose level has not risen.
    case sustaining
    case improving
    case noChange = "no-change"
    case worsening
    /// No baseline or no follow-up level on the primary theme yet.
    case notEvaluable = "not-evaluable"

    /// Judges one goal. Levels: lower is better.
    ///
    /// - develop: achieved when f ≤ e, else improving / no-change / worsening against b;
    /// - maintain: achieved when f ≤ b (sustaining while the goal still runs), else worsening;
    /// - limit loss: achieved when f ≤ e, else worsening.
    public static func judge(type: GoalType, baseline: FunctionLevel?, expected: FunctionLevel, followUp: FunctionLevel?, running: Bool) -> GoalStatus {
        guard let b = baseline, let f = followUp else { return .notEvaluable }
        switch type {
        case .develop:
            if f <= expected { return .achieved }
            if f < b { return .improving }
            return f == b ? .noChange : .worsening
        case .maintain:
            if f <= b { return running ? .sustaining : .achieved }
            return .worsening
        case .limitLoss:
            return f <= expected ? .achieved : .worsening
        }
    }
}

/// Goal statuses counted for one group, with the share achieved among evaluable goals.
public struct GoalStatusCounts: Sendable, Equatable {
    public private(set) var counts: [GoalStatus: Int] = [:]
    /// The citizens whose goals these are: the unit of disclosure control (STATISTICS.md).
    public private(set) var citizenSet: Set<Pseudonym> = []
    /// Those of them with a goal that could be evaluated: whom the shares describe.
    public private(set) var evaluatedCitizenSet: Set<Pseudonym> = []

    public init() {}

    public mutating func add(_ status: GoalStatus, citizen: Pseudonym? = nil) {
        counts[status, default: 0] += 1
        if let citizen {
            citizenSet.insert(citizen)
            if status != .notEvaluable { evaluatedCitizenSet.insert(citizen) }
        }
    }

    /// How many citizens the goals belong to.
    public var citizens: Int { citizenSet.count }

    /// The citizens disclosure control counts: the fewest that a figure of these counts describes,
    /// those with an evaluated goal (the shares are theirs), or all when none could be evaluated.
    public var disclosedCitizens: Int { evaluatedCitizenSet.isEmpty ? citizenSet.count : evaluatedCitizenSet.count }

    public func count(_ status: GoalStatus) -> Int { counts[status] ?? 0 }

    /// Goals with a status other than not-evaluable.
    public var evaluated: Int { counts.filter { $0.key != .notEvaluable }.values.reduce(0, +) }
    public var total: Int { counts.values.reduce(0, +) }

    /// Achieved among evaluated goals (sustaining maintain goals are still running: not achieved);
    /// nil when none could be evaluated.
    public var achievedShare: Double? {
        evaluated > 0 ? Double(count(.achieved)) / Double(evaluated) : nil
    }

    /// The 95 % Wilson interval of `achievedShare`.
    public var achievedShareInterval: ProportionInterval? {
        wilsonInterval(successes: count(.achieved), trials: evaluated)
    }

    /// Goals that succeed so far: achieved, or (a maintain goal still running) sustaining, which
    /// is what such a goal asks for while it runs.
    public var succeeding: Int { count(.achieved) + count(.sustaining) }

    /// `succeeding` among evaluated goals; nil when none could be evaluated.
    public var successShare: Double? {
        evaluated > 0 ? Double(succeeding) / Double(evaluated) : nil
    }

    /// The 95 % Wilson interval of `successShare`.
    public var successShareInterval: ProportionInterval? {
        wilsonInterval(successes: succeeding, trials: evaluated)
    }
}
