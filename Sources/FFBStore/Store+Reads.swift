import FFBCatalog
import FFBModel
import FFBParallel
import FFBSQLite
import FFBText
import Foundation

extension Store {
    // MARK: Citizens and cases

    /// A citizen by pseudonym or CPR number (the caseworker may type either).
    package func citizen(_ reference: String) throws(StoreError) -> Citizen {
        try read {
            if let cpr = try? CPRNumber(reference) {
                guard let citizen = try Self.citizen(cpr: cpr, in: database) else { throw StoreError.notFound("no citizen with this CPR number") }
                return citizen
            }
            guard let pseudonym = Pseudonym(reference) else {
                throw StoreError.invalid(try Self.notACitizenReference(reference, in: database))
            }
            let found = try database.map("SELECT pseudonym, cpr, name FROM citizens WHERE pseudonym = ?", [.text(pseudonym.rawValue)], Self.citizen)
            guard let citizen = found.first else {
                throw StoreError.notFound(DidYouMean.message("unknown citizen \(pseudonym)", suggesting: try Self.closestPseudonyms(to: pseudonym.rawValue, in: database)))
            }
            return citizen
        }
    }

    package func citizens() throws(StoreError) -> [Stored<Citizen>] {
        try read {
            try database.map("""
                SELECT c.pseudonym, c.cpr, c.name, w.id, w.at, w.user, w.command
                FROM citizens c JOIN writes w ON w.id = c.write_id ORDER BY c.id
                """) { row in
                Stored(value: try Self.citizen(row), recorded: try writeInfo(row, from: 3), enteredInError: nil)
            }
        }
    }

    package func cases(of citizen: Pseudonym) throws(StoreError) -> [Stored<CaseFile>] {
        try read {
            try database.map("""
                SELECT k.case_number, k.opened, k.municipality_name, k.municipality_code, w.id, w.at, w.user, w.command
                FROM cases k JOIN citizens c ON c.id = k.citizen_id JOIN writes w ON w.id = k.write_id
                WHERE c.pseudonym = ? ORDER BY k.opened, k.id
                """, [.text(citizen.rawValue)]) { row in
                let caseFile = try CaseFile(
                    caseNumber: try row.string(0), citizen: citizen, opened: try Self.date(row, 1),
                    municipality: try Municipality(name: row.string(2), code: row.string(3))
                )
                return Stored(value: caseFile, recorded: try writeInfo(row, from: 4), enteredInError: nil)
            }
        }
    }

    package func caseMunicipalities() throws(StoreError) -> [String: Municipality] {
        try read {
            let rows = try database.map("SELECT case_number, municipality_name, municipality_code FROM cases ORDER BY id") { row in
                (try row.string(0), try Municipality(name: row.string(1), code: row.string(2)))
            }
            return Dictionary(rows, uniquingKeysWith: { _, last in last })
        }
    }

    /// The citizen a case belongs to.
    package func caseFile(_ number: String) throws(StoreError) -> CaseFile {
        try read {
            guard let row = try database.firstRow("""
                SELECT k.case_number, c.pseudonym, k.opened, k.municipality_name, k.municipality_code
                FROM cases k JOIN citizens c ON c.id = k.citizen_id WHERE k.case_number = ?
                """, [.text(number)]) else {
                throw StoreError.notFound("unknown case \(number)")
            }
            return try CaseFile(
                caseNumber: try row.string(0), citizen: try Self.pseudonym(row.string(1)), opened: try Self.date(row.string(2)),
                municipality: try Municipality(name: row.string(3), code: row.string(4))
            )
        }
    }

    // MARK: Assessments

