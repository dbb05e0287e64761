import FFBStatistics
import FFBSynthetic

/// The deterministic data sets the oracle test sends to `oracle.py`.
enum OracleDataSets {
    /// One group: a matrix, or the same counts given as a list of pairs (to test
    /// `TransitionMatrix(pairs:)` against an independent tabulation).
    enum Group {
        case matrix(TransitionMatrix)
        case pairs([(baseline: Int, followUp: Int)])

        var transitions: TransitionMatrix {
            switch self {
            case .matrix(let matrix): matrix
            case .pairs(let pairs): TransitionMatrix(pairs: pairs)
            }
        }
    }

    static func groups() -> [Group] {
        var generator = SplitMix64(seed: 20_240_601)
        var groups = edgeCases().map(Group.matrix)
        groups += (0..<240).map { _ in .matrix(randomMatrix(&generator)) }
        groups += (0..<12).map { _ in .pairs(randomPairs(&generator)) }
        groups += largeMatrices(&generator).map(Group.matrix)
        return groups
    }

    /// (successes, trials) for the sign test alone: every split of small groups, and
    /// splits a few standard deviations from the middle of groups of millions.
    static func signTests() -> [(successes: Int, trials: Int)] {
        var cases: [(successes: Int, trials: Int)] = []
        for trials in 0...25 {
            cases += (0...trials).map { (successes: $0, trials: trials) }
        }
        for trials in [1_001, 100_000, 1_000_000, 10_000_000, 50_000_000] {
            let halfWidth = Double(trials).squareRoot() / 2
            for deviations in [0.0, 0.5, 1, 2, 3, 5, 8, 12, 20] {
                let below = trials / 2 - Int(deviations * halfWidth)
                cases.append((successes: max(0, below), trials: trials))
                cases.append((successes: trials - max(0, below), trials: trials))
            }
        }
        return cases
    }

    static func normalArguments() -> [Double] {
        var arguments = stride(from: -9.0, through: 37.0, by: 0.173).map { $0 }
        arguments += [0, 1.959963984540054, 1.9999999, 2, 2.0000001, -2, 1e-10, 5e-300]
        return arguments
    }

    static func chiSquareArguments() -> [(x: Double, degreesOfFreedom: Double)] {
        var arguments: [(x: Double, degreesOfFreedom: Double)] = []
        for degreesOfFreedom in 1...10 {
            for x in [1e-8, 0.01, 0.3, 1, 1.5, 2, 3.3, 5, 7.7, 10, 15, 22, 40, 80, 200, 500, 1_000, 1_300] {
                arguments.append((x: x, degreesOfFreedom: Double(degreesOfFreedom)))
            }
        }
        return arguments
    }

    // MARK: - Groups

    private static func edgeCases() -> [TransitionMatrix] {
        var cases: [TransitionMatrix] = [TransitionMatrix()]
        // n = 1 in every cell.
        for baseline in TransitionMatrix.levels {
            for followUp in TransitionMatrix.levels {
                cases.append(cells([(baseline, followUp, 1)]))
            }
        }
        // n = 2: a tie, opposite moves, moves of different size.
        cases.append(cells([(2, 2, 2)]))
        cases.append(cells([(2, 1, 1), (1, 2, 1)]))
        cases.append(cells([(4, 0, 1), (0, 1, 1)]))
        cases.append(cells([(3, 2, 2)]))
        // Diagonal only.
        cases.append(cells([(0, 0, 3), (1, 1, 4), (2, 2, 5), (3, 3, 6), (4, 4, 7)]))
        // Disconnected groups of levels and empty levels.
        cases.append(cells([(1, 0, 6), (0, 1, 2), (4, 3, 9), (3, 4, 1), (2, 2, 5)]))
        cases.append(cells([(4, 0, 3), (0, 4, 1)]))
        cases.append(cells([(1, 2, 5), (2, 3, 2), (3, 1, 1)]))
        // All improve by exactly one level; all worsen by four.
        cases.append(cells([(1, 0, 4), (2, 1, 3), (3, 2, 2), (4, 3, 1)]))
        cases.append(cells([(0, 4, 12)]))
        // Symmetric: d sums to zero, chi-squares are zero.
        cases.append(cells([(0, 1, 3), (1, 0, 3), (2, 4, 2), (4, 2, 2), (1, 3, 1), (3, 1, 1)]))
        // Every cell occupied.
        cases.append(matrix(TransitionMatrix.levels.map { row in TransitionMatrix.levels.map { row * 5 + $0 + 1 } }))
        return cases
    }

