import FFBCatalog
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

/// Quotes a value from a document in a message, so the reader sees what was wrong: cut to
/// `limit` characters, and with any CPR-shaped part (ten digits, or six, a dash and four, standing
/// alone as a word: a CPR number typed into the wrong field, or used as a resource id) replaced
/// by "…", never shown. A UUID or a URL keeps its digits.
enum Quoted {
    static let limit = 80

    static func value(_ text: String) -> String {
        var shown = ""
        var word = ""
        func flush() {
            shown += isCPRShaped(word) ? "…" : word
            word = ""
        }
        for character in text.prefix(limit) {
            if character.isASCII && (character.isLetter || character.isNumber || character == "-") {
                word.append(character)
            } else {
                flush()
                shown.append(character)
            }
        }
        flush()
        return "\"\(shown)\(text.count > limit ? "…" : "")\""
    }

    private static func isCPRShaped(_ word: String) -> Bool {
        let digits = word.filter { $0 != "-" }
        guard digits.count == 10, digits.allSatisfy(\.isNumber) else { return false }
        return word.count == 10 || (word.count == 11 && Array(word)[6] == "-")
    }
}
