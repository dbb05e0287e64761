import FFBCatalog
import FFBModel
import FFBCSV
import FFBJSON
import FFBProgression
import FFBStatistics

/// `ffb stats --trajectory` output: per group and window of time since baseline, the levels,
/// the mean level and the share improved against baseline (Docs/progression.md, "Trajectories").
enum TrajectoryOutput {
    static func render(_ result: GroupedTrajectories, format: OutputFormat, catalog: Catalog, providers: [String: String] = [:], language lang: Language = .da,
                       disclosure control: DisclosureControl? = nil) -> String {
        let disclosure = StatsDisclosure(control, groups: result.groups.map { (key: $0.key, citizens: GroupedTrajectories.citizens($0.windows)) }, catalog: catalog)
        switch format {
        case .json: return JSONWriter.fileText(json(result, disclosure: disclosure))
        case .csv: return csv(result, catalog: catalog, providers: providers, disclosure: disclosure)
        case .table: return table(result, catalog: catalog, providers: providers, language: lang, disclosure: disclosure)
        }
    }

    /// A window of 1 … min_n − 1 citizens is hidden (its levels, mean and share too); windows are
    /// not parts of a shown total, so no other window goes with it.
    static func windowHidden(_ window: TrajectoryWindow, _ control: DisclosureControl?) -> Bool {
        guard let control else { return false }
        return window.citizens > 0 && window.citizens < control.minimum
    }

    /// The level counts, small cells suppressed (nil) as in a transition grid.
    static func levelCells(_ window: TrajectoryWindow, _ control: DisclosureControl?) -> [Int?] {
        control.map { $0.cells([window.levels])[0] } ?? window.levels.map(Optional.some)
    }

    static func json(_ result: GroupedTrajectories, disclosure: StatsDisclosure) -> JSONValue {
        let control = disclosure.control
        let groups = result.groups.filter { disclosure.hidden[$0.key] == nil }.map { group in
            JSONValue.object(JSONObject([
                ("key", .object(StatsOutput.key(group.key))),
                ("citizens", StatsOutput.number(GroupedTrajectories.citizens(group.windows))),
                ("windows", .array(group.windows.enumerated().map { index, window in
                    var members: [(String, JSONValue)] = [("window", .string(result.windows.label(index))), ("months", StatsOutput.number(result.windows.startMonths(index)))]
                    if windowHidden(window, control) {
                        members += ["citizens", "n", "levels", "mean_level", "mean_level_ci", "improved", "improved_share", "improved_share_ci_clustered"].map { ($0, JSONValue.null) }
                        members.append(("suppressed", .bool(true)))
                        return .object(JSONObject(members))
                    }
                    let first = index == 0
                    members += [
                        ("citizens", StatsOutput.number(window.citizens)),
                        ("n", StatsOutput.number(window.n)),
                        ("levels", .array(levelCells(window, control).map { $0.map(StatsOutput.number) ?? .null })),
                        ("mean_level", StatsOutput.number(window.meanLevel)),
                        ("mean_level_ci", window.meanLevelInterval.map { .array([StatsOutput.number($0.lower), StatsOutput.number($0.upper)]) } ?? .null),
                        ("improved", first ? .null : StatsOutput.number(window.improved)),
                        ("improved_share", first ? .null : StatsOutput.number(window.improvedShare)),
                        ("improved_share_ci_clustered", first ? .null : StatsOutput.interval(window.improvedShareInterval)),
                    ]
                    return .object(JSONObject(members))
                })),
            ]))
        }
        return .object(JSONObject([
            ("baseline", .string(BaselineRule.first.rawValue)),
            ("window_months", StatsOutput.number(result.windows.months)),
            ("skipped_not_assessed", StatsOutput.number(result.skippedNotAssessed)),
            ("groups", .array(groups)),
        ] + disclosure.jsonMembers()))
    }

    static let csvHeader = ["dimension", "key", "key_name", "window", "months", "citizens", "n", "level_0", "level_1", "level_2", "level_3", "level_4",
                            "mean_level", "mean_level_ci_low", "mean_level_ci_high", "improved", "improved_share",
                            "improved_share_ci_clustered_low", "improved_share_ci_clustered_high"]

