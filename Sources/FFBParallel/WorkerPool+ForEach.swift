extension WorkerPool {
    /// Runs `body` for every index in `0..<count`, at most `workers` at a time, the calling thread
    /// being one of them, and returns when every call has returned.
    ///
    /// A `body` that throws stops the handing out of further indices. Indices are handed out in
    /// order, so every index below a failing one has run: the error rethrown is the one of the
    /// lowest failing index, the one a loop on one thread would have stopped at.
    package func forEach<Failure: Error>(_ count: Int, _ body: @escaping @Sendable (Int) throws(Failure) -> Void) throws(Failure) {
        try run(count, callerWorks: true, meanwhile: {}, body)
    }

    /// `forEach` on `workers` threads of its own, while the calling thread runs `meanwhile` (say,
    /// reads the next round of input) and then waits for them.
    package func forEach<Failure: Error>(_ count: Int, meanwhile: () -> Void, _ body: @escaping @Sendable (Int) throws(Failure) -> Void) throws(Failure) {
        try run(count, callerWorks: false, meanwhile: meanwhile, body)
    }

    /// `transform` for every index in `0..<count`, at most `workers` at a time, and the results in
    /// index order. The calling thread first runs `first` (say, reads what the results will be
    /// joined with), then takes indices with the others: the work is shared whatever its mix.
    package func map<Value: Sendable>(_ count: Int, first: () -> Void = {}, _ transform: @escaping @Sendable (Int) -> Value) -> [Value] {
        let queue = IndexQueue(count: count, shared: [Value?](repeating: nil, count: max(0, count)))
        let lane: @Sendable () -> Void = {
            while let index = queue.claim() {
                let value = transform(index)
                queue.update { $0[index] = value }
            }
        }
        queue.start(threads: min(workers, count) - 1, lane)
        first()
        lane()
        queue.join()
        return queue.update { results in results.map { $0! } }
    }

    /// `work` on a thread of its own while the calling thread runs `meanwhile`, then `work`'s
    /// result once both are done (a read on a second connection beside one on this).
    package static func aside<Value: Sendable>(meanwhile: () -> Void, _ work: @escaping @Sendable () -> Value) -> Value {
        // Two indices, one started thread: it takes the first while this thread runs `meanwhile`
        // (or this thread does, should it get there first), and the second is nothing.
        WorkerPool(workers: 2).map(2, first: meanwhile) { index -> Value? in index == 0 ? .some(work()) : nil }[0]!
    }

    /// `transform` of every element, in order, worked out in runs of `chunk` consecutive elements
    /// that the workers take in turn (many small transforms, each too small to hand out alone).
    package func map<Element: Sendable, Value: Sendable>(
        _ elements: [Element], chunk: Int = 1024, _ transform: @escaping @Sendable (Element) -> Value
    ) -> [Value] {
        let runs = stride(from: 0, to: elements.count, by: max(1, chunk)).map { $0..<min($0 + max(1, chunk), elements.count) }
        // Each value made in its place in the result: not made in a run's array and copied from
        // there (a copy retains every part of a value, and freeing the run's array releases them).
        return [Value](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            let result = SharedBuffer(buffer)
            forEach(runs.count) { run in
                for index in runs[run] { (result.buffer.baseAddress! + index).initialize(to: transform(elements[index])) }
            }
            initialized = elements.count
        }
    }

    private func run<Failure: Error>(
        _ count: Int,
        callerWorks: Bool,
        meanwhile: () -> Void,
        _ body: @escaping @Sendable (Int) throws(Failure) -> Void
    ) throws(Failure) {
        let queue = IndexQueue(count: count, shared: FirstFailure<Failure>())
        queue.start(threads: min(workers, count) - (callerWorks ? 1 : 0)) { Self.work(queue, body) }
        meanwhile()
        if callerWorks { Self.work(queue, body) }
        queue.join()
        if let failure = queue.update({ $0.failure }) { throw failure.error }
    }

    private static func work<Failure: Error>(_ queue: IndexQueue<FirstFailure<Failure>>, _ body: @Sendable (Int) throws(Failure) -> Void) {
        while let index = queue.claim() {
            do throws(Failure) {
                try body(index)
            } catch {
                queue.stop()
                queue.update { $0.record(index: index, error: error) }
            }
        }
    }
}

/// The failure of the lowest index among those that failed.
struct FirstFailure<Failure: Error> {
    private(set) var failure: (index: Int, error: Failure)?

    mutating func record(index: Int, error: Failure) {
        if let failure, failure.index < index { return }
        failure = (index, error)
    }
}
