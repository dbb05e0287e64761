import FFBCatalog
import FFBFiles
import FFBModel
import Foundation

/// An interactive assessment in progress, kept on disk after every answer so that nothing typed
/// is lost to Ctrl-D, a "n" at the confirmation or a closed terminal.
///
/// Drafts stay out of the store on purpose: they are not records (nothing in them was decided),
/// and keeping them in files needs no schema change. One file per citizen,
/// `<store>.drafts/<pseudonym>.json`: the folder owner-only (0700), the file owner-only (0600)
/// and replaced atomically (temporary file, then rename), so a crash leaves the previous draft
/// whole. It names the citizen by pseudonym, never by CPR number.
struct InteractiveDraft: Codable, Equatable, Sendable {
    static let formatName = "ffb-assessment-draft"
    /// A draft is a few kilobytes; anything far larger is not one of ours.
    static let largestFile = 1 << 20

    var format = formatName
    var formatVersion = 1
    var citizen: String
    var caseNumber: String?
    var date: String
    var assessor: String
    var source: String?
    /// The `--area` codes the walk was started with (empty: every area).
    var areas: [String]
    /// The walk's position: the theme to ask next (the theme count: the summary).
    var position: Int
    var answers: [Answer]

    struct Answer: Codable, Equatable, Sendable {
        var theme: String
        var level: String?
        var relevance: String?
        var note: String?
    }

    enum CodingKeys: String, CodingKey {
        case format, citizen, date, assessor, source, areas, position, answers
        case formatVersion = "format_version"
        case caseNumber = "case"
    }

    /// Why a draft could not be read or written (`InteractiveWords.draftProblem` words it).
    struct Problem: Error, Equatable {
        enum Reason: Equatable {
            case notAFile(FileKind)
            case tooLarge
            case unknownForm
            case unreadable
            case system(String)
        }

        var path: String
        var reason: Reason
    }

    // MARK: Where drafts live

    /// The folder of drafts beside the store file at `storePath`.
    static func folder(storePath: String) -> String {
        storePath + ".drafts"
    }

    static func path(storePath: String, citizen: Pseudonym) -> String {
        folder(storePath: storePath) + "/" + citizen.rawValue + ".json"
    }

    // MARK: Reading and writing

    /// The citizen's draft, or nil when there is none.
    static func read(storePath: String, citizen: Pseudonym) throws(Problem) -> InteractiveDraft? {
        let path = path(storePath: storePath, citizen: citizen)
        switch FileKind(path: path) {
        case .missing: return nil
        case .regular: break
        case let kind: throw Problem(path: path, reason: .notAFile(kind))
        }
        let draft: InteractiveDraft
        do {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            guard size <= largestFile else { throw Problem(path: path, reason: .tooLarge) }
            draft = try JSONDecoder().decode(InteractiveDraft.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let problem as Problem {
            throw problem
        } catch is DecodingError {
            throw Problem(path: path, reason: .unknownForm)
        } catch {
            throw Problem(path: path, reason: .unreadable)
        }
        guard draft.format == formatName, draft.formatVersion == 1, draft.citizen == citizen.rawValue else {
            throw Problem(path: path, reason: .unknownForm)
        }
        return draft
    }

    /// Writes the draft over the citizen's earlier one, atomically and owner-only.
    func write(storePath: String) throws(Problem) {
        let folder = Self.folder(storePath: storePath)
        let path = folder + "/" + citizen + ".json"
        do {
            try OutputFile.makeDirectory(folder)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let bytes = try encoder.encode(self)
            try OutputFile.write(Array(bytes) + [UInt8(ascii: "\n")], to: path)
        } catch let error as OutputWriteError {
            throw Problem(path: path, reason: .system(error.description))
        } catch {
            throw Problem(path: path, reason: .unreadable)
        }
    }

    /// Removes the citizen's draft (done when its assessment is saved); no draft is no error.
    static func remove(storePath: String, citizen: Pseudonym) throws(Problem) {
        let path = path(storePath: storePath, citizen: citizen)
        guard unlink(path) == 0 || errno == ENOENT else {
            throw Problem(path: path, reason: .system(String(cString: strerror(errno))))
        }
    }

    // MARK: Answers

    /// The answers as the walk holds them; a theme or value this catalogue does not know makes
    /// the draft unreadable rather than silently dropped.
    func themeAnswers(catalog: Catalog) -> [KLCode: ThemeAnswer]? {
        var result: [KLCode: ThemeAnswer] = [:]
        for answer in answers {
            let code = KLCode(unchecked: answer.theme)
            guard catalog.theme(code) != nil else { return nil }
            var parsed = ThemeAnswer(note: answer.note)
            if let level = answer.level {
                guard let value = Assessed<FunctionLevel>(text: level) else { return nil }
                parsed.level = value
            }
            if let relevance = answer.relevance {
                guard let value = AssessmentEntry.Relevance(rawValue: relevance) else { return nil }
                parsed.relevance = value
            }
            result[code] = parsed
        }
        return result
    }

    /// Takes the walk's answers in the walk's theme order, and its position.
    mutating func update(_ answered: [KLCode: ThemeAnswer], themes: [Theme], position: Int) {
        answers = themes.compactMap { theme in
            guard let answer = answered[theme.code], !answer.isEmpty else { return nil }
            return Answer(theme: theme.code.rawValue, level: answer.level?.cliValue, relevance: answer.relevance?.rawValue, note: answer.note)
        }
        self.position = position
    }
}
