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
        forEachJudgedGoal(period: period) { course, goal, baseline, latest, running, status in
            func value(_ point: LevelSeries.Point?) -> (day: LocalDate, level: FunctionLevel)? {
                guard let point, let level = FunctionLevel(rawValue: Int(point.level)) else { return nil }
                return (LocalDate(dayNumber: Int(point.day)), level)
            }
            evaluations.append(GoalEvaluation(goal: goal, order: course.order, baseline: value(baseline), latest: value(latest), running: running, status: status))
        }
        return evaluations
    }

    /// Each current goal, course by course, with its baseline and follow-up points (as
    /// `goalEvaluations` describes them), whether its course still runs, and its status: the one
    /// place goals are judged, with nothing made per goal.
    func forEachJudgedGoal(
        period: Period, _ body: (_ course: OrderCourse, _ goal: Goal, _ baseline: LevelSeries.Point?, _ latest: LevelSeries.Point?, _ running: Bool, _ status: GoalStatus) -> Void
    ) {
        let none = LevelSeries(points: [])
        // By index: each course read in place, not copied whole (a copy retains every part of it).
        for index in courses.indices where !courses[index].goals.isEmpty {
            let course = courses[index]
            let citizenLevels = levels[course.order.citizen]
            let running = course.end == nil
            for goal in course.goals {
                // The course's series of the goal's theme (`OrderCourse.series(from:)`), only its
                // points in `period` with a level: the first and the last of them.
                let (first, last) = course.firstAndLast(of: citizenLevels?[goal.primaryTheme] ?? none) { period.contains($0.day) && $0.level >= 0 }
                let latest = last.flatMap { last in first.map { last.day > $0.day } == true ? last : nil }
                func level(_ point: LevelSeries.Point?) -> FunctionLevel? { point.flatMap { FunctionLevel(rawValue: Int($0.level)) } }
                let status = GoalStatus.judge(type: goal.type, baseline: level(first), expected: goal.expectedLevel, followUp: level(latest), running: running)
                body(course, goal, first, latest, running, status)
            }
        }
    }

    /// Goal statuses counted per group.
    public func goalStatistics(by dimension: GroupDimension, period: Period = .all) -> [(key: GroupKey, counts: GoalStatusCounts)] {
        var groups: [GroupKey: GoalStatusCounts] = [:]
        // Each goal's course found by its order's id (the first course of that order, as listed),
        // made when first needed: only a dimension of the course's needs it.
        var courseOfOrder: [UUID: Int]?
        // A goal type's key made once, not once per goal.
        let types = GoalType.allCases, typeKeys = types.map { GroupKey(.goalType, $0.cliValue) }
        forEachJudgedGoal(period: period) { course, goal, _, _, _, status in
            let key: GroupKey?
            switch dimension {
            case .goalType: key = types.firstIndex(of: goal.type).map { typeKeys[$0] }
            case .theme, .area: key = themeKey(goal.primaryTheme, dimension)
            case .none: key = .all
            default:
                if courseOfOrder == nil {
                    courseOfOrder = Dictionary(courses.indices.map { (courses[$0].order.id, $0) }, uniquingKeysWith: { first, _ in first })
                }
                key = courseOfOrder?[course.order.id].flatMap { courses[$0].key(dimension) }
            }
            guard let key else { return }
            groups[key, default: GoalStatusCounts()].add(status, citizen: course.order.citizen)
        }
        if dimension == .none, groups.isEmpty { groups[.all] = GoalStatusCounts() }
        return groups.keys.sorted { (catalogOrder($0), $0) < (catalogOrder($1), $1) }.map { ($0, groups[$0] ?? GoalStatusCounts()) }
    }
}
