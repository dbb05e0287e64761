import FFBModel
import FFBSQLite
import FFBText

extension Store {
    /// The stored pseudonyms one or two characters from `text`, which names no citizen: a scan
    /// of the pseudonym column, cheap enough for one error. Only pseudonyms, never a CPR number.
    static func closestPseudonyms(to text: String, in database: Database) throws -> [String] {
        let stored = try database.map("SELECT pseudonym FROM citizens ORDER BY pseudonym") { row in try row.string(0) }
        return ClosestMatches(maxEdits: 2).among(stored, for: text)
    }

    /// Why `reference` names no citizen when it is neither a pseudonym nor a CPR number. A text
    /// that looks like a pseudonym gets the nearest stored ones; one with many digits may be a
    /// mistyped CPR number and is not repeated.
    static func notACitizenReference(_ reference: String, in database: Database) throws -> String {
        let expected = "neither a pseudonym (P-XXXXXXXX) nor a CPR number"
        let message = "\"\(reference)\" is \(expected)"
        if reference.uppercased().hasPrefix("P-") {
            return DidYouMean.message(message, suggesting: try closestPseudonyms(to: reference, in: database))
        }
        return reference.filter(\.isNumber).count >= 6 ? "the citizen given is \(expected)" : message
    }
}
