import FFBStatistics
import Testing

@Suite("Wilson score interval")
struct WilsonIntervalTests {
    @Test("no citizens, or inconsistent counts, give no interval")
    func noTrials() {
        #expect(wilsonInterval(successes: 0, trials: 0) == nil)
        #expect(wilsonInterval(successes: 11, trials: 10) == nil)
        #expect(wilsonInterval(successes: -1, trials: 10) == nil)
    }

    @Test("none of ten improved: the interval starts at exactly 0")
    func noneImproved() throws {
        let interval = try #require(wilsonInterval(successes: 0, trials: 10))
        #expect(interval.lower == 0)
        // z²/(n + z²).
        #expect(isClose(interval.upper, 0.27753279986288921464))
    }

    @Test("seven of ten improved")
    func sevenOfTen() throws {
        let interval = try #require(wilsonInterval(successes: 7, trials: 10))
        #expect(isClose(interval.lower, 0.39677814746114534534))
        #expect(isClose(interval.upper, 0.8922087325936989688))
    }

    @Test("the interval for failures mirrors the interval for successes")
    func mirrored() throws {
        for trials in 1...40 {
            for successes in 0...trials {
                let interval = try #require(wilsonInterval(successes: successes, trials: trials))
                let mirror = try #require(wilsonInterval(successes: trials - successes, trials: trials))
                #expect(abs(interval.lower - (1 - mirror.upper)) < 1e-15)
                #expect(0 <= interval.lower && interval.lower <= interval.upper && interval.upper <= 1)
            }
        }
    }

    @Test("a different z gives a different coverage")
    func customZ() throws {
        let interval = try #require(wilsonInterval(successes: 7, trials: 10, z: 1))
        #expect(isClose(interval.lower, 0.54245718439312825767))
        #expect(isClose(interval.upper, 0.8211791792432353787))
    }

    @Test("a single citizen who improved")
    func single() throws {
        let interval = try #require(wilsonInterval(successes: 1, trials: 1))
        #expect(isClose(interval.lower, 0.20654931437723741909))
        #expect(interval.upper == 1)
    }
}
