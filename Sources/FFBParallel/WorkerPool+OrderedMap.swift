extension WorkerPool {
    /// Runs `transform` for every index in `0..<count` on `workers` threads while the calling
    /// thread hands the results to `consume` in index order, each as soon as it and every one
    /// before it is ready.
    ///
    /// An index is started only while fewer than `window` results are being computed, waiting or
    /// being consumed, so memory stays bounded however far ahead of the consumer the workers
    /// could run. If `consume` throws, no further index is started, the running ones are waited
    /// for, and the error is rethrown.
    package func orderedMap<Value: Sendable, Failure: Error>(
        _ count: Int,
        window: Int,
        _ transform: @escaping @Sendable (Int) -> Value,
        consume: (Int, Value) throws(Failure) -> Void
    ) throws(Failure) {
        let slots = max(1, min(window, count))
        // At most `slots` consecutive indices are unconsumed, so index % slots names one slot each.
        let queue = IndexQueue(count: count, window: slots, shared: [Value?](repeating: nil, count: slots))
        queue.start(threads: min(workers, count)) {
            while let index = queue.claim() {
                let value = transform(index)
                queue.update { $0[index % slots] = value }
            }
        }
        defer {
            queue.stop()
            queue.join()
        }
        for index in 0..<max(0, count) {
            let value = queue.wait { ring in
                defer { ring[index % slots] = nil }
                return ring[index % slots]
            }
            try consume(index, value)
            queue.advance()
        }
    }
}
