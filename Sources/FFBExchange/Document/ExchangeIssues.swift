import FFBJSON

/// Everything wrong with (errors) and worth knowing about (warnings) one document.
///
/// Warnings never stop an import: they name what a reader skipped (a FHIR element FFBKit does not
/// hold, a member a newer writer added) or a gap it filled (a missing assessor).
public struct ExchangeIssues: Sendable, Hashable {
    public var errors: [JSONIssue] = []
    public var warnings: [JSONIssue] = []

    public init(errors: [JSONIssue] = [], warnings: [JSONIssue] = []) {
        self.errors = errors
        self.warnings = warnings
    }

    public var hasErrors: Bool { !errors.isEmpty }

    public mutating func error(_ message: String, at pointer: JSONPointer) {
        errors.append(JSONIssue(pointer: pointer, message: message))
    }

    public mutating func warning(_ message: String, at pointer: JSONPointer) {
        warnings.append(JSONIssue(pointer: pointer, message: message))
    }

    public mutating func append(_ other: ExchangeIssues) {
        errors += other.errors
        warnings += other.warnings
    }
}

/// A document that could not be read, validated or applied, with every problem found.
public struct ExchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: ExchangeIssues

    public init(_ issues: ExchangeIssues) {
        self.issues = issues
    }

    public init(_ message: String, at pointer: JSONPointer = JSONPointer()) {
        issues = ExchangeIssues(errors: [JSONIssue(pointer: pointer, message: message)])
    }

    public var description: String {
        issues.errors.map(\.description).joined(separator: "\n")
    }
}
