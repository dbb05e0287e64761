import Foundation

/// What the threads of one call share: the next index to hand out, how far past the consumer it
/// may go, the threads still running, and the call's own `Shared` state. One lock guards it all.
final class IndexQueue<Shared>: @unchecked Sendable {
    // Every mutable member below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var next = 0
    private var end: Int
    /// Indices from here on wait for the consumer.
    private var limit: Int
    private var running = 0
    private var shared: Shared

    init(count: Int, window: Int = .max, shared: Shared) {
        end = max(0, count)
        limit = window
        self.shared = shared
    }

    /// The next index, once it is within the window; nil when every index is handed out or the
    /// queue is stopped.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < end, next >= limit { condition.wait() }
        guard next < end else { return nil }
        next += 1
        return next - 1
    }

    /// Hands out no index after those already handed out.
    func stop() {
        update { _ in end = min(end, next) }
    }

    /// Reads or changes the shared state, and wakes every thread waiting on the queue.
    func update<Result>(_ body: (inout Shared) -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body(&shared)
    }

    /// Waits until `take` finds a value in the shared state.
    func wait<Value>(for take: (inout Shared) -> Value?) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = take(&shared) { return value }
            condition.wait()
        }
    }

    /// The consumer is done with one more result: one more index may be handed out.
    func advance() {
        update { _ in limit += 1 }
    }

    /// Runs `lane` on `threads` threads of its own.
    func start(threads: Int, _ lane: @escaping @Sendable () -> Void) {
        guard threads > 0 else { return }
        update { _ in running += threads }
        for _ in 0..<threads {
            Thread.detachNewThread { [self] in
                lane()
                update { _ in running -= 1 }
            }
        }
    }

    /// Waits until every started thread has finished its lane.
    func join() {
        condition.lock()
        defer { condition.unlock() }
        while running > 0 { condition.wait() }
    }
}
