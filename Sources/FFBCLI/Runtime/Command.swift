import FFBCommandLine

/// One `ffb` command: its spec (for parsing and help) and what it does.
protocol Command {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError)
}

/// A node of the command tree: a group of subcommands or a runnable command.
struct CommandNode {
    var spec: CommandSpec
    var run: ((ParsedArguments, CommandContext) throws(CLIError) -> Void)?
    var children: [CommandNode]

    /// A command; every one takes `--lang` (its own, like `report`'s, or the common one) and runs
    /// with its context's language set from it.
    static func command<C: Command>(_ type: C.Type) -> CommandNode {
        var spec = C.spec
        if !spec.options.contains(where: { $0.name == LanguageOption.spec.name }) { spec.options.append(LanguageOption.spec) }
        return CommandNode(spec: spec, run: { arguments, context throws(CLIError) in
            context.language = try LanguageOption.language(arguments, context: context)
            try C.run(arguments, context: context)
        }, children: [])
    }

    /// The same command under another name (e.g. `list citizens` for `citizen list`).
    static func command<C: Command>(_ type: C.Type, named name: String) -> CommandNode {
        var node = command(type)
        node.spec.name = name
        return node
    }

    static func group(_ name: String, abstract: String, _ children: [CommandNode]) -> CommandNode {
        var spec = CommandSpec(name, abstract: abstract)
        spec.subcommands = children.map(\.spec)
        return CommandNode(spec: spec, run: nil, children: children)
    }

    func node(at path: [String]) -> CommandNode? {
        guard let first = path.first else { return self }
        return children.first { $0.spec.name == first }?.node(at: Array(path.dropFirst()))
    }
}
