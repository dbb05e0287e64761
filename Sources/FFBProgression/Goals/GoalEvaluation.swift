import FFBCatalog
import FFBModel
import Foundation

/// One goal judged at its latest follow-up, with the evidence.
public struct GoalEvaluation: Sendable {
    public let goal: Goal
    public let order: Order
    public let baseline: (day: LocalDate, level: FunctionLevel)?
    public let latest: (day: LocalDate, level: FunctionLevel)?
    public let running: Bool
    public let status: GoalStatus
}

extension ProgressionData {
    /// Every current goal judged by its type (STATISTICS.md "Goals"): baseline is the primary
    /// theme's level at the start of the order (or its first level after), follow-up the latest
    /// level strictly after the baseline within the course and `period`.
    public func goalEvaluations(period: Period = .all) -> [GoalEvaluation] {
        var evaluations: [GoalEvaluation] = []
        for course in courses {
            for goal in course.goals {
                let all = levels[course.order.citizen]?[goal.primaryTheme] ?? LevelSeries(points: [])
                let points = course.series(from: all).points.filter { period.contains($0.day) && $0.level >= 0 }
                let baseline = points.first
                let latest = points.last.flatMap { last in baseline.map { last.day > $0.day } == true ? last : nil }
                func value(_ point: LevelSeries.Point?) -> (day: LocalDate, level: FunctionLevel)? {
                    guard let point, let level = FunctionLevel(rawValue: Int(point.level)) else { return nil }
                    return (LocalDate(dayNumber: Int(point.day)), level)
                }
                let running = course.end == nil
                let status = GoalStatus.judge(type: goal.type, baseline: value(baseline)?.level, expected: goal.expectedLevel, followUp: value(latest)?.level, running: running)
                evaluations.append(GoalEvaluation(goal: goal, order: course.order, baseline: value(baseline), latest: value(latest), running: running, status: status))
            }
        }
        return evaluations
    }

    /// Goal statuses counted per group.
    public func goalStatistics(by dimension: GroupDimension, period: Period = .all) -> [(key: GroupKey, counts: GoalStatusCounts)] {
        var groups: [GroupKey: GoalStatusCounts] = [:]
        // Each goal's course found by its order's id (the first course of that order, as listed),
        // made when first needed: only a dimension of the course's needs it.
        var courseOfOrder: [UUID: Int]?
        for evaluation in goalEvaluations(period: period) {
            let key: GroupKey?
            switch dimension {
            case .goalType: key = GroupKey(.goalType, evaluation.goal.type.cliValue)
            case .theme, .area: key = themeKey(evaluation.goal.primaryTheme, dimension)
            case .none: key = .all
            default:
                if courseOfOrder == nil {
                    courseOfOrder = Dictionary(courses.indices.map { (courses[$0].order.id, $0) }, uniquingKeysWith: { first, _ in first })
                }
                key = courseOfOrder?[evaluation.order.id].flatMap { courses[$0].key(dimension) }
            }
            guard let key else { continue }
            groups[key, default: GoalStatusCounts()].add(evaluation.status, citizen: evaluation.order.citizen)
        }
        if dimension == .none, groups.isEmpty { groups[.all] = GoalStatusCounts() }
        return groups.keys.sorted { (catalogOrder($0), $0) < (catalogOrder($1), $1) }.map { ($0, groups[$0] ?? GoalStatusCounts()) }
    }
}
