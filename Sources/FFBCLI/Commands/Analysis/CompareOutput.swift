import FFBCatalog
import FFBCSV
import FFBJSON
import FFBProgression
import FFBStatistics

/// `ffb stats --compare` output: each group's figures in both periods side by side and the
/// difference in the improved share (Docs/progression.md, "Period against period").
enum CompareOutput {
    /// What one run shows: per period, the groups its disclosure hides (groups of a period add up
    /// to that period's total, so each period has its own secondary suppression).
    struct Disclosure {
        let periods: [StatsDisclosure]

        init(_ control: DisclosureControl?, _ comparison: PeriodComparison, catalog: Catalog) {
            periods = [comparison.first, comparison.second].map { result in
                StatsDisclosure(control, groups: result.groups.map { (key: $0.key, citizens: result.clusteredStatistics(of: $0.key).citizens) }, catalog: catalog)
            }
        }

        var control: DisclosureControl? { periods[0].control }

        func hidden(_ key: GroupKey, period: Int) -> DisclosureControl.Reason? { periods[period].hidden[key] }

        /// The difference is shown only when both periods' figures are.
        func differenceShown(_ key: GroupKey) -> Bool { hidden(key, period: 0) == nil && hidden(key, period: 1) == nil }

        /// Citizens in both periods, a count of its own: hidden when 1 … min_n − 1.
        func bothText(_ count: Int) -> String? {
            guard let control, count > 0, count < control.minimum else { return String(count) }
            return nil
        }
    }

    static func render(_ comparison: PeriodComparison, format: OutputFormat, catalog: Catalog, providers: [String: String] = [:], language lang: Language = .da,
                       disclosure control: DisclosureControl? = nil) -> String {
        let disclosure = Disclosure(control, comparison, catalog: catalog)
        switch format {
        case .json: return JSONWriter.fileText(json(comparison, disclosure: disclosure))
        case .csv: return csv(comparison, catalog: catalog, providers: providers, disclosure: disclosure)
        case .table: return table(comparison, catalog: catalog, providers: providers, language: lang, disclosure: disclosure)
        }
    }

    static func json(_ comparison: PeriodComparison, disclosure: Disclosure) -> JSONValue {
        let ranges = [comparison.periods.first, comparison.periods.second]
        let groups = comparison.keys.map { key in
            let periods: [JSONValue] = (0..<2).map { index in
                guard disclosure.hidden(key, period: index) == nil, let (pairs, clustered) = comparison.statistics(of: key, period: index) else { return .null }
                return .object(JSONObject([
                    ("citizens", StatsOutput.number(clustered.citizens)),
                    ("n", StatsOutput.number(pairs.n)),
                    ("improved", StatsOutput.number(pairs.improved)),
                    ("improved_share", StatsOutput.number(pairs.improvedShare)),
                    ("improved_share_ci_clustered", StatsOutput.interval(clustered.improvedShareInterval)),
                ]))
            }
            var difference = JSONValue.null
            if disclosure.differenceShown(key), let d = comparison.difference(of: key) {
                difference = .object(JSONObject([
                    ("improved_share", StatsOutput.number(d.difference)),
                    ("ci", d.interval.map { .array([StatsOutput.number($0.lower), StatsOutput.number($0.upper)]) } ?? .null),
                    ("standard_error", StatsOutput.number(d.standardError)),
                    ("z", StatsOutput.number(d.z)),
                    ("p", StatsOutput.number(d.p)),
                    ("citizens", StatsOutput.number(d.citizens)),
                    ("citizens_in_both", disclosure.bothText(d.citizensInBoth) == nil ? .null : StatsOutput.number(d.citizensInBoth)),
                ]))
            }
            return JSONValue.object(JSONObject([("key", .object(StatsOutput.key(key))), ("periods", .array(periods)), ("difference", difference)]))
        }
        var members: [(String, JSONValue)] = [
            ("baseline", .string(comparison.first.rule.rawValue)),
            ("periods", .array(ranges.map { .object(JSONObject([("from", .string($0.lowerBound.iso)), ("to", .string($0.upperBound.iso))])) })),
            ("groups", .array(groups)),
        ]
        if let control = disclosure.control {
            members.append(("min_n", StatsOutput.number(control.minimum)))
            members.append(("suppressed", .array((0..<2).flatMap { index in
                disclosure.periods[index].hiddenKeys.map { JSONValue.object(JSONObject([("period", StatsOutput.number(index + 1)), ("key", .object(StatsOutput.key($0)))])) }
            })))
        }
        return .object(JSONObject(members))
    }

    static let csvHeader = ["dimension", "key", "key_name"]
        + (1...2).flatMap { period in ["citizens", "n", "improved", "improved_share", "improved_share_ci_clustered_low", "improved_share_ci_clustered_high"].map { "period\(period)_\($0)" } }
        + ["difference", "difference_ci_low", "difference_ci_high", "difference_z", "difference_p", "citizens", "citizens_in_both"]

