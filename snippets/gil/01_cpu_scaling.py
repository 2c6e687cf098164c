# Times a pure-Python CPU-bound job over 1, 2, 4, 8... threads, then as many processes.
import json
import multiprocessing
import os
import statistics as st
import sys
import threading
import time

from busy import others_busy, quiet, shares
from pool_helpers import stop_pool_helpers

# two workers must need at most this share of one worker's time (fastest runs) to
# count as faster
BOUND = 0.9
# CPU-seconds per second that only two threads computing at the same time can reach
PARALLEL = 1.25
# seconds of countdown for one core: long enough that starting threads or tasks is a
# rounding error
WORK = 0.1


def countdown(n):  # David Beazley's benchmark from his GIL talks
    while n > 0:
        n -= 1


def in_threads(n, k):
    threads = [threading.Thread(target=countdown, args=(n // k,)) for _ in range(k)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    cpus, repeats, busy = os.cpu_count(), 5, [others_busy()]
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    counts = sorted({1, 2, 4, 8, cpus, 2 * cpus})
    # CPython 3.11 specializes a function's bytecode only after it has been called a
    # few times
    for _ in range(10):
        countdown(1_000)
    trials = []
    for _ in range(3):  # then sized from the fastest of three runs
        start = time.perf_counter()
        countdown(1_000_000)
        trials.append(time.perf_counter() - start)
    n = int(1_000_000 * WORK / min(trials))
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil}, "
          f"os.cpu_count() = {cpus}, "
          f"start method: {multiprocessing.get_start_method()}")
    print(f"work: countdown({n:,}) split evenly; timer: time.perf_counter; "
          f"median (min-max) of {repeats} runs")
    wall = {(kind, k): [] for kind in ("threads", "processes") for k in counts}
    # CPU seconds the threads used per second of wall time
    cpu = {k: [] for k in counts}
    # One pool, started before any thread exists (forking a process that runs threads
    # is unsafe); k tasks of n // k keep k of its worker processes busy at once.
    pool = multiprocessing.Pool(max(counts))
    # every worker is up before timing starts
    pool.map(countdown, [1] * max(counts), chunksize=1)
    # each round runs every case once, so changes in the machine's load hit all alike
    for _ in range(repeats):
        for k in counts:
            start, cpu_start = time.perf_counter(), time.process_time()
            in_threads(n, k)
            wall["threads", k].append(time.perf_counter() - start)
            cpu[k].append((time.process_time() - cpu_start) / wall["threads", k][-1])
            start = time.perf_counter()
            pool.map(countdown, [n // k] * k, chunksize=1)
            wall["processes", k].append(time.perf_counter() - start)
    pool.close()
    pool.join()
    stop_pool_helpers()
    busy.append(others_busy())
    calm = quiet(busy)  # more workers can only help if the machine has free cores
    rows = [{"kind": kind, "workers": k, "median": st.median(t), "min": min(t),
             "max": max(t), "speedup": st.median(wall[kind, 1]) / st.median(t)}
            for (kind, k), t in wall.items()]
    for r in rows:
        used = (f"  {max(cpu[r['workers']]):.2f} CPU-s per s at most"
                if r["kind"] == "threads" else "")
        print(f"{r['kind']:9} x{r['workers']}  {r['median']:.3f} s "
              f"({r['min']:.3f}-{r['max']:.3f})  speed-up {r['speedup']:.2f}x{used}")
    print(f"other programs used {shares(busy)} of the machine's CPU time "
          "just before and after")
    ratio = {kind: min(wall[kind, 2]) / min(wall[kind, 1])  # fastest runs
             for kind in ("threads", "processes")}
    if gil:
        assert max(cpu[2]) < PARALLEL, \
            "claim: with the GIL, two threads never use more than one core's time"
    elif cpus >= 2 and calm:
        # CPU time, not a speed-up: a busy moment of the machine can slow two threads,
        # but only threads running at the same time can do more than one second of CPU
        # work per second
        assert max(cpu[2]) >= PARALLEL, \
            "claim: without the GIL, two threads compute at the same time"
    if cpus >= 2 and calm:
        assert ratio["processes"] <= BOUND, "claim: two processes beat one"
    if os.environ.get("EVIDENCE_DATA"):
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"rows": rows, "bound": BOUND, "parallel": PARALLEL, "cpus": cpus,
                       "gil": gil, "n": n, "work_s": WORK, "repeats": repeats,
                       "ratio": ratio, "busy": busy, "quiet": calm,
                       "cpu_per_s": {k: max(v) for k, v in cpu.items()},
                       "python": sys.version.split()[0],
                       "start_method": multiprocessing.get_start_method()}, f)
