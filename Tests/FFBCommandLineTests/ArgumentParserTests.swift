import Testing
@testable import FFBCommandLine

private let root = CommandSpec("ffb", abstract: "test", subcommands: [
    CommandSpec("catalog", abstract: "catalogues", subcommands: [
        CommandSpec("list", abstract: "list", options: [
            OptionSpec("kind", value: "KIND", help: "kind", required: true, allowed: ["themes", "areas"]),
            OptionSpec("format", help: "format", allowed: ["table", "json"]),
            OptionSpec("theme", kind: .repeated, help: "theme"),
            .flag("verbose", short: "v", help: "more"),
        ]),
    ]),
    CommandSpec("validate", abstract: "validate", positionals: [PositionalSpec("FILE", help: "files", variadic: true)]),
    CommandSpec("show", abstract: "show", positionals: [PositionalSpec("CODE", help: "code")]),
])

private func parse(_ words: String...) throws(UsageError) -> ArgumentParser.Outcome {
    try ArgumentParser(root: root).parse(words)
}

private func arguments(_ words: String...) throws -> ParsedArguments {
    guard case .run(let parsed) = try ArgumentParser(root: root).parse(words) else {
        Issue.record("expected a runnable command")
        return ParsedArguments()
    }
    return parsed
}

@Test func subcommandsAndBothOptionForms() throws {
    let parsed = try arguments("catalog", "list", "--kind", "themes", "--format=json")
    #expect(parsed.commandPath == ["catalog", "list"])
    #expect(parsed.value("kind") == "themes")
    #expect(parsed.value("format") == "json")
}

@Test func repeatedOptionsKeepTheirOrder() throws {
    let parsed = try arguments("catalog", "list", "--kind", "areas", "--theme", "a=1", "--theme=b=2", "--theme", "c=3")
    #expect(parsed.values("theme") == ["a=1", "b=2", "c=3"])
}

@Test func flagsLongAndShort() throws {
    #expect(try arguments("catalog", "list", "--kind", "themes", "-v").flag("verbose"))
    #expect(try arguments("catalog", "list", "--kind", "themes", "--verbose").flag("verbose"))
    #expect(try !arguments("catalog", "list", "--kind", "themes").flag("verbose"))
}

@Test func variadicPositionalsAndDoubleDash() throws {
    let parsed = try arguments("validate", "a.json", "b.json", "--", "--odd-name.json")
    #expect(parsed.positionals == ["a.json", "b.json", "--odd-name.json"])
}

@Test func helpAtEveryLevel() throws {
    #expect(try parse("--help") == .help([]))
    #expect(try parse("catalog", "--help") == .help(["catalog"]))
    #expect(try parse("catalog", "list", "--help") == .help(["catalog", "list"]))
    #expect(try parse("catalog", "list", "--kind", "themes", "-h") == .help(["catalog", "list"]))
    #expect(try parse("--version") == .version)
}

@Test(arguments: [
    (["catalog", "list"], "missing required option --kind KIND"),
    (["catalog", "list", "--kind", "cats"], "--kind: \"cats\" is not one of themes, areas"),
    (["catalog", "list", "--kind"], "--kind needs a value (KIND)"),
    (["catalog", "list", "--kind", "themes", "--knid", "x"], "unknown option --knid; did you mean \"--kind\"?"),
    (["catalog", "list", "--kind", "themes", "--kind", "areas"], "--kind given more than once"),
    (["catalog", "list", "--kind", "themes", "--verbose=yes"], "--verbose takes no value"),
    (["catalg"], "unknown command \"catalg\"; did you mean \"catalog\"?"),
    (["xyz"], "unknown command \"xyz\"; expected one of: catalog, validate, show"),
    (["catalog", "list", "--kind", "theems"], "--kind: \"theems\" is not one of themes, areas; did you mean \"themes\"?"),
    (["catalog"], "a subcommand of 'catalog' is required"),
    (["show"], "missing argument CODE"),
    (["show", "a", "b"], "unexpected argument \"b\""),
])
func usageErrorsSayWhatIsWrong(words: [String], message: String) {
    #expect(throws: UsageError.self) { try ArgumentParser(root: root).parse(words) }
    do {
        _ = try ArgumentParser(root: root).parse(words)
    } catch {
        #expect(error.message == message)
    }
}

@Test func usageErrorNamesTheCommand() {
    do {
        _ = try ArgumentParser(root: root).parse(["catalog", "list", "--bogus"])
        Issue.record("expected a usage error")
    } catch {
        #expect(error.command == ["catalog", "list"])
    }
}

@Test func generatedHelpListsOptionsAndChoices() {
    let listSpec = root.subcommands[0].subcommands[0]
    let text = HelpFormatter(programName: "ffb").help(for: listSpec, path: ["catalog", "list"])
    #expect(text.contains("USAGE: ffb catalog list --kind KIND [OPTIONS]"))
    #expect(text.contains("--kind KIND"))
    #expect(text.contains("(themes|areas)"))
    #expect(text.contains("(required)"))
    #expect(text.contains("(repeatable)"))
    #expect(text.contains("-v, --verbose"))
    #expect(text.contains("-h, --help"))
}

@Test func groupHelpListsCommands() {
    let text = HelpFormatter(programName: "ffb").help(for: root, path: [])
    #expect(text.contains("COMMANDS:"))
    #expect(text.contains("  catalog   catalogues"))
    #expect(text.contains("See 'ffb COMMAND --help'"))
}

@Suite struct TextWrapTests {
    @Test func wrapsAtTheWidthKeepsParagraphsAndIndents() {
        #expect(TextWrap.lines("aaa bbb ccc", width: 8) == ["aaa bbb", "ccc"])
        #expect(TextWrap.lines("aaa bbb\n\nccc", width: 80, indent: 2) == ["  aaa bbb", "  ", "  ccc"])
        #expect(TextWrap.lines("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
    }
}
