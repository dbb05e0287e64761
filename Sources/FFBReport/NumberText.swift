import FFBCatalog

/// Numbers as people read them in tables, in the report and on the terminal alike: one place for
/// the CLI's tables and the HTML report. JSON and CSV are for programs and never go through here.
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

    /// A p-value with three decimals, "<0,001" (da) or "<0.001" (en) below that, "–" when undefined.
    package static func pValue(_ value: Double?, in language: Language) -> String {
        guard let value else { return "–" }
        return value < 0.001 ? "<" + grouped(0.001, digits: 3, in: language) : grouped(value, digits: 3, in: language)
    }

    /// A share as a percentage with one decimal: "48,0%" (da), "48.0%" (en).
    package static func percent(_ share: Double, in language: Language) -> String {
        grouped(share * 100, digits: 1, in: language) + "%"
    }

    /// `value` with `digits` decimals and its thousands grouped as the reader writes them:
    /// Danish 11.809.850,00, English 11,809,850.00.
    package static func grouped(_ value: Double, digits: Int, in language: Language) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Beyond what an Int holds exactly the plain form is all there is to show.
        guard value.isFinite, scaled < 9e15 else { return fixed(value, digits: digits) }
        let units = Int(scaled), divisor = Int(scale)
        return grouped(units: units / divisor, fraction: units % divisor, digits: digits, negative: value < 0 && units > 0, in: language)
    }

    /// An amount in kroner from øre, exactly, with two decimals: 1180985000 → "11.809.850,00" (da).
    package static func kroner(ore: Int, in language: Language) -> String {
        grouped(units: abs(ore) / 100, fraction: abs(ore) % 100, digits: 2, negative: ore < 0, in: language)
    }

    /// A whole number with its thousands grouped: 12345 → "12.345" (da), "12,345" (en).
    package static func grouped(_ value: Int, in language: Language) -> String {
        grouped(units: abs(value), fraction: 0, digits: 0, negative: value < 0, in: language)
    }

    private static func grouped(units: Int, fraction: Int, digits: Int, negative: Bool, in language: Language) -> String {
        let (thousands, decimal) = language == .da ? (".", ",") : (",", ".")
        let integer = Array(String(units))
        var text = negative ? "-" : ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { text += thousands }
            text.append(digit)
        }
        guard digits > 0 else { return text }
        let decimals = String(fraction)
        return text + decimal + String(repeating: "0", count: max(0, digits - decimals.count)) + decimals
    }
}
