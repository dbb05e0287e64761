import FFBCatalog
import FFBModel
import FFBSQLite

/// A theme's most recent level for a citizen and the day it was recorded: what a reassessment
/// shows beside the theme.
public struct LatestLevel: Sendable, Equatable {
    public let level: Assessed<FunctionLevel>
    public let date: LocalDate

    public init(level: Assessed<FunctionLevel>, date: LocalDate) {
        self.level = level
        self.date = date
    }
}

extension Store {
    /// One query for the citizen: every level entry that counts (as `assessments(of:)` counts
    /// them: not entered in error, a follow-up's levels only while the follow-up stands), oldest
    /// first, so the last one seen per theme is the latest; on one day the later write wins, as
    /// in the progression engine.
    /// With `day`, only what was known on it (a reassessment dated in the past shows the level
    /// before it, not a later one).
    package func latestLevels(of citizen: Pseudonym, onOrBefore day: LocalDate?) throws(StoreError) -> [KLCode: LatestLevel] {
        try read {
            var latest: [KLCode: LatestLevel] = [:]
            try database.forEachRow("""
                SELECT s.theme, a.date, o.level, o.not_assessed
                FROM assessments a JOIN citizens c ON c.id = a.citizen_id
                JOIN theme_observations o ON o.assessment_id = a.id JOIN theme_series s ON s.id = o.series_id
                LEFT JOIN follow_ups f ON a.kind = 'follow-up' AND f.assessment_id = a.id
                WHERE c.pseudonym = ?1 AND (o.level IS NOT NULL OR o.not_assessed = 1) AND (CAST(?2 AS TEXT) IS NULL OR a.date <= ?2)
                  AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'assessment' AND e.target_id = a.id)
                  AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'follow-up' AND e.target_id = f.id)
                ORDER BY a.date, a.write_id, a.rowid
                """, [.text(citizen.rawValue), SQLiteValue(day?.iso)]) { row in
                let level: Assessed<FunctionLevel>
                if let value = try row.optionalInt(2) {
                    guard let known = FunctionLevel(rawValue: value) else { return }
                    level = .assessed(known)
                } else {
                    level = .notAssessed
                }
                latest[KLCode(unchecked: try row.string(0))] = LatestLevel(level: level, date: try Self.date(row, 1))
            }
            return latest
        }
    }
}
