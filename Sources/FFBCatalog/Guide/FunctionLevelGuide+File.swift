import FFBFiles
import Foundation

extension FunctionLevelGuide {
    /// The guide's file form: plain JSON with a source beside every text.
    struct File: Decodable {
        static let formatName = "ffb-level-guide"

        var format: String
        var formatVersion: Int
        var title: String
        var general: [Text]
        var levels: [LevelText]
        var themes: [ThemeLevels]

        struct Text: Decodable {
            var text: String
            var source: String
        }

        struct LevelText: Decodable {
            var value: String
            var text: String
            var source: String
        }

        struct ThemeLevels: Decodable {
            var theme: String
            var levels: [LevelText]
        }

        enum CodingKeys: String, CodingKey {
            case format, title, general, levels, themes
            case formatVersion = "format_version"
        }
    }

    /// Reads a guide file; every problem is reported with its JSON pointer.
    public static func load(_ data: Data) throws(CatalogError) -> FunctionLevelGuide {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError([CatalogLoader.problem(from: error)])
        } catch {
            throw CatalogError(pointer: "", message: "not JSON")
        }
        var problems: [CatalogProblem] = []
        if file.format != File.formatName || file.formatVersion != 1 {
            problems.append(CatalogProblem(pointer: "/format", message: "expected \(File.formatName) format_version 1"))
        }
        for (index, text) in file.general.enumerated() where !isUsable(text.text, source: text.source) {
            problems.append(CatalogProblem(pointer: "/general/\(index)", message: "a passage needs a text and its source"))
        }
        let levels = passages(file.levels, at: "/levels", problems: &problems)
        var themes: [KLCode: [FunctionLevel: Passage]] = [:]
        for (index, theme) in file.themes.enumerated() {
            guard let code = KLCode(theme.theme) else {
                problems.append(CatalogProblem(pointer: "/themes/\(index)/theme", message: "\(Excerpt.quoted(theme.theme)) is not a KL code"))
                continue
            }
            if themes[code] != nil { problems.append(CatalogProblem(pointer: "/themes/\(index)/theme", message: "theme \(code) is described twice")) }
            themes[code] = passages(theme.levels, at: "/themes/\(index)/levels", problems: &problems)
        }
        guard problems.isEmpty else { throw CatalogError(problems) }
        return FunctionLevelGuide(
            title: file.title, general: file.general.map { Passage(text: $0.text, source: $0.source) }, levels: levels, themes: themes
        )
    }

    private static func passages(_ texts: [File.LevelText], at pointer: String, problems: inout [CatalogProblem]) -> [FunctionLevel: Passage] {
        var result: [FunctionLevel: Passage] = [:]
        for (index, text) in texts.enumerated() {
            guard let level = FunctionLevel(cliValue: text.value) else {
                problems.append(CatalogProblem(pointer: "\(pointer)/\(index)/value", message: "\(Excerpt.quoted(text.value)) is not a level 0–4"))
                continue
            }
            guard isUsable(text.text, source: text.source) else {
                problems.append(CatalogProblem(pointer: "\(pointer)/\(index)", message: "a level text needs a text and its source"))
                continue
            }
            if result[level] != nil { problems.append(CatalogProblem(pointer: "\(pointer)/\(index)/value", message: "level \(text.value) is given twice")) }
            result[level] = Passage(text: text.text, source: text.source)
        }
        return result
    }

    /// A text without a source is an unattributed claim about KL's method; an empty one is noise.
    private static func isUsable(_ text: String, source: String) -> Bool {
        !text.trimmingSpaces().isEmpty && !source.trimmingSpaces().isEmpty
    }
}
