import FFBText

/// Parses a command line against a tree of `CommandSpec`s.
///
/// Accepted forms: subcommands first, then in any order `--name value`, `--name=value`, `-x value`,
/// flags `--name`, repeated options, positionals, and `--` to end option parsing.
package struct ArgumentParser: Sendable {
    package var root: CommandSpec

    package init(root: CommandSpec) {
        self.root = root
    }

    package enum Outcome: Sendable, Equatable {
        case run(ParsedArguments)
        /// `--help` (or `help`) was asked for the command at this path.
        case help([String])
        case version
    }

    package func parse(_ arguments: [String]) throws(UsageError) -> Outcome {
        var spec = root
        var path: [String] = []
        var index = 0

        // Walk down the subcommand tree as far as the words name subcommands.
        while index < arguments.count, !spec.subcommands.isEmpty {
            let word = arguments[index]
            if word == "--help" || word == "-h" || word == "help" { return .help(path) }
            if word == "--version", path.isEmpty { return .version }
            guard let next = spec.subcommand(named: word) else {
                if word.hasPrefix("-") { break }
                throw UsageError(Self.unknownCommand(word, among: spec.subcommands.map(\.name)), command: path)
            }
            spec = next
            path.append(word)
            index += 1
        }
        if !spec.subcommands.isEmpty, spec.positionals.isEmpty, spec.options.isEmpty {
            if arguments[index...].contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(path) }
            throw UsageError("\(path.isEmpty ? "a command" : "a subcommand of '\(path.joined(separator: " "))'") is required", command: path)
        }

        var parsed = ParsedArguments(commandPath: path)
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "--help" || word == "-h" { return .help(path) }

            let (name, inlineValue) = Self.split(word)
            guard let option = spec.option(named: name) else {
                let suggestions = ClosestMatches().among(spec.options.map(\.name), for: name).map { "--\($0)" }
                let typed = word.split(separator: "=").first.map(String.init) ?? word
                throw UsageError(DidYouMean.message("unknown option \(typed)", suggesting: suggestions), command: path)
            }
            switch option.kind {
            case .flag:
                if inlineValue != nil {
                    throw UsageError("--\(option.name) takes no value", command: path)
                }
                parsed.flags.insert(option.name)
            case .single, .repeated:
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    throw UsageError("--\(option.name) needs a value (\(option.valueName))", command: path)
                }
                if value.isEmpty {
                    throw UsageError("--\(option.name) needs a value (\(option.valueName)), not an empty one", command: path)
                }
                if let allowed = option.allowedValues, !allowed.contains(value) {
                    let message = "--\(option.name): \"\(value)\" is not one of \(allowed.joined(separator: ", "))"
                    throw UsageError(DidYouMean.message(message, suggesting: ClosestMatches().among(allowed, for: value)), command: path)
                }
                if option.kind == .single, parsed.values[option.name] != nil {
                    throw UsageError("--\(option.name) given more than once", command: path)
                }
                parsed.values[option.name, default: []].append(value)
            }
        }

        for option in spec.options where option.isRequired {
            if parsed.values[option.name] == nil && !parsed.flags.contains(option.name) {
                throw UsageError("missing required option --\(option.name) \(option.valueName)", command: path)
            }
        }
        try Self.checkPositionals(parsed.positionals, against: spec.positionals, path: path)
        return .run(parsed)
    }

    private static func checkPositionals(_ given: [String], against specs: [PositionalSpec], path: [String]) throws(UsageError) {
        let required = specs.filter(\.isRequired).count
        if given.count < required {
            let missing = specs.filter(\.isRequired)[given.count]
            throw UsageError("missing argument \(missing.name)", command: path)
        }
        let variadic = specs.contains(where: \.isVariadic)
        if !variadic, given.count > specs.count {
            throw UsageError("unexpected argument \"\(given[specs.count])\"", command: path)
        }
    }

    /// Splits `--name=value` and `-x`; names come back without dashes.
    private static func split(_ word: String) -> (String, String?) {
        let body = word.hasPrefix("--") ? word.dropFirst(2) : word.dropFirst(1)
        if let equals = body.firstIndex(of: "=") {
            return (String(body[..<equals]), String(body[body.index(after: equals)...]))
        }
        return (String(body), nil)
    }

    /// `unknown command "x"; did you mean "y"?`, or the whole list when nothing is close.
    private static func unknownCommand(_ word: String, among names: [String]) -> String {
        let message = "unknown command \"\(word)\""
        let suggestions = ClosestMatches().among(names, for: word)
        guard suggestions.isEmpty else { return DidYouMean.message(message, suggesting: suggestions) }
        return "\(message); expected one of: \(names.joined(separator: ", "))"
    }
}
