import FFBProgression
import FFBStatistics
import Testing

/// A maintain goal that holds its level while it runs is doing what it asks: it counts as
/// succeeding, beside the achieved (issue 20, "goals read right"), while the achieved share stays.
@Test func sustainingMaintainGoalsSucceedAndTheAchievedShareIsKept() {
    var counts = GoalStatusCounts()
    for (status, times) in [(GoalStatus.achieved, 15), (.sustaining, 57), (.worsening, 4), (.notEvaluable, 8)] {
        for _ in 0..<times { counts.add(status) }
    }
    #expect(counts.evaluated == 76)
    #expect(counts.succeeding == 72)
    #expect(counts.successShare == 72.0 / 76.0)
    #expect(counts.achievedShare == 15.0 / 76.0)
    #expect(counts.successShareInterval == wilsonInterval(successes: 72, trials: 76))
}
