/// Numbers as people read them in tables, in the report and on the terminal alike.
package enum NumberText {
    /// `value` rounded to `digits` decimals, always showing them: 0.5 → "0.50".
    package static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    /// A p-value with three decimals, "<0.001" below that, "–" when undefined.
    package static func pValue(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 0.001 ? "<0.001" : fixed(value, digits: 3)
    }
}
