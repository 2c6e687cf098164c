# Data pipeline: pandas cleans, enriches, aggregates generated orders; plain Python too.
# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "numpy==2.4.6; python_version < '3.15'",
#     "numpy==2.5.5; python_version >= '3.15'",
#     "pandas==3.1.1",
# ]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import json
import os
import statistics
import time
from collections import defaultdict

import numpy as np
import pandas as pd

ROWS = 200_000
rng = np.random.default_rng(42)
regions = rng.choice(["north", "south", "east", "west"], ROWS)
raw = pd.DataFrame({"region": pd.Categorical(regions),
                    "month": rng.integers(1, 13, ROWS),
                    "quantity": rng.integers(0, 20, ROWS),
                    "unit_price": rng.gamma(2.0, 10.0, ROWS).round(2)})


def step(df):
    """Drop empty orders, add revenue, then total it per region and quarter."""
    df = df[df["quantity"] > 0].assign(
        revenue=lambda d: d["quantity"] * d["unit_price"],
        quarter=lambda d: (d["month"] - 1) // 3 + 1)
    groups = df.groupby(["region", "quarter"], as_index=False, observed=True)
    return groups["revenue"].sum().round(2)


def step_in_python(records):
    """The same step over a list of dicts, one Python operation per field per row."""
    totals = defaultdict(float)
    for r in records:
        if r["quantity"] > 0:
            key = (r["region"], (r["month"] - 1) // 3 + 1)
            totals[key] += r["quantity"] * r["unit_price"]
    return {key: round(value, 2) for key, value in sorted(totals.items())}


def timed(runs, repeats=7):
    """Median, min and max ms of each (function, argument), run in turns so machine
    noise hits both alike."""
    samples = [[] for _ in runs]
    for _ in range(repeats):
        for (function, argument), times in zip(runs, samples, strict=True):
            begin = time.perf_counter()
            function(argument)
            times.append((time.perf_counter() - begin) * 1e3)
    return [(statistics.median(t), min(t), max(t)) for t in samples]


records = raw.to_dict("records")
result, plain = step(raw), step_in_python(records)
runs = [(step, raw), (step_in_python, records)]
(pd_ms, pd_min, pd_max), (py_ms, py_min, py_max) = timed(runs)
print(f"{ROWS:,} generated orders -> {len(result)} totals per region and quarter "
      "(first 6):")
print(result.head(6).to_string(index=False))
as_dict = {(r.region, r.quarter): r.revenue for r in result.itertuples()}
assert (all(abs(as_dict[k] - v) < 0.02 for k, v in plain.items())
        and len(plain) == len(as_dict)), "claim: same totals"
print(f"\npandas step:       median {pd_ms:6.1f} ms "
      f"(min {pd_min:.1f}, max {pd_max:.1f}, 7 runs each)")
print(f"plain Python step: median {py_ms:6.1f} ms "
      f"(min {py_min:.1f}, max {py_max:.1f}), same totals")
assert py_ms > 1.5 * pd_ms, \
    "claim: the pandas step is faster than the same step in plain Python"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "rows": f"{ROWS:,}", "pd_ms": f"{pd_ms:.1f}",
                   "py_ms": f"{py_ms:.1f}", "ratio": f"{py_ms / pd_ms:.0f}",
                   "pandas": pd.__version__}, f)
