import FFBCatalog
import FFBModel
import FFBStore
import FFBSynthetic
import Foundation

/// The demo's story, step by step. Synthetic people only: the CPR numbers are made up.
struct DemoScenario {
    let directory: URL
    let citizens: Int
    let context: CommandContext
    let catalog = BuiltInCatalogs.standard

    struct Outcome {
        var citizens = 0
        var assessments = 0
        var orders = 0
        var goals = 0
        var followUps = 0
        var exchanged = 0
        var reportLine = ""
        var improvedShare: Double?
        var providers: [String] = []
    }

    struct Provider {
        var name: String
        var identifier: String
        var service: String
        var offerType: String
        var targetGroup: String
        /// DKK per day for support levels A–E.
        var rates: [Int]
    }

    static let providers = [
        Provider(name: "Bostøtten Øst", identifier: "SOR-401", service: "Støtte til praktiske opgaver", offerType: "Mobilt tilbud", targetGroup: "Psykisk funktionsnedsættelse", rates: [0, 450, 700, 950, 1300]),
        Provider(name: "Værestedet Fyrtårnet", identifier: "SOR-402", service: "Social aktivitet", offerType: "Aktivitets- og samværstilbud", targetGroup: "Social isolation", rates: [0, 250, 400, 550, 700]),
        Provider(name: "Botilbuddet Lindely", identifier: "SOR-403", service: "Længerevarende ophold", offerType: "Længerevarende botilbud til voksne", targetGroup: "Udviklingshæmning", rates: [0, 1400, 1900, 2500, 3200]),
        Provider(name: "Bofællesskabet Åparken", identifier: "SOR-404", service: "Midlertidigt ophold", offerType: "Midlertidigt botilbud til voksne", targetGroup: "Erhvervet hjerneskade", rates: [0, 1100, 1500, 2000, 2700]),
    ]

    static let givenNames = ["Anne", "Mette", "Lars", "Jens", "Sofie", "Mads", "Ida", "Peter", "Hanne", "Søren", "Karen", "Niels", "Line", "Ole", "Emma", "Jonas"]
    static let familyNames = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen"]

    var authorityStore: String { directory.appendingPathComponent("ffb.sqlite").path }
    var providerStore: String { directory.appendingPathComponent("provider.sqlite").path }

    func run() throws(CLIError) -> Outcome {
        var outcome = Outcome()
        outcome.providers = Self.providers.map(\.name)
        let population = SyntheticPopulation(settings: .init(citizens: citizens, seed: 2026, followUps: 3), catalog: catalog)
        let orders = try recordAuthority(population, outcome: &outcome)
        try exchange("order", ids: orders, files: "orders/order", from: authorityStore, to: providerStore, user: "demo-udfoerer", outcome: &outcome)
        let reports = try recordFollowUps(population, orders: orders, outcome: &outcome)
        try exchange("follow-up-report", ids: reports, files: "reports/report", from: providerStore, to: authorityStore, user: "demo-sagsbehandler", outcome: &outcome)
        try importTariffs()
        try writeReport(outcome: &outcome)
        return outcome
    }

