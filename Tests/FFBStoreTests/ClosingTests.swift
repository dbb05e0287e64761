import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Closing a case and ending an order: new records, refused with nothing written when they
/// cannot be true; when an order ended is read in one place, whatever ended it.
@Suite struct ClosingTests {
    let store: Store
    let citizen: Citizen
    let order: Order

    init() throws {
        store = try freshStore("ffb-closing").store
        let catalog = store.catalog
        let made = try store.write(user: "anna", command: "setup") { writer in
            let citizen = try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette Hansen")
            try writer.openCase(CaseFile(caseNumber: "S-1", citizen: citizen.pseudonym, opened: try Self.date("2025-01-10"),
                                         municipality: Municipality(name: "Aarhus", code: "0751")))
            let order = try Order(citizen: citizen.pseudonym, caseNumber: "S-1", services: [catalog.services[0].code], offerType: nil,
                                  targetGroups: [], provider: Organization(name: "Bostøtten", identifier: "SOR-1"), supportLevel: .assessed(.c),
                                  issued: try Self.date("2025-02-01"), start: try Self.date("2025-03-01"), followUpDate: try Self.date("2025-09-01"),
                                  catalog: catalog)
            try writer.createOrder(order)
            return (citizen, order)
        }
        (citizen, order) = made
    }

    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    func followUp(_ date: String, _ status: FollowUpStatus, next: String? = nil) throws -> FollowUp {
        try FollowUp(order: order, date: try Self.date(date), entries: [], supportLevel: nil, goalNotes: [], status: status, author: "anna",
                     nextFollowUp: try next.map(Self.date))
    }

    func record(_ followUp: FollowUp) throws {
        try store.write(user: "anna", command: "followup record") { try $0.record(followUp, citizen: citizen.pseudonym, caseNumber: "S-1") }
    }

