import FFBCatalog
import FFBCSV
import FFBJSON
import FFBModel
import FFBProgression
import FFBReport
import FFBStatistics

/// `ffb stats --adjusted`: groups compared fairly (Docs/progression.md, "Providers compared
/// fairly"): observed against expected improvement from each group's case mix, with the
/// funnel position and, with tariffs, the cost per improved pair.
enum CaseMixOutput {
    static func render(_ result: CaseMixComparison, costOre: [GroupKey: Int]?, format: OutputFormat, catalog: Catalog, names: [String: String],
                       language lang: Language, disclosure control: DisclosureControl?) -> String {
        let disclosure = StatsDisclosure(control, groups: result.groups.map { (key: $0.key, citizens: $0.citizens) })
        func costPerImproved(_ group: CaseMixComparison.Group) -> Double? {
            guard let ore = costOre?[group.key], group.comparison.observed > 0 else { return nil }
            return Double(ore) / 100 / Double(group.comparison.observed)
        }
        switch format {
        case .json:
            let shown = result.groups.filter { disclosure.hidden[$0.key] == nil }
            return JSONWriter.fileText(.object(JSONObject([
                ("baseline", .string(result.rule.rawValue)),
                ("adjusted_for", .array([.string("theme"), .string("baseline_level")])),
                ("groups", .array(shown.map { group in
                    let c = group.comparison
                    return .object(JSONObject([
                        ("key", .object(StatsOutput.key(group.key))),
                        ("citizens", StatsOutput.number(group.citizens)),
                        ("n", StatsOutput.number(group.pairs)),
                        ("observed", StatsOutput.number(c.observed)),
                        ("expected", StatsOutput.number(c.expected)),
                        ("oe_ratio", StatsOutput.number(c.ratio)),
                        ("oe_ratio_se", StatsOutput.number(c.standardError)),
                        ("oe_ratio_ci", StatsOutput.interval(c.interval())),
                        ("clusters", StatsOutput.number(c.clusters)),
                        ("funnel", c.funnelPosition.map { .string($0.rawValue) } ?? .null),
                        ("cost", StatsOutput.number(costOre?[group.key].map { Double($0) / 100 })),
                        ("cost_per_improved", StatsOutput.number(costPerImproved(group))),
                    ]))
                })),
                ("strata", .array(result.strata.map { stratum in
                    // A stratum of fewer pairs than min_n is a cell people must not see.
                    let hidden = control.map { stratum.pairs < $0.minimum } ?? false
                    return .object(JSONObject([
                        ("theme", .string(stratum.theme.rawValue)), ("baseline", StatsOutput.number(stratum.baseline)),
                        ("n", hidden ? .null : StatsOutput.number(stratum.pairs)), ("improved", hidden ? .null : StatsOutput.number(stratum.improved)),
                        ("rate", hidden ? .null : StatsOutput.number(stratum.rate)),
                    ]))
                })),
            ] + disclosure.jsonMembers())))
        case .csv:
            let writer = CSVWriter()
            let header = ["dimension", "key", "key_name", "citizens", "n", "observed", "expected", "oe_ratio", "oe_ratio_se", "oe_ratio_ci_low", "oe_ratio_ci_high",
                          "clusters", "funnel", "cost", "cost_per_improved"]
            var text = writer.line(header)
            func cell(_ value: Double?) -> String { value.map { JSONNumber($0).description } ?? "" }
            for group in result.groups {
                let leading = [group.key.dimensionText, group.key.valueText, group.key.dimension == .none ? "" : StatsOutput.label(group.key, catalog: catalog, providers: names)]
                if let row = disclosure.row(group.key, leading: leading, columns: header.count, citizensColumn: 3) {
                    text += writer.line(row)
                    continue
                }
                let c = group.comparison, interval = c.interval()
                text += writer.line(leading + [String(group.citizens), String(group.pairs), String(c.observed), cell(c.expected), cell(c.ratio), cell(c.standardError),
                                               cell(interval?.lower), cell(interval?.upper), String(c.clusters), c.funnelPosition?.rawValue ?? "",
                                               cell(costOre?[group.key].map { Double($0) / 100 }), cell(costPerImproved(group))])
            }
            return text
        case .table:
            let titles = lang == .da
                ? ["GRUPPE", "BORGERE", "PAR", "BEDRE (O)", "FORVENTET (E)", "O/E [95% CI]", "TRAGT", "DKK PR. FORBEDRET PAR"]
                : ["GROUP", "CITIZENS", "PAIRS", "BETTER (O)", "EXPECTED (E)", "O/E [95% CI]", "FUNNEL", "DKK PER IMPROVED PAIR"]
            var table = TextTable(titles.enumerated().map { index, title in
                index == 0 ? .init(title: title, maxWidth: 48) : .init(title: title, alignment: index == 5 || index == 6 ? .left : .right)
            })
            func number(_ value: Double, _ digits: Int) -> String { NumberText.grouped(value, digits: digits, in: lang) }
            for group in result.groups {
                let name = StatsOutput.label(group.key, catalog: catalog, providers: names, withIdentifier: true)
                if let row = disclosure.row(group.key, leading: [name], columns: titles.count, citizensColumn: 1) {
                    table.append(row)
                    continue
                }
                let c = group.comparison
                let ratio = c.ratio.map { ratio in number(ratio, 2) + (c.interval().map { " [\(number($0.lower, 2))–\(number($0.upper, 2))]" } ?? "") } ?? "–"
                table.append([name, String(group.citizens), String(group.pairs), String(c.observed), number(c.expected, 1), ratio,
                              ObservedExpected.FunnelPosition.words(c.funnelPosition, in: lang), costPerImproved(group).map { number($0, 2) } ?? "–"])
            }
            return table.render() + lang.pick(
                "\nO/E: forbedrede par mod de forventede, hvis hvert par forbedrede sig som alle par med samme tema og udgangsniveau "
                    + "(indirekte standardisering). Over 1: bedre end forventet. Intervallet regner borgere som klynger. "
                    + "Tragt: uden for 95 %- eller 99,8 %-grænserne om 1 (1 ± z/√E). Justeringen dækker kun tema og udgangsniveau, "
                    + "ikke alt andet, der adskiller borgerne; en udfører uden for grænserne er en grund til at se nærmere, ikke en dom.\n",
                "\nO/E: improved pairs against those expected if every pair improved as all pairs of the same theme and baseline level did "
                    + "(indirect standardisation). Above 1: better than expected. The interval counts citizens as clusters. "
                    + "Funnel: outside the 95 % or 99.8 % limits around 1 (1 ± z/√E). The adjustment covers theme and baseline level only, "
                    + "not everything else that sets citizens apart; a group outside the limits is a reason to look closer, not a verdict.\n")
                + (costOre == nil ? "" : lang.pick("DKK pr. forbedret par: gruppens udgift i perioden efter takster delt med dens forbedrede par.\n",
                                                   "DKK per improved pair: the group's cost in the period by the tariffs divided by its improved pairs.\n"))
                + disclosure.note(lang)
        }
    }


