import FFBCatalog
import FFBJSON
import FFBProgression
import FFBStatistics

/// Disclosure control in `ffb stats` output (STATISTICS.md): the groups one run hides, and how
/// a hidden group reads in a table, a CSV row and the JSON. Tables always apply it; JSON and CSV
/// (exact figures for analysts) only when `--min-n` is given.
struct StatsDisclosure {
    /// nil: nothing is suppressed (JSON and CSV without `--min-n`).
    let control: DisclosureControl?
    let hidden: [GroupKey: DisclosureControl.Reason]
    /// The hidden keys in the groups' order.
    let hiddenKeys: [GroupKey]

    /// With `catalog`, themes are suppressed within their areas too (`GroupKey.themeArea`), and
    /// never all of a hidden area's (`hiddenAreas`).
    init(_ control: DisclosureControl?, groups: [(key: GroupKey, citizens: Int)], catalog: Catalog? = nil, hiddenAreas: Set<KLCode> = []) {
        self.control = control
        let hidden = control.map { $0.suppressed(groups: groups, catalog: catalog, hiddenAreas: hiddenAreas) } ?? [:]
        self.hidden = hidden
        hiddenKeys = groups.map(\.key).filter { hidden[$0] != nil }
    }

    /// The row of a hidden group: its leading cells as they are, the citizens as "<5" (or "·"
    /// beside one), every other figure "·"; nil for a group that is shown.
    func row(_ key: GroupKey, leading: [String], columns: Int, citizensColumn: Int) -> [String]? {
        guard let control, let reason = hidden[key] else { return nil }
        var row = leading + Array(repeating: DisclosureControl.marker, count: max(0, columns - leading.count))
        if citizensColumn < row.count { row[citizensColumn] = control.citizensMarker(reason) }
        return row
    }

    /// `min_n` and the hidden groups' keys, appended at the top level of the JSON when
    /// suppression applies; nothing otherwise, so the default JSON keeps its keys.
    func jsonMembers() -> [(String, JSONValue)] {
        guard let control else { return [] }
        return [("min_n", .number(JSONNumber(control.minimum))), ("suppressed", .array(hiddenKeys.map { .object(StatsOutput.key($0)) }))]
    }

    /// The footer line of a table that hid groups; empty when none was hidden.
    func note(_ language: Language) -> String {
        guard let control, !hiddenKeys.isEmpty else { return "" }
        let count = hiddenKeys.count
        return language.pick(
            "\(count) gruppe(r) skjult af hensyn til borgernes privatliv: færre end \(control.minimum) borgere (<\(control.minimum)), "
                + "eller skjult sammen med en sådan, så den ikke kan regnes tilbage (·). Grænsen: --min-n eller min_n.\n",
            "\(count) group(s) suppressed to protect privacy: fewer than \(control.minimum) citizens (<\(control.minimum)), "
                + "or hidden with such a group so it cannot be worked back (·). The threshold: --min-n or min_n.\n")
    }
}
