#!/usr/bin/env python3
"""Independent oracle for `ffb stats --input ... --compare P1,P2`: pairs an extract CSV itself in
each period (Python's csv module, STATISTICS.md rules; a pair belongs to the period that holds
both its assessments) and fits, per group, the OLS of the improved indicator on a constant and a
period-2 dummy with statsmodels' cluster-robust (citizen) covariance and its default small-sample
correction, normal reference (Docs/progression.md "Period against period").

stdin:  {"cases": [{"file": PATH, "baseline": "first"|"previous", "by": "theme"|"none",
                    "periods": [[FROM, TO], [FROM, TO]]}, ...]}
stdout: {"results": [{"groups": [{"key": {...}, "periods": [{"n", "improved"} | null, ...],
                                  "difference": {...} | null}]}, ...]}
"""

import csv
import json
import math
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stats_oracle import pairs_of  # noqa: E402

try:
    import numpy as np
    import statsmodels.api as sm
except ImportError as error:  # the Swift test skips itself when these are missing
    sys.stderr.write(f"needs numpy and statsmodels: {error}\n")
    sys.exit(3)


def finite(value):
    value = float(value)
    return value if math.isfinite(value) else None


def run(case):
    series = {}
    with open(case["file"], newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            level = None if row["level"] == "ikke-vurderet" else int(row["level"])
            series.setdefault((row["citizen"], row["theme"]), []).append((row["date"], level))
    # key -> list of (citizen, period index, improved)
    rows = {}
    for (citizen, theme), points in series.items():
        key = theme if case["by"] == "theme" else ""
        for index, (start, end) in enumerate(case["periods"]):
            inside = [p for p in points if start <= p[0] <= end]
            pairs, _, _ = pairs_of(inside, case["baseline"])
            for b, f in pairs:
                rows.setdefault(key, []).append((citizen, index, 1.0 if f < b else 0.0))
    groups = []
    for key in sorted(rows):
        data = rows[key]
        periods = []
        for index in range(2):
            ys = [y for _, i, y in data if i == index]
            periods.append({"n": len(ys), "improved": int(sum(ys))} if ys else None)
        difference = None
        if periods[0] and periods[1]:
            citizens = sorted({c for c, _, _ in data})
            number = {c: i for i, c in enumerate(citizens)}
            y = np.array([r[2] for r in data])
            x = sm.add_constant(np.array([float(r[1]) for r in data]), has_constant="add")
            p1 = periods[0]["improved"] / periods[0]["n"]
            p2 = periods[1]["improved"] / periods[1]["n"]
            difference = {"improved_share": p2 - p1, "citizens": len(citizens), "standard_error": None, "z": None, "p": None, "ci": None}
            if len(citizens) >= 2 and len(data) > 2:
                groups_ = np.array([number[r[0]] for r in data])
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": groups_}, use_t=False)
                se = float(fit.bse[1])
                difference["improved_share"] = float(fit.params[1])
                difference["standard_error"] = se
                if se > 1e-12:
                    low, high = fit.conf_int(alpha=0.05)[1]
                    difference.update({"z": finite(fit.tvalues[1]), "p": finite(fit.pvalues[1]), "ci": [float(low), float(high)]})
        groups.append({"key": {"theme": key} if case["by"] == "theme" else {}, "periods": periods, "difference": difference})
    return {"groups": groups}


def main():
    request = json.load(sys.stdin)
    json.dump({"results": [run(case) for case in request["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