    static func csv(_ result: GroupedTrajectories, catalog: Catalog, providers: [String: String], disclosure: StatsDisclosure) -> String {
        let writer = CSVWriter()
        var text = writer.line(csvHeader)
        func cell(_ value: Double?) -> String { value.map { JSONNumber($0).description } ?? "" }
        for (key, windows) in result.groups {
            for (index, window) in windows.enumerated() {
                let leading = [key.dimensionText, key.valueText, key.dimension == .none ? "" : StatsOutput.label(key, catalog: catalog, providers: providers),
                               result.windows.label(index), String(result.windows.startMonths(index))]
                if let row = disclosure.row(key, leading: leading, columns: csvHeader.count, citizensColumn: 5) {
                    text += writer.line(row)
                    continue
                }
                if windowHidden(window, disclosure.control), let control = disclosure.control {
                    text += writer.line(leading + ["<\(control.minimum)"] + Array(repeating: DisclosureControl.marker, count: csvHeader.count - leading.count - 1))
                    continue
                }
                let first = index == 0
                text += writer.line(leading + [String(window.citizens), String(window.n)]
                    + levelCells(window, disclosure.control).map { $0.map(String.init) ?? DisclosureControl.marker }
                    + [cell(window.meanLevel), cell(window.meanLevelInterval?.lower), cell(window.meanLevelInterval?.upper),
                       first ? "" : String(window.improved), first ? "" : cell(window.improvedShare),
                       first ? "" : cell(window.improvedShareInterval?.lower), first ? "" : cell(window.improvedShareInterval?.upper)])
            }
        }
        return text
    }

    static func table(_ result: GroupedTrajectories, catalog: Catalog, providers: [String: String], language lang: Language, disclosure: StatsDisclosure) -> String {
        let titles = lang == .da
            ? ["GRUPPE", "MDR.", "BORGERE", "N", "0", "1", "2", "3", "4", "GNS. NIVEAU [95% CI]", "BEDRE END UDGANGSPUNKT [95% CI]"]
            : ["GROUP", "MONTHS", "CITIZENS", "N", "0", "1", "2", "3", "4", "MEAN LEVEL [95% CI]", "BETTER THAN BASELINE [95% CI]"]
        var table = TextTable(titles.enumerated().map { index, title in
            index == 0 ? .init(title: title, maxWidth: 40) : .init(title: title, alignment: index < 9 ? .right : .left)
        })
        let control = disclosure.control
        var limitLoss = false
        for (key, windows) in result.groups {
            // A limit-loss goal expects the level to rise: "better than baseline" is no success there.
            let isLimitLoss = key.dimension == .goalType && GoalType(cliValue: key.value) == .limitLoss
            limitLoss = limitLoss || isLimitLoss
            let name = StatsOutput.label(key, catalog: catalog, providers: providers, withIdentifier: true) + (isLimitLoss ? " *" : "")
            for (index, window) in windows.enumerated() {
                let leading = [index == 0 ? name : "", result.windows.label(index)]
                if let row = disclosure.row(key, leading: leading, columns: titles.count, citizensColumn: 2) {
                    table.append(row)
                    continue
                }
                if windowHidden(window, control), let control {
                    table.append(leading + ["<\(control.minimum)"] + Array(repeating: DisclosureControl.marker, count: titles.count - leading.count - 1))
                    continue
                }
                let mean = window.meanLevel.map { mean in
                    StatsOutput.format(mean, digits: 2, lang) + (window.meanLevelInterval.map { " [\(StatsOutput.format($0.lower, digits: 2, lang))–\(StatsOutput.format($0.upper, digits: 2, lang))]" } ?? "")
                } ?? "–"
                let share = index == 0 ? lang.pick("(udgangspunkt)", "(baseline)") : window.improvedShare.map { share in
                    StatsOutput.percent(share, lang) + (window.improvedShareInterval.map { " [\(StatsOutput.percent($0.lower, lang))–\(StatsOutput.percent($0.upper, lang))]" } ?? "")
                } ?? "–"
                table.append(leading + [String(window.citizens), String(window.n)] + levelCells(window, control).map { $0.map(String.init) ?? DisclosureControl.marker } + [mean, share])
            }
        }
        let w = result.windows.months
        return table.render() + lang.pick(
            "\nMdr. = tid siden udgangspunktet (borgerens første niveau af temaet i perioden): 0 er udgangspunktet, et senere niveau hører til det nærmeste af "
                + "\(w), \(2 * w), \(3 * w) og \(4 * w)+ måneder (det seneste niveau i vinduet tæller). Lavere niveau = bedre. "
                + "Intervallerne regner borgere som klynger. Sprunget over (ikke vurderet): \(result.skippedNotAssessed).\n",
            "\nMonths = time since baseline (the citizen's first level of the theme in the period): 0 is the baseline, a later level belongs to the nearest of "
                + "\(w), \(2 * w), \(3 * w) and \(4 * w)+ months (the latest level in the window counts). A lower level is better. "
                + "Intervals count citizens as clusters. Skipped (not assessed): \(result.skippedNotAssessed).\n")
            + (limitLoss ? lang.pick("* Begrænse tab: målet er at bremse et forventet tab, ikke at forbedre, så andelen bedre end udgangspunktet er ikke et mål for succes.\n",
                                     "* Limit loss: the goal is to slow an expected loss, not to improve, so the share better than baseline is no measure of success.\n") : "")
            + disclosure.note(lang)
    }
}
