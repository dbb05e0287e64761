#!/usr/bin/env python3
"""Runs duckdb_pairs.sql on an extract and prints {theme: {n, improved, ...}} as JSON (for the
count check) — the DuckDB side of Benchmarks/run."""
import json
import os
import sys

import duckdb

csv, threads = sys.argv[1], os.environ.get("DUCKDB_THREADS", "2")
sql = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "duckdb_pairs.sql")).read().replace("{csv}", csv)
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
result = {}
for theme, n, improved, unchanged, worsened, mean_change, mean_b, mean_f, cells, counts in con.execute(sql).fetchall():
    matrix = [[0] * 5 for _ in range(5)]
    for cell, count in zip(cells, counts):
        matrix[cell // 5][cell % 5] = count
    result[theme] = {"n": n, "improved": improved, "unchanged": unchanged, "worsened": worsened,
                     "mean_change": mean_change, "transitions": matrix}
json.dump(result, sys.stdout)
