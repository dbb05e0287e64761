#!/usr/bin/env python3
"""Independent reference values for the case-mix adjusted comparison (Docs/progression.md,
"Providers compared fairly"), from numpy and statsmodels.

Reads {"data_sets": [[[group, citizen, theme, baseline, follow_up], ...], ...]} on stdin and
prints {"data_sets": [[{...per group, in ascending group order...}], ...]} with:

- rate of a pair = the share improved (follow_up < baseline) among ALL pairs of the data set
  with the same theme and baseline;
- observed O = improved pairs of the group, expected E = sum of the group's pairs' rates;
- ratio, se: the slope and its standard error of statsmodels WLS(y, r, weights=1/r) fitted
  with cov_type='cluster' over citizens, on the group's pairs with r > 0 (its estimate is
  sum(y)/sum(r) = O/E; its small-sample factor G/(G-1)); null when E = 0, se null with G < 2;
- ci: ratio -/+ z se with z = scipy.stats.norm.ppf(0.975), lower end at least 0;
- limits95, limits998: 1 -/+ z / sqrt(E) with z = norm.ppf(0.975) and norm.ppf(0.999).
"""

import json
import sys
import warnings

try:
    import numpy as np
    from scipy import stats
    import statsmodels.api as sm
except ImportError as error:  # pragma: no cover
    sys.stderr.write("casemix_oracle.py needs numpy, scipy and statsmodels: pip install scipy statsmodels (%s)\n" % error)
    sys.exit(3)


def number(value):
    if value is None:
        return None
    value = float(value)
    return value if np.isfinite(value) else None


def limits(expected, z):
    if expected <= 0:
        return None
    half = z / np.sqrt(expected)
    return [max(0.0, 1 - half), 1 + half]


def analyse(rows):
    rows = np.array(rows, dtype=float).reshape(-1, 5)
    improved = (rows[:, 4] < rows[:, 3]).astype(float)
    rates = np.zeros(len(rows))
    strata = {}
    for index, row in enumerate(rows):
        strata.setdefault((row[2], row[3]), []).append(index)
    for members in strata.values():
        rates[members] = improved[members].mean()
    answers = []
    for group in sorted(set(rows[:, 0])):
        mine = rows[:, 0] == group
        observed = int(improved[mine].sum())
        expected = float(rates[mine].sum())
        answer = {"group": int(group), "observed": observed, "expected": expected, "ratio": None, "se": None, "ci": None,
                  "clusters": 0, "limits95": limits(expected, stats.norm.ppf(0.975)), "limits998": limits(expected, stats.norm.ppf(0.999))}
        used = mine & (rates > 0)
        citizens = rows[used, 1]
        answer["clusters"] = int(len(set(citizens)))
        if expected > 0:
            y, r = improved[used], rates[used]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = sm.WLS(y, r, weights=1 / r)
                # One cluster has no cluster-robust variance (statsmodels divides by G - 1).
                fit = model.fit(cov_type="cluster", cov_kwds={"groups": citizens.astype(int)}) if answer["clusters"] >= 2 else model.fit()
            ratio = float(fit.params[0])
            answer["ratio"] = ratio
            if answer["clusters"] >= 2:
                se = float(fit.bse[0])
                z = stats.norm.ppf(0.975)
                answer["se"] = number(se)
                answer["ci"] = [max(0.0, ratio - z * se), ratio + z * se]
        answers.append(answer)
    return answers


def main():
    request = json.load(sys.stdin)
    json.dump({"data_sets": [analyse(rows) for rows in request["data_sets"]]}, sys.stdout)


if __name__ == "__main__":
    main()
