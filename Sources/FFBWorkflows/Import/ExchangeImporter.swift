import FFBCatalog
import FFBJSON
import FFBModel
import FFBExchange
import FFBStore
import FFBText
import Foundation

/// Stage 3 of the pipeline: validated documents → the store, in one transaction.
///
/// Documents are applied orders first, follow-up reports last, so their order on the command
/// line does not matter. A document id seen before is a no-op when its content is the same and
/// an error when it is not. Records keep their ids; a record id seen before must carry the same
/// content, except that a KL FHIR message re-sending a goal or assessment under its old id with
/// new content adds a new version (KL's rule: the same id is an update), never an overwrite.
public enum ExchangeImport {
    /// Imports documents already decoded, in one transaction recorded as `user` running `command`.
    @discardableResult
    public static func run(_ documents: [ExchangeDocument], into store: any CaseStore, user: String, command: String) throws(ImportError) -> ImportSummary {
        try run(count: documents.count, decode: { .success(documents[$0]) }, into: store, user: user, command: command).summary
    }
}

/// Applies documents through one `CaseStoreWriter`, collecting every document's problems.
struct ExchangeImporter {
    let store: any CaseStore
    let writer: any CaseStoreWriter
    var summary = ImportSummary()
    var problems: [DocumentProblems] = []
    /// Warnings found while applying, by document position (decode warnings are the document's own).
    var warnings: [Int: [JSONIssue]] = [:]
    /// Under `--strict`, what would be a warning about a citizen's identity is an error.
    var strict = false
    /// The problems of the document being applied.
    var issues = ExchangeIssues()
    var locations = DocumentLocations()
    var syntax = DocumentSyntax.native

    var catalog: Catalog { store.catalog }

    /// Applies one document; its problems are kept under `index`.
    mutating func apply(_ document: ExchangeDocument, index: Int) throws {
        issues = ExchangeIssues()
        locations = document.locations
        syntax = document.syntax
        try apply(document)
        if issues.hasErrors { problems.append(DocumentProblems(index: index, issues: issues)) }
        if !issues.warnings.isEmpty { warnings[index, default: []] += issues.warnings }
    }

    private mutating func apply(_ document: ExchangeDocument) throws {
        if let earlier = try writer.importedDocument(id: document.header.id) {
            if earlier.contentHash == document.contentHash {
                summary.alreadyImported += 1
            } else {
                fail("document \(document.header.id) was imported before with other content; a changed document needs a new id", at: .header)
            }
            return
        }
        switch document.content {
        case .order(let package):
            try applyOrder(package)
        case .followUpReport(let record):
            try applyFollowUp(record)
        case .assessment(let package):
            try applyAssessment(package)
        case .extract(let extract):
            for package in extract.orders { try applyOrder(package) }
            for package in extract.assessments { try applyAssessment(package) }
            for record in extract.followUps { try applyFollowUp(record) }
        case .deliveryReport(let report):
            try applyDeliveryReport(report)
        }
        guard !issues.hasErrors else { return }
        try writer.recordImportedDocument(ImportedDocument(id: document.header.id, kind: document.header.kind.rawValue,
                                                          syntax: document.syntax.rawValue, contentHash: document.contentHash))
        summary.documents += 1
    }

    mutating func fail(_ message: String, at key: DocumentLocations.Key, member: String? = nil) {
        var pointer = locations[key]
        if let member { pointer.append(member) }
        issues.error(message, at: pointer)
    }

    /// Runs a store write and returns the store's refusal of the input, if any, as a message to
    /// report; the store's own failures propagate (and roll the transaction back).
    func refusal(_ body: () throws -> Void) throws -> String? {
        do {
            try body()
            return nil
        } catch let error as ModelError {
            return error.message
        } catch {
            let classified = StoreError.classifying(error)
            if classified.isUserError { return classified.description }
            // Records of a citizen new to this store are written without looking their ids up
            // first; an id another record already has is then refused by the store's key.
            if case .ruleBroken(.keyTaken, let message) = classified {
                return "an id in this record is already used by another record in this store (\(message))"
            }
            throw error
        }
    }

    /// The citizen with this CPR number, registered under a new pseudonym when the store has none.
    /// `isNew` spares later lookups: nothing in the store can belong to a citizen just registered.
    /// A known CPR number under another name, or from a municipality none of the citizen's cases
    /// is in, is still that citizen (the CPR number is the identity), but it may be a typing
    /// error that would attach one person's case to another: it is a warning with the document's
    /// location, kept in the audit trail, and an error under `--strict`.
    mutating func citizen(_ identity: CitizenIdentity, municipality: Municipality? = nil) throws -> (citizen: Citizen, isNew: Bool) {
        if let known = try writer.citizen(cpr: identity.cpr) {
            try checkIdentity(known, against: identity, municipality: municipality)
            return (known, false)
        }
        summary.citizensCreated += 1
        return (try writer.addCitizen(cpr: identity.cpr, name: identity.name), true)
    }

    private mutating func checkIdentity(_ known: Citizen, against identity: CitizenIdentity, municipality: Municipality?) throws {
        var differences: [String] = []
        if TextFolding.fold(known.name) != TextFolding.fold(identity.name) {
            differences.append("is registered under another name than the document gives")
        }
        if let municipality {
            let codes = Set(try store.cases(of: known.pseudonym).map(\.value.municipality.code))
            if !codes.isEmpty, !codes.contains(municipality.code) {
                differences.append("has cases in municipality \(codes.sorted().joined(separator: ", ")), not \(municipality.code) as the document says")
            }
        }
        guard !differences.isEmpty else { return }
        let message = """
            the CPR number belongs to citizen \(known.pseudonym), who \(differences.joined(separator: " and ")); \
            \(strict ? "nothing was imported (--strict)" : "the document was attached to \(known.pseudonym)"): check that it is the same person
            """
        if strict {
            fail(message, at: .citizen(cpr: identity.cpr.digits))
        } else {
            issues.warning(message, at: locations[.citizen(cpr: identity.cpr.digits)])
            try writer.recordWarning(message)
        }
    }

    /// Opens the case unless the store has it; a case of another citizen is an error.
    mutating func openCase(_ details: CaseDetails, citizen: Citizen, isNew: Bool) throws -> Bool {
        if isNew {
            if try refusal({ try writer.openCase(try details.caseFile(citizen: citizen.pseudonym)) }) == nil {
                summary.casesOpened += 1
                return true
            }
        }
        if let known = try writer.caseFile(number: details.number) {
            guard known.citizen == citizen.pseudonym else {
                // A report locates the case at its number; other documents at the case.
                fail("case \(details.number) belongs to another citizen in this store", at: .caseFile(details.number),
                     member: syntax == .fhirDeliveryReport ? nil : "number")
                return false
            }
            return true
        }
        if let refusal = try refusal({ try writer.openCase(try details.caseFile(citizen: citizen.pseudonym)) }) {
            fail(refusal, at: .caseFile(details.number))
            return false
        }
        summary.casesOpened += 1
        return true
    }
}
