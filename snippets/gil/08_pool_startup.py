# Times starting a pool of worker processes with each start method, the cost the CPU-bound timings leave out.
import json
import multiprocessing
import os
import statistics as st
import sys
import time

from pool_helpers import stop_pool_helpers

WORKERS, REPEATS = 2, 5


def square(x):  # a task that costs nothing: what is timed is getting a pool up and its first answers back
    return x * x


def start_pool(method):
    start = time.perf_counter()
    with multiprocessing.get_context(method).Pool(WORKERS) as pool:
        assert pool.map(square, range(WORKERS), chunksize=1) == [x * x for x in range(WORKERS)]
        up = time.perf_counter() - start
    return up


if __name__ == "__main__":
    default = multiprocessing.get_start_method()  # before anything sets it: this interpreter's default
    methods = [m for m in ("fork", "forkserver", "spawn") if m in multiprocessing.get_all_start_methods()]
    times = {m: [] for m in methods}
    for _ in range(REPEATS + 1):  # round 0 includes one-time costs, such as starting the fork server
        for m in methods:
            times[m].append(start_pool(m))
    stop_pool_helpers()
    print(f"Python {sys.version.split()[0]} on {sys.platform}, os.cpu_count() = {os.cpu_count()}, "
          f"default start method: {default!r}")
    print(f"a Pool({WORKERS}) started, one trivial task per worker answered; timer: time.perf_counter")
    print(f"{'method':11} first pool   later pools: median (min-max) of {REPEATS}")
    rows = {m: {"first": 1000 * t[0], "median": 1000 * st.median(t[1:]), "min": 1000 * min(t[1:]),
                "max": 1000 * max(t[1:])} for m, t in times.items()}  # milliseconds
    for m, r in rows.items():
        print(f"{m:11} {r['first']:7.1f} ms   {r['median']:7.1f} ms ({r['min']:.1f}-{r['max']:.1f})")
    if {"fork", "spawn"} <= set(rows):  # spawn starts a new interpreter per worker; fork copies this one
        assert rows["spawn"]["median"] > 1.5 * rows["fork"]["median"], "claim: spawn starts a pool slower than fork"
    if sys.platform == "linux":
        expected = "forkserver" if sys.version_info >= (3, 14) else "fork"
        assert default == expected, "claim: Linux starts processes with fork until 3.13, forkserver from 3.14"
    if os.environ.get("EVIDENCE_DATA"):
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"rows": rows, "default": default, "workers": WORKERS, "repeats": REPEATS,
                       "python": sys.version.split()[0], "platform": sys.platform}, f)
