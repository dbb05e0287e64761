/// The partition of the levels 0…4 into groups connected by off-diagonal counts.
struct LevelGroups {
    /// Each group's levels in ascending order; groups ordered by their smallest level.
    let members: [[Int]]

    init(connecting matrix: TransitionMatrix) {
        let levels = TransitionMatrix.levels
        var label = Array(levels)
        // Five levels: relabelling the whole component on each merge is simplest.
        for i in levels {
            for j in levels where j > i && matrix[i, j] + matrix[j, i] > 0 {
                let (from, to) = (label[j], label[i])
                if from != to {
                    label = label.map { $0 == from ? to : $0 }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for level in levels {
            groups[label[level], default: []].append(level)
        }
        members = groups.values.sorted { ($0.first ?? 0) < ($1.first ?? 0) }
    }
}
