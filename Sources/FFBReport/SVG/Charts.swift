/// The report's charts, each a function from numbers to SVG markup.
enum Charts {
    struct ChangeBar {
        var label: String
        var n: Int
        var improved: Int
        var unchanged: Int
        var worsened: Int
        /// Wilson interval of the improved share, drawn as a whisker.
        var interval: (Double, Double)?
    }

    /// Horizontal 100 % bars: improved | unchanged | worsened, with n and the Wilson interval.
    /// `segments` names the three parts (improved, unchanged, worsened by default).
    static func changeBars(_ bars: [ChangeBar], words: Words, segments: (String, String, String)? = nil) -> String {
        let labelWidth = 250.0, barWidth = 420.0, rowHeight = 26.0, top = 34.0
        let (good, same, bad) = segments ?? (words.improved, words.unchanged, words.worsened)
        var svg = SVG(width: labelWidth + barWidth + 90, height: top + Double(bars.count) * rowHeight + 30, label: words.changeChartLabel)
        legend(&svg, x: labelWidth, y: 14, items: [(good, Palette.improved), (same, Palette.unchanged), (bad, Palette.worsened)])
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            svg.text(clip(bar.label, 34), x: labelWidth - 8, y: y + 15, anchor: .end, size: 11)
            let total = Double(max(bar.n, 1))
            var x = labelWidth
            for (count, colour, word) in [(bar.improved, Palette.improved, good), (bar.unchanged, Palette.unchanged, same), (bar.worsened, Palette.worsened, bad)] {
                let width = barWidth * Double(count) / total
                svg.rect(x: x, y: y + 3, width: width, height: rowHeight - 8, fill: colour,
                         tooltip: "\(bar.label): \(word) \(count) of \(bar.n) (\(percent(Double(count) / total)))")
                x += width
            }
            if let (low, high) = bar.interval {
                let y0 = y + rowHeight / 2 - 1
                svg.line(x1: labelWidth + barWidth * low, y1: y0, x2: labelWidth + barWidth * high, y2: y0, stroke: "#000", width: 1.5)
                svg.line(x1: labelWidth + barWidth * low, y1: y0 - 5, x2: labelWidth + barWidth * low, y2: y0 + 5, stroke: "#000", width: 1.5)
                svg.line(x1: labelWidth + barWidth * high, y1: y0 - 5, x2: labelWidth + barWidth * high, y2: y0 + 5, stroke: "#000", width: 1.5)
            }
            svg.text("n = \(bar.n)", x: labelWidth + barWidth + 8, y: y + 15, size: 11, fill: Palette.muted)
        }
        let axisY = top + Double(bars.count) * rowHeight + 4
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg.line(x1: labelWidth + barWidth * tick, y1: axisY, x2: labelWidth + barWidth * tick, y2: axisY + 4, stroke: Palette.muted)
            svg.text(percent(tick), x: labelWidth + barWidth * tick, y: axisY + 16, anchor: .middle, size: 10, fill: Palette.muted)
        }
        return svg.markup
    }

    /// Side-by-side distributions (e.g. levels at baseline and at follow-up), one bar group per level.
    static func distributions(title: String, categories: [String], series: [(name: String, counts: [Int], colour: String)], words: Words) -> String {
        let width = 560.0, height = 230.0, left = 46.0, bottom = 40.0, top = 30.0
        var svg = SVG(width: width, height: height, label: title)
        legend(&svg, x: left, y: 14, items: series.map { ($0.name, $0.colour) })
        let totals = series.map { max(1, $0.counts.reduce(0, +)) }
        let maxShare = series.indices.flatMap { s in series[s].counts.map { Double($0) / Double(totals[s]) } }.max() ?? 1
        let scale = max(maxShare, 0.05)
        let plotHeight = height - top - bottom
        let groupWidth = (width - left - 10) / Double(categories.count)
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        for tick in stride(from: 0.0, through: scale + 1e-9, by: scale > 0.5 ? 0.25 : 0.1) {
            let y = top + plotHeight * (1 - tick / scale)
            svg.line(x1: left, y1: y, x2: width - 10, y2: y, stroke: "#E5E5E5")
            svg.text(percent(tick), x: left - 6, y: y + 4, anchor: .end, size: 10, fill: Palette.muted)
        }
        for (c, category) in categories.enumerated() {
            let groupX = left + Double(c) * groupWidth + groupWidth * 0.1
            for (s, item) in series.enumerated() {
                let share = Double(item.counts[c]) / Double(totals[s])
                let barHeight = plotHeight * share / scale
                svg.rect(x: groupX + Double(s) * barWidth, y: top + plotHeight - barHeight, width: barWidth - 2, height: barHeight, fill: item.colour,
                         tooltip: "\(item.name), \(category): \(item.counts[c]) (\(percent(share)))")
            }
            svg.text(category, x: left + Double(c) * groupWidth + groupWidth / 2, y: height - bottom + 16, anchor: .middle, size: 11)
        }
        svg.line(x1: left, y1: top + plotHeight, x2: width - 10, y2: top + plotHeight, stroke: "#333")
        return svg.markup
    }

    /// A 5×5 transition heat map: rows baseline, columns follow-up, counts in the cells.
    /// A grid of counts; a nil cell is suppressed (disclosure control): grey, shown as "·".
    static func heatMap(title: String, labels: [String], matrix: [[Int?]], words: Words) -> String {
        let cell = 24.0, left = 62.0, top = 36.0
        var svg = SVG(width: left + cell * Double(labels.count) + 20, height: top + cell * Double(labels.count) + 30, label: title)
        svg.text(words.followUp + " →", x: left + cell * Double(labels.count) / 2, y: 14, anchor: .middle, size: 11, fill: Palette.muted)
        svg.text(words.baseline + " ↓", x: 4, y: top - 8, size: 11, fill: Palette.muted)
        let maximum = Double(max(1, matrix.joined().compactMap { $0 }.max() ?? 1))
        for (j, label) in labels.enumerated() {
            svg.text(label, x: left + cell * (Double(j) + 0.5), y: top - 6, anchor: .middle, size: 11)
        }
        for (i, row) in matrix.enumerated() {
            svg.text(labels[i], x: left - 8, y: top + cell * (Double(i) + 0.5) + 4, anchor: .end, size: 11)
            for (j, count) in row.enumerated() {
                let colours = count.map { Palette.heat(Double($0) / maximum) } ?? (fill: "#E0E0E0", text: Palette.muted)
                svg.rect(x: left + cell * Double(j), y: top + cell * Double(i), width: cell - 1, height: cell - 1, fill: colours.fill,
                         tooltip: "\(labels[i]) → \(labels[j]): \(count.map(String.init) ?? words.suppressed)", stroke: i == j ? "#888" : nil)
                svg.text(count.map(String.init) ?? "·", x: left + cell * (Double(j) + 0.5), y: top + cell * (Double(i) + 0.5) + 4, anchor: .middle, size: 10, fill: colours.text)
            }
        }
        return svg.markup
    }

    /// Vertical bars of amounts (e.g. cost per support level).
    static func amounts(title: String, bars: [(label: String, value: Double, text: String)]) -> String {
        let width = 520.0, height = 220.0, left = 20.0, top = 20.0, bottom = 36.0
        var svg = SVG(width: width, height: height, label: title)
        let maximum = max(bars.map(\.value).max() ?? 1, 1)
        let slot = (width - left * 2) / Double(max(bars.count, 1))
        for (index, bar) in bars.enumerated() {
            let barHeight = (height - top - bottom - 14) * bar.value / maximum
            let x = left + slot * Double(index) + slot * 0.2
            svg.rect(x: x, y: height - bottom - barHeight, width: slot * 0.6, height: barHeight, fill: Palette.accent, tooltip: "\(bar.label): \(bar.text)")
            svg.text(bar.text, x: x + slot * 0.3, y: height - bottom - barHeight - 4, anchor: .middle, size: 10)
            svg.text(bar.label, x: x + slot * 0.3, y: height - bottom + 16, anchor: .middle, size: 11)
        }
        svg.line(x1: left, y1: height - bottom, x2: width - left, y2: height - bottom)
        return svg.markup
    }

    static func legend(_ svg: inout SVG, x: Double, y: Double, items: [(String, String)]) {
        var offset = x
        for (name, colour) in items {
            svg.rect(x: offset, y: y - 9, width: 10, height: 10, fill: colour)
            svg.text(name, x: offset + 14, y: y, size: 11)
            offset += 24 + Double(name.count) * 6.5
        }
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded())) %"
    }

    static func clip(_ text: String, _ length: Int) -> String {
        text.count > length ? String(text.prefix(length - 1)) + "…" : text
    }
}
