import FFBCatalog
import Foundation

/// The check's names and details as `ffb check` shows them; the store names them in English
/// (and JSON keeps those), a Danish reader gets them in Danish.
enum CheckWords {
    static let danishChecks = [
        "SQLite integrity": "SQLites integritet", "references between records": "henvisninger mellem poster",
        "schema and append-only triggers": "skema og tilføj-kun-triggere", "audit trail hash chain": "revisionssporets hashkæde",
        "schema version": "skemaversion", "append-only triggers and row-level security": "tilføj-kun-triggere og rækkesikkerhed",
    ]

    static func check(_ name: String, _ lang: Language) -> String {
        lang == .da ? danishChecks[name] ?? name : name
    }

    /// The details the store gives when a check passes, in Danish where it has them.
    static func detail(_ text: String, _ lang: Language) -> String {
        guard lang == .da else { return text }
        if text == "every reference resolves" { return "alle henvisninger findes" }
        if text == "every table's, as this ffb makes them" { return "alle tabellers, som denne ffb laver dem" }
        if text.hasPrefix("as this ffb makes them") { return text.replacingOccurrences(of: "as this ffb makes them", with: "som denne ffb laver dem") }
        // "412 writes, last 3f2a9c1e…"
        if let comma = text.range(of: ", last "), let count = Int(text[..<comma.lowerBound].split(separator: " ").first ?? "") {
            return "\(count) skrivning\(count == 1 ? "" : "er"), sidste \(text[comma.upperBound...])"
        }
        return text
    }
}
