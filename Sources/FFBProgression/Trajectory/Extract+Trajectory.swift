import FFBCatalog
import FFBModel

extension Extract {
    /// Trajectories by theme, area or nothing (Docs/progression.md, "Trajectories"), groups in
    /// catalogue order: the same series, baseline and period as `statistics(by:rule: .first ...)`.
    public func trajectories(by dimension: GroupDimension, windows: TrajectoryWindows = .standard, period: Period = .all) -> GroupedTrajectories {
        let (keys, keyIndex, groupOfTheme) = themeGroups(dimension)
        let seriesGroup = seriesTheme.map { Int32(groupOfTheme[Int($0)]) }
        let order = seriesGroupedByCitizen()
        let counter = TrajectoryCounter(seriesCitizen: seriesCitizen, seriesGroup: seriesGroup, seriesStart: seriesStart, days: days, levels: levels,
                                        order: order, groups: keys.count, windows: windows, period: period)
        let total = counter.count(parts: citizenParts(order: order, count: seriesCount >= 100_000 ? 2 : 1))
        var shown = keys.indices.filter { total.seen[$0] }
        if dimension == .none, shown.isEmpty, !keys.isEmpty { shown = [0] }
        shown.sort { (keyIndex[keys[$0]] ?? 0, keys[$0]) < (keyIndex[keys[$1]] ?? 0, keys[$1]) }
        return GroupedTrajectories(
            windows: windows,
            groups: shown.map { group in (keys[group], Array(total.windows[(group * TrajectoryWindows.count)..<((group + 1) * TrajectoryWindows.count)])) },
            skippedNotAssessed: total.skipped)
    }
}

extension ProgressionData {
    /// Trajectories by any dimension: theme, area and none over each citizen's whole history of a
    /// theme, store-only dimensions over each order's course (baseline: the last level on or before
    /// the order's start), as `statistics(by:)` pairs them.
    public func trajectories(by dimension: GroupDimension, windows: TrajectoryWindows = .standard, period: Period = .all) -> GroupedTrajectories {
        var keys: [GroupKey] = [], keyIndex: [GroupKey: Int] = [:]
        var citizens: [Pseudonym: Int32] = [:]
        var entries: [(citizen: Int32, group: Int32, points: [LevelSeries.Point])] = []
        forEachSeries(by: dimension) { citizen, key, series in
            let group = keyIndex[key] ?? {
                keyIndex[key] = keys.count
                keys.append(key)
                return keys.count - 1
            }()
            let number = citizens[citizen] ?? {
                citizens[citizen] = Int32(citizens.count)
                return Int32(citizens.count - 1)
            }()
            entries.append((number, Int32(group), series.points))
        }
        if dimension == .none, keys.isEmpty { keys = [.all] }
        // Each citizen's series together (stable), laid out as an extract's.
        let sorted = entries.enumerated().sorted { ($0.element.citizen, $0.offset) < ($1.element.citizen, $1.offset) }.map(\.element)
        var seriesStart: [Int32] = [0], days: [Int32] = [], levels: [Int8] = []
        for entry in sorted {
            for point in entry.points {
                days.append(point.day)
                levels.append(point.level)
            }
            seriesStart.append(Int32(days.count))
        }
        let counter = TrajectoryCounter(seriesCitizen: sorted.map(\.citizen), seriesGroup: sorted.map(\.group), seriesStart: seriesStart, days: days, levels: levels,
                                        order: nil, groups: keys.count, windows: windows, period: period)
        let total = counter.count(parts: [0..<sorted.count])
        var shown = keys.indices.filter { total.seen[$0] }
        if dimension == .none, shown.isEmpty { shown = [0] }
        shown.sort { (catalogOrder(keys[$0]), keys[$0]) < (catalogOrder(keys[$1]), keys[$1]) }
        return GroupedTrajectories(
            windows: windows,
            groups: shown.map { group in (keys[group], Array(total.windows[(group * TrajectoryWindows.count)..<((group + 1) * TrajectoryWindows.count)])) },
            skippedNotAssessed: total.skipped)
    }

    /// Every series `statistics(by:)` pairs, with its citizen and group: theme, area and none
    /// each citizen's whole history of a theme; intervention, provider and target group each
    /// order's course; goal type the primary theme of each goal within its order's course.
    func forEachSeries(by dimension: GroupDimension, _ body: (Pseudonym, GroupKey, LevelSeries) -> Void) {
        switch dimension {
        case .none, .theme, .area:
            for citizen in levels.keys.sorted() {
                for (theme, series) in levels[citizen] ?? [:] { body(citizen, themeKey(theme, dimension), series) }
            }
        case .intervention, .provider, .targetGroup, .municipality:
            for course in courses {
                guard let key = course.key(dimension) else { continue }
                for (_, series) in levels[course.order.citizen] ?? [:] { body(course.order.citizen, key, course.series(from: series)) }
            }
        case .goalType:
            for course in courses {
                for goal in course.goals {
                    guard let series = levels[course.order.citizen]?[goal.primaryTheme] else { continue }
                    body(course.order.citizen, GroupKey(.goalType, goal.type.cliValue), course.series(from: series))
                }
            }
        }
    }
}
