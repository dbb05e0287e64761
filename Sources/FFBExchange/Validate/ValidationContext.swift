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

/// Quotes a value in a message unless it could be personal data: codes and names are shown,
/// anything with a run of six or more digits (a CPR number typed in the wrong field) is not;
/// what is shown is cut short.
enum Quoted {
    static func value(_ text: String) -> String {
        var run = 0
        for character in text {
            run = character.isASCII && character.isNumber ? run + 1 : 0
            if run >= 6 { return "the value given" }
        }
        return Excerpt.quoted(text)
    }
}
