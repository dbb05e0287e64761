-- The pairs of STATISTICS.md (baseline "first": each citizen's first level of a theme against the
-- latest strictly later one; "ikke-vurderet" at either end skipped) with counts, means and the
-- 5×5 transitions per theme, straight from the extract CSV. {csv} is replaced by the file path.
WITH rows AS (
    SELECT * FROM read_csv('{csv}', header = true,
        columns = {'citizen': 'VARCHAR', 'theme': 'VARCHAR', 'date': 'DATE', 'level': 'VARCHAR'})
),
ends AS (
    SELECT citizen, theme,
           arg_min(level, date) AS b, arg_max(level, date) AS f,
           min(date) AS first_day, max(date) AS last_day
    FROM rows GROUP BY citizen, theme
),
pairs AS (
    SELECT theme, CAST(b AS INTEGER) AS b, CAST(f AS INTEGER) AS f
    FROM ends
    WHERE last_day > first_day AND b <> 'ikke-vurderet' AND f <> 'ikke-vurderet'
),
cells AS (
    SELECT theme, b, f, count(*) AS n FROM pairs GROUP BY theme, b, f
)
SELECT theme,
       sum(n) AS n,
       sum(CASE WHEN b > f THEN n ELSE 0 END) AS improved,
       sum(CASE WHEN b = f THEN n ELSE 0 END) AS unchanged,
       sum(CASE WHEN b < f THEN n ELSE 0 END) AS worsened,
       sum((b - f) * n) / sum(n) AS mean_change,
       sum(b * n) / sum(n) AS mean_baseline,
       sum(f * n) / sum(n) AS mean_followup,
       list(b * 5 + f ORDER BY b, f) AS cells,
       list(n ORDER BY b, f) AS counts
FROM cells GROUP BY theme ORDER BY theme;
