#!/usr/bin/env python3
"""Independent reference values for the clustered statistics (STATISTICS.md "Citizens as
clusters"), from statsmodels, scipy and numpy.

Reads {"data_sets": [[[citizen, baseline, follow_up], ...], ...]} on stdin and prints
{"data_sets": [{...}, ...]} with, per data set (null where undefined, all null with G < 2):

- citizens: G, the distinct citizens;
- se, design_effect, effective_size, ci: the standard error of the improved share from
  statsmodels OLS of the improved indicator on a constant with cov_type='cluster' (its
  small-sample factor is G/(G-1) for one parameter), deff = se^2 / (p(1-p)/N) when
  0 < p < 1 else 1, n_eff = min(N, N/deff), and proportion_confint(p*n_eff, n_eff,
  method='wilson');
- sign_chi2, sign_p: (sum s_g)^2 / sum s_g^2 with s_g = u_g - w_g, scipy.stats.chi2.sf(., 1);
- wilcoxon: on the citizen mean changes, zeros dropped, scipy.stats.rankdata for w_plus and
  w_minus, scipy.stats.wilcoxon(zero_method='wilcox', correction=False, method='approx')
  for p, z = (w_plus - m(m+1)/4)/sqrt(var) with the tie correction;
- sm_chi2, sm_df, sm_p: d' pinv(V) d with V = sum c_g c_g', rank from numpy.linalg.eigh
  (eigenvalues above 1e-9 x the largest |V_ij|), scipy.stats.chi2.sf.
"""

import json
import sys
import warnings

try:
    import numpy as np
    from scipy import stats
    import statsmodels.api as sm
    from statsmodels.stats.proportion import proportion_confint
except ImportError as error:  # pragma: no cover
    sys.stderr.write("cluster_oracle.py needs numpy, scipy and statsmodels: pip install scipy statsmodels (%s)\n" % error)
    sys.exit(3)


def number(value):
    if value is None:
        return None
    value = float(value)
    return value if np.isfinite(value) else None


def clustered(rows):
    citizens = sorted({row[0] for row in rows})
    empty = {"citizens": len(citizens), "se": None, "design_effect": None, "effective_size": None, "ci": None,
             "sign_chi2": None, "sign_p": None,
             "wilcoxon": {"n": None, "w_plus": None, "w_minus": None, "z": None, "p": None},
             "sm_chi2": None, "sm_df": None, "sm_p": None}
    if len(citizens) < 2:
        return empty
    group = np.array([row[0] for row in rows])
    baseline = np.array([row[1] for row in rows], dtype=float)
    follow_up = np.array([row[2] for row in rows], dtype=float)
    change = baseline - follow_up
    improved = (change > 0).astype(float)
    n = len(rows)
    p = improved.mean()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = sm.OLS(improved, np.ones(n)).fit(cov_type="cluster", cov_kwds={"groups": group})
    se = float(fit.bse[0])
    deff = se * se / (p * (1 - p) / n) if 0 < p < 1 else 1.0
    n_eff = min(n, n / deff) if deff > 0 else n
    low, high = proportion_confint(p * n_eff, n_eff, method="wilson")
    result = dict(empty)
    result.update({"se": se, "design_effect": deff, "effective_size": n_eff, "ci": [float(low), float(high)]})

    signs = np.array([improved[group == g].sum() - (change[group == g] < 0).sum() for g in citizens])
    if (signs * signs).sum() > 0:
        chi2 = signs.sum() ** 2 / (signs * signs).sum()
        result["sign_chi2"] = float(chi2)
        result["sign_p"] = float(stats.chi2.sf(chi2, 1))

    means = np.array([change[group == g].mean() for g in citizens])
    nonzero = means[means != 0]
    if len(nonzero) > 0:
        ranks = stats.rankdata(np.abs(nonzero))
        w_plus = float(ranks[nonzero > 0].sum())
        w_minus = float(ranks[nonzero < 0].sum())
        m = len(nonzero)
        _, counts = np.unique(np.abs(nonzero), return_counts=True)
        variance = m * (m + 1) * (2 * m + 1) / 24 - ((counts ** 3 - counts).sum()) / 48
        z = (w_plus - m * (m + 1) / 4) / np.sqrt(variance) if variance > 0 else None
        p_value = None
        if variance > 0:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                p_value = float(stats.wilcoxon(means, zero_method="wilcox", correction=False, method="approx").pvalue)
        result["wilcoxon"] = {"n": m, "w_plus": w_plus, "w_minus": w_minus, "z": number(z), "p": number(p_value)}
    else:
        result["wilcoxon"] = {"n": 0, "w_plus": 0.0, "w_minus": 0.0, "z": None, "p": None}

    balances = []
    for g in citizens:
        c = np.zeros(5)
        for b in baseline[group == g]:
            c[int(b)] += 1
        for f in follow_up[group == g]:
            c[int(f)] -= 1
        balances.append(c)
    balances = np.array(balances)
    d = balances.sum(axis=0)
    v = balances.T @ balances
    values, vectors = np.linalg.eigh(v)
    keep = values > 1e-9 * np.abs(v).max() if np.abs(v).max() > 0 else np.zeros(5, dtype=bool)
    rank = int(keep.sum())
    if rank > 0:
        projection = vectors[:, keep].T @ d
        chi2 = float((projection ** 2 / values[keep]).sum())
        result.update({"sm_chi2": chi2, "sm_df": rank, "sm_p": float(stats.chi2.sf(chi2, rank))})
    return result


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump({"data_sets": [clustered(rows) for rows in request["data_sets"]]}, sys.stdout)
