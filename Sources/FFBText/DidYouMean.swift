/// The words of a suggestion after an error, in one place so that they are translated in one
/// place: `did you mean "Købe ind"?`, `did you mean "a", "b" or "c"?`.
package enum DidYouMean {
    /// The question, or nil when there is nothing to suggest.
    package static func question(_ suggestions: [String]) -> String? {
        let quoted = suggestions.map { "\"\($0)\"" }
        guard let last = quoted.last else { return nil }
        let list = quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last
        return "did you mean \(list)?"
    }

    /// `message; did you mean …?`, or `message` alone when there is nothing to suggest.
    package static func message(_ message: String, suggesting suggestions: [String]) -> String {
        question(suggestions).map { "\(message); \($0)" } ?? message
    }
}
