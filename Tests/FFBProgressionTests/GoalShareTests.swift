import FFBModel
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

/// The shares are over evaluated goals: disclosure control counts the citizens those belong to
/// (session 15's audit: five citizens, one with only a goal that could not be evaluated, showed
/// an achieved share of four citizens).
@Test func disclosureCountsTheCitizensWhoseGoalsWereEvaluated() throws {
    var counts = GoalStatusCounts()
    let citizens = try (1...5).map { try #require(Pseudonym("P-0000000\($0)")) }
    for citizen in citizens.prefix(4) { counts.add(.achieved, citizen: citizen) }
    counts.add(.worsening, citizen: citizens[0])
    counts.add(.notEvaluable, citizen: citizens[4])
    #expect(counts.citizens == 5)
    #expect(counts.disclosedCitizens == 4)
    // Counted by all five the group would be shown beside another; by the four evaluated it is hidden.
    let control = DisclosureControl(minimum: 5)
    #expect(control.suppressed([(key: "begrænse-tab", citizens: counts.citizens), (key: "udvikle", citizens: 9)]).isEmpty)
    #expect(control.suppressed([(key: "begrænse-tab", citizens: counts.disclosedCitizens), (key: "udvikle", citizens: 9)]) == ["begrænse-tab": .tooFew, "udvikle": .secondary])
    // No goal evaluated: the counts describe everyone they hold.
    var none = GoalStatusCounts()
    for citizen in citizens { none.add(.notEvaluable, citizen: citizen) }
    #expect(none.disclosedCitizens == 5)
}
