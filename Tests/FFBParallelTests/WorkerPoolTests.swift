import Foundation
import Testing
@testable import FFBParallel

@Suite struct WorkerPoolForEachTests {
    @Test(arguments: [(workers: 1, count: 100), (workers: 4, count: 1000), (workers: 16, count: 3), (workers: 3, count: 1)])
    func everyIndexRunsExactlyOnce(workers: Int, count: Int) {
        let tally = Tally()
        WorkerPool(workers: workers).forEach(count) { index in
            tally.begin(index)
            tally.end()
        }
        #expect(tally.runsByIndex == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
    }

    /// Elements mapped in runs come back in their order, whatever the run length and workers.
    @Test(arguments: [(workers: 1, count: 10, chunk: 3), (workers: 4, count: 1000, chunk: 7), (workers: 3, count: 5, chunk: 100),
                      (workers: 2, count: 0, chunk: 4), (workers: 2, count: 9, chunk: 0)])
    func elementsMappedInRunsKeepTheirOrder(workers: Int, count: Int, chunk: Int) {
        let elements = (0..<count).map { $0 * 3 }
        #expect(WorkerPool(workers: workers).map(elements, chunk: chunk) { "\($0)" } == elements.map { "\($0)" })
    }

    @Test func nothingToDoRunsNothingButTheMeanwhile() {
        let tally = Tally()
        var ranMeanwhile = false
        WorkerPool(workers: 4).forEach(0) { index in tally.begin(index) }
        WorkerPool(workers: 4).forEach(0, meanwhile: { ranMeanwhile = true }) { index in tally.begin(index) }
        #expect(tally.runsByIndex.isEmpty)
        #expect(ranMeanwhile)
    }

    @Test func theWorkersRunSideBySideButNeverMoreThanAsked() {
        let tally = Tally()
        WorkerPool(workers: 3).forEach(12) { index in
            tally.begin(index)
            // Each of the first three waits for the other two: they must all be running at once.
            if index < 3 { _ = tally.waitForStarts(3) }
            Thread.sleep(forTimeInterval: 0.005)
            tally.end()
        }
        #expect(tally.mostAtOnce == 3)
        #expect(tally.runsByIndex.count == 12)
    }

    @Test func oneWorkerRunsTheIndicesInOrder() {
        let tally = Tally()
        WorkerPool(workers: 1).forEach(50) { index in
            tally.begin(index)
            tally.end()
        }
        #expect(tally.order == Array(0..<50))
        #expect(tally.mostAtOnce == 1)
    }

    @Test func meanwhileRunsOnTheCallingThreadWhileTheWorkersWork() {
        let tally = Tally()
        var sawWorkersRunning = false
        var readBeforeReturn = 0
        WorkerPool(workers: 2).forEach(2, meanwhile: {
            // Both indices start although the calling thread is busy here: the workers are threads of their own.
            sawWorkersRunning = tally.waitForStarts(2)
            readBeforeReturn += 1
        }) { index in
            tally.begin(index)
            tally.end()
        }
        #expect(sawWorkersRunning)
        #expect(readBeforeReturn == 1)
        #expect(tally.runsByIndex == [0: 1, 1: 1])
    }

    @Test func theErrorOfTheLowestFailingIndexIsRethrown() {
        // 3, 7 and 11 fail: 7 first in time (once 11 has been handed out), then 3, then 11. Only
        // 3 is the one a loop on one thread would have stopped at.
        for workers in [1, 4] {
            let tally = Tally()
            #expect(throws: IndexFailure(index: 3)) {
                try WorkerPool(workers: workers).forEach(40) { (index: Int) throws(IndexFailure) in
                    tally.begin(index)
                    defer { tally.end() }
                    switch index {
                    case 3: Thread.sleep(forTimeInterval: 0.05)
                    case 7: _ = tally.waitForStarts(12)
                    case 11: Thread.sleep(forTimeInterval: 0.1)
                    default: return
                    }
                    throw IndexFailure(index: index)
                }
            }
        }
    }

    @Test func afterAFailureNoFurtherIndexIsHandedOut() {
        let tally = Tally()
        #expect(throws: IndexFailure(index: 0)) {
            try WorkerPool(workers: 2).forEach(10_000) { (index: Int) throws(IndexFailure) in
                tally.begin(index)
                tally.end()
                if index == 0 { throw IndexFailure(index: 0) }
            }
        }
        #expect(tally.startedCount < 10_000)
    }

    @Test func aFailureWithMeanwhileIsRethrownAfterTheMeanwhile() {
        var ranMeanwhile = false
        #expect(throws: IndexFailure(index: 1)) {
            try WorkerPool(workers: 3).forEach(5, meanwhile: { ranMeanwhile = true }) { (index: Int) throws(IndexFailure) in
                if index % 2 == 1 { throw IndexFailure(index: index) }
            }
        }
        #expect(ranMeanwhile)
    }
}

