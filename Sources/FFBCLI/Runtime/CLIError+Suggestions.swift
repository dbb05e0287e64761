import FFBText

extension CLIError {
    /// `--option: message; did you mean "…"?`, suggesting the values of `known` closest to
    /// `typed` (nothing when none is close).
    static func unknownValue(_ typed: String, option: String, _ message: String, known: [String]) -> CLIError {
        .invalid(DidYouMean.message("--\(option): \(message)", suggesting: ClosestMatches().among(known, for: typed)))
    }
}
