import FFBCommandLine
import FFBFiles
import FFBJSON
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb citizen search TEXT`: citizens by name or part of it (never by or with a CPR number).
enum CitizenSearchCommand: Command {
    static let spec = CommandSpec(
        "search",
        abstract: "Find citizens by name or part of it, ignoring case and accents (CPR numbers are not shown).",
        discussion: """
        Every word given must be part of one name the citizen has had: the current one or an older one \
        (ffb citizen update keeps them), so "soren" finds Søren and "hansen mette" finds Mette Hansen. A \
        pseudonym, or its first characters, finds that citizen. The closest matches come first. --format json \
        gives an array of {pseudonym, name, matched_name, former_names, registered}.
        """,
        options: StoreOptions.personalViewOptions + [OutputFormat.option()],
        positionals: [PositionalSpec("TEXT", help: "A name, part of one, or several words of one.")],
        examples: ["ffb citizen search hansen", "ffb citizen search \"mette h\" --format json"]
    )

    /// The view's headings, in one place.
    static let columns: [(key: String, column: TextTable.Column)] = [
        ("pseudonym", .init(title: "PSEUDONYM")), ("name", .init(title: "NAVN")),
        ("former", .init(title: "TIDLIGERE NAVN", maxWidth: 40)), ("registered", .init(title: "REGISTRERET")),
    ]
    static let nothingFound = "Ingen borgere fundet for"

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let text = arguments.positionals[0]
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("citizen search: give a name or part of one") }
        let matches = try StoreOptions.readPersonal(arguments, context: context) { store in
            let matches = CitizenSearch.find(text, in: try store.citizenNames())
            return (matches, matches.map(\.citizen.pseudonym))
        }
        let format = OutputFormat.from(arguments)
        if matches.isEmpty, format == .table {
            context.stdout.line("\(nothingFound) \"\(TerminalText.safe(text))\".")
            return
        }
        var records = RecordSet(tableColumns: columns)
        for match in matches {
            let citizen = match.citizen
            let former = citizen.names.dropLast().filter { $0 != citizen.current }
            var record = JSONObject([
                ("pseudonym", .string(citizen.pseudonym.rawValue)),
                ("name", .string(citizen.current)),
                ("matched_name", .string(match.matchedName)),
                ("former_names", .array(former.map(JSONValue.string))),
                ("registered", .string(String(citizen.registered.prefix(10)))),
            ])
            if format == .table { record["former"] = .string(former.joined(separator: ", ")) }
            records.append(record)
        }
        records.write(format, language: context.language, to: context.stdout)
    }
}
