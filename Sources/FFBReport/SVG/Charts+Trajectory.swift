/// The report's trajectory charts (Docs/progression.md, "Trajectories").
extension Charts {
    /// One window as a chart draws it; nil cells and a nil window are suppressed.
    struct TrajectoryBar {
        var label: String
        /// Series per level 0…4, nil where suppressed; nil when the whole window is hidden.
        var cells: [Int?]?
        var n: Int
        var mean: Double?
        var interval: (lower: Double, upper: Double)?
    }

    /// Vertical 100 % bars per window, stacked by level (0 at the bottom); suppressed cells are
    /// one grey segment, a hidden window a grey bar marked "·".
    static func trajectoryLevels(_ bars: [TrajectoryBar], title: String, axis: String, words: Words) -> String {
        let width = 470.0, height = 280.0, left = 46.0, top = 34.0, bottom = 44.0
        var svg = SVG(width: width, height: height, label: title)
        legend(&svg, x: left, y: 14, items: (0..<5).map { ("\(words.level) \($0)", Palette.levels[$0]) })
        let plotHeight = height - top - bottom
        let slot = (width - left - 10) / Double(max(bars.count, 1))
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let y = top + plotHeight * (1 - tick)
            svg.line(x1: left, y1: y, x2: width - 10, y2: y, stroke: "#E5E5E5")
            svg.text(percent(tick), x: left - 6, y: y + 4, anchor: .end, size: 10, fill: Palette.muted)
        }
        for (index, bar) in bars.enumerated() {
            let x = left + slot * Double(index) + slot * 0.18, barWidth = slot * 0.64
            svg.text(bar.label, x: x + barWidth / 2, y: top + plotHeight + 16, anchor: .middle, size: 11)
            guard let cells = bar.cells else {
                svg.rect(x: x, y: top, width: barWidth, height: plotHeight, fill: "#EEEEEE", tooltip: "\(bar.label): \(words.suppressed)")
                svg.text("·", x: x + barWidth / 2, y: top + plotHeight / 2, anchor: .middle, size: 14, fill: Palette.muted)
                continue
            }
            guard bar.n > 0 else {
                svg.text("–", x: x + barWidth / 2, y: top + plotHeight - 6, anchor: .middle, size: 12, fill: Palette.muted)
                continue
            }
            var y = top + plotHeight
            let hidden = bar.n - cells.compactMap { $0 }.reduce(0, +)
            for (level, count) in cells.enumerated() {
                guard let count, count > 0 else { continue }
                let segment = plotHeight * Double(count) / Double(bar.n)
                y -= segment
                svg.rect(x: x, y: y, width: barWidth, height: segment, fill: Palette.levels[level],
                         tooltip: "\(bar.label): \(words.level) \(level): \(count) (\(percent(Double(count) / Double(bar.n))))")
            }
            if hidden > 0 {
                let segment = plotHeight * Double(hidden) / Double(bar.n)
                svg.rect(x: x, y: y - segment, width: barWidth, height: segment, fill: "#D0D0D0", tooltip: "\(bar.label): \(words.suppressed)")
            }
            svg.text("n = \(bar.n)", x: x + barWidth / 2, y: top + plotHeight + 30, anchor: .middle, size: 10, fill: Palette.muted)
        }
        svg.text(axis, x: left + (width - left - 10) / 2, y: height - 2, anchor: .middle, size: 11, fill: Palette.muted)
        return svg.markup
    }

    /// The mean level per window with its 95 % interval (whiskers), the points joined; the axis
    /// runs from level 0 (top, best) to 4.
    static func trajectoryMean(_ bars: [TrajectoryBar], title: String, axis: String, words: Words) -> String {
        let width = 420.0, height = 280.0, left = 46.0, top = 34.0, bottom = 44.0
        var svg = SVG(width: width, height: height, label: title)
        let plotHeight = height - top - bottom
        let slot = (width - left - 10) / Double(max(bars.count, 1))
        func y(_ level: Double) -> Double { top + plotHeight * min(4, max(0, level)) / 4 }
        for level in 0...4 {
            svg.line(x1: left, y1: y(Double(level)), x2: width - 10, y2: y(Double(level)), stroke: "#E5E5E5")
            svg.text(String(level), x: left - 6, y: y(Double(level)) + 4, anchor: .end, size: 10, fill: Palette.muted)
        }
        var previous: (Double, Double)?
        for (index, bar) in bars.enumerated() {
            let x = left + slot * (Double(index) + 0.5)
            svg.text(bar.label, x: x, y: top + plotHeight + 16, anchor: .middle, size: 11)
            guard bar.cells != nil, let mean = bar.mean else {
                previous = nil
                continue
            }
            if let (lower, upper) = bar.interval {
                svg.line(x1: x, y1: y(lower), x2: x, y2: y(upper), stroke: "#000", width: 1.5)
                svg.line(x1: x - 5, y1: y(lower), x2: x + 5, y2: y(lower), stroke: "#000", width: 1.5)
                svg.line(x1: x - 5, y1: y(upper), x2: x + 5, y2: y(upper), stroke: "#000", width: 1.5)
            }
            if let (px, py) = previous { svg.line(x1: px, y1: py, x2: x, y2: y(mean), stroke: Palette.accent, width: 2) }
            svg.rect(x: x - 4, y: y(mean) - 4, width: 8, height: 8, fill: Palette.accent, tooltip: "\(bar.label): \(NumberText.grouped(mean, digits: 2, in: words.language))")
            svg.text(NumberText.grouped(mean, digits: 2, in: words.language), x: x + 8, y: y(mean) - 6, size: 10)
            previous = (x, y(mean))
        }
        svg.text(axis, x: left + (width - left - 10) / 2, y: height - 2, anchor: .middle, size: 11, fill: Palette.muted)
        return svg.markup
    }
}
