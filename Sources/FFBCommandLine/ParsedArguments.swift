/// What the parser found on the command line for one command.
public struct ParsedArguments: Sendable, Equatable {
    /// The subcommand path, e.g. `["catalog", "list"]`.
    public var commandPath: [String]
    public var values: [String: [String]]
    public var flags: Set<String>
    public var positionals: [String]

    public init(commandPath: [String] = [], values: [String: [String]] = [:], flags: Set<String> = [], positionals: [String] = []) {
        self.commandPath = commandPath
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    /// The value of a single-valued option, or nil when absent.
    public func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value of a repeated option, in command-line order.
    public func values(_ name: String) -> [String] {
        values[name] ?? []
    }

    public func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The value of an option the command cannot do without.
    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else {
            throw UsageError("missing required option --\(name)", command: commandPath)
        }
        return value
    }

    /// Parses an option's value with `parse`, turning failure into a usage error naming the option.
    public func value<T>(_ name: String, as what: String, _ parse: (String) -> T?) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        guard let parsed = parse(text) else {
            throw UsageError("--\(name): \"\(text)\" is not \(what)", command: commandPath)
        }
        return parsed
    }
}

/// A command line that does not fit the command's shape. The CLI exits with code 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The command the error is about, so the hint can name its `--help`.
    public var command: [String]

    public init(_ message: String, command: [String] = []) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}
