import Foundation

/// What the calls of a pool's closure record from many threads at once, under one lock.
final class Tally: @unchecked Sendable {
    private let condition = NSCondition()
    // Read and written only while `condition` is locked.
    private var runs: [Int: Int] = [:]
    private var began: [Int] = []
    private var running = 0
    private var mostRunning = 0
    private var started = 0

    /// How often each index was run.
    var runsByIndex: [Int: Int] { locked { runs } }
    /// The indices in the order their calls began.
    var order: [Int] { locked { began } }
    /// The most calls that were running at the same time.
    var mostAtOnce: Int { locked { mostRunning } }
    var startedCount: Int { locked { started } }

    /// Counts a call of `index` as running until `end`.
    func begin(_ index: Int) {
        locked {
            runs[index, default: 0] += 1
            began.append(index)
            running += 1
            started += 1
            mostRunning = max(mostRunning, running)
        }
    }

    func end() {
        locked { running -= 1 }
    }

    /// Waits, for at most `seconds`, until `count` calls have begun; false if they never did.
    func waitForStarts(_ count: Int, seconds: Double = 10) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while started < count {
            if !condition.wait(until: deadline) { return started >= count }
        }
        return true
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }
}

/// A failure that says which index threw it.
struct IndexFailure: Error, Equatable {
    let index: Int
}