    /// Every assessment of a citizen (and every follow-up's levels), oldest first.
    package func assessments(of citizen: Pseudonym) throws(StoreError) -> [Stored<StoredAssessment>] {
        try read {
            return try database.map("""
                SELECT a.id, a.kind, k.case_number, a.date, a.assessor, w.id, w.at, w.user, w.command, coalesce(e.reason, fe.reason)
                FROM assessments a JOIN citizens c ON c.id = a.citizen_id JOIN writes w ON w.id = a.write_id
                LEFT JOIN cases k ON k.id = a.case_id
                LEFT JOIN entered_in_error e ON e.target_kind = 'assessment' AND e.target_id = a.id
                -- A follow-up's levels stop counting with the follow-up (entered in error, or superseded).
                LEFT JOIN follow_ups f ON a.kind = 'follow-up' AND f.assessment_id = a.id
                LEFT JOIN entered_in_error fe ON fe.target_kind = 'follow-up' AND fe.target_id = f.id
                WHERE c.pseudonym = ? ORDER BY a.date, w.id
                """, [.text(citizen.rawValue)]) { row in
                let id = try row.string(0)
                let entries = try database.map(Self.entriesOfAssessment, [.text(id)]) { try Self.entry($0, catalog: catalog) }
                let assessment = StoredAssessment(
                    id: try Self.uuid(id), kind: StoredAssessment.Kind(rawValue: try row.string(1)) ?? .assessment,
                    citizen: citizen, caseNumber: try row.optionalString(2), date: try Self.date(row, 3),
                    assessor: try row.string(4), entries: entries
                )
                return Stored(value: assessment, recorded: try writeInfo(row, from: 5), enteredInError: try row.optionalString(9))
            }
        }
    }

    package func assessmentThemesByCitizen() throws(StoreError) -> [Pseudonym: [AssessmentThemes]] {
        try read {
            var result: [Pseudonym: [AssessmentThemes]] = [:]
            var pseudonyms: [Int64: Pseudonym] = [:]
            // The catalogue's own codes, found by the row's bytes: no string made per entry.
            let known = KnownCodes(themesOf: catalog)
            // The index hands each citizen's assessments by date. Those of one citizen on one day
            // are put in the order written, and each one's entries in their order, here, a few at
            // a time, instead of every row going through SQLite's sorter.
            var day: (citizen: Int64, date: LocalDate)?
            var sameDay: [(row: Int64, write: Int64, citizen: Pseudonym, caseNumber: String?, entries: [(position: Int, theme: KLCode)])] = []
            var current = -1
            func finishDay() {
                guard let date = day?.date else { return }
                if sameDay.count > 1 { sameDay.sort { ($0.write, $0.row) < ($1.write, $1.row) } }
                for var assessment in sameDay {
                    assessment.entries.sort { $0.position < $1.position }
                    let themes = assessment.entries.map(\.theme)
                    result[assessment.citizen, default: []].append(AssessmentThemes(caseNumber: assessment.caseNumber, date: date, themes: themes))
                }
                sameDay.removeAll(keepingCapacity: true)
            }
            try database.forEachRow("""
                SELECT a.rowid, a.write_id, a.citizen_id, c.pseudonym, k.case_number, a.date, o.position, s.theme
                FROM assessments a INDEXED BY assessments_citizen JOIN citizens c ON c.id = a.citizen_id
                LEFT JOIN cases k ON k.id = a.case_id
                JOIN theme_observations o ON o.assessment_id = a.id JOIN theme_series s ON s.id = o.series_id
                WHERE a.kind = 'assessment'
                  AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'assessment' AND e.target_id = a.id)
                ORDER BY a.citizen_id, a.date
                """) { row in
                let assessment = try row.int64(0)
                if current < 0 || sameDay[current].row != assessment {
                    let citizenRow = try row.int64(2), date = try Self.date(row, 5)
                    if citizenRow != day?.citizen || date != day?.date {
                        finishDay()
                        day = (citizenRow, date)
                    }
                    if let seen = sameDay.firstIndex(where: { $0.row == assessment }) {
                        current = seen
                    } else {
                        let citizen = try pseudonyms[citizenRow] ?? Self.pseudonym(row.string(3))
                        pseudonyms[citizenRow] = citizen
                        sameDay.append((assessment, try row.int64(1), citizen, try row.optionalString(4), []))
                        current = sameDay.count - 1
                    }
                }
                sameDay[current].entries.append((try row.int(6), try Self.code(row, 7, known)))
            }
            finishDay()
            return result
        }
    }

    /// The theme entries of one assessment (or follow-up's levels), in the order given; read
    /// into values by `entry(_:catalog:)`.
    static let entriesOfAssessment = """
        SELECT s.theme, o.level, o.not_assessed, o.relevance, o.note, o.source
        FROM theme_observations o JOIN theme_series s ON s.id = o.series_id
        WHERE o.assessment_id = ? ORDER BY o.position
        """

