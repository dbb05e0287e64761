import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation

/// The plausibility rules (`Plausibility`) applied as records arrive, against what the store
/// already holds: a record that cannot be true is refused before a row is written, unless it only
/// predates its case and the caseworker said why (`--backdated-reason`), which the audit then
/// keeps beside the rule it excused.
extension StoreWriter {
    /// The rules, their messages in the language the write is read in.
    var plausibility: Plausibility { Plausibility(language: rules.language) }

    func judge(_ found: ImplausibleRecord?) throws {
        guard let found else { return }
        if found.excusedByBackdating, let reason = rules.backdatedReason {
            try recordWarning(plausibility.enteredLate(found, reason: reason))
            made.backdatingUsed = true
            return
        }
        throw StoreError.invalid(found.message + plausibility.remedy(found))
    }

    /// A reason given for a write that needed none would stand in the audit as if something had
    /// been entered late: refused, so the trail says it only where it is true.
    func refuseUnusedBackdatedReason() throws(StoreError) {
        guard rules.backdatedReason != nil, !made.backdatingUsed else { return }
        throw .invalid(plausibility.reasonNotNeeded)
    }

    func checkPlausible(_ caseFile: CaseFile, citizen: Int64) throws {
        try judge(plausibility.dated(.caseFile(caseFile.caseNumber), caseFile.opened, today: rules.today))
        if let birth = try birthDate(citizen) { try judge(plausibility.born(.caseFile(caseFile.caseNumber), caseFile.opened, birth: birth)) }
    }

    /// A CPR number whose date is after today belongs to nobody yet: a typo, or the wrong century digit.
    func checkPlausible(born birth: LocalDate) throws {
        try judge(plausibility.bornAfter(today: rules.today, birth: birth))
    }

    func checkPlausible(assessmentDated date: LocalDate, caseNumber: String?, case row: CaseRow?, citizen: Int64) throws {
        try judge(plausibility.dated(.assessment, date, today: rules.today))
        if let birth = try birthDate(citizen) { try judge(plausibility.born(.assessment, date, birth: birth)) }
        // An assessment on no case is bound to no case's dates: the udredning that leads to a case
        // comes before it (KL's own order message carries one dated before its case).
        if let caseNumber, let row {
            try judge(plausibility.onCase(.assessment, date, caseNumber: caseNumber, opened: row.opened, closed: try caseClosed(caseNumber, row: row)))
        }
    }

    func checkPlausible(_ order: Order, case row: CaseRow) throws {
        try judge(plausibility.dated(.order(order.id.storeText), order.issued, today: rules.today))
        try judge(plausibility.onCase(.order(order.id.storeText), order.issued, caseNumber: order.caseNumber, opened: row.opened))
        // The start against the closing only (its opening was judged by the issue date, which the
        // start never precedes): an order issued while the case was open may not start after it closed.
        try judge(plausibility.onCase(.order(order.id.storeText), order.start, caseNumber: order.caseNumber, opened: order.start,
                                      closed: try caseClosed(order.caseNumber, row: row)))
    }

    func checkPlausible(_ followUp: FollowUp) throws {
        try judge(plausibility.dated(.followUp, followUp.date, today: rules.today))
        guard let row = try database.firstRow("SELECT start FROM orders WHERE id = ?", [.text(followUp.orderID.storeText)]),
              let start = LocalDate(iso: try row.string(0)) else {
            throw StoreError.notFound("no order \(followUp.orderID.storeText)")
        }
        let ended = try orderEnd(of: followUp.orderID)?.date
        try judge(plausibility.onOrder(.followUp, followUp.date, orderID: followUp.orderID.storeText, start: start, ended: ended))
    }

    func checkPlausible(_ goal: Goal) throws {
        guard let row = try database.firstRow("SELECT citizen_id, start FROM orders WHERE id = ?", [.text(goal.orderID.storeText)]),
              let start = LocalDate(iso: try row.string(1)) else {
            throw StoreError.notFound("no order \(goal.orderID.storeText)")
        }
        // Every version, a revision too, is followed up within its order.
        if let followUp = goal.followUpDate {
            try judge(plausibility.onOrder(.goalFollowUp, followUp, orderID: goal.orderID.storeText, start: start, ended: nil))
        }
        let points = try database.map(Self.themeLevels, [.integer(try row.int64(0)), .text(goal.primaryTheme.rawValue)]) { row in
            (day: try row.string(0), level: try row.optionalInt(1))
        }
        let baseline = Self.baseline(points, start: start.iso).flatMap(FunctionLevel.init(rawValue:))
        let theme = catalog.theme(goal.primaryTheme)?.name ?? goal.primaryTheme.rawValue
        // A new goal needs a running order; a revision of one (a correction) may come after its end.
        if goal.version == 1, made.endedSomething || !made.orders.contains(goal.orderID) {
            try judge(plausibility.goalOnOrder(orderID: goal.orderID.storeText, ended: try orderEnd(of: goal.orderID)?.date))
        }
        try judge(plausibility.goal(type: goal.type, expected: goal.expectedLevel, baseline: baseline, theme: theme))
    }

    /// A citizen's birth date, from the CPR number (remembered for those this write registered).
    func birthDate(_ citizen: Int64) throws -> LocalDate? {
        if let known = made.births[citizen] { return known }
        let cpr: String? = try database.firstRow("SELECT cpr FROM citizens WHERE id = ?", [.integer(citizen)])?.string(0)
        return cpr.flatMap { try? CPRNumber($0) }?.birthDate
    }

    /// The day a case was closed; nil while it is open (a case this write opened and nothing it
    /// did since closed, without asking).
    func caseClosed(_ caseNumber: String, row: CaseRow) throws -> LocalDate? {
        if !made.endedSomething, made.cases[caseNumber] != nil { return nil }
        return try database.firstRow("SELECT date FROM case_closings WHERE case_id = ?", [.integer(row.rowID)])?.optionalString(0).flatMap(LocalDate.init(iso:))
    }

    /// One citizen's entries on one theme that count, by date then as written: the level, or
    /// null for "ikke vurderet".
    static let themeLevels = """
        SELECT a.date, o.level FROM assessments a
        JOIN theme_observations o ON o.assessment_id = a.id
            AND o.series_id = (SELECT s.id FROM theme_series s WHERE s.citizen_id = ?1 AND s.theme = ?2)
        WHERE a.citizen_id = ?1
          AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'assessment' AND e.target_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM follow_ups f JOIN entered_in_error e ON e.target_kind = 'follow-up' AND e.target_id = f.id
                          WHERE f.assessment_id = a.id)
        ORDER BY a.date, a.rowid
        """

    /// A goal's baseline as progression judges it (`OrderCourse.series(from:)`, then its first
    /// scored point): the theme's last entry on or before the order's start when it has a level,
    /// else the first level after the start. `points` are by date, later entries of a day last.
    static func baseline(_ points: [(day: String, level: Int?)], start: String) -> Int? {
        // One entry per day, the later one (as the level series keeps them).
        let days = points.enumerated().filter { $0.offset == points.count - 1 || points[$0.offset + 1].day != $0.element.day }.map(\.element)
        if let last = days.last(where: { $0.day <= start }), let level = last.level { return level }
        return days.first(where: { $0.day > start && $0.level != nil })?.level
    }
}
