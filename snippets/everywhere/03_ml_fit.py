# A small ML fit: NumPy ordinary least squares recovers known coefficients via LAPACK.
# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "numpy==2.4.6; python_version < '3.15'",
#     "numpy==2.5.5; python_version >= '3.15'",
# ]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import importlib.metadata
import json
import os
import statistics
import time

# one BLAS thread, so the timing does not depend on other processes
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import numpy as np

SAMPLES, FEATURES = 100_000, 8
rng = np.random.default_rng(7)
true_coef = rng.uniform(-3, 3, FEATURES + 1)  # intercept first
x = rng.standard_normal((SAMPLES, FEATURES))
design = np.column_stack([np.ones(SAMPLES), x])
y = design @ true_coef + rng.normal(0, 0.5, SAMPLES)

times = []
for _ in range(5):
    begin = time.perf_counter()
    coef, residuals, rank, _ = np.linalg.lstsq(design, y, rcond=None)
    times.append((time.perf_counter() - begin) * 1e3)
r2 = 1 - residuals[0] / ((y - y.mean()) ** 2).sum()
print(f"fit y = b0 + b1*x1 + ... + b{FEATURES}*x{FEATURES} on {SAMPLES:,} samples "
      "with np.linalg.lstsq")
print("true:     " + " ".join(f"{c:+.3f}" for c in true_coef))
print("fitted:   " + " ".join(f"{c:+.3f}" for c in coef))
print(f"R^2 = {r2:.4f}, rank {rank}; "
      f"largest coefficient error {np.abs(coef - true_coef).max():.4f}")
assert np.allclose(coef, true_coef, atol=0.02), \
    "claim: the fit recovers the coefficients"

lapack = np.__config__.CONFIG["Build Dependencies"]["lapack"]
print(f"\nfit: median {statistics.median(times):.1f} ms "
      f"(min {min(times):.1f}, max {max(times):.1f}, 5 runs)")
shipped = [f for f in importlib.metadata.files("numpy")
           if "openblas" in f.name and ".so" in f.suffixes]
assert shipped, \
    "claim: the LAPACK library is a compiled file shipped inside NumPy's wheel"
print(f"NumPy {np.__version__} solves it with LAPACK from {lapack['name']} "
      f"{lapack['version']}, shipped in the wheel as {shipped[0]} "
      f"({shipped[0].locate().stat().st_size / 1e6:.0f} MB)")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "fit_ms": f"{statistics.median(times):.1f}",
                   "samples": f"{SAMPLES:,}", "features": FEATURES, "r2": f"{r2:.4f}",
                   "lapack": f"{lapack['name']} {lapack['version']}",
                   "lapack_file": str(shipped[0])}, f)