    /// A matrix from a random mix of shapes: sparse or dense, small or large counts,
    /// a dominant diagonal, levels split into disconnected groups, empty levels,
    /// only improvements or only worsenings.
    private static func randomMatrix(_ generator: inout SplitMix64) -> TransitionMatrix {
        let levels = TransitionMatrix.levels
        let largestCount = generator.pick([1, 1, 2, 3, 5, 10, 30, 100, 1_000, 100_000])
        let density = generator.pick([0.08, 0.2, 0.4, 0.7, 1.0])
        let diagonalBoost = generator.chance(0.3) ? generator.pick([3, 10, 50]) : 1
        var rows = levels.map { row in
            levels.map { column in
                guard generator.chance(density) else { return 0 }
                let count = generator.below(largestCount + 1)
                return row == column ? count * diagonalBoost : count
            }
        }
        if generator.chance(0.25) {
            // Split the levels into random groups and forbid moves between groups.
            let groupOf = levels.map { _ in generator.below(3) }
            for row in levels {
                for column in levels where groupOf[row] != groupOf[column] {
                    rows[row][column] = 0
                }
            }
        }
        if generator.chance(0.15) {
            let empty = generator.below(5)
            for other in levels {
                rows[empty][other] = 0
                rows[other][empty] = 0
            }
        }
        switch generator.below(12) {
        case 0:
            rows = rows.enumerated().map { row, counts in counts.enumerated().map { $0 == row ? $1 : 0 } }
        case 1:
            rows = rows.enumerated().map { row, counts in counts.enumerated().map { $0 <= row ? $1 : 0 } }
        case 2:
            rows = rows.enumerated().map { row, counts in counts.enumerated().map { $0 >= row ? $1 : 0 } }
        default:
            break
        }
        return matrix(rows)
    }

    private static func randomPairs(_ generator: inout SplitMix64) -> [(baseline: Int, followUp: Int)] {
        (0..<generator.below(30)).map { _ in
            let baseline = generator.below(5)
            // Mostly small moves, as in real follow-ups.
            let followUp = generator.chance(0.6)
                ? min(4, max(0, baseline + generator.below(3) - 1))
                : generator.below(5)
            return (baseline: baseline, followUp: followUp)
        }
    }

    /// Millions of pairs: large enough to exercise the precision of the rank sums and
    /// the sign test's incomplete beta, small enough for scipy to rank in a second.
    private static func largeMatrices(_ generator: inout SplitMix64) -> [TransitionMatrix] {
        let dense = matrix(TransitionMatrix.levels.map { _ in
            TransitionMatrix.levels.map { _ in 50_000 + generator.below(60_000) }
        })
        let nearlyBalanced = cells([(1, 0, 1_000_000), (0, 1, 998_000), (2, 2, 500_000), (3, 2, 4_000), (2, 3, 4_100)])
        let improving = cells([(4, 3, 700_000), (3, 2, 600_000), (2, 1, 500_000), (1, 2, 400_000), (3, 3, 300_000)])
        return [dense, nearlyBalanced, improving]
    }
}

/// A matrix from (baseline, follow-up, count) cells, written compactly.
private func cells(_ cells: [(Int, Int, Int)]) -> TransitionMatrix {
    matrix(cells.map { (baseline: $0.0, followUp: $0.1, count: $0.2) })
}
