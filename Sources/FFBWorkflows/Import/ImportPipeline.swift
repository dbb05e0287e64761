import FFBJSON
import FFBModel
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
    /// The most page cache an import asks SQLite for: enough for the indexes a large import
    /// touches, small enough that an import's memory stays bounded.
    static let cacheLimitMegabytes = 96

    /// Decodes `count` documents on the spare cores while this thread applies the ones already
    /// decoded, all in one transaction. Orders and extracts are applied as they arrive;
    /// assessments and then follow-up reports are applied after them, so they find orders given
    /// after them: they are decoded again then rather than kept, so an import holds only a
    /// window of documents in memory whatever its size (a document that changed in between is
    /// refused). Any document that cannot be decoded or applied rolls everything back; every
    /// document is still decoded, so every problem of every file is reported.
    ///
    /// `progress` counts documents (`DocumentSteps`).
    public static func run(
        count: Int,
        decode: @escaping @Sendable (Int) -> Result<ExchangeDocument, ExchangeError>,
        into store: any CaseStore,
        user: String,
        command: String,
        rules: WriteRules = WriteRules(),
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
        // Set when every document was imported before: the write is then rolled back, so a
        // repeated import leaves no trace, not even an audit row.
        var unchanged: ImportSummary?
        do {
            let summary = try nothingWritten(unchanged: { unchanged }) { () throws(StoreError) in try store.write(user: user, command: command, rules: rules) { writer in
                var importer = ExchangeImporter(store: store, writer: writer)
                importer.strict = strict
                var deferred: [(rank: Int, index: Int, contentHash: Int, created: String)] = []
                var cacheReserved = false
                try pool.orderedMap(count, window: 8 * pool.workers, decode) { index, result in
                    steps.decoded()
                    switch result {
                    case .failure(let error):
                        problems.append(DocumentProblems(index: index, issues: error.issues))
                        steps.finished()
                    case .success(let document):
                        if !document.warnings.isEmpty { warnings[index] = document.warnings }
                        guard problems.isEmpty else {
                            steps.finished()
                            return
                        }
                        if !cacheReserved {
                            // About 8 kB of store per theme entry; capped so a large import keeps a bounded footprint.
                            try writer.reserveCache(megabytes: min(Self.cacheLimitMegabytes, 8 + count * document.themeEntryCount / 100))
                            cacheReserved = true
                        }
                        let rank = document.header.kind.applyRank
                        if rank == 0 {
                            try importer.apply(document, index: index)
                            steps.finished()
                        } else {
                            // Reports are applied oldest first (KL: apply reports in timestamp order).
                            deferred.append((rank, index, document.contentHash.hashValue, document.header.kind == .deliveryReport ? document.header.created : ""))
                        }
                    }
                }
                if problems.isEmpty {
                    let order = deferred.sorted { ($0.rank, $0.created, $0.index) < ($1.rank, $1.created, $1.index) }
                    let indices = order.map(\.index)
                    // Applying these is lighter than decoding them again, so every core decodes.
                    let again = WorkerPool.perCore
                    try again.orderedMap(order.count, window: 8 * again.workers, { decode(indices[$0]) }) { position, result in
                        let (_, index, contentHash, _) = order[position]
                        defer { steps.finished() }
                        guard problems.isEmpty else { return }
                        switch result {
                        case .success(let document) where document.contentHash.hashValue == contentHash:
                            try importer.apply(document, index: index)
                        case .success:
                            var changed = ExchangeIssues()
                            changed.error("the file changed while it was being imported; import it again", at: JSONPointer())
                            problems.append(DocumentProblems(index: index, issues: changed))
                        case .failure(let error):
                            problems.append(DocumentProblems(index: index, issues: error.issues))
                        }
                    }
                }
                problems += importer.problems
                if !problems.isEmpty { throw StoreError.invalid("the import was rolled back") }
                warnings.merge(importer.warnings) { $0 + $1 }
                if importer.summary.documents == 0 {
                    unchanged = importer.summary
                    throw StoreError.alreadyRecorded("every document was imported before")
                }
                return importer.summary
            } }
            return ImportReport(summary: summary, warnings: warnings)
        } catch {
            if !problems.isEmpty { throw .rejected(problems.sorted { $0.index < $1.index }) }
            throw .store(error.description, isUserError: error.isUserError)
        }
    }
}

/// What `write` returned, or `unchanged` when it rolled back because it had nothing to write.
private func nothingWritten(unchanged: () -> ImportSummary?, _ write: () throws(StoreError) -> ImportSummary) throws(StoreError) -> ImportSummary {
    do {
        return try write()
    } catch {
        if case .alreadyRecorded = error, let unchanged = unchanged() { return unchanged }
        throw error
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
