import FFBJSON
import FFBExchange
import FFBParallel
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
    ///
    /// `progress` counts documents (`DocumentSteps`).
    public static func run(
        count: Int,
        decode: @escaping @Sendable (Int) -> Result<ExchangeDocument, ExchangeError>,
        into store: any CaseStore,
        user: String,
        command: String,
        strict: Bool = false,
        progress: WorkProgress = .none
    ) throws(ImportError) -> ImportReport {
        // The applying thread is busy too, so one core fewer decodes. A window of a few documents
        // per worker keeps them busy without holding a whole import's documents in memory.
        let pool = WorkerPool(workers: ProcessInfo.processInfo.activeProcessorCount - 1)
        var problems: [DocumentProblems] = []
        var warnings: [Int: [JSONIssue]] = [:]
        var steps = DocumentSteps(progress: progress)
        progress.start(total: count)
        do {
            let summary = try store.write(user: user, command: command) { writer in
                var importer = ExchangeImporter(store: store, writer: writer)
                importer.strict = strict
                var deferred: [(index: Int, document: ExchangeDocument)] = []
                var cacheReserved = false
                try pool.orderedMap(count, window: 8 * pool.workers, decode) { index, result in
                    steps.decoded()
                    switch result {
                    case .failure(let error):
                        problems.append(DocumentProblems(index: index, issues: error.issues))
                        steps.finished()
                    case .success(let document):
                        warnings[index] = document.warnings
                        guard problems.isEmpty else {
                            steps.finished()
                            return
                        }
                        if !cacheReserved {
                            // About 8 kB of store per theme entry; capped so a huge import cannot take all memory.
                            try writer.reserveCache(megabytes: min(512, 8 + count * document.themeEntryCount / 100))
                            cacheReserved = true
                        }
                        if document.header.kind.applyRank == 0 {
                            try importer.apply(document, index: index)
                            steps.finished()
                        } else {
                            deferred.append((index, document))
                        }
                    }
                }
                if problems.isEmpty {
                    for (index, document) in deferred.sorted(by: { ($0.document.header.kind.applyRank, $0.index) < ($1.document.header.kind.applyRank, $1.index) }) {
                        try importer.apply(document, index: index)
                        steps.finished()
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

/// An import's progress in documents: decoding a document is half of its work, applying it (or
/// finding it will not be applied) the other half. So counted, the count moves steadily even
/// while follow-up reports, all decoded first, wait to be applied at the end.
private struct DocumentSteps {
    let progress: WorkProgress
    private var halves = 0

    init(progress: WorkProgress) {
        self.progress = progress
    }

    mutating func decoded() {
        half()
    }

    /// Applied, or found not to be applied.
    mutating func finished() {
        half()
    }

    private mutating func half() {
        halves += 1
        if halves % 2 == 0 { progress.advance() }
    }
}
