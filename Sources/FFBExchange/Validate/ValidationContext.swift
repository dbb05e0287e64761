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

/// Quotes a value from a document in a message, so the reader sees what was wrong, cut and
/// escaped as every quoted excerpt is, a CPR number's digits never shown (`Excerpt`).
enum Quoted {
    /// Room for a `urn:uuid:` reference whole.
    static let limit = 80

    static func value(_ text: String) -> String {
        Excerpt.quoted(text, maxCharacters: limit)
    }
}
