import Testing
import FFBText

@Suite struct EditDistanceTests {
    @Test func aSwapOfNeighboursIsOneEdit() {
        #expect(EditDistance.between("udvikel", "udvikle") == 1)
        #expect(EditDistance.between("jsno", "json") == 1)
        #expect(EditDistance.between("kind", "knid") == 1)
        #expect(EditDistance.between("kind", "kdni") == 2)
    }

    @Test func insertionsDeletionsAndSubstitutionsCountOneEach() {
        #expect(EditDistance.between("asess", "assess") == 1)
        #expect(EditDistance.between("assess", "asess") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
    }

    @Test func emptyAndEqualTexts() {
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("abc", "") == 3)
        #expect(EditDistance.between("same", "same") == 0)
    }
}
