import FFBParallel
import FFBStatistics

/// Series in compact arrays (an extract's, or a store's course series laid out alike), each
/// with its group, counted into trajectory windows in place.
struct TrajectoryCounter: Sendable {
    let seriesCitizen: [Int32]
    let seriesGroup: [Int32]
    let seriesStart: [Int32]
    let days: [Int32]
    let levels: [Int8]
    /// Positions in an order that keeps each citizen's series together; nil when they already are.
    let order: [Int32]?
    let groups: Int
    let windows: TrajectoryWindows
    let period: Period

    struct Part: Sendable {
        /// Group g's window k at g·5 + k.
        var windows: [TrajectoryWindow]
        var skipped = 0
        /// Groups with a series in the period.
        var seen: [Bool]
    }

    /// Counts the positions in `parts` on the cores (each citizen in one part) and merges them.
    func count(parts: [Range<Int>]) -> Part {
        let counts = WorkerPool(workers: max(1, parts.count)).map(parts.count) { count(parts[$0]) }
        var total = counts[0]
        for part in counts.dropFirst() {
            for index in total.windows.indices { total.windows[index].merge(part.windows[index]) }
            for index in total.seen.indices { total.seen[index] = total.seen[index] || part.seen[index] }
            total.skipped += part.skipped
        }
        return total
    }

    func count(_ positions: Range<Int>) -> Part {
        let slots = groups * TrajectoryWindows.count
        var part = Part(windows: [TrajectoryWindow](repeating: TrajectoryWindow(), count: slots), seen: [Bool](repeating: false, count: groups))
        // The current citizen's observations, level sums and improvements per slot, folded into
        // the slot's clusters when the next citizen begins.
        var observed = [Int](repeating: 0, count: slots), levelSum = [Int](repeating: 0, count: slots), improved = [Int](repeating: 0, count: slots)
        var touched: [Int] = []
        var citizen: Int32 = -1
        let filtered = period != .all
        for position in positions.lowerBound...positions.upperBound {
            let series = position == positions.upperBound ? -1 : order.map { Int($0[position]) } ?? position
            if series < 0 || seriesCitizen[series] != citizen {
                for slot in touched {
                    part.windows[slot].level.add(total: levelSum[slot], count: observed[slot])
                    if slot % TrajectoryWindows.count != 0 { part.windows[slot].improvement.add(total: improved[slot], count: observed[slot]) }
                    observed[slot] = 0
                    levelSum[slot] = 0
                    improved[slot] = 0
                }
                touched.removeAll(keepingCapacity: true)
                if series < 0 { break }
                citizen = seriesCitizen[series]
            }
            var lower = Int(seriesStart[series]), upper = Int(seriesStart[series + 1])
            if filtered {
                while lower < upper, !period.contains(days[lower]) { lower += 1 }
                while upper > lower, !period.contains(days[upper - 1]) { upper -= 1 }
                if lower == upper { continue }
            }
            let group = Int(seriesGroup[series])
            part.seen[group] = true
            let baseline = levels[lower], baselineDay = days[lower]
            guard baseline >= 0 else {
                part.skipped += 1
                continue
            }
            let first = group * TrajectoryWindows.count
            // Window 0, then each later window's last level.
            var slot = first, level = baseline
            var index = lower + 1
            while true {
                if level < 0 {
                    part.skipped += 1
                } else {
                    if observed[slot] == 0 { touched.append(slot) }
                    observed[slot] += 1
                    levelSum[slot] += Int(level)
                    if level < baseline { improved[slot] += 1 }
                    part.windows[slot].levels[Int(level)] += 1
                }
                guard index < upper else { break }
                slot = first + windows.window(afterDays: days[index] - baselineDay)
                while index + 1 < upper, first + windows.window(afterDays: days[index + 1] - baselineDay) == slot { index += 1 }
                level = levels[index]
                index += 1
            }
        }
        return part
    }
}

extension TrajectoryCounter {
    /// Trajectories of the series `feed` gives (citizen number, group key, points), each citizen's
    /// series laid out together as an extract's; groups ordered by `order`, then by key. With
    /// `allWhenEmpty` a run without series still shows the one group of everyone.
    static func grouped(windows: TrajectoryWindows, period: Period, allWhenEmpty: Bool = false, order: (GroupKey) -> Int,
                        _ feed: (_ add: (Int32, GroupKey, [LevelSeries.Point]) -> Void) -> Void) -> GroupedTrajectories {
        var keys: [GroupKey] = [], keyIndex: [GroupKey: Int] = [:]
        var entries: [(citizen: Int32, group: Int32, points: [LevelSeries.Point])] = []
        feed { citizen, key, points in
            let group = keyIndex[key] ?? keys.count
            if group == keys.count {
                keyIndex[key] = group
                keys.append(key)
            }
            entries.append((citizen, Int32(group), points))
        }
        if allWhenEmpty, keys.isEmpty { keys = [.all] }
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
        if allWhenEmpty, shown.isEmpty { shown = [0] }
        shown.sort { (order(keys[$0]), keys[$0]) < (order(keys[$1]), keys[$1]) }
        return GroupedTrajectories(
            windows: windows,
            groups: shown.map { group in (keys[group], Array(total.windows[(group * TrajectoryWindows.count)..<((group + 1) * TrajectoryWindows.count)])) },
            skippedNotAssessed: total.skipped)
    }
}
