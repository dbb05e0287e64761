#!/usr/bin/env python3
"""Independent reference values for FFBStatistics, from scipy and statsmodels.

Reads one JSON object on stdin:

    {"groups": [{"matrix": [[5 ints] x 5]} | {"pairs": [[b, f], ...]}, ...],
     "sign_tests": [[successes, trials], ...],
     "normal_sf": [z, ...],
     "chi2_sf": [[x, df], ...]}

and prints the same keys with reference results as JSON (null where a statistic is
undefined). The pair statistics are computed from the expanded list of pairs, not
from the matrix formulas the Swift code uses, so the two are independent:

- sign test: scipy.stats.binomtest(k, m, 0.5), two-sided;
- Wilcoxon: scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False,
  method='approx'); scipy reports z as -|z| for a two-sided test, so the sign is
  restored from w_plus - w_minus, which come from scipy.stats.rankdata;
- Wilson interval: statsmodels proportion_confint(method='wilson');
- Stuart-Maxwell: statsmodels SquareTable.homogeneity() when all five levels are
  connected (its drop-one-level formula is then the textbook statistic); otherwise
  chi2 = d' pinv(V) d with df = rank V from numpy, as STATISTICS.md defines it;
- Bowker: statsmodels SquareTable.symmetry() for the statistic, but df counted as
  the number of level pairs with any off-diagonal count (statsmodels always uses 10);
- p-values of both: scipy.stats.chi2.sf.

Exits with status 3 and a message on stderr if scipy, statsmodels or numpy is missing.
"""

import json
import sys
import warnings

try:
    import numpy as np
    from scipy import stats
    from statsmodels.stats.contingency_tables import SquareTable
    from statsmodels.stats.proportion import proportion_confint
except ImportError as error:  # pragma: no cover - exercised only on broken set-ups
    sys.stderr.write(
        "oracle.py needs numpy, scipy and statsmodels: pip install scipy statsmodels (%s)\n" % error
    )
    sys.exit(3)

LEVELS = 5


def number(value):
    """A JSON-safe float, or None for a missing or non-finite value."""
    if value is None:
        return None
    value = float(value)
    return value if np.isfinite(value) else None


def matrix_of(group):
    if "matrix" in group:
        return np.array(group["matrix"], dtype=np.int64)
    matrix = np.zeros((LEVELS, LEVELS), dtype=np.int64)
    for baseline, follow_up in group["pairs"]:
        matrix[baseline, follow_up] += 1
    return matrix


def pairs_of(matrix):
    baseline, follow_up = np.indices((LEVELS, LEVELS))
    counts = matrix.ravel()
    return np.repeat(baseline.ravel(), counts), np.repeat(follow_up.ravel(), counts)


def group_count(matrix):
    label = list(range(LEVELS))
    for i in range(LEVELS):
        for j in range(i + 1, LEVELS):
            if matrix[i, j] + matrix[j, i] > 0 and label[i] != label[j]:
                old = label[j]
                label = [label[i] if x == old else x for x in label]
    return len(set(label))


def wilcoxon(d):
    nonzero = d[d != 0]
    m = len(nonzero)
    if m == 0:
        return {"n": 0, "w_plus": 0.0, "w_minus": 0.0, "z": None, "p": None}, None
    ranks = stats.rankdata(np.abs(nonzero))
    w_plus = float(ranks[nonzero > 0].sum())
    w_minus = float(ranks[nonzero < 0].sum())
    result = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
    z = abs(float(result.zstatistic)) * float(np.sign(w_plus - w_minus))
    rank_biserial = (w_plus - w_minus) / (w_plus + w_minus)
    return {"n": m, "w_plus": w_plus, "w_minus": w_minus, "z": number(z),
            "p": number(result.pvalue)}, rank_biserial


def stuart_maxwell(matrix):
    groups = group_count(matrix)
    if groups == LEVELS:
        return {"chi2": None, "df": None, "p": None}
    if groups == 1:
        result = SquareTable(matrix, shift_zeros=False).homogeneity()
        chi2, df = float(result.statistic), int(result.df)
    else:
        counts = matrix.astype(np.float64)
        difference = counts.sum(axis=1) - counts.sum(axis=0)
        covariance = -(counts + counts.T)
        np.fill_diagonal(covariance, 0.0)
        np.fill_diagonal(covariance, -covariance.sum(axis=1))
        chi2 = float(difference @ np.linalg.pinv(covariance) @ difference)
        df = int(np.linalg.matrix_rank(covariance))
        if df != LEVELS - groups:
            raise SystemExit("oracle: rank %d disagrees with %d groups" % (df, groups))
    return {"chi2": chi2, "df": df, "p": number(stats.chi2.sf(chi2, df))}


def bowker(matrix):
    upper = np.triu_indices(LEVELS, 1)
    df = int(((matrix + matrix.T)[upper] > 0).sum())
    if df == 0:
        return {"chi2": None, "df": None, "p": None}
    chi2 = float(SquareTable(matrix, shift_zeros=False).symmetry().statistic)
    return {"chi2": chi2, "df": df, "p": number(stats.chi2.sf(chi2, df))}


def group_statistics(group):
    matrix = matrix_of(group)
    baseline, follow_up = pairs_of(matrix)
    d = baseline - follow_up
    n = len(d)
    improved = int((d > 0).sum())
    worsened = int((d < 0).sum())
    trials = improved + worsened
    interval = None
    if n > 0:
        low, high = proportion_confint(improved, n, alpha=0.05, method="wilson")
        interval = [number(low), number(high)]
    wilcoxon_result, rank_biserial = wilcoxon(d)
    return {
        "n": n,
        "improved": improved,
        "unchanged": int((d == 0).sum()),
        "worsened": worsened,
        "mean_change": number(d.mean()) if n else None,
        "mean_baseline": number(baseline.mean()) if n else None,
        "mean_followup": number(follow_up.mean()) if n else None,
        "improved_share": improved / n if n else None,
        "improved_share_ci": interval,
        "sign_test_p": number(stats.binomtest(improved, trials, 0.5).pvalue) if trials else None,
        "wilcoxon": wilcoxon_result,
        "rank_biserial": number(rank_biserial),
        "transitions": matrix.tolist(),
        "stuart_maxwell": stuart_maxwell(matrix),
        "bowker": bowker(matrix),
    }


def main():
    request = json.load(sys.stdin)
    with warnings.catch_warnings():
        # scipy warns that the normal approximation is poor for tiny samples; the
        # definition asks for it regardless.
        warnings.simplefilter("ignore")
        response = {
            "groups": [group_statistics(group) for group in request.get("groups", [])],
            "sign_tests": [
                number(stats.binomtest(k, m, 0.5).pvalue) if m else None
                for k, m in request.get("sign_tests", [])
            ],
            "normal_sf": [number(stats.norm.sf(z)) for z in request.get("normal_sf", [])],
            "chi2_sf": [number(stats.chi2.sf(x, df)) for x, df in request.get("chi2_sf", [])],
        }
    json.dump(response, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main()
