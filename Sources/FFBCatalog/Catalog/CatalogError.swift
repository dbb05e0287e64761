/// A problem in a catalogue file, located by JSON pointer.
public struct CatalogProblem: Sendable, Equatable, CustomStringConvertible {
    public var pointer: String
    public var message: String

    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}

/// A catalogue file that cannot be used; carries every problem found.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [CatalogProblem]

    public init(_ problems: [CatalogProblem]) {
        self.problems = problems
    }

    public init(pointer: String, message: String) {
        self.problems = [CatalogProblem(pointer: pointer, message: message)]
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
