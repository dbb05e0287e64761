#!/usr/bin/env python3
"""Independent reference for the clustered statistics of `ffb stats --input`: reads extract
CSV texts, pairs them as STATISTICS.md says (per citizen and theme, by date; baseline `first`:
first against last, `previous`: each step; a pair with "ikke-vurderet" skipped), groups the
pairs by area or by nothing, and computes each group's clustered statistics with
cluster_oracle.py beside it (statsmodels, scipy, numpy).

stdin: {"area_of_theme": {theme: area}, "extracts": [csv text, ...]}
stdout: {"results": [[{"group": area-or-"", "rule": "first"|"previous", ...clustered...}, ...], ...]}
"""

import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster_oracle import clustered  # noqa: E402


def pairs(text, rule):
    series = {}
    for row in csv.DictReader(io.StringIO(text)):
        series.setdefault((row["citizen"], row["theme"]), []).append((row["date"], row["level"]))
    result = []
    for (citizen, theme), points in series.items():
        points.sort()
        steps = [(points[0], points[-1])] if rule == "first" else list(zip(points, points[1:]))
        for (first_day, baseline), (last_day, follow_up) in steps:
            if last_day <= first_day or baseline == "ikke-vurderet" or follow_up == "ikke-vurderet":
                continue
            result.append((citizen, theme, int(baseline), int(follow_up)))
    return result


request = json.load(sys.stdin)
area_of = request["area_of_theme"]
results = []
for text in request["extracts"]:
    groups = []
    for rule in ["first", "previous"]:
        found = pairs(text, rule)
        citizens = sorted({p[0] for p in found})
        number = {c: i for i, c in enumerate(citizens)}
        for by in ["none", "area"]:
            keys = sorted({"" if by == "none" else area_of[p[1]] for p in found})
            for key in keys:
                rows = [[number[p[0]], p[2], p[3]] for p in found if by == "none" or area_of[p[1]] == key]
                groups.append(dict(clustered(rows), by=by, group=key, rule=rule))
    results.append(groups)
json.dump({"results": results}, sys.stdout)
