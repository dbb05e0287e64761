-- The hand-written comparison of issue 17: one SQLite statement pairing each citizen's first and latest
-- level of each theme (as `ffb stats --db --by theme` does) and counting the transitions per theme.
--   sqlite3 STORE < Benchmarks/pairing.sql
WITH lv AS (
  SELECT a.citizen_id AS c, s.theme AS t, a.date AS d, o.level AS l, a.rowid AS r
  FROM theme_observations o JOIN assessments a ON a.id = o.assessment_id JOIN theme_series s ON s.id = o.series_id
  WHERE (o.level IS NOT NULL OR o.not_assessed = 1)
    AND NOT EXISTS (SELECT 1 FROM entered_in_error e WHERE e.target_kind = 'assessment' AND e.target_id = a.id)
), ends AS (
  SELECT c, t,
         FIRST_VALUE(l) OVER w AS first_level, FIRST_VALUE(d) OVER w AS first_day,
         LAST_VALUE(l) OVER w AS last_level, LAST_VALUE(d) OVER w AS last_day,
         ROW_NUMBER() OVER (PARTITION BY c, t ORDER BY d, r) AS rn
  FROM lv WINDOW w AS (PARTITION BY c, t ORDER BY d, r ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT t, first_level, last_level, count(*) FROM ends
WHERE rn = 1 AND last_day > first_day AND first_level IS NOT NULL AND last_level IS NOT NULL
GROUP BY t, first_level, last_level;
