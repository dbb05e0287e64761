/// A domain rule that a value breaks. Messages name the rule, never personal data.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var message: String {
        switch self {
        case .invalid(let message): message
        }
    }

    public var description: String { message }
}
