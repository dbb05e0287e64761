import FFBCatalog
import FFBCommandLine

/// `--lang da|en`: the language of everything a person reads (default `$FFB_LANG`, else the
/// settings file's `lang`, else Danish).
enum LanguageOption {
    static let spec = OptionSpec(
        "lang", value: "LANG", help: "Language of what people read: da (dansk) or en (English).",
        allowed: Language.allCases.map(\.rawValue), defaultDescription: "$FFB_LANG, else the settings' lang, else da"
    )

    static func language(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> Language {
        if let given = arguments.value(spec.name) { return Language(rawValue: given) ?? .da }
        guard let text = context.environment["FFB_LANG"], !text.isEmpty else {
            return try AnalysisOptions.settingsFile(arguments, context: context).language ?? .da
        }
        guard let language = Language(rawValue: text.lowercased()) else {
            throw .invalid("$FFB_LANG: \"\(text)\" is not one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return language
    }
}
