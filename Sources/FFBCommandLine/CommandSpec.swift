/// The shape of one command: what it is called, what it takes, and the help text people read.
///
/// Specs are plain values so that help, parsing and completion all come from one description.
package struct CommandSpec: Sendable {
    package var name: String
    package var abstract: String
    package var discussion: String?
    package var options: [OptionSpec]
    package var positionals: [PositionalSpec]
    package var subcommands: [CommandSpec]
    /// Example invocations shown under `--help`.
    package var examples: [String]

    package init(
        _ name: String,
        abstract: String,
        discussion: String? = nil,
        options: [OptionSpec] = [],
        positionals: [PositionalSpec] = [],
        subcommands: [CommandSpec] = [],
        examples: [String] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.subcommands = subcommands
        self.examples = examples
    }

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name || $0.shortName.map { String($0) } == name }
    }

    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}

/// A named option: `--name value`, `--name=value`, or, for a flag, `--name` alone.
package struct OptionSpec: Sendable {
    package enum Kind: Sendable, Equatable {
        /// Takes no value; present or absent.
        case flag
        /// Takes one value; given at most once.
        case single
        /// Takes one value each time; may be repeated.
        case repeated
    }

    package var name: String
    package var shortName: Character?
    package var kind: Kind
    package var valueName: String
    package var help: String
    package var isRequired: Bool
    /// When set, a value outside this list is a usage error.
    package var allowedValues: [String]?
    /// Shown in help; the parser does not apply it (commands decide what absence means).
    package var defaultDescription: String?

    package init(
        _ name: String,
        short: Character? = nil,
        kind: Kind = .single,
        value: String = "VALUE",
        help: String,
        required: Bool = false,
        allowed: [String]? = nil,
        defaultDescription: String? = nil
    ) {
        self.name = name
        self.shortName = short
        self.kind = kind
        self.valueName = value
        self.help = help
        self.isRequired = required
        self.allowedValues = allowed
        self.defaultDescription = defaultDescription
    }

    package static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name, short: short, kind: .flag, help: help)
    }
}

/// A positional argument.
package struct PositionalSpec: Sendable {
    package var name: String
    package var help: String
    package var isRequired: Bool
    /// Takes every remaining argument (e.g. `FILE...`).
    package var isVariadic: Bool

    package init(_ name: String, help: String, required: Bool = true, variadic: Bool = false) {
        self.name = name
        self.help = help
        self.isRequired = required
        self.isVariadic = variadic
    }
}