    /// `--group ID --citizens`: the group's citizens (pseudonyms) and their pairs, for analysts
    /// with the store. Never in the report.
    static func citizens(_ pairs: [ProgressionData.GroupPair], key: GroupKey, rates: CaseMixComparison, format: OutputFormat, catalog: Catalog,
                         language lang: Language) -> String {
        func themeName(_ code: KLCode) -> String { catalog.theme(code)?.name ?? code.rawValue }
        switch format {
        case .json:
            var byCitizen: [(Pseudonym, [ProgressionData.GroupPair])] = []
            for pair in pairs {
                if byCitizen.last?.0 == pair.citizen { byCitizen[byCitizen.count - 1].1.append(pair) } else { byCitizen.append((pair.citizen, [pair])) }
            }
            return JSONWriter.fileText(.object(JSONObject([
                ("key", .object(StatsOutput.key(key))),
                ("citizens", .array(byCitizen.map { citizen, pairs in
                    .object(JSONObject([
                        ("citizen", .string(citizen.rawValue)),
                        ("pairs", .array(pairs.map { pair in
                            .object(JSONObject([
                                ("theme", .string(pair.theme.rawValue)), ("baseline_date", .string(pair.baselineDate.iso)), ("baseline", StatsOutput.number(pair.baseline)),
                                ("followup_date", .string(pair.followUpDate.iso)), ("followup", StatsOutput.number(pair.followUp)),
                                ("change", StatsOutput.number(pair.baseline - pair.followUp)),
                                ("expected", StatsOutput.number(rates.rate(theme: pair.theme, baseline: pair.baseline))),
                            ]))
                        })),
                    ]))
                })),
            ])))
        case .csv:
            let writer = CSVWriter()
            var text = writer.line(["citizen", "theme", "theme_name", "baseline_date", "baseline", "followup_date", "followup", "change", "expected"])
            for pair in pairs {
                text += writer.line([pair.citizen.rawValue, pair.theme.rawValue, themeName(pair.theme), pair.baselineDate.iso, String(pair.baseline),
                                     pair.followUpDate.iso, String(pair.followUp), String(pair.baseline - pair.followUp),
                                     JSONNumber(rates.rate(theme: pair.theme, baseline: pair.baseline)).description])
            }
            return text
        case .table:
            let titles = lang == .da
                ? ["BORGER", "TEMA", "UDGANGSPUNKT", "OPFØLGNING", "ÆNDRING", "FORVENTET"]
                : ["CITIZEN", "THEME", "BASELINE", "FOLLOW-UP", "CHANGE", "EXPECTED"]
            var table = TextTable(titles.enumerated().map { index, title in .init(title: title, alignment: index >= 4 ? .right : .left, maxWidth: index == 1 ? 40 : nil) })
            for pair in pairs {
                table.append([pair.citizen.rawValue, themeName(pair.theme), "\(pair.baselineDate.iso): \(pair.baseline)", "\(pair.followUpDate.iso): \(pair.followUp)",
                              String(pair.baseline - pair.followUp), NumberText.grouped(rates.rate(theme: pair.theme, baseline: pair.baseline), digits: 2, in: lang)])
            }
            let citizens = Set(pairs.map(\.citizen)).count
            return table.render() + lang.pick(
                "\n\(citizens) borgere, \(pairs.count) par. Forventet: andelen forbedrede blandt alle par med samme tema og udgangsniveau. "
                    + "Kun til analytikere med adgang til databasen: pseudonymer, aldrig i rapporten.\n",
                "\n\(citizens) citizens, \(pairs.count) pairs. Expected: the share improved among all pairs of the same theme and baseline level. "
                    + "For analysts with store access only: pseudonyms, never in the report.\n")
        }
    }
}
