/// The assessments of one theme for one citizen (or one course of an order), oldest first.
///
/// Levels are 0…4, or `notAssessed` for "Ikke vurderet". Days are `LocalDate.dayNumber`s.
public struct LevelSeries: Sendable {
    public static let notAssessed: Int8 = -1

    public struct Point: Sendable, Equatable {
        public var day: Int32
        public var level: Int8

        public init(day: Int32, level: Int8) {
            self.day = day
            self.level = level
        }
    }

    public var points: [Point]

    public init(points: [Point]) {
        self.points = points
    }
}

/// What pairing found in a set of series, before any statistic is computed.
public struct PairTally: Sendable, Equatable {
    /// Pairs with a level at both ends.
    public var pairs: Int = 0
    /// Pairs skipped because one end was "Ikke vurderet".
    public var skippedNotAssessed: Int = 0
    /// Series with no later assessment to compare with (one assessment only, in the period).
    public var unpaired: Int = 0

    public init() {}

    public static func + (lhs: PairTally, rhs: PairTally) -> PairTally {
        var sum = lhs
        sum.pairs += rhs.pairs
        sum.skippedNotAssessed += rhs.skippedNotAssessed
        sum.unpaired += rhs.unpaired
        return sum
    }
}

extension LevelSeries {
    /// Calls `body(baseline, followUp)` for each pair the rule makes within `period`.
    ///
    /// `first`: the first point in the period against the last one strictly later. `previous`:
    /// each point against the next. A pair with "Ikke vurderet" at either end is skipped and counted.
    @inline(__always)
    public func forEachPair(rule: BaselineRule, period: Period, tally: inout PairTally, _ body: (Int, Int) -> Void) {
        forEachPointPair(rule: rule, period: period, tally: &tally) { body(Int($0.level), Int($1.level)) }
    }

    /// `forEachPair` with the points themselves, so a caller can say when each end was assessed.
    @inline(__always)
    public func forEachPointPair(rule: BaselineRule, period: Period, tally: inout PairTally, _ body: (Point, Point) -> Void) {
        var inPeriod = points
        if period != .all { inPeriod = points.filter { period.contains($0.day) } }
        guard let firstPoint = inPeriod.first, let lastPoint = inPeriod.last, lastPoint.day > firstPoint.day else {
            if !inPeriod.isEmpty { tally.unpaired += 1 }
            return
        }
        switch rule {
        case .first:
            emit(firstPoint, lastPoint, tally: &tally, body)
        case .previous:
            for index in 1..<inPeriod.count where inPeriod[index].day > inPeriod[index - 1].day {
                emit(inPeriod[index - 1], inPeriod[index], tally: &tally, body)
            }
        }
    }

    @inline(__always)
    private func emit(_ baseline: Point, _ followUp: Point, tally: inout PairTally, _ body: (Point, Point) -> Void) {
        if baseline.level < 0 || followUp.level < 0 {
            tally.skippedNotAssessed += 1
        } else {
            tally.pairs += 1
            body(baseline, followUp)
        }
    }
}