@Suite struct WorkerPoolOrderedMapTests {
    @Test(arguments: [(workers: 1, count: 100, window: 1), (workers: 4, count: 500, window: 8), (workers: 16, count: 3, window: 64), (workers: 2, count: 1, window: 4)])
    func resultsArriveInInputOrderAndEachIndexIsComputedOnce(workers: Int, count: Int, window: Int) {
        let tally = Tally()
        var consumed: [(Int, String)] = []
        WorkerPool(workers: workers).orderedMap(count, window: window, { index in
            tally.begin(index)
            // Later indices finish sooner, so arrival order differs from input order.
            if index % 7 == 0 { Thread.sleep(forTimeInterval: 0.002) }
            tally.end()
            return "item \(index)"
        }, consume: { index, value in consumed.append((index, value)) })
        #expect(consumed.map(\.0) == Array(0..<count))
        #expect(consumed.map(\.1) == (0..<count).map { "item \($0)" })
        #expect(tally.runsByIndex == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
    }

    @Test func nothingToMapConsumesNothing() {
        var consumed = 0
        WorkerPool(workers: 4).orderedMap(0, window: 4, { $0 }, consume: { _, _ in consumed += 1 })
        #expect(consumed == 0)
    }

    @Test func noMoreThanTheWindowIsComputedAheadOfASlowConsumer() {
        // In flight: started, and not yet through the consumer.
        let inFlight = Tally()
        var most = 0
        WorkerPool(workers: 4).orderedMap(60, window: 5, { index in
            inFlight.begin(index)
            return index
        }, consume: { _, _ in
            inFlight.end()
            Thread.sleep(forTimeInterval: 0.002)
        })
        most = inFlight.mostAtOnce
        #expect(most <= 5)
        // The workers did run ahead, up to the window, while the consumer slept.
        #expect(most >= 2)
    }

    @Test func aConsumerThatThrowsStopsTheWorkAndItsErrorIsRethrown() {
        let tally = Tally()
        var consumed: [Int] = []
        #expect(throws: IndexFailure(index: 2)) {
            try WorkerPool(workers: 3).orderedMap(10_000, window: 4, { index in
                tally.begin(index)
                tally.end()
                return index
            }, consume: { (index: Int, _: Int) throws(IndexFailure) in
                consumed.append(index)
                if index == 2 { throw IndexFailure(index: 2) }
            })
        }
        #expect(consumed == [0, 1, 2])
        // The third consumption threw with two consumed before it: at most two plus the window of
        // four were ever started.
        #expect(tally.startedCount <= 6)
    }

    @Test func failuresCarriedAsValuesAreConsumedInOrderWithEverythingElse() {
        var seen: [Result<Int, IndexFailure>] = []
        WorkerPool(workers: 4).orderedMap(20, window: 3, { index in
            index % 5 == 4 ? .failure(IndexFailure(index: index)) : .success(index * 10)
        }, consume: { _, result in seen.append(result) })
        #expect(seen == (0..<20).map { $0 % 5 == 4 ? .failure(IndexFailure(index: $0)) : .success($0 * 10) })
    }
}

@Suite struct WorkerPoolMapTests {
    @Test(arguments: [(workers: 1, count: 50), (workers: 2, count: 18), (workers: 8, count: 3), (workers: 2, count: 0)])
    func theResultsComeBackInIndexOrder(workers: Int, count: Int) {
        let tally = Tally()
        let results = WorkerPool(workers: workers).map(count) { index in
            tally.begin(index)
            tally.end()
            return index * index
        }
        #expect(results == (0..<count).map { $0 * $0 })
        #expect(tally.runsByIndex == Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, 1) }))
    }

    @Test func firstRunsOnTheCallingThreadWhileAWorkerStartsAndThenItTakesIndicesToo() {
        let tally = Tally()
        var sawWorkerRunning = false, firstRuns = 0
        let results = WorkerPool(workers: 2).map(40, first: {
            // The worker starts while the calling thread is busy here.
            sawWorkerRunning = tally.waitForStarts(1)
            firstRuns += 1
        }) { index in
            tally.begin(index)
            tally.end()
            return Thread.isMainThread
        }
        #expect(sawWorkerRunning)
        #expect(firstRuns == 1)
        #expect(results.count == 40)
        #expect(tally.mostAtOnce <= 2)
    }
}