    /// `body` is refused with a message containing `message`, and the store is as it was.
    func refused(_ message: String, _ body: (any CaseStoreWriter) throws -> Void) throws {
        let before = try store.logicalDump()
        #expect {
            try store.write(user: "anna", command: "refused", body)
        } throws: { error in
            guard let error = error as? StoreError, error.isUserError else { return false }
            return error.description.contains(message)
        }
        #expect(try store.logicalDump() == before)
    }

    @Test func anOrderEndsOnceNotBeforeItStartsNorBeforeItsLatestFollowUp() throws {
        try record(try followUp("2025-09-01", .continue, next: "2026-03-01"))
        try refused("starts on 2025-03-01; it cannot end before that") { try $0.endOrder(order.id, try Closing(date: try Self.date("2025-02-28"), reason: "x")) }
        try refused("has a follow-up on 2025-09-01, after the end date 2025-08-31") {
            try $0.endOrder(order.id, try Closing(date: try Self.date("2025-08-31"), reason: "x"))
        }
        try refused("no order") { try $0.endOrder(UUID(), try Closing(date: try Self.date("2025-10-01"), reason: "x")) }
        try store.write(user: "anna", command: "order end") { try $0.endOrder(order.id, try Closing(date: try Self.date("2025-10-01"), reason: "Flyttet")) }
        #expect(try store.orderEnd(of: order.id) == OrderEnd(date: try Self.date("2025-10-01"), cause: .ended(reason: "Flyttet")))
        try refused("has already ended on 2025-10-01 (ended: Flyttet); an order ends once") {
            try $0.endOrder(order.id, try Closing(date: try Self.date("2025-11-01"), reason: "x"))
        }
        #expect(throws: ModelError.self) { try Closing(date: try Self.date("2025-11-01"), reason: " \n") }
    }

    @Test func anOrderAFollowUpEndedHasEndedUntilThatFollowUpIsMarkedInError() throws {
        let ending = try followUp("2025-09-01", .endAndRefer)
        try record(ending)
        #expect(try store.orderEnd(of: order.id) == OrderEnd(date: try Self.date("2025-09-01"), cause: .followUp(.endAndRefer)))
        try refused("has already ended on 2025-09-01 (a follow-up ended it)") {
            try $0.endOrder(order.id, try Closing(date: try Self.date("2025-12-01"), reason: "x"))
        }
        try store.write(user: "anna", command: "mark-error") { try $0.markEnteredInError(kind: .followUp, id: ending.id.storeText, reason: "wrong order") }
        #expect(try store.orderEnd(of: order.id) == nil)
        #expect(try store.orderEnds().isEmpty)
    }

    @Test func aCaseClosesOnceNotBeforeItOpenedNorBeforeItsOrdersStartOrFollowUps() throws {
        try record(try followUp("2025-09-01", .continue))
        try refused("was opened on 2025-01-10; it cannot close before that") { try $0.closeCase("S-1", try Closing(date: try Self.date("2025-01-09"), reason: "x")) }
        try refused("starts on 2025-03-01, after the closing date 2025-02-15") {
            try $0.closeCase("S-1", try Closing(date: try Self.date("2025-02-15"), reason: "x"))
        }
        try refused("has a follow-up on 2025-09-01, after the closing date 2025-08-01") {
            try $0.closeCase("S-1", try Closing(date: try Self.date("2025-08-01"), reason: "x"))
        }
        try refused("unknown case S-2") { try $0.closeCase("S-2", try Closing(date: try Self.date("2025-10-01"), reason: "x")) }
        try store.write(user: "anna", command: "case close") { try $0.closeCase("S-1", try Closing(date: try Self.date("2025-10-01"), reason: "Flyttet")) }
        #expect(try store.orderEnd(of: order.id) == OrderEnd(date: try Self.date("2025-10-01"), cause: .caseClosed(caseNumber: "S-1", reason: "Flyttet")))
        #expect(try store.orderEnds(of: citizen.pseudonym) == [order.id: OrderEnd(date: try Self.date("2025-10-01"), cause: .caseClosed(caseNumber: "S-1", reason: "Flyttet"))])
        try refused("case S-1 is already closed (on 2025-10-01)") { try $0.closeCase("S-1", try Closing(date: try Self.date("2025-11-01"), reason: "x")) }
        try refused("has already ended on 2025-10-01 (case S-1 was closed)") {
            try $0.endOrder(order.id, try Closing(date: try Self.date("2025-09-15"), reason: "x"))
        }
        #expect(!OrderEnd(date: try Self.date("2025-10-01"), cause: .ended(reason: "x")).isRunning(on: try Self.date("2025-10-01")))
        #expect(OrderEnd(date: try Self.date("2025-10-01"), cause: .ended(reason: "x")).isRunning(on: try Self.date("2025-09-30")))
    }

    @Test func aFollowUpPlansItsNextAndTheSamePlanAgainIsAlreadyRecorded() throws {
        let first = try followUp("2025-09-01", .continue, next: "2026-03-01")
        try record(first)
        #expect(try store.followUps(of: order.id).map(\.value.nextFollowUp) == [try Self.date("2026-03-01")])
        #expect(try store.followUpOutcomesByOrder()[order.id]?.map(\.nextFollowUp) == [try Self.date("2026-03-01")])
        #expect(try store.followUps(ofCitizen: citizen.pseudonym).map(\.value.id) == [first.id])
        #expect(try store.followUps(ofCitizen: nil).map(\.value.id) == [first.id])
        #expect(throws: StoreError.alreadyRecorded("follow-up \(first.id.storeText) already records this for order \(order.id.storeText) on 2025-09-01")) {
            try record(try followUp("2025-09-01", .continue, next: "2026-03-01"))
        }
        // Another plan for the same day is another follow-up: it must say which it replaces.
        try refused("already has a follow-up on 2025-09-01") { writer in
            try writer.record(try followUp("2025-09-01", .continue, next: "2026-04-01"), citizen: citizen.pseudonym, caseNumber: "S-1")
        }
        #expect(throws: ModelError.self) { try followUp("2025-09-01", .continue, next: "2025-09-01") }
        #expect(throws: ModelError.self) { try followUp("2025-09-01", .end, next: "2026-01-01") }
        for sql in ["UPDATE follow_up_plans SET next_date = '2027-01-01'", "DELETE FROM follow_up_plans"] {
            #expect(throws: SQLiteError.self, "\(sql)") { _ = try store.database.execute(sql) }
        }
    }

    @Test(.storeFile) func namesAndCaseworkersAreReadForEveryoneAtOnce() throws {
        try store.write(user: "bo", command: "citizen update") { writer in
            try writer.recordContact(CitizenContact(name: "Mette Holm", phone: nil, address: nil), of: citizen.pseudonym)
        }
        let names = try store.citizenNames()
        #expect(names.map(\.names) == [["Mette Hansen", "Mette Holm"]])
        #expect(names.first?.current == "Mette Holm")
        #expect(try store.caseworkers() == [citizen.pseudonym: "anna"])
        try store.write(user: "bo", command: "assess") { writer in
            try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: "S-1", date: try Self.date("2025-12-01"), assessor: "Bo",
                                             entries: [AssessmentEntry(theme: try store.catalog.resolveTheme("Købe ind"), level: .assessed(.moderate), note: nil, source: nil)]))
        }
        #expect(try store.caseworkers() == [citizen.pseudonym: "bo"])
    }
}
