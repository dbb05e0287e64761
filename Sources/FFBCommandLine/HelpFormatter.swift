/// Renders `--help` text from a command spec, so help can never disagree with what is parsed.
package struct HelpFormatter: Sendable {
    package var programName: String
    package var width: Int

    package init(programName: String, width: Int = 80) {
        self.programName = programName
        self.width = width
    }

    package func help(for spec: CommandSpec, path: [String]) -> String {
        let invocation = ([programName] + path).joined(separator: " ")
        var lines: [String] = []
        lines.append(spec.abstract)
        lines.append("")
        lines.append("USAGE: \(usage(for: spec, invocation: invocation))")
        if let discussion = spec.discussion {
            lines.append("")
            lines.append(contentsOf: wrap(discussion, indent: 0))
        }
        if !spec.subcommands.isEmpty {
            lines.append("")
            lines.append("COMMANDS:")
            let nameWidth = spec.subcommands.map(\.name.count).max() ?? 0
            for sub in spec.subcommands {
                lines.append(contentsOf: entry(sub.name, sub.abstract, nameWidth: nameWidth))
            }
        }
        if !spec.positionals.isEmpty {
            lines.append("")
            lines.append("ARGUMENTS:")
            let nameWidth = spec.positionals.map { positionalLabel($0).count }.max() ?? 0
            for positional in spec.positionals {
                lines.append(contentsOf: entry(positionalLabel(positional), positional.help, nameWidth: nameWidth))
            }
        }
        let options = spec.options + [OptionSpec.flag("help", short: "h", help: "Show this help.")]
        lines.append("")
        lines.append("OPTIONS:")
        let labels = options.map(optionLabel)
        let nameWidth = labels.map(\.count).max() ?? 0
        for (option, label) in zip(options, labels) {
            var text = option.help
            if let allowed = option.allowedValues { text += " (\(allowed.joined(separator: "|")))" }
            if let defaultDescription = option.defaultDescription { text += " [default: \(defaultDescription)]" }
            if option.isRequired { text += " (required)" }
            if option.kind == .repeated { text += " (repeatable)" }
            lines.append(contentsOf: entry(label, text, nameWidth: nameWidth))
        }
        if !spec.examples.isEmpty {
            lines.append("")
            lines.append("EXAMPLES:")
            lines.append(contentsOf: spec.examples.map { "  \($0)" })
        }
        if !spec.subcommands.isEmpty {
            lines.append("")
            lines.append("See '\(invocation) COMMAND --help' for a command's options.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package func usage(for spec: CommandSpec, invocation: String) -> String {
        var parts = [invocation]
        if !spec.subcommands.isEmpty { parts.append("COMMAND") }
        for option in spec.options where option.isRequired {
            parts.append("--\(option.name) \(option.valueName)")
        }
        if spec.options.contains(where: { !$0.isRequired }) { parts.append("[OPTIONS]") }
        for positional in spec.positionals {
            parts.append(positional.isRequired ? positionalLabel(positional) : "[\(positionalLabel(positional))]")
        }
        return parts.joined(separator: " ")
    }

    private func positionalLabel(_ positional: PositionalSpec) -> String {
        positional.isVariadic ? "\(positional.name)..." : positional.name
    }

    private func optionLabel(_ option: OptionSpec) -> String {
        let short = option.shortName.map { "-\($0), " } ?? ""
        let value = option.kind == .flag ? "" : " \(option.valueName)"
        return "\(short)--\(option.name)\(value)"
    }

    private func entry(_ name: String, _ text: String, nameWidth: Int) -> [String] {
        let indent = nameWidth + 4
        let padded = "  " + name + String(repeating: " ", count: max(0, nameWidth - name.count)) + "  "
        let wrapped = wrap(text, indent: indent)
        guard let first = wrapped.first else { return [padded] }
        return [padded + first.dropFirst(indent)] + wrapped.dropFirst()
    }

    private func wrap(_ text: String, indent: Int) -> [String] {
        TextWrap.lines(text, width: width, indent: indent)
    }
}
