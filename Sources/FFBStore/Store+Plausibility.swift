import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation

/// The plausibility rules run over what a store already holds (`ffb check`): records written
/// before the rules existed, with a late reason, or made implausible by what came after them (an
/// assessment entered after a goal that it now contradicts). A few whole-store queries, in the
/// order the records were written.
extension Store {
    package func implausibleRecords(today: LocalDate, language: Language) throws(StoreError) -> [ImplausibleRecord] {
        let rules = Plausibility(language: language)
        return try read {
            var found: [ImplausibleRecord] = []
            let counts = { (kind: String, alias: String) in
                "NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = '\(kind)' AND e.target_id = \(alias).id)"
            }
            try database.forEach("SELECT case_number, opened FROM cases WHERE opened > ? ORDER BY id", [.text(today.iso)]) { row throws(SQLiteError) in
                let number = try row.string(0)
                if let opened = LocalDate(iso: try row.string(1)) { found += [rules.dated(.caseFile(number), opened, today: today)].compactMap { $0 } }
            }
            try database.forEach("""
                SELECT a.id, c.pseudonym, a.date, k.case_number, k.opened FROM assessments a
                JOIN citizens c ON c.id = a.citizen_id LEFT JOIN cases k ON k.id = a.case_id
                WHERE a.kind = 'assessment' AND (a.date > ?1 OR a.date < k.opened) AND \(counts("assessment", "a"))
                ORDER BY a.rowid
                """, [.text(today.iso)]) { row throws(SQLiteError) in
                guard let date = LocalDate(iso: try row.string(2)) else { return }
                let what = PlausibilitySubject.storedAssessment(try row.string(0), citizen: try row.string(1))
                found += [rules.dated(what, date, today: today)].compactMap { $0 }
                if let number = try row.optionalString(3), let opened = try row.optionalString(4).flatMap(LocalDate.init(iso:)) {
                    found += [rules.onCase(what, date, caseNumber: number, opened: opened)].compactMap { $0 }
                }
            }
            try database.forEach("""
                SELECT o.id, o.issued, k.case_number, k.opened FROM orders o JOIN cases k ON k.id = o.case_id
                WHERE (o.issued > ?1 OR o.issued < k.opened) AND \(counts("order", "o"))
                ORDER BY o.rowid
                """, [.text(today.iso)]) { row throws(SQLiteError) in
                guard let issued = LocalDate(iso: try row.string(1)), let opened = LocalDate(iso: try row.string(3)) else { return }
                let what = PlausibilitySubject.order(try row.string(0))
                found += [rules.dated(what, issued, today: today),
                          rules.onCase(what, issued, caseNumber: try row.string(2), opened: opened)].compactMap { $0 }
            }
            let ends = try OrderEnds.read(database, .every)
            try database.forEach("""
                SELECT f.id, f.date, o.id, o.start FROM follow_ups f JOIN orders o ON o.id = f.order_id
                WHERE \(counts("follow-up", "f"))
                ORDER BY f.rowid
                """) { row throws(SQLiteError) in
                guard let date = LocalDate(iso: try row.string(1)), let start = LocalDate(iso: try row.string(3)) else { return }
                let (what, order) = (PlausibilitySubject.storedFollowUp(try row.string(0)), try row.string(2))
                found += [rules.dated(what, date, today: today),
                          rules.onOrder(what, date, orderID: order, start: start, ended: ends[order]?.date)].compactMap { $0 }
            }
            // Citizens born after today, and cases opened before their citizen was born (both by
            // the CPR number's date, which no message repeats), where the reader may read it (a
            // shared store's analyst may not).
            var lastCitizen: Int64 = -1
            let mayReadCPR = try !database.isServer || database.firstRow("SELECT CASE WHEN has_column_privilege('citizens', 'cpr', 'SELECT') THEN 1 ELSE 0 END")?.int(0) == 1
            if mayReadCPR { try database.forEach("""
                SELECT c.id, c.pseudonym, c.cpr, k.case_number, k.opened FROM citizens c LEFT JOIN cases k ON k.citizen_id = c.id
                ORDER BY c.id, k.id
                """) { row throws(SQLiteError) in
                guard let birth = (try? CPRNumber(try row.string(2)))?.birthDate else { return }
                if try row.int64(0) != lastCitizen {
                    lastCitizen = try row.int64(0)
                    if let problem = rules.bornAfter(today: today, birth: birth) {
                        found.append(ImplausibleRecord(problem.rule, rules.language.pick("borger", "citizen") + " \(try row.string(1)): \(problem.message)"))
                    }
                }
                if let number = try row.optionalString(3), let opened = try row.optionalString(4).flatMap(LocalDate.init(iso:)) {
                    found += [rules.born(.caseFile(number), opened, birth: birth)].compactMap { $0 }
                }
            } }
            found += try implausibleGoals(rules)
            return found
        }
    }

    /// Every current goal version against its baseline: the goals in one pass, each goal's levels
    /// through the indexes the writer uses (the citizen's assessments, then the theme's entry in
    /// each), so a store of any size costs a few lookups per goal, never a scan per goal.
    private func implausibleGoals(_ rules: Plausibility) throws -> [ImplausibleRecord] {
        let goals = try database.map("""
            SELECT g.id, g.goal_type, g.expected_level, g.primary_theme, o.start, o.citizen_id, g.follow_up_date, o.id
            FROM goals g JOIN orders o ON o.id = g.order_id
            WHERE g.version = (SELECT max(v.version) FROM goals v WHERE v.series_id = g.series_id)
              AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'goal' AND e.target_id = g.id)
            ORDER BY g.rowid
            """) { row in
            (id: try row.string(0), type: try row.string(1), expected: Int(try row.int64(2)), theme: try row.string(3),
             start: try row.string(4), citizen: try row.int64(5), followUp: try row.optionalString(6), order: try row.string(7))
        }
        var found: [ImplausibleRecord] = []
        for goal in goals {
            // Followed up before its order starts.
            if let followUp = goal.followUp.flatMap(LocalDate.init(iso:)), let start = LocalDate(iso: goal.start),
               let problem = rules.onOrder(.goalFollowUp, followUp, orderID: goal.order, start: start, ended: nil) {
                found.append(ImplausibleRecord(problem.rule, rules.language.pick("mål", "goal") + " \(goal.id): \(problem.message)"))
            }
            guard let type = GoalType(rawValue: goal.type), let expected = FunctionLevel(rawValue: goal.expected),
                  let theme = KLCode(goal.theme) else { continue }
            let points = try database.map(StoreWriter.themeLevels, [.integer(goal.citizen), .text(goal.theme)]) { row in
                (day: try row.string(0), level: try row.optionalInt(1))
            }
            let baseline = StoreWriter.baseline(points, start: goal.start).flatMap(FunctionLevel.init(rawValue:))
            let name = catalog.theme(theme)?.name ?? goal.theme
            if let problem = rules.goal(type: type, expected: expected, baseline: baseline, theme: name) {
                found.append(ImplausibleRecord(problem.rule, rules.language.pick("mål", "goal") + " \(goal.id): \(problem.message)"))
            }
        }
        return found
    }
}
