import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Reads `ffb assess --file`: a small JSON document, every problem reported with its pointer.
///
/// ```json
/// {"citizen": "P-7K3M9Q2X", "case": "S-1", "date": "2025-02-01", "assessor": "Anna",
///  "entries": [{"theme": "Købe ind", "level": "3", "source": "borger"},
///              {"theme": "Tobak", "note": "Ryger dagligt", "relevance": "relevant"}]}
/// ```
enum AssessmentFile {
    static func read(path: String, context: CommandContext) throws(CLIError) -> AssessmentDraft {
        let catalog = BuiltInCatalogs.standard
        let value: JSONValue
        do {
            value = try JSONParser().parse(contentsOf: context.url(for: path))
        } catch let error as JSONSyntaxError {
            throw .invalid(error.message, file: path, location: error.pointer.description)
        } catch {
            throw .invalid("cannot read the file", file: path, location: "")
        }
        var problems: [Diagnostic] = []
        func problem(_ pointer: String, _ message: String) {
            problems.append(Diagnostic(file: path, location: pointer, message: message))
        }
        func string(_ object: JSONObject, _ key: String, at pointer: String, required: Bool = true) -> String? {
            guard let member = object[key] else {
                if required { problem(pointer, "missing required field \"\(key)\"") }
                return nil
            }
            guard let text = member.stringValue else {
                problem("\(pointer)/\(key)", "expected a string")
                return nil
            }
            return text
        }
        guard let root = value.objectValue else {
            throw .invalid("expected a JSON object", file: path, location: "")
        }
        let citizen = string(root, "citizen", at: "")
        let caseNumber = string(root, "case", at: "", required: false)
        let dateText = string(root, "date", at: "")
        let date = dateText.flatMap(LocalDate.init(iso:))
        if let dateText, date == nil { problem("/date", "\"\(dateText)\" is not a date (YYYY-MM-DD)") }
        let assessor = string(root, "assessor", at: "") ?? ""
        var entries: [AssessmentEntry] = []
        if let list = root["entries"] {
            if let items = list.arrayValue {
                for (index, item) in items.enumerated() {
                    let pointer = "/entries/\(index)"
                    guard let object = item.objectValue else {
                        problem(pointer, "expected an object")
                        continue
                    }
                    guard let themeText = string(object, "theme", at: pointer) else { continue }
                    guard let theme = try? catalog.resolveTheme(themeText) else {
                        problem("\(pointer)/theme", "unknown theme \"\(themeText)\"")
                        continue
                    }
                    var level: Assessed<FunctionLevel>?
                    if let levelValue = object["level"] {
                        let text = levelValue.stringValue ?? levelValue.intValue.map(String.init) ?? ""
                        level = Assessed<FunctionLevel>(text: text)
                        if level == nil {
                            problem("\(pointer)/level", "not a function level (0–4 or \"ikke-vurderet\")")
                            continue
                        }
                    }
                    var relevance: AssessmentEntry.Relevance?
                    if let text = string(object, "relevance", at: pointer, required: false) {
                        relevance = AssessmentEntry.Relevance(rawValue: text)
                        if relevance == nil { problem("\(pointer)/relevance", "\"\(text)\" is not relevant or ikke-relevant") }
                    }
                    var source: AssessmentSource?
                    if let text = string(object, "source", at: pointer, required: false) {
                        source = AssessmentSource(text: text)
                        if source == nil { problem("\(pointer)/source", "unknown source \"\(text)\"") }
                    }
                    let note = string(object, "note", at: pointer, required: false)
                    do {
                        entries.append(try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: note, source: source))
                    } catch {
                        problem(object["level"] != nil ? "\(pointer)/level" : pointer, error.message)
                    }
                }
            } else {
                problem("/entries", "expected an array")
            }
        } else {
            problem("", "missing required field \"entries\"")
        }
        guard problems.isEmpty, let citizen, let date else {
            throw .invalidInput(problems)
        }
        return AssessmentDraft(citizen: citizen, caseNumber: caseNumber, date: date, assessor: assessor, entries: entries)
    }
}
