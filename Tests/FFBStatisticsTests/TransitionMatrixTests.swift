import FFBStatistics
import Testing

@Suite("Transition matrix")
struct TransitionMatrixTests {
    @Test("an empty matrix counts no pairs")
    func empty() {
        let empty = TransitionMatrix()
        #expect(empty.total == 0)
        #expect(empty.rows == Array(repeating: Array(repeating: 0, count: 5), count: 5))
    }

    @Test("recording citizens one at a time equals tabulating the list of pairs")
    func recordingMatchesTabulation() {
        let pairs: [(baseline: Int, followUp: Int)] = [(3, 2), (3, 2), (1, 1), (0, 4), (4, 0), (2, 3)]
        var streamed = TransitionMatrix()
        for pair in pairs {
            streamed.record(baseline: pair.baseline, followUp: pair.followUp)
        }
        #expect(streamed == TransitionMatrix(pairs: pairs))
        #expect(streamed[3, 2] == 2)
        #expect(streamed[2, 3] == 1)
        #expect(streamed.total == 6)
    }

    @Test("the matrices of two municipalities add up to the matrix of both")
    func merging() {
        let north = matrix([(baseline: 2, followUp: 1, count: 4), (baseline: 0, followUp: 0, count: 2)])
        let south = matrix([(baseline: 2, followUp: 1, count: 1), (baseline: 4, followUp: 3, count: 7)])
        let both = matrix([
            (baseline: 2, followUp: 1, count: 5), (baseline: 0, followUp: 0, count: 2),
            (baseline: 4, followUp: 3, count: 7),
        ])
        #expect(north + south == both)
        #expect(south + north == both)
        var accumulated = north
        accumulated += south
        #expect(accumulated == both)
        var merged = TransitionMatrix()
        merged.merge(north)
        merged.merge(south)
        #expect(merged == both)
    }

    @Test("rows must be five rows of five non-negative counts")
    func validation() {
        let square = Array(repeating: [1, 0, 0, 0, 0], count: 5)
        #expect(TransitionMatrix(rows: square)?.total == 5)
        #expect(TransitionMatrix(rows: Array(square.dropLast())) == nil)
        #expect(TransitionMatrix(rows: square.map { Array($0.dropLast()) }) == nil)
        #expect(TransitionMatrix(rows: [[-1, 0, 0, 0, 0]] + square.dropFirst()) == nil)
    }

    @Test("row totals count baselines, column totals follow-ups, diagonals changes")
    func margins() {
        let moves = matrix([[1, 2, 0, 0, 0], [3, 4, 0, 0, 0], [0, 0, 0, 0, 5], [0, 0, 0, 0, 0], [6, 0, 0, 0, 0]])
        #expect(TransitionMatrix.levels.map(moves.baselineTotal) == [3, 7, 5, 0, 6])
        #expect(TransitionMatrix.levels.map(moves.followUpTotal) == [10, 6, 0, 0, 5])
        #expect(moves.count(withChange: 0) == 5)
        #expect(moves.count(withChange: 1) == 3)
        #expect(moves.count(withChange: -1) == 2)
        #expect(moves.count(withChange: -2) == 5)
        #expect(moves.count(withChange: 4) == 6)
        #expect(moves.count(withChange: 3) == 0)
        #expect((-4...4).reduce(0) { $0 + moves.count(withChange: $1) } == moves.total)
    }
}
