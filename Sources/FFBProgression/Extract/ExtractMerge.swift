import FFBCatalog
import FFBFiles
import FFBModel
import FFBParallel

/// Joins the workers' outputs into one `Extract`: one citizen numbering, one series numbering,
/// points grouped per series (a counting sort) and ordered by day, duplicates refused.
struct ExtractMerge {
    let outputs: [BlockParser.Output]
    let themes: ThemeIndex
    /// The grouping columns the parsers read (none, one or two).
    let groupColumns: [String]

    /// `locate` finds the lines of a duplicate (citizen, theme, day) for the error message.
    func run(locate: (String, Theme, Int32) throws -> [Int]) throws -> Extract {
        guard var citizens = outputs.first?.citizens else {
            return Extract(themes: themes.themes, citizenCount: 0, rows: 0, seriesTheme: [], seriesCitizen: [], seriesStart: [0], days: [], levels: [])
        }
        // Citizens: one numbering. A citizen found by more than one worker (its rows straddle a
        // block boundary) is "shared"; only its series need a lookup, the rest are new by construction.
        citizens.reserveCapacity(outputs.reduce(0) { $0 + $1.citizens.count })
        var citizenMaps: [[Int32]] = [Array(0..<Int32(citizens.count))]
        var sharedCitizens: [Int32] = []
        for output in outputs.dropFirst() {
            var citizenMap = [Int32](repeating: 0, count: output.citizens.count)
            for local in 0..<output.citizens.count {
                let known = citizens.count
                let global = output.citizens.withKey(Int32(local)) { citizens.index(of: $0) }
                citizenMap[local] = global
                if global < known { sharedCitizens.append(global) }
            }
            citizenMaps.append(citizenMap)
        }
        // The grouping column's values: one numbering, each worker's mapped to it.
        var groupValues = ByteInterner()
        let groupMaps: [[Int32]] = outputs.map { output in
            (0..<output.groups.count).map { local in output.groups.withKey(Int32(local)) { groupValues.index(of: $0) } }
        }
        var shared = [Bool](repeating: false, count: citizens.count)
        for citizen in sharedCitizens { shared[Int(citizen)] = true }

        var seriesTheme: [Int16] = []
        var seriesCitizen: [Int32] = []
        seriesTheme.reserveCapacity(outputs.reduce(0) { $0 + $1.seriesTheme.count })
        seriesCitizen.reserveCapacity(seriesTheme.capacity)
        var sharedSeries: [Int64: Int32] = [:]
        var remaps: [[Int32]] = []
        for (output, citizenMap) in zip(outputs, citizenMaps) {
            var remap = [Int32](repeating: 0, count: output.seriesTheme.count)
            for local in 0..<output.seriesTheme.count {
                let citizen = citizenMap[Int(output.seriesCitizen[local])]
                let theme = output.seriesTheme[local]
                let next = Int32(seriesTheme.count)
                var global = next
                if shared[Int(citizen)] {
                    let key = Int64(citizen) << 16 | Int64(theme)
                    global = sharedSeries[key, default: next]
                    if global == next { sharedSeries[key] = next }
                }
                if global == next {
                    seriesTheme.append(theme)
                    seriesCitizen.append(citizen)
                }
                remap[local] = global
            }
            remaps.append(remap)
        }

        // A counting sort in three steps: each worker counts its rows per local series (in
        // parallel); the series' global offsets are laid out; each worker writes its rows (in
        // parallel, to disjoint slots).
        let seriesCount = seriesTheme.count
        let pool = WorkerPool(workers: outputs.count)
        var cursors = outputs.map { [Int32](repeating: 0, count: $0.seriesTheme.count) }
        cursors.withUnsafeMutableBufferPointer { cursors in
            let shared = SharedBuffer(cursors)
            pool.forEach(outputs.count) { worker in
                shared.buffer[worker].withUnsafeMutableBufferPointer { counts in
                    for (local, length) in zip(outputs[worker].seriesRuns, outputs[worker].runLengths) { counts[Int(local)] += length }
                }
            }
        }
        // (Over millions of series: each array is walked through its buffer, so the loops pay no
        // uniqueness check of the nested arrays per element.)
        var start = [Int32](repeating: 0, count: seriesCount + 1)
        start.withUnsafeMutableBufferPointer { start in
            for (counts, remap) in zip(cursors, remaps) {
                counts.withUnsafeBufferPointer { counts in
                    remap.withUnsafeBufferPointer { remap in
                        for local in counts.indices { start[Int(remap[local]) + 1] += counts[local] }
                    }
                }
            }
            for index in 0..<seriesCount { start[index + 1] += start[index] }
        }
        var next = start
        next.withUnsafeMutableBufferPointer { next in
            for (worker, remap) in remaps.enumerated() {
                cursors[worker].withUnsafeMutableBufferPointer { cursor in
                    remap.withUnsafeBufferPointer { remap in
                        for local in cursor.indices {
                            let series = Int(remap[local])
                            let count = cursor[local]
                            cursor[local] = next[series]
                            next[series] += count
                        }
                    }
                }
            }
        }
        let total = Int(start[seriesCount])
        let grouped = !groupColumns.isEmpty
        // Every slot is written exactly once (the counts add up to `total`), so the arrays start
        // uninitialised: no pass zeroing them on this thread, and their pages are first touched
        // by the workers that fill them.
        var groups: [Int32] = []
        var levels: [Int8] = []
        var days = [Int32](unsafeUninitializedCapacity: total) { days, daysCount in
            levels = [Int8](unsafeUninitializedCapacity: total) { levels, levelsCount in
                groups = [Int32](unsafeUninitializedCapacity: grouped ? total : 0) { groups, groupsCount in
                    cursors.withUnsafeMutableBufferPointer { cursors in
                        let target = SharedBuffer(cursors), dayBuffer = SharedBuffer(days), levelBuffer = SharedBuffer(levels), groupBuffer = SharedBuffer(groups)
                        pool.forEach(outputs.count) { worker in
                            let output = outputs[worker], groupMap = groupMaps[worker]
                            target.buffer[worker].withUnsafeMutableBufferPointer { cursor in
                                // A run's rows go to consecutive slots of its series.
                                var row = 0
                                for (local, length) in zip(output.seriesRuns, output.runLengths) {
                                    let first = Int(cursor[Int(local)]), length = Int(length)
                                    cursor[Int(local)] = Int32(first + length)
                                    for offset in 0..<length {
                                        let slot = first + offset
                                        dayBuffer.buffer[slot] = output.rowDay[row + offset]
                                        levelBuffer.buffer[slot] = output.rowLevel[row + offset]
                                        if grouped {
                                            let group = output.rowGroup[row + offset]
                                            groupBuffer.buffer[slot] = group < 0 ? -1 : groupMap[Int(group)]
                                        }
                                    }
                                    row += length
                                }
                            }
                        }
                    }
                    groupsCount = grouped ? total : 0
                }
                levelsCount = total
            }
            daysCount = total
        }

        // Order each series by day (extracts are usually sorted already) and refuse duplicates.
        for series in 0..<seriesCount {
            let lower = Int(start[series]), upper = Int(start[series + 1])
            guard upper - lower > 1 else { continue }
            var sorted = true
            for index in (lower + 1)..<upper where days[index] <= days[index - 1] {
                sorted = false
                break
            }
            if sorted { continue }
            let order = (lower..<upper).sorted { days[$0] < days[$1] }
            let sortedDays = order.map { days[$0] }, sortedLevels = order.map { levels[$0] }
            let sortedGroups = grouped ? order.map { groups[$0] } : []
            for offset in 0..<order.count {
                days[lower + offset] = sortedDays[offset]
                levels[lower + offset] = sortedLevels[offset]
                if grouped { groups[lower + offset] = sortedGroups[offset] }
            }
            for index in (lower + 1)..<upper where days[index] == days[index - 1] {
                let citizen = citizens.text(seriesCitizen[series])
                let theme = themes.themes[Int(seriesTheme[series])]
                let lines = try locate(citizen, theme, days[index])
                let where_ = lines.count >= 2 ? "(also line \(lines[0]))" : ""
                throw ExtractError(line: lines.last ?? 0, message: "citizen \(Excerpt.plain(citizen, maxCharacters: BlockParser.maxCitizenBytes)) has theme \"\(theme.name)\" twice on \(LocalDate(dayNumber: Int(days[index])).iso) \(where_)".trimmingSpaces())
            }
        }
        return Extract(themes: themes.themes, citizenCount: citizens.count, rows: total, seriesTheme: seriesTheme, seriesCitizen: seriesCitizen, seriesStart: start, days: days, levels: levels,
                       groupColumns: groupColumns, groupValues: (0..<groupValues.count).map { index in
                           groupColumns.count < 2 ? [groupValues.text(Int32(index))]
                               : groupValues.withKey(Int32(index)) { $0.split(separator: BlockParser.groupSeparator, maxSplits: 1).map { String(decoding: $0, as: UTF8.self) } }
                       }, pointGroups: groups)
    }
}
