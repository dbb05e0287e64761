import FFBStatistics
import Testing

/// A group in which every citizen has one pair (a theme, first against latest) has its clusters in
/// its transitions: the summary made from the matrix is the one made citizen by citizen, exactly.
@Suite struct ClusterSummaryTests {
    @Test(arguments: [1, 7, 42, 1_000])
    func aGroupOfOnePairCitizensIsSummedFromItsTransitions(seed: UInt64) {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        var matrix = TransitionMatrix()
        var byCitizen = ClusterSummary()
        for _ in 0..<(50 + next(500)) {
            let baseline = next(5), followUp = next(5)
            matrix.record(baseline: baseline, followUp: followUp)
            var citizen = CitizenPairs()
            citizen.add(baseline: baseline, followUp: followUp)
            byCitizen.add(citizen)
        }
        let fromTransitions = ClusterSummary(singlePairs: matrix)
        #expect(fromTransitions == byCitizen)
        #expect(fromTransitions.citizens == fromTransitions.pairs)
        #expect(ClusteredPairStatistics(fromTransitions) == ClusteredPairStatistics(byCitizen))
    }

    @Test func addingAlikeCitizensAtOnceIsAddingThemOneByOne() {
        var pairs = CitizenPairs()
        pairs.add(baseline: 3, followUp: 1)
        pairs.add(baseline: 2, followUp: 2)
        pairs.add(baseline: 0, followUp: 1)
        var once = ClusterSummary(), oneByOne = ClusterSummary()
        once.add(pairs, count: 4)
        for _ in 0..<4 { oneByOne.add(pairs) }
        #expect(once == oneByOne)
        #expect(once.citizens == 4 && once.pairs == 12)
    }
}
