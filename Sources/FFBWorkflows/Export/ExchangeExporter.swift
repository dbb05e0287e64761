import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// Why a record cannot be exported. The messages never hold a CPR number.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    case notFound(String)
    case refused(String)
    case store(String)

    public var description: String {
        switch self {
        case .notFound(let message), .refused(let message), .store(let message): message
        }
    }

    static func from(_ error: StoreError) -> ExportError {
        switch error {
        case .notFound(let message): .notFound(message)
        case .invalid(let message): .refused(message)
        default: .store(error.description)
        }
    }
}

/// Reads records back from a store as exchange content: the reverse of `ExchangeImport`.
///
/// Lists come out in a fixed order (goals by series and version, assessments by date and id), so
/// two stores holding the same records export the same document.
public struct ExchangeExporter {
    public let store: any CaseStore

    public init(store: any CaseStore) {
        self.store = store
    }

    public func order(_ reference: String) throws(ExportError) -> ExportedContent {
        let package = try orderPackage(reference)
        return ExportedContent(content: .order(package), sender: try municipality(package.caseDetails.municipality),
                               receiver: package.order.provider, asOf: package.order.issued)
    }

    public func followUpReport(_ reference: String) throws(ExportError) -> ExportedContent {
        let record = try followUpRecord(reference)
        let order = try wrap { try store.order(record.orderID.storeText).value }
        let caseFile = try wrap { try store.caseFile(order.caseNumber) }
        return ExportedContent(content: .followUpReport(record), sender: order.provider,
                               receiver: try municipality(caseFile.municipality), asOf: record.date)
    }

    public func assessment(_ reference: String) throws(ExportError) -> ExportedContent {
        let package = try assessmentPackage(reference)
        let sender = try package.caseDetails.map { details throws(ExportError) in try municipality(details.municipality) }
        guard let sender else {
            throw .refused("assessment \(package.assessment.id.storeText) belongs to no case, so it has no sending municipality; export the order instead")
        }
        return ExportedContent(content: .assessment(package), sender: sender, receiver: sender, asOf: package.assessment.date)
    }

    /// Every order (with its follow-ups) and every assessment outside them, of one citizen or all.
    public func extract(citizen reference: String?, sender: Organization) throws(ExportError) -> ExportedContent {
        let citizens = try wrap { () throws -> [Citizen] in
            if let reference { return [try store.citizen(reference)] }
            return try store.citizens().map(\.value)
        }
        var orders: [OrderPackage] = []
        var assessments: [AssessmentPackage] = []
        var followUps: [FollowUpRecord] = []
        var latest: LocalDate?
        for citizen in citizens.sorted(by: { $0.pseudonym < $1.pseudonym }) {
            let stored = try wrap { try store.orders(of: citizen.pseudonym) }.filter { $0.enteredInError == nil }
            var covered: Set<UUID> = []
            for order in stored.sorted(by: { ($0.value.issued, $0.value.id.storeText) < ($1.value.issued, $1.value.id.storeText) }) {
                let package = try orderPackage(order.value.id.storeText)
                covered.formUnion(package.assessments.map(\.id))
                orders.append(package)
                latest = max(latest ?? package.order.issued, package.order.issued)
                for followUp in try wrap({ try store.followUps(of: order.value.id) }) where followUp.enteredInError == nil {
                    let record = try followUpRecord(followUp.value.id.storeText)
                    followUps.append(record)
                    latest = max(latest ?? record.date, record.date)
                }
            }
            for assessment in try assessmentRecords(of: citizen.pseudonym, kind: .assessment) where !covered.contains(assessment.id) {
                let details = try assessment.caseNumber.map { number throws(ExportError) in CaseDetails(try wrap { try store.caseFile(number) }) }
                assessments.append(AssessmentPackage(citizen: CitizenIdentity(cpr: citizen.cpr, name: citizen.name), caseDetails: details, assessment: assessment))
                latest = max(latest ?? assessment.date, assessment.date)
            }
        }
        guard let latest else { throw .notFound("the store holds nothing to extract") }
        let extract = CaseloadExtract(orders: orders, assessments: assessments, followUps: followUps.sorted { ($0.date, $0.id.storeText) < ($1.date, $1.id.storeText) })
        return ExportedContent(content: .extract(extract), sender: sender, receiver: sender, asOf: latest)
    }

    // MARK: Records

