import FFBCatalog
import FFBJSON
import FFBModel

extension ValidationContext {
    /// Theme entries of an assessment or follow-up: known themes, levels exactly on the scored
    /// (Aktivitet og deltagelse) themes, each theme once.
    mutating func entries(_ raw: [RawEntry]) -> [AssessmentEntry]? {
        var entries: [AssessmentEntry] = []
        var seen: [KLCode: JSONPointer] = [:]
        var valid = true
        for entry in raw {
            guard let theme = index.theme(entry.theme.value) else {
                error("unknown theme \(Quoted.value(entry.theme.value))", at: entry.theme.pointer)
                valid = false
                continue
            }
            if let first = seen[theme.code] {
                error("theme \"\(theme.name)\" is given twice (first at \(first.location))", at: entry.theme.pointer)
                valid = false
                continue
            }
            seen[theme.code] = entry.theme.pointer
            var level = entry.level?.value
            var relevance = entry.relevance?.value
            if theme.scored {
                if let given = entry.relevance {
                    if entry.lenient {
                        warning("theme \"\(theme.name)\" takes a level; its status (\(given.value.rawValue)) is not kept", at: given.pointer)
                        relevance = nil
                    } else {
                        error("theme \"\(theme.name)\" takes a level, not a relevance", at: given.pointer)
                        valid = false
                    }
                }
                if entry.level == nil {
                    if entry.lenient {
                        warning("no level given for the Aktivitet og deltagelse theme \"\(theme.name)\"; recorded as ikke vurderet", at: entry.pointer)
                        level = .notAssessed
                    } else {
                        error("theme \"\(theme.name)\" is an Aktivitet og deltagelse theme and needs a level (0–4 or \"ikke-vurderet\")", at: entry.pointer)
                        valid = false
                    }
                }
            } else if let level = entry.level {
                error("level on an unscored theme: \"\(theme.name)\" is not an Aktivitet og deltagelse theme and takes no level", at: level.pointer)
                valid = false
            }
            guard valid else { continue }
            if let built = model(at: entry.pointer, { () throws(ModelError) in
                try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: entry.note, source: entry.source)
            }) {
                entries.append(built)
            } else {
                valid = false
            }
        }
        return valid ? entries : nil
    }

    mutating func assessment(_ raw: RawAssessment, caseNumber expectedCase: String?) -> AssessmentRecord? {
        locations[.assessment(raw.id.value)] = raw.pointer
        let entries = entries(raw.entries.value)
        if raw.entries.value.isEmpty { error("an assessment needs at least one theme", at: raw.entries.pointer) }
        if let caseNumber = raw.caseNumber, let expectedCase, caseNumber.value != expectedCase {
            error("the assessment names case \(Quoted.value(caseNumber.value)), not the document's case \(Quoted.value(expectedCase))", at: caseNumber.pointer)
            return nil
        }
        guard let entries, !entries.isEmpty else { return nil }
        return AssessmentRecord(id: raw.id.value, caseNumber: raw.caseNumber?.value, date: raw.date.value, assessor: raw.assessor.value,
                                entries: entries, enteredInError: raw.enteredInError)
    }

    mutating func citizen(_ raw: RawCitizen) -> CitizenIdentity {
        locations[.citizen(cpr: raw.cpr.value.digits)] = raw.pointer
        return CitizenIdentity(cpr: raw.cpr.value, name: raw.name.value)
    }

    mutating func caseDetails(_ raw: RawCase) -> CaseDetails? {
        locations[.caseFile(raw.number.value)] = raw.pointer
        do {
            let municipality = try Municipality(name: raw.municipalityName.value, code: raw.municipalityCode.value)
            return CaseDetails(number: raw.number.value, opened: raw.opened.value, municipality: municipality)
        } catch {
            self.error(error.message, at: raw.municipalityCode.pointer)
            return nil
        }
    }
}
