import FFBCatalog
import FFBProgression
import FFBStatistics

extension ReportRenderer {
    /// The extra grouping's groups compared fairly: the funnel plot with its caveat beside it,
    /// and a table of O, E and O/E. Groups of fewer than min_n citizens (and a sibling that would
    /// give one back) are neither plotted nor listed with figures.
    func comparisonSection(_ title: String, _ result: CaseMixComparison, input: ReportInput, disclosure: DisclosureControl, suppressed: inout Int) -> String {
        let language = input.language
        let hidden = disclosure.suppressed(groups: result.groups.map { (key: $0.key, citizens: $0.citizens) }, catalog: input.catalog)
        suppressed += hidden.count
        let shown = result.groups.filter { hidden[$0.key] == nil }
        var html = ["<section id=\"comparison\"><h2>\(escape(title))</h2>"]
        let points = shown.compactMap { group -> Charts.FunnelPoint? in
            guard let ratio = group.comparison.ratio, let position = group.comparison.funnelPosition else { return nil }
            let outside = switch position {
            case .within: 0
            case .above95, .below95: 1
            case .above998, .below998: 2
            }
            return Charts.FunnelPoint(label: group.key.parts.map(\.value).joined(separator: " · "), expected: group.comparison.expected, ratio: ratio, outside: outside)
        }
        let caveat = language.pick(
            "Hver prik er en gruppe: dens forbedrede par (O) delt med dem, der kunne forventes (E), hvis hvert af dens par forbedrede sig som alle par med samme tema og udgangsniveau. "
                + "Over 1 er bedre end forventet. Tragten er grænserne 1 ± z/√E (95 % og 99,8 %): en lille gruppe svinger mere af tilfældigheder. "
                + "Forbehold: justeringen dækker kun tema og udgangsniveau, ikke alder, diagnoser, boform eller andet, der adskiller borgerne, "
                + "og grænserne regner par som uafhængige (intervallet i tabellen regner borgere som klynger). "
                + "En gruppe uden for grænserne er en grund til at se nærmere, ikke en dom over den.",
            "Each dot is a group: its improved pairs (O) divided by those expected (E) if each of its pairs improved as all pairs of the same theme and baseline level did. "
                + "Above 1 is better than expected. The funnel is the limits 1 ± z/√E (95 % and 99.8 %): a small group varies more by chance. "
                + "Caveat: the adjustment covers theme and baseline level only, not age, diagnoses, housing or anything else that sets citizens apart, "
                + "and the limits treat pairs as independent (the table's interval counts citizens as clusters). "
                + "A group outside the limits is a reason to look closer, not a verdict on it.")
        if points.isEmpty {
            html.append("<p class=\"note\">\(escape(caveat))</p>")
        } else {
            let chart = Charts.funnel(points, title: title, axis: (language.pick("Forventede forbedringer (E)", "Expected improvements (E)"), "O/E"),
                                      limits: (ObservedExpected.innerLimitZ, ObservedExpected.outerLimitZ),
                                      legend: (language.pick("inden for grænserne", "within the limits"), language.pick("uden for 95 %", "outside 95 %"),
                                               language.pick("uden for 99,8 %", "outside 99.8 %")), language: language)
            html.append("<div class=\"grid\" style=\"grid-template-columns: 1.7fr 1fr\"><figure>\(chart)</figure><p class=\"note\" id=\"funnel-caveat\">\(escape(caveat))</p></div>")
        }
        let titles = language == .da
            ? ["Gruppe", "Borgere", "Par", "Bedre (O)", "Forventet (E)", "O/E [95 % CI]", "Tragt"]
            : ["Group", "Citizens", "Pairs", "Better (O)", "Expected (E)", "O/E [95 % CI]", "Funnel"]
        html.append("<table data-table=\"comparison\"><thead><tr>" + titles.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>")
        func number(_ value: Double, _ digits: Int) -> String { NumberText.grouped(value, digits: digits, in: language) }
        for group in result.groups {
            let name = escape(label(group.key, input))
            if let reason = hidden[group.key] {
                html.append("<tr class=\"suppressed\"><td>\(name)</td><td>\(escape(disclosure.citizensMarker(reason)))</td>" + String(repeating: "<td>\(DisclosureControl.marker)</td>", count: 5) + "</tr>")
                continue
            }
            let c = group.comparison
            let ratio = c.ratio.map { ratio in number(ratio, 2) + (c.interval().map { " [\(number($0.lower, 2))–\(number($0.upper, 2))]" } ?? "") } ?? "–"
            let position = ObservedExpected.FunnelPosition.words(c.funnelPosition, in: language)
            html.append("<tr><td>\(name)</td><td>\(group.citizens)</td><td>\(group.pairs)</td><td>\(c.observed)</td><td>\(number(c.expected, 1))</td>"
                + "<td data-stat=\"oe_ratio\">\(escape(ratio))</td><td data-stat=\"funnel\">\(escape(position))</td></tr>")
        }
        html.append("</tbody></table></section>")
        return html.joined(separator: "\n")
    }
}
