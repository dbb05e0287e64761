import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel

/// What validation accumulates while it walks one document: every problem, and where each
/// record is for the stages after it.
struct ValidationContext {
    let index: CatalogIndex
    var issues = ExchangeIssues()
    var locations = DocumentLocations()

    var catalog: Catalog { index.catalog }

    mutating func error(_ message: String, at pointer: JSONPointer) {
        issues.error(message, at: pointer)
    }

    mutating func warning(_ message: String, at pointer: JSONPointer) {
        issues.warning(message, at: pointer)
    }

    /// A model rule broken by values that passed every check before it; reported, never trapped.
    mutating func model<T>(at pointer: JSONPointer, _ build: () throws(ModelError) -> T) -> T? {
        do {
            return try build()
        } catch {
            self.error(error.message, at: pointer)
            return nil
        }
    }

    func party(_ raw: RawParty) -> Organization? {
        try? Organization(name: raw.name.value, identifier: raw.identifier.value)
    }
}

/// Quotes a value from a document in a message, so the reader sees what was wrong: any
/// CPR-shaped part (ten digits, or six, a dash and four, standing alone as a word: a CPR number
/// typed into the wrong field, or used as a resource id) replaced by "…", never shown, and the
/// rest cut and escaped as every quoted excerpt is. A UUID or a URL keeps its digits.
enum Quoted {
    /// Room for a `urn:uuid:` reference whole.
    static let limit = 80

    static func value(_ text: String) -> String {
        var shown = ""
        var word = ""
        func flush() {
            shown += isCPRShaped(word) ? "…" : word
            word = ""
        }
        // Enough to fill an excerpt; the rest is never shown.
        for character in text.prefix(4 * limit) {
            if character.isASCII && (character.isLetter || character.isNumber || character == "-") {
                word.append(character)
            } else {
                flush()
                shown.append(character)
            }
        }
        flush()
        return Excerpt.quoted(shown + (text.count > 4 * limit ? "…" : ""), maxCharacters: limit)
    }

    private static func isCPRShaped(_ word: String) -> Bool {
        let digits = word.filter { $0 != "-" }
        guard digits.count == 10, digits.allSatisfy(\.isNumber) else { return false }
        return word.count == 10 || (word.count == 11 && Array(word)[6] == "-")
    }
}
