import FFBCatalog
import FFBCSV
import FFBJSON
import FFBModel
import FFBProgression
import FFBReport
import FFBStatistics
import Foundation

/// `ffb stats --cost`: what the support costs per citizen and group over a period, and how the
/// daily cost changed between the first and the latest support level (seed 003).
enum CostOutput {
    static func run(data: ProgressionData, tariffs: [Tariff], dimension: GroupDimension, settings: ProgressionSettings, format: OutputFormat,
                    disclosure control: DisclosureControl?, context: CommandContext) throws(CLIError) {
        guard !tariffs.isEmpty else { throw .invalid("the store has no tariffs (import them with 'ffb tariff import FILE')") }
        guard let summary = data.costSummary(tariffs: tariffs, by: dimension, from: settings.from, to: settings.to) else {
            throw .invalid("the store has no orders to price")
        }
        let (from, to, lines, perCitizen) = (summary.from, summary.to, summary.groups, summary.perCitizenOre)
        func dkk(_ ore: Int) -> JSONValue { .number(JSONNumber(Double(ore) / 100)) }
        let disclosure = StatsDisclosure(control, groups: lines.map { (key: $0.key, citizens: $0.citizens.count) })
        let language = context.language
        switch format {
        case .json:
            context.stdout.write(JSONWriter.fileText(.object(JSONObject([
                ("from", .string(from.iso)), ("to", .string(to.iso)), ("currency", .string("DKK")),
                ("groups", .array(lines.filter { disclosure.hidden[$0.key] == nil }.map { line in
                    .object(JSONObject([
                        ("key", .object(StatsOutput.key(line.key))),
                        ("citizens", StatsOutput.number(line.citizens.count)),
                        ("days", StatsOutput.number(line.cost.days)),
                        ("days_without_tariff", StatsOutput.number(line.cost.daysWithoutTariff)),
                        ("cost", dkk(line.cost.totalOre)),
                        ("cost_per_citizen", StatsOutput.number(line.costPerCitizen)),
                        ("mean_daily_change", StatsOutput.number(line.meanDailyChange)),
                    ]))
                })),
                // One citizen's cost is a group of one: never listed when suppression applies.
                ("citizens", .array(control == nil ? perCitizen.keys.sorted().map { .object(JSONObject([("citizen", .string($0.rawValue)), ("cost", dkk(perCitizen[$0] ?? 0))])) } : [])),
            ] + disclosure.jsonMembers()))))
        case .csv, .table:
            let providers = data.providerNames
            let columns: [TextTable.Column] = [.init(title: "GRUPPE", maxWidth: 40), .init(title: "BORGERE", alignment: .right), .init(title: "DAGE", alignment: .right),
                                   .init(title: "UDEN TAKST", alignment: .right), .init(title: "UDGIFT DKK", alignment: .right),
                                   .init(title: "PR. BORGER", alignment: .right), .init(title: "Ø ÆNDRING/DAG", alignment: .right)]
            var table = TextTable(columns.map { column in
                var translated = column
                translated.title = TableTitles.title(column.title, in: language)
                return translated
            })
            let writer = CSVWriter()
            let header = ["dimension", "key", "key_name", "citizens", "days", "days_without_tariff", "cost", "cost_per_citizen", "mean_daily_change"]
            var csv = writer.line(header)
            // The total row sums the groups shown, so it never gives a hidden group back.
            var total = (citizens: Set<Pseudonym>(), days: 0, withoutTariff: 0, ore: 0, groups: 0)
            func amount(_ kroner: Double) -> String { NumberText.grouped(kroner, digits: 2, in: language) }
            for line in lines {
                let label: String = StatsOutput.label(line.key, catalog: data.catalog, providers: providers, withIdentifier: true)
                let leading = [line.key.dimension.rawValue, line.key.value, line.key.dimension == .none ? "" : StatsOutput.label(line.key, catalog: data.catalog, providers: providers)]
                if let row = disclosure.row(line.key, leading: [label], columns: 7, citizensColumn: 1),
                   let csvRow = disclosure.row(line.key, leading: leading, columns: header.count, citizensColumn: 3) {
                    table.append(row)
                    csv += writer.line(csvRow)
                    continue
                }
                let kroner: Double = Double(line.cost.totalOre) / 100
                // Kroner first, then per citizen: the table's rounding as it has always been.
                let perCitizen: Double = line.citizens.isEmpty ? 0 : kroner / Double(line.citizens.count)
                let change: Double? = line.meanDailyChange
                table.append([label, NumberText.grouped(line.citizens.count, in: language), NumberText.grouped(line.cost.days, in: language),
                              NumberText.grouped(line.cost.daysWithoutTariff, in: language), NumberText.kroner(ore: line.cost.totalOre, in: language),
                              amount(perCitizen), change.map(amount) ?? "–"])
                let fields: [String] = leading + [String(line.citizens.count), String(line.cost.days),
                                                  String(line.cost.daysWithoutTariff), String(kroner), String(perCitizen), change.map { String($0) } ?? ""]
                csv += writer.line(fields)
                total.citizens.formUnion(line.citizens)
                total.days += line.cost.days
                total.withoutTariff += line.cost.daysWithoutTariff
                total.ore += line.cost.totalOre
                total.groups += 1
            }
            if total.groups > 1 {
                let perCitizen = total.citizens.isEmpty ? 0 : Double(total.ore) / 100 / Double(total.citizens.count)
                let title = disclosure.hiddenKeys.isEmpty ? language.pick("I alt", "Total") : language.pick("I alt, viste grupper", "Total, groups shown")
                table.append([title, NumberText.grouped(total.citizens.count, in: language), NumberText.grouped(total.days, in: language),
                              NumberText.grouped(total.withoutTariff, in: language), NumberText.kroner(ore: total.ore, in: language), amount(perCitizen), "–"])
            }
            context.stdout.write(format == .csv ? csv : table.render() + language.pick(
                "\nPeriode \(from) – \(to). Ændring/dag: dagtaksten for det seneste støtteniveau minus det første (negativ = besparelse).\n",
                "\nPeriod \(from) – \(to). Change/day: the daily rate of the latest support level minus the first (negative = saving).\n")
                + (total.groups > 1 ? language.pick("I alt tæller hver borger én gang, også en borger i flere grupper.\n",
                                                    "The total counts each citizen once, also one in several groups.\n") : "")
                + disclosure.note(language))
        }
    }
}
