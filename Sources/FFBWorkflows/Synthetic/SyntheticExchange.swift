import FFBCatalog
import FFBExchange
import FFBFiles
import FFBJSON
import FFBModel
import FFBParallel
import FFBSynthetic
import Foundation

/// The native exchange documents of a synthetic population: for each citizen an order (with the
/// baseline assessment and goals) and a follow-up report per later visit. The same citizens and
/// levels as the extract, so importing the documents and extracting gives the extract back.
package struct SyntheticExchange {
    package let population: SyntheticPopulation
    package let catalog: Catalog

    package init(population: SyntheticPopulation, catalog: Catalog) {
        self.population = population
        self.catalog = catalog
    }

    package struct Written: Sendable {
        package var orders = 0
        package var reports = 0
        package var themeEntries = 0
    }

    /// Writes every citizen's documents into `directory`; `progress` counts citizens.
    package func write(to directory: URL, progress: WorkProgress = .none) throws -> Written {
        var written = Written()
        try OutputFile.makeDirectory(directory.path)
        let writer = NativeWriter()
        let scored = catalog.scoredThemes
        let municipality = try Municipality(name: "Syntetisk Kommune", code: "0999")
        let authority = try Organization(name: municipality.name, identifier: municipality.code)
        let providers = try DemoScenario.providers.map { try Organization(name: $0.name, identifier: $0.identifier) }
        let services = try DemoScenario.providers.map { try catalog.resolve($0.service, kind: .services).code }
        let groups = try DemoScenario.providers.map { try catalog.resolve($0.targetGroup, kind: .targetGroups).code }
        try population.forEachCitizen(progress: progress) { person in
            let baseline = LocalDate(dayNumber: Int(person.days[0]))
            let caseNumber = "SYN-\(person.index + 1)"
            let provider = person.index % providers.count
            let entries = try person.levels.map { theme, levels in
                try AssessmentEntry(theme: scored[theme], level: SyntheticPopulation.assessed(levels[0]), note: nil, source: .caseworker)
            }
            let start = baseline.adding(days: 14)
            let order = OrderTerms(
                id: population.uuid(citizen: person.index, salt: 1), services: [services[provider]], offerType: nil,
                targetGroups: [TargetGroupAssignment(code: groups[provider], isPrimary: true)],
                provider: providers[provider], payer: authority,
                supportLevel: .assessed(SupportLevel(ordinal: Int(person.support[0])) ?? .c),
                issued: baseline.adding(days: 7), start: start, followUpDate: start.adding(days: 180)
            )
            var goals: [Goal] = []
            for (index, (theme, levels)) in person.levels.prefix(2).enumerated() where levels[0] >= 0 {
                let (type, expected) = DemoScenario.goal(GoalType.allCases[(person.goalType + index) % 3], baseline: Int(levels[0]), stretch: 0)
                goals.append(try Goal(id: population.uuid(citizen: person.index, salt: 10 + UInt64(index)), orderID: order.id, primaryTheme: scored[theme],
                                      type: type, expectedLevel: expected,
                                      description: DemoScenario.goalText(type, theme: scored[theme].name), followUpDate: order.followUpDate))
            }
            let package = OrderPackage(
                citizen: CitizenIdentity(cpr: try CPRNumber(SyntheticPopulation.cpr(person.index)), name: "Syntetisk Borger \(person.index + 1)"),
                caseDetails: CaseDetails(number: caseNumber, opened: baseline.adding(days: -21), municipality: municipality),
                assessments: [AssessmentRecord(id: population.uuid(citizen: person.index, salt: 2), caseNumber: caseNumber, date: baseline, assessor: "Syntetisk sagsbehandler", entries: entries)],
                order: order, goals: goals.map { GoalRecord(goal: $0) }
            )
            let orderDocument = ExportedContent(content: .order(package), sender: authority, receiver: providers[provider], asOf: order.issued)
            try OutputFile.write(Array(JSONWriter.fileText(writer.document(orderDocument), pretty: false).utf8), to: directory.appendingPathComponent("order-\(String(format: "%07d", person.index)).json").path, durable: false)
            written.orders += 1
            written.themeEntries += entries.count
            for visit in person.days.indices.dropFirst() {
                let date = LocalDate(dayNumber: Int(person.days[visit]))
                let visitEntries = try person.levels.map { theme, levels in
                    try AssessmentEntry(theme: scored[theme], level: SyntheticPopulation.assessed(levels[visit]), note: nil, source: .citizenSupportedByStaff)
                }
                let record = FollowUpRecord(
                    id: population.uuid(citizen: person.index, salt: 100 + UInt64(visit)), orderID: order.id, date: date, author: "Kontaktperson",
                    entries: visitEntries, supportLevel: .assessed(SupportLevel(ordinal: Int(person.support[visit])) ?? .c),
                    goalNotes: goals.map { FollowUp.GoalNote(goalSeriesID: $0.seriesID, note: "Fortsat fokus") }, status: .continue
                )
                let report = ExportedContent(content: .followUpReport(record), sender: providers[provider], receiver: authority, asOf: date)
                try OutputFile.write(Array(JSONWriter.fileText(writer.document(report), pretty: false).utf8), to: directory.appendingPathComponent("report-\(String(format: "%07d", person.index))-\(visit).json").path, durable: false)
                written.reports += 1
                written.themeEntries += visitEntries.count
            }
        }
        return written
    }
}
