#!/usr/bin/env python3
"""The same full statistics as `ffb stats --by theme` with pandas + scipy + statsmodels, the way an
analyst would write them: pairs with pandas, then per theme Wilson, sign test, Wilcoxon,
rank-biserial, transitions, Stuart–Maxwell and Bowker. The reference for Benchmarks/run."""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import SquareTable
from statsmodels.stats.proportion import proportion_confint

warnings.simplefilter("ignore")
frame = pd.read_csv(sys.argv[1], dtype={"citizen": "string", "theme": "string", "level": "string"}, parse_dates=["date"])
frame = frame.sort_values(["citizen", "theme", "date"])
grouped = frame.groupby(["citizen", "theme"], sort=False)
ends = grouped.agg(b=("level", "first"), f=("level", "last"), d0=("date", "first"), d1=("date", "last")).reset_index()
ends = ends[ends.d1 > ends.d0]
ends = ends[(ends.b != "ikke-vurderet") & (ends.f != "ikke-vurderet")]
ends["b"] = ends.b.astype(int)
ends["f"] = ends.f.astype(int)
out = {}
for theme, pairs in ends.groupby("theme"):
    d = (pairs.b - pairs.f).to_numpy()
    n = len(d)
    improved, worsened = int((d > 0).sum()), int((d < 0).sum())
    matrix = np.zeros((5, 5), dtype=int)
    np.add.at(matrix, (pairs.b.to_numpy(), pairs.f.to_numpy()), 1)
    nonzero = d[d != 0]
    result = {"n": n, "improved": improved, "worsened": worsened, "mean_change": float(d.mean()),
              "ci": [float(x) for x in proportion_confint(improved, n, method="wilson")],
              "sign_p": float(stats.binomtest(improved, improved + worsened).pvalue) if improved + worsened else None}
    if len(nonzero):
        ranks = stats.rankdata(np.abs(nonzero))
        w_plus, w_minus = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
        result["wilcoxon_p"] = float(stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx").pvalue)
        result["rank_biserial"] = float((w_plus - w_minus) / (w_plus + w_minus))
    table = SquareTable(matrix, shift_zeros=False)
    try:
        result["stuart_maxwell_p"] = float(table.homogeneity().pvalue)
    except Exception:  # singular matrices: statsmodels has no pseudo-inverse fallback
        result["stuart_maxwell_p"] = None
    result["bowker_p"] = float(table.symmetry().pvalue)
    result["transitions"] = matrix.tolist()
    out[theme] = result
json.dump(out, sys.stdout)
