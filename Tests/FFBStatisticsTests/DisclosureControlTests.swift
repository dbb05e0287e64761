import FFBStatistics
import Testing

/// The one rule of disclosure control (STATISTICS.md), used by the report and by `ffb stats`.
@Suite struct DisclosureControlTests {
    let control = DisclosureControl(minimum: 5)

    @Test func aGroupOfThreeCitizensIsSuppressedAndAGroupOfFiveIsShown() {
        let hidden = control.suppressed([(key: "a", citizens: 3), (key: "b", citizens: 5), (key: "c", citizens: 6), (key: "d", citizens: 8)])
        #expect(hidden["a"] == .tooFew)
        // One group hidden among shown ones: the total minus the others would give it back, so
        // the smallest shown group goes with it.
        #expect(hidden["b"] == .secondary)
        #expect(hidden["c"] == nil)
        #expect(hidden["d"] == nil)
        #expect(hidden.count == 2)
    }

    @Test func twoSmallGroupsHideEachOtherAndNoOtherGoesWithThem() {
        let hidden = control.suppressed([(key: "a", citizens: 3), (key: "b", citizens: 4), (key: "c", citizens: 5)])
        #expect(hidden == ["a": .tooFew, "b": .tooFew])
    }

    @Test func aGroupOfFiveAloneIsShownAndOfFourAloneIsNot() {
        #expect(control.suppressed([(key: "all", citizens: 5)]).isEmpty)
        // A single group has no sibling to take with it.
        #expect(control.suppressed([(key: "all", citizens: 4)]) == ["all": .tooFew])
    }

    @Test func theSecondaryGroupIsTheSmallestShownAndTiesGoToTheLowestKey() {
        let hidden = control.suppressed([(key: "d", citizens: 9), (key: "c", citizens: 7), (key: "b", citizens: 7), (key: "a", citizens: 2)])
        #expect(hidden == ["a": .tooFew, "b": .secondary])
    }

    @Test func aMinimumOfOneShowsEveryGroup() {
        #expect(DisclosureControl(minimum: 1).suppressed([(key: "a", citizens: 1), (key: "b", citizens: 2)]).isEmpty)
        #expect(DisclosureControl(minimum: 0).minimum == 1, "a threshold below one means one")
    }

    @Test func aGroupOfNoCitizensRevealsNobodyAndIsNotTakenAsTheSecondary() {
        let hidden = control.suppressed([(key: "a", citizens: 0), (key: "b", citizens: 2), (key: "c", citizens: 9)])
        #expect(hidden == ["b": .tooFew, "c": .secondary])
    }

    @Test func markersSayWhyNeverZero() {
        #expect(control.citizensMarker(.tooFew) == "<5")
        #expect(control.citizensMarker(.secondary) == "·")
        #expect(DisclosureControl.marker == "·")
    }
}
