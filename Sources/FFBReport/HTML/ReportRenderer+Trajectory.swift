import FFBProgression
import FFBStatistics

extension ReportRenderer {
    /// The trajectory of all citizens: stacked levels per window, the mean level with its
    /// interval, and a table. Hidden as a whole below `min_n` citizens; a window of too few
    /// citizens is hidden, small level cells merged (Docs/progression.md, "Trajectories").
    func trajectorySection(_ trajectory: GroupedTrajectories, disclosure: DisclosureControl, words: Words, suppressed: inout Int) -> String {
        var html = ["<section id=\"trajectory\"><h2>\(escape(words.trajectory))</h2>"]
        guard let group = trajectory.groups.first, GroupedTrajectories.citizens(group.windows) >= disclosure.minimum else {
            if let group = trajectory.groups.first, GroupedTrajectories.citizens(group.windows) > 0 { suppressed += 1 }
            html.append("<p class=\"note\">\(escape(words.suppressed))</p></section>")
            return html.joined(separator: "\n")
        }
        let language = words.language
        let bars = group.windows.enumerated().map { index, window in
            let hidden = window.citizens > 0 && window.citizens < disclosure.minimum
            return Charts.TrajectoryBar(label: trajectory.windows.label(index), cells: hidden ? nil : disclosure.cells([window.levels])[0],
                                        n: hidden ? 0 : window.n, mean: window.meanLevel, interval: window.meanLevelInterval)
        }
        html.append("<p class=\"note\">\(escape(words.trajectoryNote(months: trajectory.windows.months, minimum: disclosure.minimum)))</p>")
        html.append("<div class=\"grid\" style=\"grid-template-columns: 1.1fr 1fr\"><figure>"
            + Charts.trajectoryLevels(bars, title: words.trajectoryLevels, axis: words.monthsSinceBaseline, words: words)
            + "<figcaption>\(escape(words.trajectoryLevels))</figcaption></figure><figure>"
            + Charts.trajectoryMean(bars, title: words.trajectoryMean, axis: words.monthsSinceBaseline, words: words)
            + "<figcaption>\(escape(words.trajectoryMean))</figcaption></figure></div>")
        html.append("<table data-table=\"trajectory\"><thead><tr><th>\(escape(words.window))</th><th>\(escape(words.citizens))</th><th>n</th>"
            + "<th>\(escape(words.meanLevel))</th><th>\(escape(words.betterThanBaseline))</th></tr></thead><tbody>")
        for (index, window) in group.windows.enumerated() {
            let label = escape(trajectory.windows.label(index))
            if bars[index].cells == nil {
                html.append("<tr class=\"suppressed\"><td>\(label)</td><td>&lt;\(disclosure.minimum)</td><td>·</td><td>·</td><td>·</td></tr>")
                continue
            }
            let mean = window.meanLevel.map { mean in
                NumberText.grouped(mean, digits: 2, in: language)
                    + (window.meanLevelInterval.map { " [\(NumberText.grouped($0.lower, digits: 2, in: language))–\(NumberText.grouped($0.upper, digits: 2, in: language))]" } ?? "")
            } ?? "–"
            let share = index == 0 ? "–" : window.improvedShare.map { share in
                NumberText.percent(share, in: language)
                    + (window.improvedShareInterval.map { " [\(NumberText.percent($0.lower, in: language))–\(NumberText.percent($0.upper, in: language))]" } ?? "")
            } ?? "–"
            html.append("<tr><td>\(label)</td><td data-stat=\"trajectory_citizens\">\(window.citizens)</td><td>\(window.n)</td>"
                + "<td data-stat=\"trajectory_mean\">\(escape(mean))</td><td data-stat=\"trajectory_improved\">\(escape(share))</td></tr>")
        }
        html.append("</tbody></table></section>")
        return html.joined(separator: "\n")
    }
}
