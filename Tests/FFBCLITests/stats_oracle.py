#!/usr/bin/env python3
"""Independent oracle for `ffb stats --input`: pairs an extract CSV itself (Python's csv
module, STATISTICS.md rules) and computes every group statistic with scipy/statsmodels through
Tests/FFBStatisticsTests/oracle.py.

stdin:  {"cases": [{"file": PATH, "baseline": "first"|"previous", "by": "theme"|"none",
                    "from": DATE|null, "to": DATE|null}, ...]}
stdout: {"results": [{"baseline", "skipped_not_assessed", "unpaired", "groups": [...]}, ...]}
"""

import csv
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "FFBStatisticsTests"))
import oracle  # noqa: E402  (scipy/statsmodels; exits 3 with a message when missing)


def pairs_of(points, rule):
    """points: [(date, level or None)] of one citizen and theme inside the period."""
    points = sorted(points)
    pairs, skipped, unpaired = [], 0, 0
    if len(points) < 2 or points[-1][0] <= points[0][0]:
        return pairs, skipped, (1 if points else 0)
    if rule == "first":
        candidates = [(points[0][1], points[-1][1])]
    else:
        candidates = [(a[1], b[1]) for a, b in zip(points, points[1:]) if b[0] > a[0]]
    for b, f in candidates:
        if b is None or f is None:
            skipped += 1
        else:
            pairs.append((b, f))
    return pairs, skipped, unpaired


def run(case):
    series = {}
    with open(case["file"], newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            level = None if row["level"] == "ikke-vurderet" else int(row["level"])
            if case.get("from") and row["date"] < case["from"]:
                continue
            if case.get("to") and row["date"] > case["to"]:
                continue
            series.setdefault((row["citizen"], row["theme"]), []).append((row["date"], level))
    groups, skipped, unpaired = {}, 0, 0
    for (citizen, theme), points in series.items():
        pairs, s, u = pairs_of(points, case["baseline"])
        skipped += s
        unpaired += u
        key = theme if case["by"] == "theme" else ""
        groups.setdefault(key, []).extend(pairs)
    if case["by"] == "none":
        groups.setdefault("", [])
    out = []
    for key in sorted(groups):
        statistics = oracle.group_statistics({"pairs": groups[key]})
        statistics["key"] = {"theme": key} if case["by"] == "theme" else {}
        out.append(statistics)
    return {"baseline": case["baseline"], "skipped_not_assessed": skipped, "unpaired": unpaired, "groups": out}


def main():
    request = json.load(sys.stdin)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = [run(case) for case in request["cases"]]
    json.dump({"results": results}, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
