import Foundation

/// Folds Danish text for forgiving matching: "Ændre" and "aendre" meet, as do "Købe" and "kobe".
package enum TextFolding {
    /// Lowercases, spells æ ø å as ae oe aa and strips other accents.
    package static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            default: out.append(character)
            }
        }
        return out.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// A second, looser spelling where ø and å are plain vowels, so "kobe ind" finds "Købe ind".
    package static func foldLoosely(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "ø", with: "o")
    }
}
