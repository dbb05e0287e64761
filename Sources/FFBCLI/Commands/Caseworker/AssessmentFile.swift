import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Reads `ffb assess --file` (Docs/assessment-file.md): every problem reported with its pointer.
enum AssessmentFile {
    /// A message for the reader: converters throw it to say what was expected.
    struct Expected: Error, CustomStringConvertible {
        var description: String
    }

    /// One assessment is a few kilobytes; notes of 10,000 characters on every theme stay well under.
    static let maxBytes = 4 << 20

    static func read(path: String, context: CommandContext) throws(CLIError) -> AssessmentDraft {
        let catalog = BuiltInCatalogs.standard
        let value: JSONValue
        do {
            value = try JSONParser(limits: JSONParser.Limits(maxBytes: maxBytes)).parse(contentsOf: context.url(for: path))
        } catch let error as JSONSyntaxError {
            throw .invalid(error.message, file: path, location: error.pointer.location)
        } catch {
            throw .invalid("\(error)", file: path)
        }
        do {
            return try JSONReader.read(value) { root -> AssessmentDraft? in
                let citizen = root.string("citizen")
                let caseNumber = root.string("case", required: false)
                let date = root.string("date") { text throws(Expected) -> LocalDate in
                    guard let date = LocalDate(iso: text) else { throw Expected(description: "not a date (expected YYYY-MM-DD)") }
                    return date
                }
                let assessor = root.string("assessor")
                // A theme twice is an error at the second, naming the first (the model would say it
                // without a place).
                var first: [KLCode: String] = [:]
                let entries = root.array("entries") { item -> AssessmentEntry? in
                    guard let entry = entry(&item, catalog: catalog) else { return nil }
                    if let earlier = first[entry.theme] {
                        item.fail("theme \"\(catalog.theme(entry.theme)?.name ?? entry.theme.rawValue)\" is assessed twice in one assessment (first at \(earlier))", at: "theme")
                        return nil
                    }
                    first[entry.theme] = item.pointer.appending("theme").location
                    return entry
                }
                root.rejectUnknownProperties()
                guard let citizen, let date, let assessor, let entries else { return nil }
                return AssessmentDraft(citizen: citizen, caseNumber: caseNumber, date: date, assessor: assessor, entries: entries)
            }
        } catch {
            throw .invalidInput(error.issues.map { Diagnostic(file: path, location: $0.pointer.location, message: $0.message) })
        }
    }

    private static func entry(_ item: inout JSONReader, catalog: Catalog) -> AssessmentEntry? {
        let theme = item.string("theme") { text throws(Expected) -> Theme in
            guard let theme = try? catalog.resolveTheme(text) else { throw Expected(description: "unknown theme (use a KL code or an exact Danish name)") }
            return theme
        }
        var level: Assessed<FunctionLevel>?
        var levelIsBad = false
        if let raw = item.value["level"] {
            let text = raw.stringValue ?? raw.intValue.map(String.init) ?? ""
            level = Assessed<FunctionLevel>(text: text)
            if level == nil {
                item.fail("not a function level (0–4 or \"ikke-vurderet\")", at: "level")
                levelIsBad = true
            }
        }
        let relevance = item.code("relevance", as: AssessmentEntry.Relevance.self, required: false)
        let source = item.string("source", required: false) { text throws(Expected) -> AssessmentSource in
            guard let source = AssessmentSource(text: text) else { throw Expected(description: "unknown source (see Docs/assessment-file.md)") }
            return source
        }
        let note = item.string("note", required: false)
        _ = item.value("level", required: false)
        item.rejectUnknownProperties()
        guard let theme, !levelIsBad else { return nil }
        do {
            return try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: note, source: source)
        } catch {
            item.fail(error.message, at: item.value["level"] != nil ? "level" : "theme")
            return nil
        }
    }
}