    /// Step 1, the authority: citizens, cases, baseline assessments, orders and goals, in one transaction.
    private func recordAuthority(_ population: SyntheticPopulation, outcome: inout Outcome) throws(CLIError) -> [UUID] {
        var orders: [UUID] = []
        do {
            let store = try Store.open(path: authorityStore, create: true)
            defer { store.close() }
            let scored = catalog.scoredThemes
            let noted = catalog.themes.filter { !$0.scored }
            let municipality = try Municipality(name: "Aarhus Kommune", code: "0751")
            let payer = try Organization(name: "Aarhus Kommune", identifier: "0751")
            try store.write(user: "demo-sagsbehandler", command: "ffb demo") { writer in
                try population.forEachCitizen { person in
                    let cpr = try CPRNumber(SyntheticPopulation.cpr(person.index))
                    let name = "\(Self.givenNames[person.index % Self.givenNames.count]) \(Self.familyNames[(person.index / 7) % Self.familyNames.count])"
                    let citizen = try writer.addCitizen(cpr: cpr, name: name)
                    let baseline = LocalDate(dayNumber: Int(person.days[0]))
                    let caseNumber = "S-\(baseline.year)-\(String(format: "%04d", person.index + 1))"
                    try writer.openCase(CaseFile(caseNumber: caseNumber, citizen: citizen.pseudonym, opened: baseline.adding(days: -21), municipality: municipality))
                    var entries: [AssessmentEntry] = []
                    for (theme, levels) in person.levels {
                        let level: Assessed<FunctionLevel> = levels[0] < 0 ? .notAssessed : .assessed(FunctionLevel(rawValue: Int(levels[0])) ?? .moderate)
                        entries.append(try AssessmentEntry(theme: scored[theme], level: level, note: nil, source: person.index % 3 == 0 ? .citizen : .caseworker))
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
                    orders.append(order.id)
                    outcome.orders += 1
                    for (goalIndex, (theme, levels)) in person.levels.prefix(2).enumerated() where levels[0] >= 0 {
                        let baselineLevel = Int(levels[0])
                        // Mostly the citizen's drawn type; a second goal sometimes of the next type.
                        let type = [GoalType.develop, .maintain, .limitLoss][(person.goalType + goalIndex * (person.index % 2)) % 3]
                        let expected = switch type {
                        case .develop: max(0, baselineLevel - 1 - person.index % 2)
                        case .maintain: baselineLevel
                        case .limitLoss: min(4, baselineLevel + 1)
                        }
                        let goal = try Goal(
                            orderID: order.id, primaryTheme: scored[theme], type: type, expectedLevel: FunctionLevel(rawValue: expected) ?? .moderate,
                            description: Self.goalText(type, theme: scored[theme].name), followUpDate: start.adding(days: 180), order: order
                        )
                        try writer.addGoal(goal)
                        outcome.goals += 1
                    }
                }
            }
        } catch {
            throw CLIError(error)
        }
        return orders
    }

    static func goalText(_ type: GoalType, theme: String) -> String {
        switch type {
        case .develop: "Bliver mere selvhjulpen med \(theme.lowercased())"
        case .maintain: "Fastholder det nuværende niveau i \(theme.lowercased())"
        case .limitLoss: "Bremser tabet af funktionsevne i \(theme.lowercased())"
        }
    }

    /// Steps 2 and 4: one store exports each document; the other imports them all in one go.
    private func exchange(
        _ kind: String, ids: [UUID], files prefix: String, from source: String, to target: String, user: String, outcome: inout Outcome
    ) throws(CLIError) {
        var files: [String] = []
        for id in ids {
            let file = directory.appendingPathComponent("exchange/\(prefix)-\(id.storeText.prefix(8)).json").path
            try ffb(["export", "--kind", kind, "--id", id.storeText, "--out", file, "--db", source])
            files.append(file)
        }
        if !files.isEmpty { try ffb(["import", "--db", target, "--user", user] + files) }
        outcome.exchanged += files.count
    }

    /// Step 3, the provider: follow-ups over the next two years, from the synthetic courses.
    private func recordFollowUps(_ population: SyntheticPopulation, orders: [UUID], outcome: inout Outcome) throws(CLIError) -> [UUID] {
        var reports: [UUID] = []
        do {
            let store = try Store.open(path: providerStore, create: false)
            defer { store.close() }
            let scored = catalog.scoredThemes
            try store.write(user: "demo-udfoerer", command: "ffb demo") { writer in
                try population.forEachCitizen { person in
                    let stored = try store.order(orders[person.index].storeText)
                    let order = stored.value
                    let goals = try store.goals(of: order.id).map(\.value)
                    for visit in person.days.indices.dropFirst() {
                        var entries: [AssessmentEntry] = []
                        for (theme, levels) in person.levels {
                            let level: Assessed<FunctionLevel> = levels[visit] < 0 ? .notAssessed : .assessed(FunctionLevel(rawValue: Int(levels[visit])) ?? .moderate)
                            entries.append(try AssessmentEntry(theme: scored[theme], level: level, note: nil, source: .citizenSupportedByStaff))
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
        } catch {
            throw CLIError(error)
        }
        return reports
    }

    /// Step 5: tariffs, so the report can show what support costs.
    private func importTariffs() throws(CLIError) {
        var text = "provider,support_level,daily_rate,valid_from,valid_to\n"
        for provider in Self.providers {
            for (level, rate) in zip(["A", "B", "C", "D", "E"], provider.rates) {
                text += "\(provider.identifier),\(level),\(rate),2020-01-01,\n"
            }
        }
        let file = directory.appendingPathComponent("tariffs.csv")
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            throw .invalid("cannot write \(file.path)")
        }
        try ffb(["tariff", "import", file.path, "--db", authorityStore])
    }

    private func writeReport(outcome: inout Outcome) throws(CLIError) {
        try ffb(["report", "--db", authorityStore, "--out", directory.appendingPathComponent("report.html").path])
        let stats = try ffb(["stats", "--db", authorityStore, "--by", "none", "--format", "csv"])
        let row = stats.split(separator: "\n").dropFirst().first.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        if let row, row.count > 9 { outcome.improvedShare = Double(row[9]) }
        outcome.reportLine = "report.html"
    }

    /// Runs an ffb command in this process, as a user would type it; its output is kept quiet.
    @discardableResult
    private func ffb(_ arguments: [String]) throws(CLIError) -> String {
        let quiet = CommandContext(stdout: .capture(), stderr: .capture(), environment: context.environment, currentDirectory: context.currentDirectory)
        let status = FFBMain.run(arguments, context: quiet)
        guard status == 0 else {
            let message = quiet.stderr.captured.split(separator: "\n").first.map(String.init) ?? "exit \(status)"
            throw .store("demo step 'ffb \(arguments.prefix(2).joined(separator: " "))' failed: \(message)")
        }
        return quiet.stdout.captured
    }
}
