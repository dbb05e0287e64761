import FFBCatalog
import FFBCSV
import FFBExchange
import FFBFiles
import FFBJSON
import FFBModel
import FFBProgression
import FFBReport
import FFBStore
import FFBSynthetic
import Foundation

/// The demo's story, step by step, on a synthetic population (the CPR numbers are made up).
///
/// The authority records citizens, cases, assessments, orders and goals and exports the orders;
/// the provider imports them into its own store, records follow-ups over two years and exports
/// follow-up reports; the authority imports those, prices support with tariffs and writes the
/// report. Every step goes through the same workflows the commands use, on real files.
package struct DemoScenario {
    package let directory: URL
    package let citizens: Int
    package let settings: ProgressionSettings
    package let catalog: Catalog

    /// What the demo did, for its summary.
    package struct Outcome: Sendable {
        package var citizens = 0
        package var assessments = 0
        package var orders = 0
        package var goals = 0
        package var followUps = 0
        package var exchanged = 0
        package var reportFile = ""
        /// The share of citizen-theme pairs improved, over everyone.
        package var improvedShare: Double?
        package var providers: [String] = []
    }

    /// One of the demo's providers, with the service it gives.
    package struct Provider: Sendable {
        package var name: String
        package var identifier: String
        package var service: String
        package var offerType: String
        package var targetGroup: String
        /// DKK per day for support levels A–E.
        package var rates: [Int]
    }

    package static let providers = [
        Provider(name: "Bostøtten Øst", identifier: "SOR-401", service: "Støtte til praktiske opgaver", offerType: "Mobilt tilbud", targetGroup: "Psykisk funktionsnedsættelse", rates: [0, 450, 700, 950, 1300]),
        Provider(name: "Værestedet Fyrtårnet", identifier: "SOR-402", service: "Social aktivitet", offerType: "Aktivitets- og samværstilbud", targetGroup: "Social isolation", rates: [0, 250, 400, 550, 700]),
        Provider(name: "Botilbuddet Lindely", identifier: "SOR-403", service: "Længerevarende ophold", offerType: "Længerevarende botilbud til voksne", targetGroup: "Udviklingshæmning", rates: [0, 1400, 1900, 2500, 3200]),
        Provider(name: "Bofællesskabet Åparken", identifier: "SOR-404", service: "Midlertidigt ophold", offerType: "Midlertidigt botilbud til voksne", targetGroup: "Erhvervet hjerneskade", rates: [0, 1100, 1500, 2000, 2700]),
    ]

    static let givenNames = ["Anne", "Mette", "Lars", "Jens", "Sofie", "Mads", "Ida", "Peter", "Hanne", "Søren", "Karen", "Niels", "Line", "Ole", "Emma", "Jonas"]
    static let familyNames = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen"]
    static let authority = "demo-sagsbehandler"
    static let provider = "demo-udfoerer"
    /// The file in a demo folder that says the folder is ours to replace.
    static let marker = ".ffb-demo"

    package init(directory: URL, citizens: Int, settings: ProgressionSettings = ProgressionSettings(), catalog: Catalog = BuiltInCatalogs.standard) {
        self.directory = directory
        self.citizens = citizens
        self.settings = settings
        self.catalog = catalog
    }

    package var authorityStore: String { directory.appendingPathComponent("ffb.sqlite").path }
    package var providerStore: String { directory.appendingPathComponent("provider.sqlite").path }

    /// Runs every step; the folder is made ready first (see `prepare`).
    package func run() throws -> Outcome {
        try prepare()
        var outcome = Outcome()
        outcome.providers = Self.providers.map(\.name)
        let population = SyntheticPopulation(settings: .init(citizens: citizens, seed: 2026, followUps: 3), catalog: catalog)
        let orders = try recordAuthority(population, outcome: &outcome)
        try exchange(ids: orders, files: "orders/order", from: authorityStore, to: providerStore, user: Self.provider, outcome: &outcome) { exporter, id in
            try exporter.order(id)
        }
        let reports = try recordFollowUps(population, orders: orders, outcome: &outcome)
        try exchange(ids: reports, files: "reports/report", from: providerStore, to: authorityStore, user: Self.authority, outcome: &outcome) { exporter, id in
            try exporter.followUpReport(id)
        }
        try importTariffs()
        try writeReport(outcome: &outcome)
        return outcome
    }

    /// Makes the folder ready: created if missing, emptied of an earlier demo, refused when it
    /// holds anything that is not ours.
    func prepare() throws(DemoError) {
        let files = FileManager.default
        let markerFile = directory.appendingPathComponent(Self.marker)
        if files.fileExists(atPath: directory.path) {
            let contents = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
            guard contents.isEmpty || files.fileExists(atPath: markerFile.path) else {
                throw DemoError("\(directory.path) exists and is not an ffb demo folder; give another --dir")
            }
            for name in contents where name != Self.marker {
                try? files.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        do {
            try files.createDirectory(at: directory.appendingPathComponent("exchange/orders"), withIntermediateDirectories: true)
            try files.createDirectory(at: directory.appendingPathComponent("exchange/reports"), withIntermediateDirectories: true)
            try Data("This folder was made by `ffb demo`; re-running the demo replaces it.\n".utf8).write(to: markerFile)
        } catch {
            throw DemoError("cannot create \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Step 1, the authority: citizens, cases, baseline assessments, orders and goals, in one transaction.
    private func recordAuthority(_ population: SyntheticPopulation, outcome: inout Outcome) throws -> [UUID] {
        var orders: [UUID] = []
        let store = try CaseStores.open(authorityStore, create: true, catalog: catalog)
        defer { store.close() }
        let scored = catalog.scoredThemes
        let noted = catalog.themes.filter { !$0.scored }
        let municipality = try Municipality(name: "Aarhus Kommune", code: "0751")
        let payer = try Organization(name: "Aarhus Kommune", identifier: "0751")
        try store.write(user: Self.authority, command: "ffb demo") { writer in
            try population.forEachCitizen { person in
                let cpr = try CPRNumber(SyntheticPopulation.cpr(person.index))
                let name = "\(Self.givenNames[person.index % Self.givenNames.count]) \(Self.familyNames[(person.index / 7) % Self.familyNames.count])"
                let citizen = try writer.addCitizen(cpr: cpr, name: name)
                // Made-up contact data, as KL's order message requires a phone number.
                let street = Self.familyNames[person.index % Self.familyNames.count] + "vej \(person.index % 90 + 1)"
                try writer.recordContact(CitizenContact(name: name, phone: String(format: "+45 20 %02d %02d %02d", (person.index / 10_000) % 100,
                                                                                   (person.index / 100) % 100, person.index % 100),
                                                        address: PostalAddress(line: street, postalCode: "8000", city: "Aarhus C")), of: citizen.pseudonym)
                let baseline = LocalDate(dayNumber: Int(person.days[0]))
                let caseNumber = "S-\(baseline.year)-\(String(format: "%04d", person.index + 1))"
                try writer.openCase(CaseFile(caseNumber: caseNumber, citizen: citizen.pseudonym, opened: baseline.adding(days: -21), municipality: municipality))
                var entries: [AssessmentEntry] = []
                for (theme, levels) in person.levels {
                    entries.append(try AssessmentEntry(theme: scored[theme], level: SyntheticPopulation.assessed(levels[0]), note: nil, source: person.index % 3 == 0 ? .citizen : .caseworker))
                }
                let unscored = noted[person.index % noted.count]
                entries.append(try AssessmentEntry(theme: unscored, level: nil, relevance: .relevant, note: "Beskrevet i samtale med borgeren", source: .citizen))
                try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: caseNumber, date: baseline, assessor: "Sagsbehandler Anna", entries: entries))
                outcome.citizens += 1
                outcome.assessments += 1

                let provider = Self.providers[person.index % Self.providers.count]
                let support = SupportLevel(ordinal: Int(person.support[0])) ?? .c
                let start = baseline.adding(days: 14)
                let order = try Order(
                    citizen: citizen.pseudonym, caseNumber: caseNumber,
                    services: [try catalog.resolve(provider.service, kind: .services).code],
                    offerType: try catalog.resolve(provider.offerType, kind: .offerTypes).code,
                    targetGroups: [TargetGroupAssignment(code: try catalog.resolve(provider.targetGroup, kind: .targetGroups).code, isPrimary: true)],
                    provider: try Organization(name: provider.name, identifier: provider.identifier), payer: payer,
                    supportLevel: .assessed(support), issued: baseline.adding(days: 7), start: start,
                    followUpDate: start.adding(days: 180), catalog: catalog
                )
                try writer.createOrder(order)
                try writer.recordDetails(OrderDetails(purpose: "At \(name.split(separator: " ")[0]) trives og klarer mere i hverdagen",
                                                      payerAccount: "0751-\(String(format: "%08d", person.index + 1))"), of: order.id)
                orders.append(order.id)
                outcome.orders += 1
                for (goalIndex, (theme, levels)) in person.levels.prefix(2).enumerated() where levels[0] >= 0 {
                    // Mostly the citizen's drawn type; a second goal sometimes of the next type.
                    let drawn = [GoalType.develop, .maintain, .limitLoss][(person.goalType + goalIndex * (person.index % 2)) % 3]
                    let (type, expected) = Self.goal(drawn, baseline: Int(levels[0]), stretch: person.index % 2)
                    let goal = try Goal(
                        orderID: order.id, primaryTheme: scored[theme], type: type, expectedLevel: expected,
                        description: Self.goalText(type, theme: scored[theme].name), followUpDate: start.adding(days: 180), order: order
                    )
                    try writer.addGoal(goal)
                    outcome.goals += 1
                }
            }
        }
        return orders
    }

    /// A goal of the `drawn` type from `baseline`, as a caseworker would set it: develop aims
    /// `1 + stretch` levels better, maintain keeps the level, limit-loss accepts one level worse;
    /// from level 0 there is nothing to develop, so that goal maintains.
    static func goal(_ drawn: GoalType, baseline: Int, stretch: Int) -> (type: GoalType, expected: FunctionLevel) {
        let type = drawn == .develop && baseline == 0 ? .maintain : drawn
        let expected = switch type {
        case .develop: max(0, baseline - 1 - stretch)
        case .maintain: baseline
        case .limitLoss: min(4, baseline + 1)
        }
        return (type, FunctionLevel(rawValue: expected) ?? .moderate)
    }

    static func goalText(_ type: GoalType, theme: String) -> String {
        switch type {
        case .develop: "Bliver mere selvhjulpen med \(theme.lowercased())"
        case .maintain: "Fastholder det nuværende niveau i \(theme.lowercased())"
        case .limitLoss: "Bremser tabet af funktionsevne i \(theme.lowercased())"
        }
    }

    /// Steps 2 and 4: one store exports each document to a file; the other imports them all in one go.
    private func exchange(
        ids: [UUID], files prefix: String, from source: String, to target: String, user: String, outcome: inout Outcome,
        _ document: (ExchangeExporter, String) throws -> ExportedContent
    ) throws {
        let store = try CaseStores.open(source, create: false, catalog: catalog)
        defer { store.close() }
        let exporter = ExchangeExporter(store: store)
        let writer = NativeWriter()
        var files: [URL] = []
        for id in ids {
            let file = directory.appendingPathComponent("exchange/\(prefix)-\(id.storeText.prefix(8)).json")
            let exported = try document(exporter, id.storeText)
            try OutputFile.write(Array(JSONWriter.fileText(writer.document(exported)).utf8), to: file.path)
            files.append(file)
        }
        if !files.isEmpty {
            let receiver = try CaseStores.open(target, create: true, catalog: catalog)
            defer { receiver.close() }
            _ = try ExchangeFiles.importFiles(files.map(\.path), base: directory, into: receiver, user: user, command: "ffb import")
        }
        outcome.exchanged += files.count
    }

    /// Step 3, the provider: follow-ups over the next two years, from the synthetic courses.
    private func recordFollowUps(_ population: SyntheticPopulation, orders: [UUID], outcome: inout Outcome) throws -> [UUID] {
        var reports: [UUID] = []
        let store = try CaseStores.open(providerStore, create: false, catalog: catalog)
        defer { store.close() }
        let scored = catalog.scoredThemes
        try store.write(user: Self.provider, command: "ffb demo") { writer in
            try population.forEachCitizen { person in
                let order = try store.order(orders[person.index].storeText).value
                let goals = try store.goals(of: order.id).map(\.value)
                for visit in person.days.indices.dropFirst() {
                    var entries: [AssessmentEntry] = []
                    for (theme, levels) in person.levels {
                        entries.append(try AssessmentEntry(theme: scored[theme], level: SyntheticPopulation.assessed(levels[visit]), note: nil, source: .citizenSupportedByStaff))
                    }
                    let last = visit == person.days.count - 1
                    let status: FollowUpStatus = last && person.index % 5 == 0 ? .end : .continue
                    let notes = goals.map { FollowUp.GoalNote(goalSeriesID: $0.seriesID, note: visit == 1 ? "Arbejder med målet" : "Fortsat fokus") }
                    let followUp = try FollowUp(
                        order: order, date: LocalDate(dayNumber: Int(person.days[visit])), entries: entries,
                        supportLevel: .assessed(SupportLevel(ordinal: Int(person.support[visit])) ?? .c),
                        goalNotes: notes, status: status, author: "Kontaktperson"
                    )
                    try writer.record(followUp, citizen: order.citizen, caseNumber: order.caseNumber)
                    reports.append(followUp.id)
                    outcome.followUps += 1
                }
            }
        }
        return reports
    }

    /// Step 5: tariffs, written as the CSV a municipality would keep and read back from it, so
    /// the report can show what support costs.
    private func importTariffs() throws {
        let csv = CSVWriter()
        var text = csv.line(TariffCSV.columns)
        for provider in Self.providers {
            for (level, rate) in zip(["A", "B", "C", "D", "E"], provider.rates) {
                text += csv.line([provider.identifier, level, String(rate), "2020-01-01", ""])
            }
        }
        let file = directory.appendingPathComponent("tariffs.csv").path
        try OutputFile.write(Array(text.utf8), to: file)
        let tariffs = try TariffCSV.read(path: file)
        let store = try CaseStores.open(authorityStore, create: false, catalog: catalog)
        defer { store.close() }
        try store.write(user: Self.authority, command: "ffb tariff import") { writer in try writer.addTariffs(tariffs) }
    }

    /// Step 6: the report, and the headline figure for the summary.
    private func writeReport(outcome: inout Outcome) throws {
        let store = try CaseStores.open(authorityStore, create: false, catalog: catalog)
        defer { store.close() }
        let assembly = ReportAssembly(catalog: catalog, settings: settings, language: .da, generated: LocalDate.today)
        let input = try assembly.input(store: store, named: "ffb.sqlite", by: Grouping(.provider))
        outcome.reportFile = "report.html"
        try OutputFile.write(Array(ReportRenderer().render(input).utf8), to: directory.appendingPathComponent(outcome.reportFile).path)
        outcome.improvedShare = input.overall.groups.first?.statistics.improvedShare
    }
}

/// Why the demo could not run.
package struct DemoError: Error, CustomStringConvertible {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}
