import FFBCatalog
import FFBCSV
@testable import FFBProgression
import FFBModel
import Foundation
import Testing

/// The extract written straight as text is the text of its rows: for every row, what `CSVWriter`
/// writes for `ExtractRow.fields`, with either separator, whatever the names hold.
@Suite struct ExtractCSVWriterTests {
    let catalog = BuiltInCatalogs.standard

    @Test(arguments: [",", ";"] as [Unicode.Scalar])
    func rowsWrittenAsTextAreTheRowsValuesText(separator: Unicode.Scalar) throws {
        let citizen = try #require(Pseudonym("P-0004D46W"))
        let scored = catalog.themes.filter(\.scored)
        let (first, second, third) = (scored[0], scored[1], scored[7])
        // A name that must be quoted in either dialect: both separators and a quote.
        let courses = [
            try course(citizen, provider: "Bo, \"Hjem\"; Øst", start: date("2023-03-01"), end: date("2023-09-30"), level: .assessed(.c),
                       spells: [(date("2023-06-01"), .assessed(.d))], goals: [(first, .develop), (first, .maintain), (second, .maintain)],
                       municipality: try Municipality(name: "Aarhus", code: "0751"), primaryGroup: false),
            try course(citizen, provider: " Værestedet", start: date("2023-10-01"), end: nil, level: .notAssessed,
                       spells: [], goals: [(third, .limitLoss)], municipality: nil, primaryGroup: true),
        ]
        let levels: [KLCode: LevelSeries] = [
            // Before any course (the first it is the baseline of), in each, between, and after.
            first.code: series(("2023-01-05", 2), ("2023-03-01", 3), ("2023-06-01", -1), ("2023-09-30", 4)),
            second.code: series(("2023-09-30", 0), ("2023-10-01", 1), ("2024-02-29", 2)),
            third.code: series(("2023-10-01", 3), ("2025-12-31", 9)),
        ]
        let csv = CSVWriter(separator: separator)
        var rows: [ExtractRow] = []
        ProgressionData.appendExtractRows(of: citizen, levels: levels, courses: courses.reversed(), catalog: catalog, to: &rows)
        var expected: [UInt8] = []
        for row in rows { csv.append(row.fields, to: &expected) }

        var writer = ExtractCSVWriter(catalog: catalog, separator: separator)
        var written: [UInt8] = []
        writer.beginCitizen(citizen, courses: courses.reversed())
        var count = 0
        for (position, theme) in catalog.themes.enumerated() {
            guard let points = levels[theme.code]?.points else { continue }
            count += writer.appendSeries(theme: position, points: points[...], to: &written)
        }
        #expect(count == 9)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        // The rows do differ by course, goal, support level and the quoted names.
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("\"Bo, \"\"Hjem\"\"; Øst\""))
        #expect(rows.map { $0.supportLevel?.cliValue ?? "-" } == ["C", "C", "D", "D", "D"] + Array(repeating: "ikke-vurderet", count: 4))
        #expect(rows.map(\.goalType) == [.develop, .develop, .develop, .develop, .maintain, nil, nil, .limitLoss, .limitLoss])
        #expect(rows.map(\.municipality) == Array(repeating: "0751", count: 5) + Array(repeating: nil, count: 4))

        // A citizen of no courses: empty course fields.
        var alone: [UInt8] = []
        writer.beginCitizen(citizen, courses: [])
        writer.appendSeries(theme: catalog.themePosition(first.code)!, points: series(("2023-01-05", 2)).points[...], to: &alone)
        rows = []
        ProgressionData.appendExtractRows(of: citizen, levels: [first.code: series(("2023-01-05", 2))], courses: [], catalog: catalog, to: &rows)
        #expect(alone == Array(csv.line(rows[0].fields).utf8))
    }

    private func date(_ text: String) -> LocalDate {
        LocalDate(iso: text)!
    }

    private func series(_ points: (String, Int8)...) -> LevelSeries {
        LevelSeries(points: points.map { LevelSeries.Point(day: Int32(date($0.0).dayNumber), level: $0.1) })
    }

    private func course(
        _ citizen: Pseudonym, provider: String, start: LocalDate, end: LocalDate?, level: Assessed<SupportLevel>,
        spells: [(LocalDate, Assessed<SupportLevel>)], goals: [(Theme, GoalType)], municipality: Municipality?, primaryGroup: Bool
    ) throws -> OrderCourse {
        let groups = catalog.targetGroups.prefix(2).enumerated().map { TargetGroupAssignment(code: $1.code, isPrimary: primaryGroup && $0 == 1) }
        let order = try Order(citizen: citizen, caseNumber: "S-1", services: [catalog.services[2].code, catalog.services[0].code], offerType: nil,
                              targetGroups: groups, provider: try Organization(name: provider, identifier: "SOR-\(provider.count)"),
                              supportLevel: level, issued: start, start: start, catalog: catalog)
        let goals = try goals.map { theme, type in
            try Goal(orderID: order.id, primaryTheme: theme, type: type, expectedLevel: .mild, description: "mål", followUpDate: nil)
        }
        return OrderCourse(order: order, goals: goals, supportSpells: [SupportSpell(from: start, level: level)] + spells.map { SupportSpell(from: $0.0, level: $0.1) },
                           end: end, municipality: municipality)
    }
}
