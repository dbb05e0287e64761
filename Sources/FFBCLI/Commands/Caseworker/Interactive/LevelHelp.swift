import FFBCatalog
import FFBCommandLine
import FFBModel

/// What `?` shows at a theme: the theme's KL definition, then for a scored theme the levels with
/// the Funktionsevneguide's texts (the theme's own where KL publishes them, else the general
/// ones) and its general guidance, each with its source. Where KL gives no text, it says so
/// rather than repeating a name as a definition.
struct LevelHelp {
    let guide: FunctionLevelGuide
    var width = 80

    func lines(for theme: Theme) -> [String] {
        var lines = TextWrap.lines(InteractiveWords.themeDefinition(theme.name, theme.definition), width: width, indent: 2)
        guard theme.scored else {
            return lines + TextWrap.lines(InteractiveWords.unscoredHelp, width: width, indent: 2)
        }
        let texts = guide.levelTexts(for: theme.code)
        lines.append("  " + InteractiveWords.levelsHeading(guide: guide.title, ownTheme: guide.describes(theme.code)))
        for level in FunctionLevel.allCases {
            lines.append("    \(level.cliValue)   \(level.danishName)")
            if let text = texts[level] { lines += TextWrap.lines(text.text, width: width, indent: 8) }
        }
        lines.append("    " + InteractiveWords.notAssessedLine)
        if texts.isEmpty { lines += TextWrap.lines(InteractiveWords.levelsUndefined, width: width, indent: 2) }
        // One source line per distinct source, after the texts it stands for.
        for source in Set(texts.values.map(\.source)).sorted() {
            lines += TextWrap.lines(InteractiveWords.source(source), width: width, indent: 2)
        }
        for passage in guide.general {
            lines += TextWrap.lines(InteractiveWords.guidance(passage.text), width: width, indent: 2)
            lines += TextWrap.lines(InteractiveWords.source(passage.source), width: width, indent: 2)
        }
        return lines
    }
}
