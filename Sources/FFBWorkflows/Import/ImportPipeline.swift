import FFBJSON
import FFBExchange
import FFBStore
import Foundation

/// What an import did: the summary, and each document's warnings by its position.
public struct ImportReport: Sendable {
    public var summary: ImportSummary
    public var warnings: [Int: [JSONIssue]]
}

extension ExchangeImport {
    /// Decodes `count` documents on the spare cores while this thread applies the ones already
    /// decoded, all in one transaction. Orders and extracts are applied as they arrive;
    /// assessments and follow-up reports wait for the end, so they find orders given after them.
    /// Any document that cannot be decoded or applied rolls everything back; every document is
    /// still decoded, so every problem of every file is reported.
    public static func run(
        count: Int,
        decode: @escaping @Sendable (Int) -> Result<ExchangeDocument, ExchangeError>,
        into store: any CaseStore,
        user: String,
        command: String,
        strict: Bool = false
    ) throws(ImportError) -> ImportReport {
        let queue = DecodedDocuments(count: count, decode: decode)
        queue.start(workers: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        defer { queue.finish() }
        var problems: [DocumentProblems] = []
        var warnings: [Int: [JSONIssue]] = [:]
        do {
            let summary = try store.write(user: user, command: command) { writer in
                var importer = ExchangeImporter(store: store, writer: writer)
                importer.strict = strict
                var deferred: [(index: Int, document: ExchangeDocument)] = []
                var cacheReserved = false
                for index in 0..<count {
                    switch queue.result(index) {
                    case .failure(let error):
                        problems.append(DocumentProblems(index: index, issues: error.issues))
                    case .success(let document):
                        warnings[index] = document.warnings
                        guard problems.isEmpty else { continue }
                        if !cacheReserved {
                            // About 8 kB of store per theme entry; capped so a huge import cannot take all memory.
                            try writer.reserveCache(megabytes: min(512, 8 + count * document.themeEntryCount / 100))
                            cacheReserved = true
                        }
                        if document.header.kind.applyRank == 0 {
                            try importer.apply(document, index: index)
                        } else {
                            deferred.append((index, document))
                        }
                    }
                }
                if problems.isEmpty {
                    for (index, document) in deferred.sorted(by: { ($0.document.header.kind.applyRank, $0.index) < ($1.document.header.kind.applyRank, $1.index) }) {
                        try importer.apply(document, index: index)
                    }
                }
                problems += importer.problems
                if !problems.isEmpty { throw StoreError.invalid("the import was rolled back") }
                warnings.merge(importer.warnings) { $0 + $1 }
                return importer.summary
            }
            return ImportReport(summary: summary, warnings: warnings)
        } catch {
            if !problems.isEmpty { throw .rejected(problems.sorted { $0.index < $1.index }) }
            throw .store(error.description, isUserError: error.isUserError)
        }
    }
}

/// Documents decoded by worker threads, handed to the applying thread in their order.
final class DecodedDocuments: @unchecked Sendable {
    // Every mutable member below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var results: [Result<ExchangeDocument, ExchangeError>?]
    private var claimed = 0
    private var running = 0
    private let decode: @Sendable (Int) -> Result<ExchangeDocument, ExchangeError>

    init(count: Int, decode: @escaping @Sendable (Int) -> Result<ExchangeDocument, ExchangeError>) {
        results = Array(repeating: nil, count: count)
        self.decode = decode
    }

    func start(workers: Int) {
        condition.lock()
        running = workers
        condition.unlock()
        for _ in 0..<workers {
            Thread.detachNewThread { [self] in work() }
        }
    }

    private func work() {
        while let index = claim() {
            let result = decode(index)
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard claimed < results.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    /// The document at `index`, waiting for it to be decoded.
    func result(_ index: Int) -> Result<ExchangeDocument, ExchangeError> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = results[index] { return result }
            condition.wait()
        }
    }

    /// Waits for the workers to stop, so no thread outlives the import.
    func finish() {
        condition.lock()
        claimed = results.count
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
