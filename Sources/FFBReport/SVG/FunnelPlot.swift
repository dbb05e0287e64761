import FFBCatalog
import Foundation

extension Charts {
    /// One group in the funnel plot: its expected count E, its O/E and where it falls.
    struct FunnelPoint {
        var label: String
        var expected: Double
        var ratio: Double
        /// 0 within the 95 % limits, 1 outside them, 2 outside the 99.8 % limits.
        var outside: Int
    }

    /// O/E against the expected count, with the 95 % and 99.8 % control limits 1 ± z/√E
    /// (`ObservedExpected.controlLimits`) as curves, and a line at 1.
    static func funnel(_ points: [FunnelPoint], title: String, axis: (x: String, y: String), limits: (z95: Double, z998: Double),
                       legend items: (String, String, String), language: Language) -> String {
        let width = 640.0, height = 360.0, left = 52.0, right = 150.0, top = 34.0, bottom = 44.0
        var svg = SVG(width: width, height: height, label: title)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxExpected = max(5, (points.map(\.expected).max() ?? 5) * 1.15)
        // The curves run off the top for small E; the points set the scale, 2 at least.
        let maxRatio = max(2, (points.map(\.ratio).max() ?? 1) * 1.1)
        func x(_ expected: Double) -> Double { left + plotWidth * expected / maxExpected }
        func y(_ ratio: Double) -> Double { top + plotHeight * (1 - min(ratio, maxRatio) / maxRatio) }
        legend(&svg, x: left, y: 14, items: [(items.0, Palette.accent), (items.1, "#E69F00"), (items.2, Palette.worsened)])
        // Axes and grid.
        let step = maxRatio > 3 ? 1.0 : 0.5
        for tick in stride(from: 0.0, through: maxRatio + 1e-9, by: step) {
            svg.line(x1: left, y1: y(tick), x2: left + plotWidth, y2: y(tick), stroke: "#E5E5E5")
            svg.text(NumberText.grouped(tick, digits: 1, in: language), x: left - 6, y: y(tick) + 4, anchor: .end, size: 10, fill: Palette.muted)
        }
        let xStep = niceStep(maxExpected / 5)
        for tick in stride(from: 0.0, through: maxExpected, by: xStep) {
            svg.line(x1: x(tick), y1: top + plotHeight, x2: x(tick), y2: top + plotHeight + 4, stroke: Palette.muted)
            svg.text(NumberText.grouped(tick, digits: 0, in: language), x: x(tick), y: top + plotHeight + 16, anchor: .middle, size: 10, fill: Palette.muted)
        }
        svg.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, stroke: Palette.muted)
        svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, stroke: Palette.muted)
        svg.text(axis.x, x: left + plotWidth / 2, y: height - 8, anchor: .middle, size: 11)
        svg.text(axis.y, x: left, y: top - 6, anchor: .start, size: 11)
        // The target and the control limits.
        svg.line(x1: left, y1: y(1), x2: left + plotWidth, y2: y(1), stroke: "#333", width: 1.2)
        for (z, dash) in [(limits.z95, "5 3"), (limits.z998, "2 3")] {
            // Each curve from where its upper limit enters the plot, 1 + z/√E = the top.
            let first = min(maxExpected / 2, max(0.25, pow(z / (maxRatio - 1), 2)))
            let samples = (0...80).map { first + (maxExpected - first) * Double($0) / 80 }
            svg.polyline(samples.map { (x: x($0), y: y(1 + z / $0.squareRoot())) }, stroke: "#555", width: 1.2, dash: dash)
            svg.polyline(samples.map { (x: x($0), y: y(max(0, 1 - z / $0.squareRoot()))) }, stroke: "#555", width: 1.2, dash: dash)
        }
        svg.text("95 %", x: left + plotWidth + 4, y: y(1 + limits.z95 / maxExpected.squareRoot()) + 4, size: 10, fill: Palette.muted)
        svg.text(language.pick("99,8 %", "99.8 %"), x: left + plotWidth + 4, y: y(1 + limits.z998 / maxExpected.squareRoot()) + 4, size: 10, fill: Palette.muted)
        // The groups, labelled beside their point.
        for point in points {
            let colour = [Palette.accent, "#E69F00", Palette.worsened][min(2, point.outside)]
            svg.circle(x: x(point.expected), y: y(point.ratio), radius: 5, fill: colour,
                       tooltip: "\(point.label): O/E \(NumberText.grouped(point.ratio, digits: 2, in: language)), E \(NumberText.grouped(point.expected, digits: 1, in: language))")
            svg.text(clip(point.label, 22), x: x(point.expected) + 8, y: y(point.ratio) + 4, size: 10)
        }
        return svg.markup
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    private static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }
}
