import FFBCatalog
import FFBExchange
import FFBModel
import FFBSynthetic
import Foundation

/// The generator behind `synth-orders`: SplitMix64 over the catalogue's codes.
package struct SyntheticOrders {
    let catalog: Catalog
    let scored: [Theme]
    let unscored: [Theme]
    let themeCount: Int
    /// The first citizen number of this seed: runs with other seeds make other people (up to
    /// 10,000 orders each), so their documents never disagree about one citizen's case or levels.
    let firstCitizen: Int
    var random: SplitMix64

    package init(catalog: Catalog, seed: UInt64, themeCount: Int) {
        self.catalog = catalog
        scored = catalog.scoredThemes
        unscored = catalog.themes.filter { !$0.scored }
        self.themeCount = themeCount
        firstCitizen = Int(seed % 10_000) * 10_000
        random = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ bound: Int) -> Int { random.below(bound) }

    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    package struct Generated: Sendable {
        package var content: ExportedContent
        package var themeEntries: Int
    }

    /// Index `i` gets a CPR number no other index gets: day, month, year and serial are digits of `i`.
    package static func cpr(_ index: Int) throws -> CPRNumber {
        let day = 1 + index % 28, month = 1 + (index / 28) % 12, year = (index / 336) % 100, serial = (index / 33_600) % 4_000
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let serialText = String(repeating: "0", count: 4 - String(serial).count) + String(serial)
        return try CPRNumber("\(two(day))\(two(month))\(two(year))-\(serialText)")
    }

    package mutating func order(_ index: Int) throws -> Generated {
        let person = firstCitizen + index
        let municipality = try Municipality(name: "Syntetisk Kommune", code: "0999")
        let provider = try Organization(name: "Syntetisk Bosted \(index % 50)", identifier: "SOR-\(100_000 + index % 50)")
        let issued = LocalDate(dayNumber: LocalDate(iso: "2024-01-01").map(\.dayNumber).map { $0 + below(365) } ?? 0)
        let start = issued.adding(days: 7 + below(21))
        var themes = scored
        var chosen: [Theme] = []
        for _ in 0..<min(themeCount, themes.count) { chosen.append(themes.remove(at: below(themes.count))) }
        var entries = try chosen.map { theme in
            try AssessmentEntry(theme: theme, level: below(6) == 5 ? .notAssessed : .assessed(FunctionLevel(rawValue: below(5)) ?? .moderate),
                                note: nil, source: AssessmentSource.allCases[below(AssessmentSource.allCases.count)])
        }
        if let noted = unscored.isEmpty ? nil : unscored[below(unscored.count)] {
            entries.append(try AssessmentEntry(theme: noted, level: nil, note: "Noteret ved udredningen", source: .caseworker))
        }
        let assessment = AssessmentRecord(id: uuid(), caseNumber: "SYN-\(person)", date: issued.adding(days: -below(14)), assessor: "Syntetisk sagsbehandler", entries: entries)
        let groups = catalog.targetGroups
        let firstGroup = groups[below(groups.count)].code
        var targetGroups = [TargetGroupAssignment(code: firstGroup, isPrimary: true)]
        let second = groups[below(groups.count)].code
        if second != firstGroup { targetGroups.append(TargetGroupAssignment(code: second, isPrimary: false)) }
        let terms = OrderTerms(
            id: uuid(), services: [catalog.services[below(catalog.services.count)].code], offerType: catalog.offerTypes[below(catalog.offerTypes.count)].code,
            targetGroups: targetGroups, provider: provider, payer: try Organization(name: municipality.name, identifier: municipality.code),
            supportLevel: .assessed(SupportLevel(ordinal: below(5)) ?? .c), issued: issued, start: start, followUpDate: start.adding(days: 180)
        )
        var goals: [GoalRecord] = []
        for theme in chosen.prefix(2) {
            let drawn = GoalType.allCases[below(3)]
            // A goal consistent with the theme's assessed level; on a theme not assessed, any.
            let (type, expected) = switch entries.first(where: { $0.theme == theme.code })?.level {
            case .assessed(let baseline)?: DemoScenario.goal(drawn, baseline: baseline.rawValue, stretch: below(2))
            default: (drawn, FunctionLevel(rawValue: below(4)) ?? .mild)
            }
            let goal = try Goal(id: uuid(), orderID: terms.id, primaryTheme: theme, type: type,
                                expectedLevel: expected, description: "Syntetisk mål for \(theme.name)",
                                followUpDate: terms.followUpDate)
            goals.append(GoalRecord(goal: goal))
        }
        let package = OrderPackage(
            citizen: CitizenIdentity(cpr: try Self.cpr(person), name: "Syntetisk Borger \(person)"),
            caseDetails: CaseDetails(number: "SYN-\(person)", opened: assessment.date.adding(days: -below(30)), municipality: municipality),
            assessments: [assessment], order: terms, goals: goals
        )
        let content = ExportedContent(content: .order(package), sender: try Organization(name: municipality.name, identifier: municipality.code),
                                      receiver: provider, asOf: issued)
        return Generated(content: content, themeEntries: entries.count)
    }
}