    static func entry(_ row: Statement, catalog: Catalog) throws -> AssessmentEntry {
        let themeCode = try row.string(0)
        guard let theme = catalog.theme(KLCode(unchecked: themeCode)) else {
            throw StoreError.database("the store names theme \(themeCode), which catalogue \(catalog.version) does not have")
        }
        var level: Assessed<FunctionLevel>?
        if let value = try row.optionalInt(1) {
            level = FunctionLevel(rawValue: value).map(Assessed.assessed)
        } else if try row.int(2) == 1 {
            level = .notAssessed
        }
        let relevance = try row.optionalString(3).flatMap(AssessmentEntry.Relevance.init(rawValue:))
        let source = try row.optionalString(5).flatMap(AssessmentSource.init(rawValue:))
        return try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: try row.optionalString(4), source: source)
    }

    // MARK: Orders, goals, follow-ups

    /// An order by id or by an unambiguous id prefix of at least 8 characters.
    package func order(_ reference: String) throws(StoreError) -> Stored<Order> {
        let id = try resolve(reference, table: "orders", what: "order")
        guard let order = try orders(where: "o.id = ?", [.text(id)]).first else { throw .notFound("no order \(reference)") }
        return order
    }

    package func orders(of citizen: Pseudonym?) throws(StoreError) -> [Stored<Order>] {
        guard let citizen else {
            var orders: [Stored<Order>] = []
            try forEachOrder { orders.append($0) }
            return Self.byIssued(orders, issued: { $0.value.issued }, write: { $0.recorded.id })
        }
        return try orders(where: "c.pseudonym = ?", [.text(citizen.rawValue)])
    }

    package func forEachOrder(_ body: (Stored<Order>) -> Void) throws(StoreError) {
        try orders(where: "1 = 1", [], everyOrder: true, body)
    }

    /// Orders, or what is made of them, in the order `orders(of:)` lists them: by the day issued,
    /// then the write that recorded them, then the order given (the order written, for orders read
    /// in the table's order). The one place that order is decided for a whole-store read.
    package static func byIssued<Item>(_ items: [Item], issued: (Item) -> LocalDate, write: (Item) -> Int64) -> [Item] {
        let keys = items.map { (issued($0).dayNumber, write($0)) }
        if keys.indices.dropFirst().allSatisfy({ keys[$0 - 1] <= keys[$0] }) { return items }
        return items.indices.sorted { (keys[$0].0, keys[$0].1, $0) < (keys[$1].0, keys[$1].1, $1) }.map { items[$0] }
    }

    private func orders(where condition: String, _ bindings: [SQLiteValue]) throws(StoreError) -> [Stored<Order>] {
        var orders: [Stored<Order>] = []
        try self.orders(where: condition, bindings) { orders.append($0) }
        return orders
    }

    /// Orders matching `condition`, one at a time to `body`, by the day issued, then the write
    /// and the order written (`byIssued`); with `everyOrder`, in the order written (the table's
    /// own: no sort in SQL), with their services and target groups read in one ordered pass each
    /// instead of two queries per order.
    private func orders(where condition: String, _ bindings: [SQLiteValue], everyOrder: Bool = false, _ body: (Stored<Order>) -> Void) throws(StoreError) {
        try read {
            // The catalogue's own codes where the store's are known to it: no string made per row,
            // and no second look-up in the catalogue to check them.
            let knownServices = KnownCodes(catalog.services.map(\.code)), knownGroups = KnownCodes(catalog.targetGroups.map(\.code))
            let knownOfferTypes = KnownCodes(catalog.offerTypes.map(\.code))
            // Whether every code read so far is the catalogue's: then an order's are checked already.
            let unknown = UnknownCodes()
            var services = try ChildRows(database, "service", from: "order_services", record: "order_id", order: "position", everyRecord: everyOrder) {
                (row: Statement) throws(SQLiteError) in try Self.code(row, 0, knownServices, unknown)
            }
            var groups = try ChildRows(database, "target_group, is_primary", from: "order_target_groups", record: "order_id", order: "position",
                                       everyRecord: everyOrder) { (row: Statement) throws(SQLiteError) in
                TargetGroupAssignment(code: try Self.code(row, 0, knownGroups, unknown), isPrimary: try row.bool(1))
            }
            try database.forEachRow("""
                SELECT o.id, c.pseudonym, k.case_number, o.offer_type, o.provider_name, o.provider_id, o.payer_name, o.payer_id,
                       o.support_level, o.issued, o.start, o.follow_up_date, w.id, w.at, w.user, w.command, e.reason
                FROM orders o JOIN citizens c ON c.id = o.citizen_id JOIN cases k ON k.id = o.case_id
                JOIN writes w ON w.id = o.write_id
                LEFT JOIN entered_in_error e ON e.target_kind = 'order' AND e.target_id = o.id
                WHERE \(condition) ORDER BY \(everyOrder ? "o.rowid" : "o.issued, w.id, o.rowid")
                """, .positional(bindings)) { row in
                let id = try Self.uuid(row, 0)
                let payer: Organization? = if let name = try row.optionalString(6), let identifier = try row.optionalString(7) {
                    try Organization(name: name, identifier: identifier)
                } else {
                    nil
                }
                let terms = OrderTerms(
                    id: id, services: try services.of(id), offerType: try Self.optionalCode(row, 3, knownOfferTypes, unknown),
                    targetGroups: try groups.of(id),
                    provider: try Organization(name: row.string(4), identifier: row.string(5)), payer: payer,
                    supportLevel: try Self.optionalSupportLevel(row, 8) ?? .notAssessed,
                    issued: try Self.date(row, 9), start: try Self.date(row, 10), followUpDate: try Self.optionalDate(row, 11)
                )
                let citizen = try Self.pseudonym(row.string(1)), caseNumber = try row.string(2)
                // Codes found among the catalogue's are checked already; any other is reported as the model does.
                let order = try unknown.seen ? Order(terms: terms, citizen: citizen, caseNumber: caseNumber, catalog: catalog)
                    : Order(catalogueCodes: terms, citizen: citizen, caseNumber: caseNumber)
                body(Stored(value: order, recorded: try writeInfo(row, from: 12), enteredInError: try row.optionalString(16)))
            }
        }
    }

    /// Every version of every goal of an order, in series and version order.
    package func goals(of orderID: UUID) throws(StoreError) -> [Stored<Goal>] {
        try goals(where: "g.order_id = ?", [.text(orderID.storeText)])
    }

    /// Each order's current goals (`currentVersions` of what `goals(of:)` gives), by order: one
    /// pass of the goals in the order written, and no audit trail read or kept.
    package func currentGoalsByOrder() throws(StoreError) -> [UUID: [Goal]] {
        try read {
            let knownThemes = KnownCodes(themesOf: catalog)
            var secondary = try ChildRows(database, "theme", from: "goal_secondary_themes", record: "goal_id", order: "position", everyRecord: true) {
                (row: Statement) throws(SQLiteError) in try row.string(0)
            }
            // Few goals are ever entered in error: their ids, not a look-up per goal in SQL.
            let inError = Set(try database.map("SELECT target_id FROM entered_in_error WHERE target_kind = 'goal'") { try Self.uuid($0, 0) })
            var byOrder: [UUID: [(goal: Goal, inError: Bool)]] = [:]
            try database.forEachRow("""
                SELECT g.id, g.series_id, g.version, g.supersedes, g.order_id, g.primary_theme, g.goal_type, g.expected_level,
                       g.description, g.follow_up_date FROM goals g ORDER BY g.rowid
                """) { row in
                let goal = try goal(row, knownThemes, &secondary)
                byOrder[goal.orderID, default: []].append((goal, !inError.isEmpty && inError.contains(goal.id)))
            }
            return byOrder.mapValues { goals in
                if goals.count == 1, !goals[0].inError { return [goals[0].goal] }
                return Goal.currentVersions(goals, series: { $0.goal.seriesID }, version: { $0.goal.version }, inError: { $0.inError }).map { $0.goal }
            }
        }
    }

    /// A goal version by id or unambiguous prefix.
    package func goal(_ reference: String) throws(StoreError) -> Stored<Goal> {
        let id = try resolve(reference, table: "goals", what: "goal")
        guard let goal = try goals(where: "g.id = ?", [.text(id)]).first else { throw .notFound("no goal \(reference)") }
        return goal
    }

    /// The newest version of the goal series `seriesID`.
    package func currentGoal(series seriesID: UUID) throws(StoreError) -> Stored<Goal>? {
        try goals(where: "g.series_id = ?", [.text(seriesID.storeText)]).last
    }

    /// Goal versions matching `condition`, in series order (a whole-store read of goals is
    /// `currentGoalsByOrder`).
    private func goals(where condition: String, _ bindings: [SQLiteValue]) throws(StoreError) -> [Stored<Goal>] {
        try read {
            // The catalogue's own themes found by the row's bytes: no string made or hashed per goal.
            let knownThemes = KnownCodes(themesOf: catalog)
            var secondary = try ChildRows(database, "theme", from: "goal_secondary_themes", record: "goal_id", order: "position", everyRecord: false) {
                (row: Statement) throws(SQLiteError) in try row.string(0)
            }
            // In the order written within each order (its index's order, no sort); each order's
            // series are then put in the order first recorded (`bySeries`).
            let goals = try database.map("""
                SELECT g.id, g.series_id, g.version, g.supersedes, g.order_id, g.primary_theme, g.goal_type, g.expected_level,
                       g.description, g.follow_up_date, w.id, w.at, w.user, w.command, e.reason
                FROM goals g JOIN writes w ON w.id = g.write_id
                LEFT JOIN entered_in_error e ON e.target_kind = 'goal' AND e.target_id = g.id
                WHERE \(condition) ORDER BY g.order_id, g.rowid
                """, .positional(bindings)) { row in
                Stored(value: try goal(row, knownThemes, &secondary), recorded: try writeInfo(row, from: 10), enteredInError: try row.optionalString(14))
            }
            return Self.bySeries(goals)
        }
    }

    /// The goal in columns 0…9 (id, series, version, supersedes, order, primary theme, type,
    /// expected level, description, follow-up date), its secondary themes from `secondary`.
    private func goal(_ row: Statement, _ knownThemes: KnownCodes, _ secondary: inout ChildRows<String>) throws -> Goal {
        let id = try Self.uuid(row, 0)
        return try Goal(
            id: id, seriesID: try Self.uuid(row, 1), version: try row.int(2),
            supersedes: try Self.optionalUUID(row, 3), orderID: try Self.uuid(row, 4),
            primaryTheme: try theme(row, 5, knownThemes),
            secondaryThemes: try secondary.of(id).map(theme),
            type: try Self.goalType(row, 6),
            expectedLevel: FunctionLevel(rawValue: try row.int(7)) ?? .none,
            description: try row.string(8), followUpDate: try Self.optionalDate(row, 9), order: nil
        )
    }

    /// Goal versions in the order written within each order, put in series order: an order's
    /// series in the order first recorded, each series' versions in version order.
    static func bySeries(_ goals: [Stored<Goal>]) -> [Stored<Goal>] {
        // Usually so already (a series written before the next, each version after the last):
        // then they are handed on as they are, not copied.
        if inSeriesOrder(goals) { return goals }
        var ordered: [Stored<Goal>] = []
        ordered.reserveCapacity(goals.count)
        var lower = 0
        while lower < goals.count {
            let order = goals[lower].value.orderID
            var upper = lower + 1
            while upper < goals.count, goals[upper].value.orderID == order { upper += 1 }
            // The order's series in the order first written (an order has a handful: a scan).
            var series: [[Stored<Goal>]] = []
            for goal in goals[lower..<upper] {
                if let seen = series.firstIndex(where: { $0[0].value.seriesID == goal.value.seriesID }) {
                    series[seen].append(goal)
                } else {
                    series.append([goal])
                }
            }
            for versions in series { ordered += versions.sorted { $0.value.version < $1.value.version } }
            lower = upper
        }
        return ordered
    }

    /// Whether each order's series are together, each series' versions in version order (the
    /// series then stand in the order first recorded, as `bySeries` puts them).
    private static func inSeriesOrder(_ goals: [Stored<Goal>]) -> Bool {
        var orderStart = 0
        for index in goals.indices.dropFirst() {
            let goal = goals[index].value, previous = goals[index - 1].value
            if goal.orderID != previous.orderID {
                orderStart = index
            } else if goal.seriesID == previous.seriesID {
                if goal.version < previous.version { return false }
            } else if goals[orderStart..<index].contains(where: { $0.value.seriesID == goal.seriesID }) {
                return false
            }
        }
        return true
    }

    package func followUps(of orderID: UUID) throws(StoreError) -> [Stored<StoredFollowUp>] {
        try followUps(where: "f.order_id = ?", [.text(orderID.storeText)])
    }

    /// Every follow-up of one citizen's orders, or of every order (one pass), each order's in the
    /// order `followUps(of:)` gives them.
    package func followUps(ofCitizen citizen: Pseudonym?) throws(StoreError) -> [Stored<StoredFollowUp>] {
        guard let citizen else { return try followUps(where: "1 = 1", [], everyFollowUp: true) }
        return try followUps(where: "f.order_id IN (SELECT so.id FROM orders so JOIN citizens sc ON sc.id = so.citizen_id WHERE sc.pseudonym = ?)",
                             [.text(citizen.rawValue)])
    }

    package func followUpOutcomesByOrder() throws(StoreError) -> [UUID: [FollowUpOutcome]] {
        try read {
            // Few follow-ups are ever entered in error: their ids, not a look-up per follow-up in SQL.
            let inError = Set(try database.map("SELECT target_id FROM entered_in_error WHERE target_kind = 'follow-up'") { try Self.uuid($0, 0) })
            // Read in the table's own order (no walk of the order index with a row lookup per
            // follow-up, no sort of them all), grouped by order, then each order's few put in the
            // order `followUps(of:)` gives: by date, then the write, then the order written.
            var byOrder: [UUID: [(outcome: FollowUpOutcome, write: Int64, row: Int64)]] = [:]
            try database.forEachRow("""
                SELECT f.order_id, f.date, f.support_level, f.status, p.next_date, f.write_id, f.rowid, f.id
                FROM follow_ups f LEFT JOIN follow_up_plans p ON p.follow_up_id = f.id ORDER BY f.rowid
                """) { row in
                if !inError.isEmpty, inError.contains(try Self.uuid(row, 7)) { return }
                let outcome = FollowUpOutcome(
                    date: try Self.date(row, 1), supportLevel: try Self.optionalSupportLevel(row, 2), status: try Self.followUpStatus(row, 3),
                    nextFollowUp: try Self.optionalDate(row, 4)
                )
                byOrder[try Self.uuid(row, 0), default: []].append((outcome, try row.int64(5), try row.int64(6)))
            }
            return byOrder.mapValues { followUps in
                let key = { (index: Int) in (followUps[index].outcome.date, followUps[index].write, followUps[index].row) }
                if followUps.indices.dropFirst().allSatisfy({ key($0 - 1) < key($0) }) { return followUps.map { $0.outcome } }
                return followUps.indices.sorted { key($0) < key($1) }.map { followUps[$0].outcome }
            }
        }
    }

    /// Follow-ups matching `condition`, with their goal notes and plans; with `everyFollowUp`, the
    /// notes are read in one ordered pass instead of a query per follow-up.
    private func followUps(where condition: String, _ bindings: [SQLiteValue], everyFollowUp: Bool = false) throws(StoreError) -> [Stored<StoredFollowUp>] {
        try read {
            var notes = try ChildRows(database, "goal_series_id, note", from: "follow_up_goal_notes", record: "follow_up_id", order: "rowid",
                                      everyRecord: everyFollowUp) { (row: Statement) throws(SQLiteError) in (series: try row.string(0), note: try row.string(1)) }
            return try database.map("""
                SELECT f.id, f.assessment_id, f.date, f.support_level, f.status, w.id, w.at, w.user, w.command, e.reason, f.order_id, p.next_date
                FROM follow_ups f JOIN writes w ON w.id = f.write_id
                LEFT JOIN entered_in_error e ON e.target_kind = 'follow-up' AND e.target_id = f.id
                LEFT JOIN follow_up_plans p ON p.follow_up_id = f.id
                WHERE \(condition) ORDER BY f.order_id, f.date, w.id
                """, .positional(bindings)) { row in
                let id = try Self.uuid(row, 0)
                let followUp = StoredFollowUp(
                    id: id, orderID: try Self.uuid(row, 10), assessmentID: try Self.uuid(row, 1),
                    date: try Self.date(row, 2), supportLevel: try Self.optionalSupportLevel(row, 3), status: try Self.followUpStatus(row, 4),
                    goalNotes: try notes.of(id).map { FollowUp.GoalNote(goalSeriesID: try Self.uuid($0.series), note: $0.note) },
                    nextFollowUp: try Self.optionalDate(row, 11)
                )
                return Stored(value: followUp, recorded: try writeInfo(row, from: 5), enteredInError: try row.optionalString(9))
            }
        }
    }

    // MARK: Helpers

    /// A full id, or a prefix of at least 8 characters that matches exactly one row.
    func resolve(_ reference: String, table: String, what: String) throws(StoreError) -> String {
        let text = reference.lowercased()
        guard text.count >= 8, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .invalid("\"\(reference)\" is not a\(what.first.map { "aeiou".contains($0) } == true ? "n" : "") \(what) id (a UUID or its first 8+ characters)")
        }
        let matches = try read {
            try database.query("SELECT id FROM \(table) WHERE id >= ? AND id < ? LIMIT 2", [.text(text), .text(text + "~")]).map { try $0.string(0) }
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw .notFound("no \(what) \(reference)")
        default: throw .invalid("\"\(reference)\" matches more than one \(what); give more of the id")
        }
    }

    /// The theme in column `index`: found by the row's bytes when the catalogue has it.
    private func theme(_ row: Statement, _ index: Int, _ known: KnownCodes) throws -> Theme {
        if let position = try row.withText(index, { known.position($0) }) { return catalog.themes[Int(position)] }
        return try theme(row.string(index))
    }

    private func theme(_ code: String) throws -> Theme {
        guard let theme = catalog.theme(KLCode(unchecked: code)) else {
            throw StoreError.database("the store names theme \(code), which catalogue \(catalog.version) does not have")
        }
        return theme
    }

    static func citizen(cpr: CPRNumber, in database: Database) throws -> Citizen? {
        try database.map("SELECT pseudonym, cpr, name FROM citizens WHERE cpr = ?", [.text(cpr.digits)], citizen).first
    }

    static func citizen(_ row: Statement) throws -> Citizen {
        try Citizen(pseudonym: pseudonym(row.string(0)), cpr: CPRNumber(row.string(1)), name: row.string(2))
    }

    /// The audit row in columns `index…index + 3` (id, at, user, command).
    func writeInfo(_ row: Statement, from index: Int) throws -> WriteInfo {
        let id = try row.int64(index)
        if let known = writeInfos[id] { return known }
        let info = WriteInfo(id: id, at: try row.string(index + 1), user: try row.string(index + 2), command: try row.string(index + 3))
        writeInfos[id] = info
        return info
    }

    static func pseudonym(_ text: String) throws -> Pseudonym {
        guard let pseudonym = Pseudonym(text) else { throw StoreError.database("damaged pseudonym in store") }
        return pseudonym
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw StoreError.database("damaged date in store") }
        return date
    }

    static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(hyphenatedHex: text) else { throw StoreError.database("damaged id in store") }
        return id
    }

    /// The code in column `index`: the catalogue's own value when `known` has it (no string made),
    /// else the stored text as it is (a code of another catalogue version), noted in `unknown`.
    static func code(_ row: Statement, _ index: Int, _ known: KnownCodes, _ unknown: UnknownCodes? = nil) throws(SQLiteError) -> KLCode {
        if let code = try row.withText(index, { known.code($0) }) { return code }
        unknown?.seen = true
        return KLCode(unchecked: try row.string(index))
    }

    /// `code` of a column that may be NULL.
    static func optionalCode(_ row: Statement, _ index: Int, _ known: KnownCodes, _ unknown: UnknownCodes) throws(SQLiteError) -> KLCode? {
        guard let code = try row.withOptionalText(index, { known.code($0) }) else { return nil }
        if let code { return code }
        unknown.seen = true
        return KLCode(unchecked: try row.string(index))
    }

    /// Whether a read met a code its catalogue does not have (then its records are checked
    /// against the catalogue as they are made).
    final class UnknownCodes {
        var seen = false
    }

    /// The id in column `index`, parsed from the row's bytes (whole-store reads make no `String` of it).
    static func uuid(_ row: Statement, _ index: Int) throws -> UUID {
        guard let id = try row.withText(index, { UUID(hyphenatedHex: $0) }) else { throw StoreError.database("damaged id in store") }
        return id
    }

    /// `uuid` of a column that may be NULL.
    static func optionalUUID(_ row: Statement, _ index: Int) throws -> UUID? {
        guard let id = try row.withOptionalText(index, { UUID(hyphenatedHex: $0) }) else { return nil }
        guard let id else { throw StoreError.database("damaged id in store") }
        return id
    }

    /// `date` of a column that may be NULL.
    static func optionalDate(_ row: Statement, _ index: Int) throws -> LocalDate? {
        guard let date = try row.withOptionalText(index, { LocalDate(iso: $0) }) else { return nil }
        guard let date else { throw StoreError.database("damaged date in store") }
        return date
    }

    /// The goal type in column `index`: the store's spelling found by its bytes, else any the
    /// command line takes (a store from before that spelling).
    static func goalType(_ row: Statement, _ index: Int) throws -> GoalType {
        if let type = try spelled(row, index, goalTypes) { return type }
        return stored(try row.string(index), GoalType.init(rawValue:), GoalType.init(cliValue:)) ?? .develop
    }

    /// The follow-up decision in column `index`, as `goalType` reads a goal type.
    static func followUpStatus(_ row: Statement, _ index: Int) throws -> FollowUpStatus {
        if let status = try spelled(row, index, followUpStatuses) { return status }
        return stored(try row.string(index), FollowUpStatus.init(rawValue:), FollowUpStatus.init(cliValue:)) ?? .continue
    }

    /// The support level in column `index` (nil for NULL or a text that is none), as `goalType`
    /// reads a goal type.
    static func optionalSupportLevel(_ row: Statement, _ index: Int) throws -> Assessed<SupportLevel>? {
        if let level = try spelled(row, index, supportLevels) { return level }
        // A store from before that spelling: any the command line takes.
        return try row.optionalString(index).flatMap { Assessed<SupportLevel>(text: $0) }
    }

    /// The value whose spelling the text in column `index` has, found by its bytes (no string
    /// made: whole-store reads meet one per record); nil for NULL or another spelling.
    private static func spelled<Value>(_ row: Statement, _ index: Int, _ spellings: [(value: Value, bytes: [UInt8])]) throws -> Value? {
        try row.withOptionalText(index) { bytes in spellings.first { $0.bytes[...].elementsEqualBytes(bytes) }?.value } ?? nil
    }

    // The store's own spellings (what its CHECKs allow).
    private static let goalTypes = GoalType.allCases.map { (value: $0, bytes: Array($0.rawValue.utf8)) }
    private static let followUpStatuses = FollowUpStatus.allCases.map { (value: $0, bytes: Array($0.rawValue.utf8)) }
    private static let supportLevels = SupportLevel.allCases.map { (value: Assessed.assessed($0), bytes: Array($0.rawValue.utf8)) }
        + [(value: Assessed<SupportLevel>.notAssessed, bytes: Array(Assessed<SupportLevel>.notAssessedText.utf8))]

    /// The date in column `index`, parsed from the row's bytes.
    static func date(_ row: Statement, _ index: Int) throws -> LocalDate {
        guard let date = try row.withText(index, { LocalDate(iso: $0) }) else { throw StoreError.database("damaged date in store") }
        return date
    }

    /// A value the store wrote in its canonical spelling (`exact`), or, in a store from before
    /// that spelling, in any spelling the command line takes (`lenient`, which folds text).
    static func stored<Value>(_ text: String, _ exact: (String) -> Value?, _ lenient: (String) -> Value?) -> Value? {
        exact(text) ?? lenient(text)
    }

}

extension Store {
    /// Resolves a record id or unambiguous prefix.
    package func resolveID(_ reference: String, kind: RecordKind) throws(StoreError) -> String {
        try resolve(reference, table: kind.table, what: kind.rawValue)
    }
}
