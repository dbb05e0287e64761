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

    /// Themes a1 (4 citizens) and a2 (12) in area A, b1 (10) and b2 (11) in area B. Across the
    /// table the four take the smallest other with them, b1; but area A's row minus a2 would still
    /// give a1 back, so a2 is hidden too. Area B, with b1 hidden beside b2, loses b2 as well.
    @Test func aHiddenThemeTakesASiblingInItsOwnAreaSoTheAreaRowCannotGiveItBack() {
        let control = DisclosureControl(minimum: 5)
        let area = ["a1": "A", "a2": "A", "b1": "B", "b2": "B"]
        let groups = [(key: "a1", citizens: 4), (key: "a2", citizens: 12), (key: "b1", citizens: 10), (key: "b2", citizens: 11)]
        #expect(control.suppressed(groups) == ["a1": .tooFew, "b1": .secondary])
        #expect(control.suppressed(groups, parent: { area[$0] }) == ["a1": .tooFew, "b1": .secondary, "a2": .secondary, "b2": .secondary])
        // Two hidden in one area: nothing more to hide there; the lone area leaves the rest alone.
        let two = [(key: "a1", citizens: 4), (key: "a2", citizens: 3), (key: "b1", citizens: 10), (key: "b2", citizens: 11)]
        #expect(control.suppressed(two, parent: { area[$0] }) == ["a1": .tooFew, "a2": .tooFew])
    }

    /// Session 15's audit: two hidden themes of four citizens each in an area whose row was shown
    /// gave eight pairs between them, at most four each: so four each. Hidden groups whose total
    /// is as large (or as small) as their bound allows take a shown sibling with them.
    @Test func hiddenGroupsPinnedAtTheirBoundTakeAnotherWithThem() {
        #expect(control.suppressed([(key: "a", citizens: 4), (key: "b", citizens: 4), (key: "c", citizens: 9), (key: "d", citizens: 6)])
            == ["a": .tooFew, "b": .tooFew, "d": .secondary])
        #expect(control.suppressed([(key: "a", citizens: 1), (key: "b", citizens: 1), (key: "c", citizens: 9)])
            == ["a": .tooFew, "b": .tooFew, "c": .secondary])
        // Three and four: seven could be 3 + 4 or 4 + 3; nothing more to hide.
        #expect(control.suppressed([(key: "a", citizens: 3), (key: "b", citizens: 4), (key: "c", citizens: 9)]) == ["a": .tooFew, "b": .tooFew])
        // Within an area too: the area's row minus its shown themes is the hidden ones' total.
        let area = ["a1": "A", "a2": "A", "a3": "A", "b1": "B"]
        let groups = [(key: "a1", citizens: 4), (key: "a2", citizens: 4), (key: "a3", citizens: 20), (key: "b1", citizens: 3)]
        #expect(control.suppressed(groups, parent: { area[$0] })["a3"] == .secondary)
    }

    @Test func markersSayWhyNeverZero() {
        #expect(control.citizensMarker(.tooFew) == "<5")
        #expect(control.citizensMarker(.secondary) == "·")
        #expect(DisclosureControl.marker == "·")
    }

    /// A grouping by two keys (municipality × provider) adds up in both one-key tables, so a
    /// single hidden cell in any row or column takes a sibling with it, until no row or column
    /// has one: m1·p2 and m3·p2 are too small; m1 then hides m1·p1 (ties: lowest key), column p1
    /// hides m2·p1, row m2 hides m2·p2; m1·p3 and m2·p3 stay.
    @Test func twoKeysAreSuppressedWithinEachKeysTable() {
        let control = DisclosureControl(minimum: 5)
        let groups = [("m1p1", 10), ("m1p2", 1), ("m1p3", 10), ("m2p1", 10), ("m2p2", 10), ("m2p3", 10), ("m3p2", 1)].map { (key: $0.0, citizens: $0.1) }
        let hidden = control.suppressed(groups, parents: [{ AnyHashable(String($0.prefix(2))) }, { AnyHashable(String($0.suffix(2))) }])
        #expect(hidden == ["m1p2": .tooFew, "m3p2": .tooFew, "m1p1": .secondary, "m2p1": .secondary, "m2p2": .secondary])
    }
}
