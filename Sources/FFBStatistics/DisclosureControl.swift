/// Disclosure control (STATISTICS.md): no figure people see may reveal a group or cell of fewer
/// than `minimum` citizens, nor a total from which one could be subtracted back. The one place
/// the rule lives; the report, `ffb stats` tables and files call it.
public struct DisclosureControl: Sendable, Equatable {
    /// The smallest number of citizens a group may have and still be shown (`min_n`).
    public let minimum: Int

    /// Nothing suppressed: every group of at least one citizen is shown.
    public static let none = DisclosureControl(minimum: 1)

    public init(minimum: Int) {
        self.minimum = max(1, minimum)
    }

    /// Why a group is not shown.
    public enum Reason: Sendable, Equatable {
        /// Fewer citizens than the minimum.
        case tooFew
        /// Enough citizens, but hidden with a single too-small sibling: the total minus the
        /// others would give that one back (secondary suppression).
        case secondary
    }

    /// The groups to suppress, by their citizens: those of 1 … minimum − 1, and when the hidden
    /// ones could be worked back from the total (`workedBack`), the smallest shown one too (ties:
    /// the lowest key). A group of no citizens reveals nobody and stays, like a zero cell.
    public func suppressed<Key: Hashable & Comparable>(_ groups: [(key: Key, citizens: Int)]) -> [Key: Reason] {
        var hidden: [Key: Reason] = [:]
        for group in groups where group.citizens > 0 && group.citizens < minimum { hidden[group.key] = .tooFew }
        let shown = groups.filter { hidden[$0.key] == nil && $0.citizens > 0 }
        if workedBack(groups.filter { hidden[$0.key] != nil }.map(\.citizens)), let smallest = shown.min(by: { ($0.citizens, $0.key) < ($1.citizens, $1.key) }) {
            hidden[smallest.key] = .secondary
        }
        return hidden
    }

    /// Whether hidden groups of these sizes, all too small, could each be worked back from what
    /// their total is known to be (the total minus the groups shown): one alone is its total; two
    /// or more of 1 … minimum − 1 each, whose total is as small or as large as that allows, are
    /// each 1 or each minimum − 1 (within a theme a citizen is one pair, so pairs tell it). A
    /// secondary group beside them has no upper bound and settles nothing.
    func workedBack(_ hidden: [Int]) -> Bool {
        if hidden.count == 1 { return true }
        guard hidden.count > 1, hidden.allSatisfy({ $0 < minimum }) else { return false }
        let total = hidden.reduce(0, +)
        return total == hidden.count || total == hidden.count * (minimum - 1)
    }

    /// The same for groups that nest in another table's groups (themes in their areas): besides the
    /// rule across the table, within each parent a single hidden child beside shown ones takes the
    /// smallest shown sibling with it (ties: the lowest key), else the parent's row minus its shown
    /// children would give the hidden one back (cross-table secondary suppression).
    public func suppressed<Key: Hashable & Comparable, Parent: Hashable>(
        _ groups: [(key: Key, citizens: Int)], parent: (Key) -> Parent?
    ) -> [Key: Reason] {
        withoutActuallyEscaping(parent) { parent in suppressed(groups, parents: [{ parent($0).map(AnyHashable.init) }]) }
    }

    /// The same for groups that nest in several other tables at once (a grouping by two keys: the
    /// table by each key adds up its cells): within every family of every parent, until no family
    /// is left with a single hidden child beside shown ones. A parent that its own table hides
    /// (`hiddenParents`, by the parent function's index) has a child hidden too, else its shown
    /// children would add up to it.
    public func suppressed<Key: Hashable & Comparable>(
        _ groups: [(key: Key, citizens: Int)], parents: [(Key) -> AnyHashable?], hiddenParents: [Int: Set<AnyHashable>] = [:]
    ) -> [Key: Reason] {
        var hidden = suppressed(groups)
        let present = groups.filter { $0.citizens > 0 }
        var changed = true
        while changed {
            changed = false
            for (index, parent) in parents.enumerated() {
                let families = Dictionary(grouping: present, by: { parent($0.key) })
                for (family, children) in families where family != nil {
                    let shown = children.filter { hidden[$0.key] == nil }
                    let parentHidden = hiddenParents[index]?.contains(family!) ?? false
                    guard workedBack(children.filter { hidden[$0.key] != nil }.map(\.citizens)) || (parentHidden && shown.count == children.count),
                          let smallest = shown.min(by: { ($0.citizens, $0.key) < ($1.citizens, $1.key) }) else { continue }
                    hidden[smallest.key] = .secondary
                    changed = true
                }
            }
        }
        return hidden
    }

    /// A breakdown's cells (a transition grid, a trajectory window's levels, a distribution), all
    /// shown, or, when one of them holds 1 … minimum − 1, all hidden (nil), zeros too. Hiding the
    /// small cells alone does not hide them: the breakdown's margins are shown elsewhere (a grid's
    /// rows and columns are the level distributions, its diagonal and either side of it the
    /// unchanged, improved and worsened counts, and the group's n and mean level are in its row),
    /// and the zeros tell which cells are hidden, so each could be worked back from them.
    public func cells(_ rows: [[Int]]) -> [[Int?]] {
        let hidden = hidesCells(rows)
        return rows.map { $0.map { hidden ? nil : $0 } }
    }

    /// Whether `cells` hides this breakdown.
    public func hidesCells(_ rows: [[Int]]) -> Bool {
        rows.joined().contains { $0 > 0 && $0 < minimum }
    }

    /// How a suppressed group's citizens read: "<5" when too few, "·" when hidden beside one.
    public func citizensMarker(_ reason: Reason) -> String {
        reason == .tooFew ? "<\(minimum)" : Self.marker
    }

    /// How a suppressed figure reads: never 0, never empty.
    public static let marker = "·"
}
