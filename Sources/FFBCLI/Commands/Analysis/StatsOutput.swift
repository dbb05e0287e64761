import FFBCatalog
import FFBCSV
import FFBJSON
import FFBProgression
import FFBReport
import FFBStatistics

/// `ffb stats` output: the JSON of CLI.md key for key, a one-line-per-group table for people,
/// and CSV with one row per group.
enum StatsOutput {
    /// Groups `disclosure` hides are left out, and listed with `min_n` at the end.
    static func json(_ result: GroupedPairStatistics, disclosure: StatsDisclosure? = nil) -> JSONValue {
        let shown = result.groups.filter { disclosure?.hidden[$0.key] == nil }
        return .object(JSONObject([
            ("baseline", .string(result.rule.rawValue)),
            ("skipped_not_assessed", number(result.tally.skippedNotAssessed)),
            ("unpaired", number(result.tally.unpaired)),
            ("groups", .array(shown.map { .object(group($0.key, $0.statistics, clustered: result.clusteredStatistics(of: $0.key), cells: disclosure?.control)) })),
            ("assumptions", .object(JSONObject([
                ("independent_pairs", .array(pairLevelKeys.map(JSONValue.string))),
                ("citizens_as_clusters", .array(clusteredKeys.map(JSONValue.string))),
            ]))),
        ] + (disclosure?.jsonMembers() ?? [])))
    }

    /// The group keys whose tests and intervals treat every pair as independent.
    static let pairLevelKeys = ["improved_share_ci", "sign_test_p", "wilcoxon", "rank_biserial", "stuart_maxwell", "bowker"]
    /// The group keys computed over citizens as clusters (STATISTICS.md), which people see first.
    static let clusteredKeys = [
        "citizens", "improved_share_ci_clustered", "design_effect", "sign_test_clustered", "wilcoxon_citizens",
        "rank_biserial_citizens", "stuart_maxwell_clustered",
    ]

    static func key(_ key: GroupKey) -> JSONObject {
        key.dimension == .none ? JSONObject() : JSONObject(key.parts.map { ($0.dimension.jsonKey, .string($0.value)) })
    }

    /// With `cells`, transition cells of 1 … min_n − 1 pairs (and the one that would give a
    /// single such cell back) are null, as in the report's grids.
    static func group(_ key: GroupKey, _ statistics: PairStatistics, clustered: ClusteredPairStatistics, cells: DisclosureControl? = nil) -> JSONObject {
        JSONObject([
            ("key", .object(Self.key(key))),
            ("n", number(statistics.n)),
            ("citizens", number(clustered.citizens)),
            ("improved", number(statistics.improved)),
            ("unchanged", number(statistics.unchanged)),
            ("worsened", number(statistics.worsened)),
            ("mean_change", number(statistics.meanChange)),
            ("mean_baseline", number(statistics.meanBaseline)),
            ("mean_followup", number(statistics.meanFollowUp)),
            ("improved_share", number(statistics.improvedShare)),
            ("improved_share_ci", interval(statistics.improvedShareInterval)),
            ("sign_test_p", number(statistics.signTestP)),
            ("wilcoxon", wilcoxon(statistics.wilcoxon)),
            ("rank_biserial", number(statistics.rankBiserial)),
            ("transitions", .array(transitions(statistics.transitions.rows, cells).map { .array($0.map { $0.map(number) ?? .null }) })),
            ("stuart_maxwell", test(statistics.stuartMaxwell)),
            ("bowker", test(statistics.bowker)),
            ("improved_share_ci_clustered", interval(clustered.improvedShareInterval)),
            ("design_effect", number(clustered.designEffect)),
            ("sign_test_clustered", test(clustered.signTest)),
            ("wilcoxon_citizens", clustered.wilcoxon.map(wilcoxon) ?? .object(JSONObject([
                ("n", .null), ("w_plus", .null), ("w_minus", .null), ("z", .null), ("p", .null),
            ]))),
            ("rank_biserial_citizens", number(clustered.rankBiserial)),
            ("stuart_maxwell_clustered", test(clustered.stuartMaxwell)),
        ])
    }

