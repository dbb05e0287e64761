/// The language a person reads: Danish by default, English on request (`--lang en`). Every view
/// is in one of them, whole; codes, JSON keys and CSV headers stay as they are for programs.
public enum Language: String, CaseIterable, Sendable {
    case da
    case en

    /// The Danish or the English text, whichever this language is.
    @inlinable
    public func pick(_ da: String, _ en: String) -> String {
        self == .da ? da : en
    }
}
