import FFBExchange
import FFBStore
import FFBWorkflows
import Foundation
import Synchronization
import Testing

/// The import applies follow-up reports after every order, decoding them again when their turn
/// comes instead of keeping them (bounded memory). These are the cases that makes possible.
@Suite struct ImportPipelineTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-import-pipeline-\(UUID().uuidString)")

    func document(_ name: String) throws -> ExchangeDocument {
        let data = try Data(contentsOf: LibraryUseTests.examples.appendingPathComponent(name))
        return try DocumentValidator().validate(try DocumentDecoder().decode(data))
    }

    /// Decodes document `index` from `first` on its first decoding and from `later` after that.
    final class Decodings: Sendable {
        let first: [ExchangeDocument], later: [ExchangeDocument]
        let counts = Mutex([Int: Int]())

        init(first: [ExchangeDocument], later: [ExchangeDocument]) {
            self.first = first
            self.later = later
        }

        func decode(_ index: Int) -> Result<ExchangeDocument, ExchangeError> {
            let seen = counts.withLock { counts in
                counts[index, default: 0] += 1
                return counts[index] ?? 1
            }
            return .success(seen == 1 ? first[index] : later[index])
        }
    }

    /// `body` with a new, empty store, removed afterwards.
    func withStore(_ body: (any CaseStore) throws -> Void) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CaseStores.open(directory.appendingPathComponent("s.sqlite").path, create: true)
        defer { store.close() }
        try body(store)
    }

    @Test func aReportGivenBeforeItsOrderIsAppliedAfterItAndDecodedAgainForThat() throws {
        try withStore { store in
            let report = try document("follow-up-report.json"), order = try document("order.json")
            let decodings = Decodings(first: [report, order], later: [report, order])
            let result = try ExchangeImport.run(count: 2, decode: decodings.decode, into: store, user: "t", command: "import")
            #expect(result.summary.documents == 2)
            #expect(result.summary.followUps == 1)
            // The order is kept from its one decoding; the report is decoded again for its turn.
            #expect(decodings.counts.withLock { $0 } == [0: 2, 1: 1])
        }
    }

    @Test func aFileThatChangesBetweenTheTwoReadingsIsRefusedAndNothingIsWritten() throws {
        try withStore { store in
            let order = try document("order.json"), report = try document("follow-up-report.json")
            // What the file holds when it is read again: another document (here, the order).
            let decodings = Decodings(first: [order, report], later: [order, order])
            #expect {
                try ExchangeImport.run(count: 2, decode: decodings.decode, into: store, user: "t", command: "import")
            } throws: { error in
                guard case ImportError.rejected(let problems) = error else { return false }
                return problems.map(\.index) == [1]
                    && problems[0].issues.errors.map(\.message) == ["the file changed while it was being imported; import it again"]
            }
            #expect(try store.orders().isEmpty)
            #expect(try store.citizens().isEmpty)
        }
    }
}
