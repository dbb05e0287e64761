import FFBExchange
import FFBJSON

/// An exchange file's problems and warnings as the CLI prints them: FILE:/json/pointer: message.
enum ExchangeDiagnostics {
    static func errors(_ issues: ExchangeIssues, file: String) -> [Diagnostic] {
        issues.errors.map { Diagnostic(file: file, location: $0.pointer.location, message: $0.message) }
    }

    static func warningLines(_ warnings: [JSONIssue], file: String) -> [String] {
        warnings.map { Diagnostic(file: file, location: $0.pointer.location, message: "warning: \($0.message)").description }
    }
}
