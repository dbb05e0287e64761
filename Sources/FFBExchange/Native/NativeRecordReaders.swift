import FFBCatalog
import FFBJSON
import FFBModel

/// The citizen, case and assessment parts of native documents.
enum CitizenReader {
    static func read(_ reader: inout FieldReader) -> RawCitizen? {
        let cpr = reader.converted("cpr", Formats.cpr)
        let name = reader.string("name")
        guard let cpr, let name else { return nil }
        return RawCitizen(cpr: cpr, name: name, pointer: reader.pointer)
    }
}

enum CaseReader {
    static func read(_ reader: inout FieldReader) -> RawCase? {
        let number = reader.string("number")
        let opened = reader.date("opened")
        let municipality = reader.object("municipality") { inner -> (Located<String>, Located<String>)? in
            let name = inner.string("name")
            let code = inner.string("code")
            guard let name, let code else { return nil }
            return (name, code)
        }
        guard let number, let opened, let municipality else { return nil }
        return RawCase(number: number, opened: opened, municipalityName: municipality.0, municipalityCode: municipality.1, pointer: reader.pointer)
    }
}

enum EntryReader {
    static func read(_ reader: inout FieldReader) -> RawEntry? {
        let theme = reader.string("theme")
        let level = reader.functionLevel("level", required: false)
        let relevance = reader.code("relevance", as: AssessmentEntry.Relevance.self, required: false)
        let note = reader.string("note", required: false, maxLength: DecodeLimits.longText)
        let source = reader.code("source", as: AssessmentSource.self, required: false)
        guard let theme, !reader.reader.hasIssues else { return nil }
        return RawEntry(theme: theme, level: level, relevance: relevance, note: note?.value, source: source?.value, pointer: reader.pointer)
    }

    static func readAll(_ reader: inout FieldReader, _ key: String, required: Bool = true) -> Located<[RawEntry]>? {
        reader.objects(key, required: required) { read(&$0) }
    }
}

enum AssessmentReader {
    /// An assessment inside an order, or the assessment fields of an assessment document.
    static func read(_ reader: inout FieldReader) -> RawAssessment? {
        let id = reader.uuid("id")
        let caseNumber = reader.string("case_number", required: false)
        let date = reader.date("date")
        let assessor = reader.string("assessor")
        let entries = EntryReader.readAll(&reader, "entries")
        let enteredInError = reader.string("entered_in_error", required: false, maxLength: DecodeLimits.longText)
        guard let id, let date, let assessor, let entries else { return nil }
        return RawAssessment(id: id, caseNumber: caseNumber, date: date, assessor: assessor, entries: entries,
                             enteredInError: enteredInError?.value, pointer: reader.pointer)
    }

    static func readDocument(_ reader: inout FieldReader) -> RawAssessmentDocument? {
        let citizen = reader.object("citizen") { CitizenReader.read(&$0) }
        let caseFile = reader.object("case", required: false) { CaseReader.read(&$0) }
        let assessment = read(&reader)
        guard let citizen, let assessment else { return nil }
        return RawAssessmentDocument(citizen: citizen, caseFile: caseFile, assessment: assessment)
    }
}

enum ExtractReader {
    static func read(_ reader: inout FieldReader) -> RawExtract? {
        let orders = reader.objects("orders", required: false) { OrderReader.read(&$0) }
        let assessments = reader.objects("assessments", required: false) { AssessmentReader.readDocument(&$0) }
        let followUps = reader.objects("follow_ups", required: false) { FollowUpReader.read(&$0) }
        guard !reader.reader.hasIssues else { return nil }
        return RawExtract(orders: orders?.value ?? [], assessments: assessments?.value ?? [], followUps: followUps?.value ?? [])
    }
}
