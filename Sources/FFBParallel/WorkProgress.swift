/// How far a long piece of work has come, told to whoever shows it (`ffb` draws one line on a
/// terminal; a library caller may pass `.none`). The work says its total once it knows it, then
/// advances as items are done.
///
/// The watcher runs on the thread that calls `advance`, so work spread over a `WorkerPool` may
/// advance from its workers only when its watcher is safe there (ffb's takes a lock). Advance per
/// item of real work (a document, a citizen, a batch of rows), not per byte: each call may read
/// the clock.
public struct WorkProgress: Sendable {
    /// What the work tells its watcher.
    public enum Event: Sendable, Equatable {
        /// The work holds this many items in all.
        case total(Int)
        /// This many more items are done.
        case advanced(Int)
    }

    private let watch: (@Sendable (Event) -> Void)?

    public init(_ watch: @escaping @Sendable (Event) -> Void) {
        self.watch = watch
    }

    private init() {
        watch = nil
    }

    /// Nobody watches: each call costs a check for nil.
    public static let none = WorkProgress()

    public func start(total: Int) {
        watch?(.total(total))
    }

    public func advance(by count: Int = 1) {
        watch?(.advanced(count))
    }
}
