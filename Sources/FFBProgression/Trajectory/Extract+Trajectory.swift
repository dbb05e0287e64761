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

extension Extract {
    /// Trajectories by one key or two: theme, area and none as `trajectories(by:)`, a grouping
    /// by the extract's columns over each run (`statistics(grouping:)` pairs the same).
    public func trajectories(grouping: Grouping, windows: TrajectoryWindows = .standard, period: Period = .all) -> GroupedTrajectories {
        if let single = grouping.single, single.extractColumn == nil { return trajectories(by: single, windows: windows, period: period) }
        return TrajectoryCounter.grouped(windows: windows, period: period, order: catalogOrder) { add in
            forEachGroupedSeries(grouping) { citizen, key, series in add(citizen, key, series.points) }
        }
    }
}

extension ProgressionData {
    /// Trajectories by one key or two: theme, area and none over each citizen's whole history of
    /// a theme, an order's keys over each order's course (baseline: the last level on or before
    /// the order's start), as `statistics(grouping:)` pairs them.
    public func trajectories(grouping: Grouping, windows: TrajectoryWindows = .standard, period: Period = .all) -> GroupedTrajectories {
        var citizens: [Pseudonym: Int32] = [:]
        return TrajectoryCounter.grouped(windows: windows, period: period, allWhenEmpty: grouping.single == GroupDimension.none, order: { self.catalogOrder($0.parts[0]) }) { add in
            forEachGroupedSeries(grouping) { series, citizen, _, key in
                let number = citizens[citizen] ?? Int32(citizens.count)
                citizens[citizen] = number
                add(number, key, series.points)
            }
        }
    }
}
