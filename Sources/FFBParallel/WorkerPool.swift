import Foundation

/// How many threads a piece of work may spread over. The threads are started per call and all
/// have finished when the call returns, so no thread outlives the work it was started for.
package struct WorkerPool: Sendable {
    /// The most calls of the work's closure that run at the same time (at least 1).
    package let workers: Int

    package init(workers: Int) {
        self.workers = max(1, workers)
    }

    /// A worker per core this process may use.
    package static var perCore: WorkerPool {
        WorkerPool(workers: ProcessInfo.processInfo.activeProcessorCount)
    }
}
