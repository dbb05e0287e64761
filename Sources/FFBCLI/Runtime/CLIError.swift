import FFBCommandLine

/// One problem for the user, printed as `FILE:LOCATION: message` (or `ffb: message` when no file
/// is involved). Messages never contain a CPR number unless the problem is that very number.
package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    package var file: String?
    /// A JSON pointer for JSON input, a line number for CSV, nil when the whole input is meant.
    package var location: String?
    package var message: String

    package init(file: String? = nil, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    package var description: String {
        guard let file else { return "ffb: \(message)" }
        guard let location else { return "\(file): \(message)" }
        return "\(file):\(location.isEmpty ? "/" : location): \(message)"
    }
}

/// How a command fails; the exit code follows from the case (CLI.md).
package enum CLIError: Error, Sendable {
    /// The command line does not fit the command: exit 2.
    case usage(UsageError)
    /// The input is invalid and nothing was written: exit 1.
    case invalidInput([Diagnostic])
    /// The store could not be read or written; nothing was half-written: exit 3.
    case store(String)
    /// Nothing to do: the store already holds what was asked (the same follow-up again). Said
    /// on standard output, exit 0, nothing written.
    case unchanged(String)

    package static func invalid(_ message: String, file: String? = nil, location: String? = nil) -> CLIError {
        .invalidInput([Diagnostic(file: file, location: location, message: message)])
    }

    package var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .invalidInput: 1
        case .store: 3
        case .unchanged: 0
        }
    }
}
