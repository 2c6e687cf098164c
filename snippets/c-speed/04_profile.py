# Profiles a NumPy-heavy function with cProfile: its time really goes to compiled code.
# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy==2.4.6; python_version < '3.15'",
#                 "numpy==2.5.5; python_version >= '3.15'"]
# tool.uv.exclude-newer = "2026-11-20T00:00:00Z"
# ///
import cProfile
import io
import json
import os
import pstats
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one BLAS thread: timings ignore other work
import numpy as np

BIG, TINY, CALLS = 40_000, 10, 5


def analyse(rows, cols=30, seed=0):
    """A typical analysis step: make data, standardise it, fit a linear model, rank
    and transform."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, cols))
    y = x @ rng.standard_normal(cols) + 0.1 * rng.standard_normal(rows)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    coef, *_ = np.linalg.lstsq(z, y, rcond=None)
    ranks = np.argsort(np.argsort(y))
    spectrum = np.abs(np.fft.rfft(y))
    return coef, ranks, spectrum


def profile(rows):
    profiler = cProfile.Profile()
    profiler.enable()
    for seed in range(CALLS):
        analyse(rows, seed=seed)
    profiler.disable()
    return profiler


# the first call imports NumPy's submodules lazily: keep that out of the profile
analyse(TINY)
big = profile(BIG)
out = io.StringIO()
pstats.Stats(big, stream=out).strip_dirs().sort_stats("tottime").print_stats(8)
print("\n".join(line for line in out.getvalue().splitlines()
                if line.strip() and "List reduced" not in line))

# cProfile files a function implemented in C under the file name "~". What it cannot
# see as a call (operators on arrays, calls of ufunc objects such as NumPy's linalg
# routines) is charged to the Python function that made it.
stats = pstats.Stats(big).stats
total = sum(tt for _, _, tt, _, _ in stats.values())
visible_c = sum(tt for (file, _, _), (_, _, tt, _, _) in stats.items() if file == "~")
own = {name: tt / calls for (file, _, name), (calls, _, tt, _, _) in stats.items()
       if file != "~"}
tiny_stats = pstats.Stats(profile(TINY)).stats
tiny_own = {name: tt / calls
            for (file, _, name), (calls, _, tt, _, _) in tiny_stats.items()
            if file != "~"}
heavy = max(own, key=own.get)
print("\nfiled under '~' (C functions cProfile saw being called): "
      f"{visible_c / total:.1%} of {total:.2f} s")
print(f"most own time in a Python function: {heavy}() "
      f"{own[heavy] * 1e3:.1f} ms per call with {BIG:,} rows, "
      f"{tiny_own[heavy] * 1e6:.0f} µs with {TINY}")


def timed(rows, repeats=5):
    times = []
    for seed in range(repeats):
        start = time.perf_counter()
        analyse(rows, seed=seed)
        times.append(time.perf_counter() - start)
    return sorted(times)[repeats // 2]


t_big, t_tiny = timed(BIG), timed(TINY)
bound = 1 - t_tiny / t_big
print(f"analyse(): {t_big * 1e3:.1f} ms with {BIG:,} rows, "
      f"{t_tiny * 1e6:.0f} µs with {TINY} rows (medians of 5)")
print("the Python statements are the same for both sizes, "
      f"so at least {bound:.2%} of the big run is work that")
print("grows with the data, which only compiled loops touch")
assert own[heavy] > 30 * tiny_own[heavy], \
    "claim: the Python function's 'own' time is really compiled work"
assert bound > 0.95, \
    "claim: almost all of a NumPy-heavy function's time is spent in compiled code"

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "visible_c": f"{visible_c / total:.1%}", "heavy": heavy,
                   "heavy_big": f"{own[heavy] * 1e3:.1f}",
                   "heavy_tiny": f"{tiny_own[heavy] * 1e6:.0f}",
                   "big": f"{BIG:,}", "tiny": TINY,
                   "t_big": f"{t_big * 1e3:.1f}", "t_tiny": f"{t_tiny * 1e6:.0f}",
                   "bound": f"{bound:.2%}"}, f)
