/// A minimal SVG writer: the few elements our charts need, with escaping done once, here.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body: [String] = []
    /// What a screen reader announces for the whole chart.
    let label: String

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil, stroke: String? = nil) {
        let strokeText = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        let shape = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\"\(strokeText)"
        if let tooltip {
            body.append(shape + "><title>\(escape(tooltip))</title></rect>")
        } else {
            body.append(shape + "/>")
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#333", width: Double = 1, dash: String? = nil) {
        let dashText = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        body.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashText)/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, tooltip: String? = nil) {
        let shape = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"#FFFFFF\" stroke-width=\"1\""
        body.append(tooltip.map { shape + "><title>\(escape($0))</title></circle>" } ?? shape + "/>")
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1, dash: String? = nil) {
        guard points.count > 1 else { return }
        let dashText = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(dashText)/>")
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, weight: String = "normal", fill: String = "#222") {
        body.append("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\" font-weight=\"\(weight)\" fill=\"\(fill)\">\(escape(content))</text>")
    }

    var markup: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(escape(label))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"><title>\(escape(label))</title>"
            + body.joined() + "</svg>"
    }

    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Escapes text for HTML and SVG content and attributes.
func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

/// Colour-blind-safe colours (Okabe–Ito) for change, and a sequential scale for levels 0–4.
enum Palette {
    static let improved = "#009E73"
    static let unchanged = "#B8B8B8"
    static let worsened = "#D55E00"
    static let levels = ["#1A9850", "#91CF60", "#FEE08B", "#FC8D59", "#D73027"]
    static let heat = ["#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]
    static let accent = "#0072B2"
    static let muted = "#666666"

    /// A blue of the heat scale for a share 0…1; dark cells get white text.
    static func heat(_ share: Double) -> (fill: String, text: String) {
        let index = min(heat.count - 1, max(0, Int((share * Double(heat.count - 1)).rounded(.up))))
        return (heat[index], index >= 3 ? "#FFFFFF" : "#222222")
    }
}
