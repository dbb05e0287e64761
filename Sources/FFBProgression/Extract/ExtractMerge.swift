import FFBCatalog
import FFBModel

/// Joins the workers' outputs into one `Extract`: one citizen numbering, one series numbering,
/// points grouped per series (a counting sort) and ordered by day, duplicates refused.
struct ExtractMerge {
    let outputs: [BlockParser.Output]
    let themes: ThemeIndex

    /// `locate` finds the lines of a duplicate (citizen, theme, day) for the error message.
    func run(locate: (String, Theme, Int32) throws -> [Int]) throws -> Extract {
        guard var citizens = outputs.first?.citizens else {
            return Extract(themes: themes.themes, citizenCount: 0, rows: 0, seriesTheme: [], seriesStart: [0], days: [], levels: [])
        }
        var seriesOf = outputs[0].seriesByKey
        var seriesTheme = outputs[0].seriesTheme
        var seriesCitizen = outputs[0].seriesCitizen
        var remaps: [[Int32]] = [Array(0..<Int32(seriesTheme.count))]
        for output in outputs.dropFirst() {
            var citizenMap = [Int32](repeating: 0, count: output.citizens.count)
            for local in 0..<output.citizens.count {
                citizenMap[local] = output.citizens.withKey(Int32(local)) { citizens.index(of: $0) }
            }
            var remap = [Int32](repeating: 0, count: output.seriesTheme.count)
            for local in 0..<output.seriesTheme.count {
                let citizen = citizenMap[Int(output.seriesCitizen[local])]
                let key = Int64(citizen) << 16 | Int64(output.seriesTheme[local])
                let next = Int32(seriesTheme.count)
                remap[local] = seriesOf.value(for: key) { next }
                if remap[local] == next {
                    seriesTheme.append(output.seriesTheme[local])
                    seriesCitizen.append(citizen)
                }
            }
            remaps.append(remap)
        }

        let seriesCount = seriesTheme.count
        var start = [Int32](repeating: 0, count: seriesCount + 1)
        for (output, remap) in zip(outputs, remaps) {
            for local in output.rowSeries { start[Int(remap[Int(local)]) + 1] += 1 }
        }
        for index in 0..<seriesCount { start[index + 1] += start[index] }
        let total = Int(start[seriesCount])
        var days = [Int32](repeating: 0, count: total)
        var levels = [Int8](repeating: 0, count: total)
        var fill = start
        for (output, remap) in zip(outputs, remaps) {
            for row in 0..<output.rowSeries.count {
                let series = Int(remap[Int(output.rowSeries[row])])
                let slot = Int(fill[series])
                fill[series] += 1
                days[slot] = output.rowDay[row]
                levels[slot] = output.rowLevel[row]
            }
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
            for offset in 0..<order.count {
                days[lower + offset] = sortedDays[offset]
                levels[lower + offset] = sortedLevels[offset]
            }
            for index in (lower + 1)..<upper where days[index] == days[index - 1] {
                let citizen = citizens.text(seriesCitizen[series])
                let theme = themes.themes[Int(seriesTheme[series])]
                let lines = try locate(citizen, theme, days[index])
                let where_ = lines.count >= 2 ? "(also line \(lines[0]))" : ""
                throw ExtractError(line: lines.last ?? 0, message: "citizen \(citizen) has theme \"\(theme.name)\" twice on \(LocalDate(dayNumber: Int(days[index])).iso) \(where_)".trimmingCharacters(in: .whitespaces))
            }
        }
        return Extract(themes: themes.themes, citizenCount: citizens.count, rows: total, seriesTheme: seriesTheme, seriesStart: start, days: days, levels: levels)
    }
}
