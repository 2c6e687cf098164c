# Times starting a process pool per start method, which the CPU-bound timings leave out.
import json
import multiprocessing
import os
import statistics as st
import sys
import time

from pool_helpers import stop_pool_helpers

WORKERS, REPEATS = 2, 5


# a task that costs nothing: what is timed is getting a pool up and its first answers
# back
def square(x):
    return x * x


def start_pool(method):
    start = time.perf_counter()
    with multiprocessing.get_context(method).Pool(WORKERS) as pool:
        assert (pool.map(square, range(WORKERS), chunksize=1)
                == [x * x for x in range(WORKERS)])
        up = time.perf_counter() - start
    return up


if __name__ == "__main__":
    # before anything sets it: this interpreter's default
    default = multiprocessing.get_start_method()
    methods = [m for m in ("fork", "forkserver", "spawn")
               if m in multiprocessing.get_all_start_methods()]
    times = {m: [] for m in methods}
    # round 0 includes one-time costs, such as starting the fork server
    for _ in range(REPEATS + 1):
        for m in methods:
            times[m].append(start_pool(m))
    stop_pool_helpers()
    print(f"Python {sys.version.split()[0]} on {sys.platform}, "
          f"os.cpu_count() = {os.cpu_count()}, default start method: {default!r}")
    print(f"a Pool({WORKERS}) started, one trivial task per worker answered; "
          "timer: time.perf_counter")
    print(f"{'method':11} first pool   later pools: median (min-max) of {REPEATS}")
    rows = {m: {"first": 1000 * t[0], "median": 1000 * st.median(t[1:]),
                "min": 1000 * min(t[1:]), "max": 1000 * max(t[1:])}
            for m, t in times.items()}  # milliseconds
    for m, r in rows.items():
        print(f"{m:11} {r['first']:7.1f} ms   {r['median']:7.1f} ms "
              f"({r['min']:.1f}-{r['max']:.1f})")
    # spawn starts a new interpreter per worker; fork copies this one
    if {"fork", "spawn"} <= set(rows):
        assert rows["spawn"]["median"] > 1.5 * rows["fork"]["median"], \
            "claim: spawn starts a pool slower than fork"
    if sys.platform == "linux":
        expected = "forkserver" if sys.version_info >= (3, 14) else "fork"
        assert default == expected, \
            "claim: Linux starts processes with fork until 3.13, forkserver from 3.14"
    if os.environ.get("EVIDENCE_DATA"):
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"rows": rows, "default": default, "workers": WORKERS,
                       "repeats": REPEATS, "python": sys.version.split()[0],
                       "platform": sys.platform}, f)
