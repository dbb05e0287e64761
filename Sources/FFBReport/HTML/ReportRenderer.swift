import FFBCatalog
import FFBProgression
import FFBStatistics

/// Renders a `ReportInput` as one self-contained HTML page: inline CSS and SVG, no scripts, no
/// requests to anywhere. Groups smaller than `settings.minimumGroupSize` are suppressed.
package struct ReportRenderer: Sendable {
    package init() {}

    package func render(_ input: ReportInput) -> String {
        let words = Words(language: input.language)
        let disclosure = input.settings.disclosure
        let minimum = disclosure.minimum
        var suppressedGroups = 0
        var html: [String] = []
        html.append("<!DOCTYPE html><html lang=\"\(input.language.rawValue)\"><head><meta charset=\"utf-8\">")
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(escape(words.title))</title>")
        html.append("<style>\(ReportStyle.css)</style></head><body><main>")
        html.append("<h1>\(escape(words.title))</h1>")
        html.append("<p class=\"meta\">\(escape(input.source)) · \(escape(input.generated)) · \(escape(words.baselineRule(input.settings.baseline)))</p>")
        html.append("<p class=\"period\" data-stat=\"period\">\(escape(words.period)): \(escape(period(input)))</p>")
        html.append("<p class=\"note\">\(escape(words.howToCount))</p>")

        // Headline numbers.
        // Disclosure control: a group is shown only when it has at least `minimum` citizens.
        let overall = input.overall.groups.first?.statistics ?? PairStatistics(TransitionMatrix())
        let overallShown = citizens(input.overall, .all) >= minimum
        html.append("<section id=\"headline\"><h2>\(escape(words.headline))</h2><div class=\"cards\">")
        html.append(card(overallShown ? String(input.citizens) : "–", words.citizens, stat: "citizens"))
        html.append(card(overallShown ? String(overall.n) : "–", words.pairs, stat: "n"))
        html.append(card(overallShown ? overall.improvedShare.map(Charts.percent) ?? "–" : "–", words.improvedShare, stat: "improved_share"))
        html.append(card(overallShown ? overall.meanChange.map { format($0, 2, words) } ?? "–" : "–", words.meanChange, stat: "mean_change"))
        html.append("</div><p class=\"note\">\(escape(words.lowerIsBetter))</p></section>")

        // Change by area and by theme.
        var sections = [("areas", words.byArea, input.byArea), ("themes", words.byTheme, input.byTheme)]
        if let extra = input.extra { sections.append(("by", extra.title, extra.statistics)) }
        for (id, title, result) in sections {
            html.append("<section id=\"\(id)\"><h2>\(escape(title))</h2>")
            // Themes also against the area table above them: a hidden area keeps a theme hidden.
            let hiddenKeys = Set(result.suppressed(disclosure, catalog: input.catalog, areas: id == "themes" ? input.byArea : nil).keys)
            let shown = result.groups.filter { !hiddenKeys.contains($0.key) }
            let hidden = result.groups.filter { hiddenKeys.contains($0.key) }
            suppressedGroups += hidden.count
            let bars = shown.map { group in
                Charts.ChangeBar(label: label(group.key, input), n: group.statistics.n, improved: group.statistics.improved,
                                 unchanged: group.statistics.unchanged, worsened: group.statistics.worsened,
                                 interval: result.clusteredStatistics(of: group.key).improvedShareInterval.map { ($0.lower, $0.upper) })
            }
            if !bars.isEmpty { html.append("<figure>\(Charts.changeBars(bars, words: words))<figcaption>\(escape(words.changeChartLabel))</figcaption></figure>") }
            html.append(statisticsTable(result, input: input, hidden: hiddenKeys, words: words, dimension: id))
            html.append("</section>")
        }

        if let comparison = input.comparison {
            html.append(comparisonSection(comparison.title, comparison.result, input: input, disclosure: disclosure, suppressed: &suppressedGroups))
        }

        // Baseline and follow-up distributions.
        html.append("<section id=\"distributions\"><h2>\(escape(words.distributions))</h2>")
        let overallLevels = [TransitionMatrix.levels.map(overall.transitions.baselineTotal), TransitionMatrix.levels.map(overall.transitions.followUpTotal)]
        if overallShown, disclosure.hidesCells(overallLevels) {
            html.append("<p class=\"note\">\(escape(words.distributionHidden(minimum: minimum)))</p>")
        } else if overallShown {
            html.append("<figure>" + Charts.distributions(title: words.distributions, categories: TransitionMatrix.levels.map(String.init), series: [
                (words.baseline, overallLevels[0], "#9ECAE1"),
                (words.followUp, overallLevels[1], Palette.accent),
            ], words: words) + "</figure>")
        } else {
            html.append("<p class=\"note\">\(escape(words.suppressed))</p>")
        }
        html.append("</section>")

        // Levels over time since baseline.
        if let trajectory = input.trajectory {
            html.append(trajectorySection(trajectory, disclosure: disclosure, words: words, suppressed: &suppressedGroups))
        }

        // A transition heat map per theme.
        html.append("<section id=\"transitions\"><h2>\(escape(words.transitions))</h2><p class=\"note\" id=\"grid-legend\">\(escape(words.gridLegend(minimum: minimum)))</p><div class=\"grid\">")
        let hiddenThemes = Set(input.byTheme.suppressed(disclosure, catalog: input.catalog, areas: input.byArea).keys)
        // A grid hidden whole is named once below the others, not drawn as twenty-five dots.
        var hiddenGrids: [String] = []
        for group in input.byTheme.groups where !hiddenThemes.contains(group.key) {
            let name = label(group.key, input)
            let rows = group.statistics.transitions.rows
            guard !disclosure.hidesCells(rows) else {
                hiddenGrids.append(name)
                continue
            }
            html.append("<figure><figcaption>\(escape(name)) (n = \(group.statistics.n))</figcaption>"
                + Charts.heatMap(title: "\(words.transitions): \(name)", labels: TransitionMatrix.levels.map(String.init), matrix: disclosure.cells(rows), words: words) + "</figure>")
        }
        html.append("</div>")
        if !hiddenGrids.isEmpty {
            html.append("<p class=\"note\" data-grid=\"hidden\">\(escape(words.gridsHidden(minimum: minimum, themes: hiddenGrids)))</p>")
        }
        html.append("</section>")

        // Goals.
        html.append("<section id=\"goals\"><h2>\(escape(words.goals))</h2>")
        if let goals = input.goals {
            html.append(goalTable(goals, disclosure: disclosure, words: words, suppressed: &suppressedGroups))
        } else {
            html.append("<p class=\"note\">\(escape(words.notFromExtract))</p>")
        }
        html.append("</section>")

        // Support levels.
        html.append("<section id=\"support\"><h2>\(escape(words.support))</h2>")
        if let support = input.support, let first = support.groups.first {
            let group = first.statistics
            if citizens(support, first.key) >= minimum {
                let letters = ["A", "B", "C", "D", "E"]
                let levels = [TransitionMatrix.levels.map(group.transitions.baselineTotal), TransitionMatrix.levels.map(group.transitions.followUpTotal)]
                let distribution = disclosure.hidesCells(levels) ? "<p class=\"note\">\(escape(words.distributionHidden(minimum: minimum)))</p>"
                    : Charts.distributions(title: words.support, categories: letters, series: [
                        (words.start, levels[0], "#9ECAE1"),
                        (words.latest, levels[1], Palette.accent),
                    ], words: words)
                html.append("<div class=\"grid\" style=\"grid-template-columns: 1.6fr 1fr\"><figure>" + distribution + "</figure><figure>"
                    + Charts.heatMap(title: words.support, labels: letters, matrix: disclosure.cells(group.transitions.rows), words: words) + "</figure></div>")
                html.append(statisticsTable(support, input: input, hidden: Set(support.suppressed(disclosure, catalog: input.catalog).keys), words: words, dimension: "support"))
            } else {
                suppressedGroups += 1
                html.append("<p class=\"note\">\(escape(words.suppressed))</p>")
            }
        } else {
            html.append("<p class=\"note\">\(escape(words.notFromExtract))</p>")
        }
        html.append("</section>")

        // Cost.
        html.append("<section id=\"cost\"><h2>\(escape(words.cost))</h2>")
        if let cost = input.costByLevel {
            if cost.isEmpty {
                html.append("<p class=\"note\">\(escape(words.noTariffs))</p>")
            } else {
                let language = input.language
                // A level few citizens were at would show what one person's support cost.
                let hidden = disclosure.suppressed(cost.map { (key: $0.level, citizens: $0.citizens) })
                suppressedGroups += hidden.count
                let shown = cost.filter { hidden[$0.level] == nil }
                html.append("<figure>" + Charts.amounts(title: words.cost, bars: shown.map { ($0.level, Double($0.ore) / 100, "\(NumberText.kroner(ore: $0.ore, in: language)) \(words.currency)") }) + "</figure>")
                html.append("<table data-table=\"cost\"><thead><tr><th>\(escape(words.level))</th><th>\(escape(words.kroner))</th><th>\(escape(words.days))</th></tr></thead><tbody>")
                for row in cost {
                    if hidden[row.level] != nil {
                        html.append("<tr class=\"suppressed\"><td>\(escape(row.level))</td><td>\(DisclosureControl.marker)</td><td>\(DisclosureControl.marker)</td></tr>")
                    } else {
                        html.append("<tr><td>\(escape(row.level))</td><td data-stat=\"cost\">\(NumberText.kroner(ore: row.ore, in: language))</td><td>\(NumberText.grouped(row.days, in: language))</td></tr>")
                    }
                }
                // Over the shown rows only: the total of all minus the shown would give a hidden one back.
                let label = hidden.isEmpty ? words.total : words.shownTotal
                html.append("<tr class=\"total\"><th>\(escape(label))</th><td data-stat=\"cost_total\">\(NumberText.kroner(ore: shown.reduce(0) { $0 + $1.ore }, in: language))</td><td>\(NumberText.grouped(shown.reduce(0) { $0 + $1.days }, in: language))</td></tr>")
                html.append("</tbody></table>")
            }
        } else {
            html.append("<p class=\"note\">\(escape(words.notFromExtract))</p>")
        }
        html.append("</section>")

        html.append(methods(input, suppressedGroups: suppressedGroups, words: words))
        html.append("</main></body></html>\n")
        return html.joined(separator: "\n")
    }

    /// The citizens of a group (the disclosure unit).
    private func citizens(_ result: GroupedPairStatistics, _ key: GroupKey) -> Int {
        result.clusteredStatistics(of: key).citizens
    }

    private func card(_ value: String, _ label: String, stat: String) -> String {
        "<div class=\"card\"><div class=\"value\" data-stat=\"\(stat)\">\(escape(value))</div><div class=\"label\">\(escape(label))</div></div>"
    }

    /// A group table: citizens and pairs, then the interval and tests over citizens as clusters
    /// (STATISTICS.md), which is what a reader may lean on.
    private func statisticsTable(_ result: GroupedPairStatistics, input: ReportInput, hidden: Set<GroupKey>, words: Words, dimension: String) -> String {
        var limitLoss: PairStatistics?
        var rows = ["<table data-table=\"\(dimension)\"><thead><tr><th>\(escape(words.group))</th><th>\(escape(words.citizens))</th><th title=\"\(escape(words.pairs))\">\(escape(words.pairsShort))</th><th>\(escape(words.improved))</th><th>\(escape(words.unchanged))</th><th>\(escape(words.worsened))</th><th>Δ</th><th>95 % CI</th><th>deff</th><th>\(escape(words.signP))</th><th>Wilcoxon p</th><th>S–M p</th></tr></thead><tbody>"]
        for (key, s) in result.groups {
            let isLimitLoss = key.dimension == .goalType && GoalType(cliValue: key.value) == .limitLoss
            let name = escape(label(key, input)) + (isLimitLoss ? " *" : "")
            guard !hidden.contains(key) else {
                rows.append("<tr data-key=\"\(escape(key.value))\"><td>\(name)</td><td class=\"suppressed\" colspan=\"11\">\(escape(words.suppressed))</td></tr>")
                continue
            }
            if isLimitLoss { limitLoss = s }
            let c = result.clusteredStatistics(of: key)
            let ci = c.improvedShareInterval.map { "\(Charts.percent($0.lower))–\(Charts.percent($0.upper))" } ?? "–"
            rows.append("<tr data-key=\"\(escape(key.value))\"><td>\(name)</td><td data-stat=\"citizens\">\(c.citizens)</td><td data-stat=\"n\">\(s.n)</td><td data-stat=\"improved\">\(s.improved)</td><td data-stat=\"unchanged\">\(s.unchanged)</td><td data-stat=\"worsened\">\(s.worsened)</td><td>\(s.meanChange.map { format($0, 2, words) } ?? "–")</td><td>\(ci)</td><td>\(c.designEffect.map { format($0, 2, words) } ?? "–")</td><td>\(p(c.signTest.p, words))</td><td>\(p(c.wilcoxon?.p, words))</td><td>\(p(c.stuartMaxwell.p, words))</td></tr>")
        }
        rows.append("</tbody></table>")
        if let limitLoss { rows.append("<p class=\"note\" data-note=\"limit-loss\">\(escape(words.limitLoss(improved: limitLoss.improved, worsened: limitLoss.worsened)))</p>") }
        return rows.joined()
    }

    private func goalTable(_ goals: [(key: GroupKey, counts: GoalStatusCounts)], disclosure: DisclosureControl, words: Words, suppressed: inout Int) -> String {
        let hidden = disclosure.suppressed(goals.map { (key: $0.key, citizens: $0.counts.disclosedCitizens) })
        let statuses: [(GoalStatus, String)] = [(.achieved, words.achieved), (.sustaining, words.sustaining), (.improving, words.improving),
                                                (.noChange, words.noChange), (.worsening, words.worsening), (.notEvaluable, words.notEvaluable)]
        var bars: [Charts.ChangeBar] = []
        var rows = ["<table data-table=\"goals\"><thead><tr><th>\(escape(words.group))</th><th>\(escape(words.goalsWord))</th>"
            + statuses.map { "<th>\(escape($0.1))</th>" }.joined() + "<th>\(escape(words.succeeding)) % [95 % CI]</th><th>\(escape(words.achieved)) %</th></tr></thead><tbody>"]
        for (key, counts) in goals {
            let name = GoalType(cliValue: key.value).map { words.language == .da ? $0.danishName : $0.englishName } ?? key.value
            guard hidden[key] == nil else {
                suppressed += 1
                rows.append("<tr data-key=\"\(escape(key.value))\"><td>\(escape(name))</td><td class=\"suppressed\" colspan=\"9\">\(escape(words.suppressed))</td></tr>")
                continue
            }
            let success = counts.successShare.map { share in
                Charts.percent(share) + (counts.successShareInterval.map { " [\(Charts.percent($0.lower))–\(Charts.percent($0.upper))]" } ?? "")
            } ?? "–"
            rows.append("<tr data-key=\"\(escape(key.value))\"><td>\(escape(name))</td><td data-stat=\"goals\">\(counts.total)</td>"
                + statuses.map { "<td data-stat=\"\($0.0.rawValue)\">\(counts.count($0.0))</td>" }.joined()
                + "<td data-stat=\"success_share\">\(success)</td><td>\(counts.achievedShare.map(Charts.percent) ?? "–")</td></tr>")
            // A maintain goal sustaining its level is a success while it runs: drawn with the achieved.
            bars.append(Charts.ChangeBar(label: name, n: counts.evaluated, improved: counts.succeeding,
                                         unchanged: counts.count(.improving) + counts.count(.noChange),
                                         worsened: counts.count(.worsening), interval: counts.successShareInterval.map { ($0.lower, $0.upper) }))
        }
        rows.append("</tbody></table>")
        if goals.contains(where: { GoalType(cliValue: $0.key.value) == .limitLoss && hidden[$0.key] == nil }) {
            rows.append("<p class=\"note\">\(escape(words.limitLossAchieved))</p>")
        }
        let segments = ("\(words.achieved) / \(words.sustaining.lowercased())", "\(words.improving) / \(words.noChange.lowercased())", words.worsening)
        let chart = bars.isEmpty ? "" : "<figure>" + Charts.changeBars(bars, words: words, segments: segments) + "</figure>"
        return chart + rows.joined()
    }

    private func methods(_ input: ReportInput, suppressedGroups: Int, words: Words) -> String {
        let da = input.language == .da
        let tally = input.overall.tally
        let rule = input.settings.baseline == .first
            ? (da ? "første vurdering i perioden mod seneste (strengt senere)" : "first assessment in the period against the latest (strictly later)")
            : (da ? "hver vurdering mod den forrige" : "each assessment against the previous one")
        var items = [
            (da ? "Baseline: " : "Baseline: ") + rule + ".",
            (da ? "Periode: " : "Period: ") + period(input) + ".",
            words.howToCount,
            da ? "Ændring d = baseline − opfølgning; positiv = forbedring (niveauet faldt)." : "Change d = baseline − follow-up; positive = improvement (the level fell).",
            da ? "En borger giver ofte flere par i en gruppe (flere temaer, flere opfølgninger), og de er ikke uafhængige: intervaller og test regner derfor borgerne som klynger. Interval: Wilson (95 %) for andelen forbedret ved den effektive størrelse par/deff (deff = designeffekt, klynge-robust varians); fortegnstest: Durkalskis klyngede McNemar; Wilcoxon signed-rank (normaltilnærmelse med tie-korrektion) på hver borgers gennemsnitlige ændring; Stuart–Maxwell (marginal homogenitet) over borgernes bidrag. Test der antager uafhængige par (og Bowker) findes i ffb stats --format json."
               : "A citizen often gives several pairs to a group (several themes, several follow-ups), and they are not independent: intervals and tests therefore count citizens as clusters. Interval: Wilson (95 %) for the share improved at the effective size pairs/deff (deff = design effect, cluster-robust variance); sign test: Durkalski's clustered McNemar; Wilcoxon signed-rank (normal approximation with tie correction) on each citizen's mean change; Stuart–Maxwell (marginal homogeneity) over the citizens' contributions. Tests that assume independent pairs (and Bowker) are in ffb stats --format json.",
            da ? "Antagelserne bag hver test: borgerne er uafhængige af hinanden, en borgers par må hænge sammen (klynger). Fortegnstesten ser kun på retningen (bedre eller værre), ikke på hvor meget, og antager intet om niveauernes afstand. Wilcoxon på borgernes gennemsnit antager, at afstanden mellem to niveauer er den samme hele skalaen igennem, og at gennemsnittene under nulhypotesen fordeler sig symmetrisk om 0. Stuart–Maxwell spørger, om fordelingen på niveauer er den samme ved baseline og opfølgning, og bruger en chi-i-anden-tilnærmelse, der kræver mange borgere. Med få borgere (under ca. 20) skal p-værdierne læses med forsigtighed."
               : "The assumptions behind each test: citizens are independent of one another, a citizen's pairs may depend on each other (clusters). The sign test looks at the direction only (better or worse), not how far, and assumes nothing about the distance between levels. Wilcoxon on the citizens' means assumes a step between two levels is the same size across the scale, and that the means lie symmetrically about 0 under the null hypothesis. Stuart–Maxwell asks whether the spread over levels is the same at baseline and follow-up, with a chi-square approximation that needs many citizens. With few citizens (under about 20) read the p-values with care.",
            (da ? "Sprunget over: \(tally.skippedNotAssessed) par med \"ikke vurderet\"; \(tally.unpaired) forløb med kun én vurdering." : "Skipped: \(tally.skippedNotAssessed) pairs with \"not assessed\"; \(tally.unpaired) series with one assessment only."),
            (da ? "Grupper med færre end \(input.settings.minimumGroupSize) borgere er skjult af hensyn til borgernes privatliv (--min-n), også i nøgletal og figurer; i overgangsgitre er felter med 1–\(input.settings.minimumGroupSize - 1) par skjult (·), og er kun ét felt skjult, skjules også det mindste andet; \(suppressedGroups) gruppe(r) er skjult." : "Groups with fewer than \(input.settings.minimumGroupSize) citizens are suppressed to protect privacy (--min-n), in headline figures and charts too; in transition grids, cells of 1–\(input.settings.minimumGroupSize - 1) pairs are suppressed (·), and where only one would be, the smallest other one too; \(suppressedGroups) group(s) suppressed."),
            da ? "Rapporten indeholder ingen CPR-numre og ingen navne." : "The report holds no CPR numbers and no names.",
        ]
        if input.goals != nil {
            items.append(da ? "Mål vurderes efter måltype (udvikle: niveau ≤ forventet; fastholde: ikke højere end baseline; begrænse tab: ≤ forventet, dvs. tabet holdt sig inden for det forventede, ellers forværring). Et fastholde-mål, der holder niveauet, mens det løber, lykkes: \"lykkes\" er opnåede og fastholdte mål blandt de vurderede, med 95 % Wilson-interval." : "Goals are judged by type (develop: level ≤ expected; maintain: not above baseline; limit loss: ≤ expected, i.e. the loss stayed within what was expected, else worsening). A maintain goal that holds its level while it runs is succeeding: \"succeeding\" is achieved and sustaining goals among those evaluated, with a 95 % Wilson interval.")
        }
        return "<section id=\"methods\"><h2>\(escape(words.methods))</h2><ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>"
    }

    func label(_ key: GroupKey, _ input: ReportInput) -> String {
        let catalog = input.catalog
        if key.second != nil { return key.parts.map { label($0, input) }.joined(separator: " · ") }
        switch key.dimension {
        case .theme: return catalog.theme(KLCode(unchecked: key.value))?.name ?? key.value
        case .area: return catalog.area(KLCode(unchecked: key.value))?.name ?? key.value
        case .intervention: return catalog.name(of: KLCode(unchecked: key.value), kind: .services)
        case .targetGroup: return catalog.name(of: KLCode(unchecked: key.value), kind: .targetGroups)
        case .goalType: return GoalType(cliValue: key.value).map { input.language == .da ? $0.danishName : $0.englishName } ?? key.value
        case .provider, .municipality: return input.providerNames[key.value].map { "\($0) (\(key.value))" } ?? key.value
        case .none: return "–"
        }
    }

    /// The settings' period where they give one, else the data's first and last date.
    private func period(_ input: ReportInput) -> String {
        let from = input.settings.from ?? input.dataPeriod?.lowerBound, to = input.settings.to ?? input.dataPeriod?.upperBound
        guard from != nil || to != nil else { return input.language.pick("ingen data", "no data") }
        return "\(from?.iso ?? "…") – \(to?.iso ?? "…")"
    }

    private func p(_ value: Double?, _ words: Words) -> String {
        escape(NumberText.pValue(value, in: words.language))
    }

    private func format(_ value: Double, _ digits: Int, _ words: Words) -> String {
        NumberText.grouped(value, digits: digits, in: words.language)
    }
}