    /// The transition grid, its small cells suppressed (nil) when `control` applies.
    static func transitions(_ rows: [[Int]], _ control: DisclosureControl?) -> [[Int?]] {
        control?.cells(rows) ?? rows.map { $0.map(Optional.some) }
    }

    static func wilcoxon(_ test: WilcoxonSignedRank) -> JSONValue {
        .object(JSONObject([
            ("n", number(test.n)),
            ("w_plus", .number(JSONNumber(test.wPlus))),
            ("w_minus", .number(JSONNumber(test.wMinus))),
            ("z", number(test.z)),
            ("p", number(test.p)),
        ]))
    }

    static func test(_ test: ChiSquareTest) -> JSONValue {
        .object(JSONObject([
            ("chi2", number(test.chi2)),
            ("df", test.degreesOfFreedom.map(number) ?? .null),
            ("p", number(test.p)),
        ]))
    }

    static func interval(_ interval: ProportionInterval?) -> JSONValue {
        guard let interval else { return .null }
        return .array([.number(JSONNumber(interval.lower)), .number(JSONNumber(interval.upper))])
    }

    /// A finite number, or null: JSON output never holds NaN or Infinity.
    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(JSONNumber(value))
    }

    static func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// The group's name for people: the catalogue name of a theme, area, service or target group;
    /// a provider's name from its orders (`providers`, by identifier), with the identifier beside
    /// it when `withIdentifier` (a table, where the CSV has the identifier in its own column).
    static func label(_ key: GroupKey, catalog: Catalog, providers: [String: String] = [:], withIdentifier: Bool = false) -> String {
        if key.second != nil { return key.parts.map { label($0, catalog: catalog, providers: providers, withIdentifier: withIdentifier) }.joined(separator: " · ") }
        switch key.dimension {
        case .none: return "alle"  // the CSV's key_name, and the table's only group with --by none
        case .theme: return catalog.theme(KLCode(unchecked: key.value))?.name ?? key.value
        case .area: return catalog.area(KLCode(unchecked: key.value))?.name ?? key.value
        case .intervention: return (try? catalog.resolve(key.value, kind: .services).name) ?? key.value
        case .targetGroup: return (try? catalog.resolve(key.value, kind: .targetGroups).name) ?? key.value
        case .goalType: return GoalType(cliValue: key.value)?.danishName ?? key.value
        case .provider, .municipality:
            guard let name = providers[key.value] else { return key.value }
            return withIdentifier ? "\(name) (\(key.value))" : name
        }
    }

    /// The table people read leads with the statistics over citizens as clusters (STATISTICS.md);
    /// those that treat pairs as independent are in the JSON and CSV.
    static func table(_ result: GroupedPairStatistics, catalog: Catalog, providers: [String: String] = [:], support: Bool = false, language lang: Language = .da,
                      disclosure: StatsDisclosure? = nil) -> String {
        let titles = lang == .da
            ? ["GRUPPE", "BORGERE", "PAR", "BEDRE", "SAMME", "VÆRRE", "Ø ÆNDRING", "ANDEL BEDRE [95% CI]", "DEFF", "FORTEGN p", "WILCOXON p", "S-M p"]
            : ["GROUP", "CITIZENS", "PAIRS", "BETTER", "SAME", "WORSE", "MEAN CHANGE", "SHARE BETTER [95% CI]", "DEFF", "SIGN p", "WILCOXON p", "S-M p"]
        var table = TextTable(titles.enumerated().map { index, title in
            index == 0 ? .init(title: title, maxWidth: 40) : .init(title: title, alignment: [7].contains(index) ? .left : .right)
        })
        var limitLoss: PairStatistics?
        for (key, statistics) in result.groups {
            let isLimitLoss = key.dimension == .goalType && GoalType(cliValue: key.value) == .limitLoss
            if let row = disclosure?.row(key, leading: [label(key, catalog: catalog, providers: providers, withIdentifier: true)], columns: titles.count, citizensColumn: 1) {
                table.append(row)
                continue
            }
            if isLimitLoss { limitLoss = statistics }
            let clustered = result.clusteredStatistics(of: key)
            let share = statistics.improvedShare.map { share in
                let ci = clustered.improvedShareInterval.map { " [\(percent($0.lower, lang))–\(percent($0.upper, lang))]" } ?? ""
                return percent(share, lang) + ci
            } ?? "–"
            table.append([
                label(key, catalog: catalog, providers: providers, withIdentifier: true) + (isLimitLoss ? " *" : ""), String(clustered.citizens), String(statistics.n), String(statistics.improved), String(statistics.unchanged),
                String(statistics.worsened), statistics.meanChange.map { format($0, digits: 2, lang) } ?? "–", share,
                clustered.designEffect.map { format($0, digits: 2, lang) } ?? "–",
                pValue(clustered.signTest.p, lang), pValue(clustered.wilcoxon?.p, lang), pValue(clustered.stuartMaxwell.p, lang),
            ])
        }
        var text = table.render()
        let level = support ? lang.pick("støtteniveau", "support level") : lang.pick("niveau", "level")
        let (tally, rule) = (result.tally, result.rule == .first ? lang.pick("første", "first") : lang.pick("forrige", "previous"))
        // The total of pairs less the shown groups' would give the hidden ones back.
        let pairs = disclosure?.hiddenKeys.isEmpty == false ? DisclosureControl.marker : String(tally.pairs)
        text += lang.pick(
            "\nUdgangspunkt: \(rule). Par: \(pairs); sprunget over (ikke vurderet): \(tally.skippedNotAssessed); uden par (kun ét \(level)): \(tally.unpaired). "
                + "Positiv ændring = fremgang (\(level)et faldt).\n"
                + "Interval og test regner borgere som klynger (en borgers par er ikke uafhængige; DEFF: designeffekt); "
                + "dem på parniveau finder du i --format json og csv.\n",
            "\nBaseline: \(rule). Pairs: \(pairs); skipped (not assessed): \(tally.skippedNotAssessed); unpaired (one \(level) only): \(tally.unpaired). "
                + "Positive change = improvement (the \(level) fell).\n"
                + "Interval and tests count citizens as clusters (a citizen's pairs are not independent; DEFF: design effect); "
                + "the pair-level ones are in --format json and csv.\n")
        if let limitLoss { text += limitLossNote(limitLoss, language: lang) }
        return text + (disclosure?.note(lang) ?? "")
    }

    /// A limit-loss goal expects the level to rise (Docs/progression.md, "Limit-loss goals"): its
    /// share improved and tests do not say it went well, and when more pairs worsened than improved
    /// the level moved the wrong way, which the row's p-values confirm rather than refute.
    static func limitLossNote(_ statistics: PairStatistics, language lang: Language) -> String {
        let direction = statistics.worsened > statistics.improved
            ? lang.pick(
                "Niveauet bevægede sig den forkerte vej: \(statistics.worsened) par blev værre mod \(statistics.improved) bedre, og en lille p-værdi siger her, at det er en forværring. ",
                "The level moved the wrong way: \(statistics.worsened) pairs worsened against \(statistics.improved) that improved, and a small p-value here says it is a worsening. ")
            : ""
        return lang.pick(
            "* Begrænse tab: målet er at bremse et forventet tab, ikke at forbedre, så andelen bedre er ikke et mål for succes. \(direction)"
                + "Hvor mange der holdt sig inden for det forventede tab (opfølgning ≤ forventet niveau): ffb stats --goals --by goal-type.\n",
            "* Limit loss: the goal is to slow an expected loss, not to improve, so the share better is no measure of success. \(direction)"
                + "How many stayed within the expected loss (follow-up ≤ expected level): ffb stats --goals --by goal-type.\n")
    }

    /// One row per group; `key_name` names a theme, area, service, target group, goal type or
    /// provider beside its code or identifier.
    static func csv(_ result: GroupedPairStatistics, catalog: Catalog, providers: [String: String] = [:], disclosure: StatsDisclosure? = nil) -> String {
        let writer = CSVWriter()
        let header = ["dimension", "key", "key_name", "n", "improved", "unchanged", "worsened", "mean_change", "mean_baseline", "mean_followup",
                                "improved_share", "improved_share_ci_low", "improved_share_ci_high", "sign_test_p", "wilcoxon_n", "w_plus", "w_minus",
                                "wilcoxon_z", "wilcoxon_p", "rank_biserial", "stuart_maxwell_chi2", "stuart_maxwell_df", "stuart_maxwell_p",
                                "bowker_chi2", "bowker_df", "bowker_p", "transitions",
                                "citizens", "improved_share_ci_clustered_low", "improved_share_ci_clustered_high", "design_effect",
                                "sign_test_clustered_chi2", "sign_test_clustered_p", "wilcoxon_citizens_n", "wilcoxon_citizens_w_plus",
                                "wilcoxon_citizens_w_minus", "wilcoxon_citizens_z", "wilcoxon_citizens_p", "rank_biserial_citizens",
                                "stuart_maxwell_clustered_chi2", "stuart_maxwell_clustered_df", "stuart_maxwell_clustered_p"]
        var text = writer.line(header)
        let citizensColumn = header.firstIndex(of: "citizens") ?? header.count
        func cell(_ value: Double?) -> String { value.map { JSONNumber($0).description } ?? "" }
        for (key, s) in result.groups {
            let leading = [key.dimensionText, key.valueText, key.dimension == .none ? "" : label(key, catalog: catalog, providers: providers)]
            if let row = disclosure?.row(key, leading: leading, columns: header.count, citizensColumn: citizensColumn) {
                text += writer.line(row)
                continue
            }
            text += writer.line(leading + [
                String(s.n), String(s.improved), String(s.unchanged), String(s.worsened),
                cell(s.meanChange), cell(s.meanBaseline), cell(s.meanFollowUp), cell(s.improvedShare),
                cell(s.improvedShareInterval?.lower), cell(s.improvedShareInterval?.upper), cell(s.signTestP),
                String(s.wilcoxon.n), cell(s.wilcoxon.wPlus), cell(s.wilcoxon.wMinus), cell(s.wilcoxon.z), cell(s.wilcoxon.p),
                cell(s.rankBiserial), cell(s.stuartMaxwell.chi2), s.stuartMaxwell.degreesOfFreedom.map(String.init) ?? "", cell(s.stuartMaxwell.p),
                cell(s.bowker.chi2), s.bowker.degreesOfFreedom.map(String.init) ?? "", cell(s.bowker.p),
                transitions(s.transitions.rows, disclosure?.control).map { $0.map { $0.map(String.init) ?? DisclosureControl.marker }.joined(separator: " ") }.joined(separator: "|"),
            ] + clusteredCells(result.clusteredStatistics(of: key), cell))
        }
        return text
    }

    private static func clusteredCells(_ c: ClusteredPairStatistics, _ cell: (Double?) -> String) -> [String] {
        [
            String(c.citizens), cell(c.improvedShareInterval?.lower), cell(c.improvedShareInterval?.upper), cell(c.designEffect),
            cell(c.signTest.chi2), cell(c.signTest.p), c.wilcoxon.map { String($0.n) } ?? "", cell(c.wilcoxon?.wPlus), cell(c.wilcoxon?.wMinus),
            cell(c.wilcoxon?.z), cell(c.wilcoxon?.p), cell(c.rankBiserial), cell(c.stuartMaxwell.chi2),
            c.stuartMaxwell.degreesOfFreedom.map(String.init) ?? "", cell(c.stuartMaxwell.p),
        ]
    }

    /// A share as a percentage with one decimal, a decimal comma in Danish: "48,0%" (da), "48.0%" (en).
    static func percent(_ value: Double, _ language: Language) -> String {
        NumberText.percent(value, in: language)
    }

    /// A p-value with three decimals, "<0,001" (da) / "<0.001" (en) below that, "–" when undefined.
    static func pValue(_ value: Double?, _ language: Language) -> String {
        NumberText.pValue(value, in: language)
    }

    static func format(_ value: Double, digits: Int, _ language: Language) -> String {
        NumberText.grouped(value, digits: digits, in: language)
    }
}
