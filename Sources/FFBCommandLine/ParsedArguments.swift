/// What the parser found on the command line for one command.
package struct ParsedArguments: Sendable, Equatable {
    /// The subcommand path, e.g. `["catalog", "list"]`.
    package var commandPath: [String]
    package var values: [String: [String]]
    package var flags: Set<String>
    package var positionals: [String]

    package init(commandPath: [String] = [], values: [String: [String]] = [:], flags: Set<String> = [], positionals: [String] = []) {
        self.commandPath = commandPath
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    /// The value of a single-valued option, or nil when absent.
    package func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value of a repeated option, in command-line order.
    package func values(_ name: String) -> [String] {
        values[name] ?? []
    }

    package func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The value of an option the command cannot do without.
    package func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else {
            throw UsageError("missing required option --\(name)", command: commandPath)
        }
        return value
    }

    /// Parses an option's value with `parse`, turning failure into a usage error naming the option.
    package func value<T>(_ name: String, as what: String, _ parse: (String) -> T?) throws(UsageError) -> T? {
        guard let text = value(name) else { return nil }
        guard let parsed = parse(text) else {
            throw UsageError("--\(name): \"\(text)\" is not \(what)", command: commandPath)
        }
        return parsed
    }
}

/// A command line that does not fit the command's shape. The CLI exits with code 2.
package struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    /// The command the error is about, so the hint can name its `--help`.
    package var command: [String]

    package init(_ message: String, command: [String] = []) {
        self.message = message
        self.command = command
    }

    package var description: String { message }
}
