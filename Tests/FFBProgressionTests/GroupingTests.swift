import FFBProgression
import Testing

/// `--by` with one key or two.
@Suite struct GroupingTests {
    @Test func oneKeyOrTwoDifferentOnes() {
        #expect(Grouping("provider")?.dimensions == [.provider])
        #expect(Grouping("municipality,provider")?.dimensions == [.municipality, .provider])
        #expect(Grouping("municipality,provider")?.description == "municipality,provider")
        #expect(Grouping("provider,provider") == nil)
        #expect(Grouping("none,provider") == nil)
        #expect(Grouping("provider,theme,area") == nil)
        #expect(Grouping("provder") == nil)
        #expect(Grouping("provider,") == nil)
    }

    @Test func aKeyOfTwoReadsAsBothAndSortsByBoth() {
        let key = GroupKey(GroupKey(.municipality, "0751"), GroupKey(.provider, "SOR-401"))
        #expect(key.dimensionText == "municipality,provider" && key.valueText == "0751,SOR-401")
        #expect(key.parts == [GroupKey(.municipality, "0751"), GroupKey(.provider, "SOR-401")])
        #expect(GroupKey(.provider, "SOR-1").valueText == "SOR-1" && GroupKey(.provider, "SOR-1").parts.count == 1)
        let other = GroupKey(GroupKey(.municipality, "0751"), GroupKey(.provider, "SOR-402"))
        #expect(key < other && key != other)
        #expect(Grouping("municipality,provider")?.key([GroupKey(.municipality, "0751"), nil]) == nil)
        #expect(Grouping("municipality,provider")?.key([GroupKey(.municipality, "0751"), GroupKey(.provider, "SOR-401")]) == key)
    }
}