    static func csv(_ comparison: PeriodComparison, catalog: Catalog, providers: [String: String], disclosure: Disclosure) -> String {
        let writer = CSVWriter()
        var text = writer.line(csvHeader)
        func cell(_ value: Double?) -> String { value.map { JSONNumber($0).description } ?? "" }
        for key in comparison.keys {
            var row = [key.dimensionText, key.valueText, key.dimension == .none ? "" : StatsOutput.label(key, catalog: catalog, providers: providers)]
            for index in 0..<2 {
                if let reason = disclosure.hidden(key, period: index), let control = disclosure.control {
                    row += [control.citizensMarker(reason)] + Array(repeating: DisclosureControl.marker, count: 5)
                } else if let (pairs, clustered) = comparison.statistics(of: key, period: index) {
                    row += [String(clustered.citizens), String(pairs.n), String(pairs.improved), cell(pairs.improvedShare),
                            cell(clustered.improvedShareInterval?.lower), cell(clustered.improvedShareInterval?.upper)]
                } else {
                    row += ["0", "0", "0", "", "", ""]
                }
            }
            if !disclosure.differenceShown(key) {
                row += Array(repeating: DisclosureControl.marker, count: 7)
            } else if let d = comparison.difference(of: key) {
                row += [cell(d.difference), cell(d.interval?.lower), cell(d.interval?.upper), cell(d.z), cell(d.p), String(d.citizens),
                        disclosure.bothText(d.citizensInBoth) ?? DisclosureControl.marker]
            } else {
                row += Array(repeating: "", count: 7)
            }
            text += writer.line(row)
        }
        return text
    }

    static func table(_ comparison: PeriodComparison, catalog: Catalog, providers: [String: String], language lang: Language, disclosure: Disclosure) -> String {
        let titles = lang == .da
            ? ["GRUPPE", "BORGERE 1", "PAR 1", "BEDRE 1 [95% CI]", "BORGERE 2", "PAR 2", "BEDRE 2 [95% CI]", "FORSKEL 2−1 [95% CI]", "P"]
            : ["GROUP", "CITIZENS 1", "PAIRS 1", "BETTER 1 [95% CI]", "CITIZENS 2", "PAIRS 2", "BETTER 2 [95% CI]", "DIFFERENCE 2−1 [95% CI]", "P"]
        var table = TextTable(titles.enumerated().map { index, title in
            index == 0 ? .init(title: title, maxWidth: 40) : .init(title: title, alignment: [1, 2, 4, 5].contains(index) ? .right : .left)
        })
        func share(_ value: Double?, _ interval: ProportionInterval?) -> String {
            value.map { StatsOutput.percent($0, lang) + (interval.map { " [\(StatsOutput.percent($0.lower, lang))–\(StatsOutput.percent($0.upper, lang))]" } ?? "") } ?? "–"
        }
        func points(_ value: Double) -> String {
            (value > 0 ? "+" : value < 0 ? "−" : "") + StatsOutput.format(abs(value) * 100, digits: 1, lang)
        }
        for key in comparison.keys {
            var row = [StatsOutput.label(key, catalog: catalog, providers: providers, withIdentifier: true)]
            for index in 0..<2 {
                if let reason = disclosure.hidden(key, period: index), let control = disclosure.control {
                    row += [control.citizensMarker(reason), DisclosureControl.marker, DisclosureControl.marker]
                } else if let (pairs, clustered) = comparison.statistics(of: key, period: index) {
                    row += [String(clustered.citizens), String(pairs.n), share(pairs.improvedShare, clustered.improvedShareInterval)]
                } else {
                    row += ["0", "0", "–"]
                }
            }
            if !disclosure.differenceShown(key) {
                row += [DisclosureControl.marker, DisclosureControl.marker]
            } else if let d = comparison.difference(of: key) {
                row += [points(d.difference) + lang.pick(" pp.", " pp") + (d.interval.map { " [\(points($0.lower))–\(points($0.upper))]" } ?? ""), StatsOutput.pValue(d.p, lang)]
            } else {
                row += ["–", "–"]
            }
            table.append(row)
        }
        let (first, second) = (ComparedPeriods.text(comparison.periods.first), ComparedPeriods.text(comparison.periods.second))
        let notes = disclosure.periods.enumerated().map { index, period in
            period.note(lang).isEmpty ? "" : lang.pick("Periode \(index + 1): ", "Period \(index + 1): ") + period.note(lang)
        }
        return lang.pick("Periode 1: \(first); periode 2: \(second).\n", "Period 1: \(first); period 2: \(second).\n") + table.render() + lang.pick(
            "\nEt par hører til den periode, der rummer begge dets vurderinger. Forskel = andel bedre i periode 2 minus periode 1 i procentpoint; "
                + "interval og test regner borgere som klynger (en borger i begge perioder er én klynge).\n",
            "\nA pair belongs to the period that holds both its assessments. Difference = share better in period 2 minus period 1 in percentage points; "
                + "interval and test count citizens as clusters (a citizen in both periods is one cluster).\n")
            + notes.joined()
    }
}