    public func orderPackage(_ reference: String) throws(ExportError) -> OrderPackage {
        let stored = try wrap { try store.order(reference) }
        guard stored.enteredInError == nil else {
            throw .refused("order \(stored.value.id.storeText) is marked entered in error and is not sent")
        }
        let order = stored.value
        let citizen = try wrap { try store.citizen(order.citizen.rawValue) }
        let caseFile = try wrap { try store.caseFile(order.caseNumber) }
        let assessments = try assessmentRecords(of: order.citizen, kind: .assessment)
            .filter { ($0.caseNumber == nil || $0.caseNumber == order.caseNumber) && $0.date <= order.issued }
        let goals = try wrap { try store.goals(of: order.id) }
            .sorted { ($0.value.seriesID.storeText, $0.value.version) < ($1.value.seriesID.storeText, $1.value.version) }
            .map { GoalRecord(goal: $0.value, enteredInError: $0.enteredInError) }
        let contact = try wrap { try store.contact(of: citizen.pseudonym)?.value }
        let details = try wrap { try store.details(of: order.id) }
        let message = try wrap { try store.keptMessage(of: order.id) }
        let kept = try message.map { message throws(ExportError) in try wrap { try KeptMessage(message) } }
        return OrderPackage(citizen: CitizenIdentity(cpr: citizen.cpr, name: contact?.name ?? citizen.name), caseDetails: CaseDetails(caseFile),
                            assessments: assessments, order: order.terms, goals: goals, contact: contact, details: details, kept: kept)
    }

    /// An order as a KL FFB order message (messaging IG 1.0.0). Refused, with what to record and
    /// how, when the order lacks an element KL's profiles require: never a message that breaks them.
    public func orderMessage(_ reference: String, writer: OrderMessageWriter = OrderMessageWriter()) throws(ExportError) -> JSONValue {
        let exported = try order(reference)
        guard case .order(let package) = exported.content else { throw .store("not an order") }
        let citizen = try wrap { try store.order(reference).value.citizen }
        if let missing = OrderMessageWriter.missingRequirements(package).first {
            throw .refused(missing.instruction(citizen: citizen.rawValue, order: package.order.id.storeText))
        }
        return writer.message(package, sender: exported.sender, receiver: exported.receiver, created: "\(exported.asOf.iso)T00:00:00Z")
    }

    public func followUpRecord(_ reference: String) throws(ExportError) -> FollowUpRecord {
        let id = try wrap { try store.resolveID(reference, kind: .followUp) }
        guard let uuid = UUID(uuidString: id), let found = try wrap({ try store.followUp(id: uuid) }) else { throw .notFound("no follow-up \(reference)") }
        guard found.followUp.enteredInError == nil else { throw .refused("follow-up \(id) is marked entered in error and is not sent") }
        let followUp = found.followUp.value
        return FollowUpRecord(id: followUp.id, orderID: followUp.orderID, date: followUp.date, author: found.levels?.assessor ?? "",
                              entries: found.levels?.entries ?? [], supportLevel: followUp.supportLevel, goalNotes: followUp.goalNotes,
                              status: followUp.status)
    }

    public func assessmentPackage(_ reference: String) throws(ExportError) -> AssessmentPackage {
        let id = try wrap { try store.resolveID(reference, kind: .assessment) }
        guard let uuid = UUID(uuidString: id), let stored = try wrap({ try store.assessment(id: uuid) }), stored.value.kind == .assessment else {
            throw .notFound("no assessment \(reference)")
        }
        guard stored.enteredInError == nil else { throw .refused("assessment \(id) is marked entered in error and is not sent") }
        let citizen = try wrap { try store.citizen(stored.value.citizen.rawValue) }
        let details = try stored.value.caseNumber.map { number throws(ExportError) in CaseDetails(try wrap { try store.caseFile(number) }) }
        let record = AssessmentRecord(id: stored.value.id, caseNumber: stored.value.caseNumber, date: stored.value.date,
                                      assessor: stored.value.assessor, entries: stored.value.entries)
        return AssessmentPackage(citizen: CitizenIdentity(cpr: citizen.cpr, name: citizen.name), caseDetails: details, assessment: record)
    }

    /// A citizen's assessments of one kind, by date and id, with their entered-in-error marks.
    func assessmentRecords(of citizen: Pseudonym, kind: StoredAssessment.Kind) throws(ExportError) -> [AssessmentRecord] {
        try wrap { try store.assessments(of: citizen) }
            .filter { $0.value.kind == kind }
            .sorted { ($0.value.date, $0.value.id.storeText) < ($1.value.date, $1.value.id.storeText) }
            .map { stored in
                AssessmentRecord(id: stored.value.id, caseNumber: stored.value.caseNumber, date: stored.value.date, assessor: stored.value.assessor,
                                 entries: stored.value.entries, enteredInError: stored.enteredInError)
            }
    }

    func municipality(_ municipality: Municipality) throws(ExportError) -> Organization {
        do {
            return try Organization(name: municipality.name, identifier: municipality.code)
        } catch {
            throw .store(error.message)
        }
    }

    func wrap<T>(_ body: () throws -> T) throws(ExportError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw .from(error)
        } catch let error as ModelError {
            throw .store(error.message)
        } catch {
            throw .store("\(error)")
        }
    }
}
