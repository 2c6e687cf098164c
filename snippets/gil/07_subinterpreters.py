# Times a pure-Python CPU-bound job over threads, processes and subinterpreters (3.14+).
import json
import os
import statistics as st
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from busy import others_busy, quiet, shares
from pool_helpers import stop_pool_helpers

# CPU-seconds per second that only two workers computing at the same time can reach
PARALLEL = 1.25
WORK = 0.1  # seconds of countdown on one core, split over the workers


def countdown(n):  # the same loop as 01_cpu_scaling.py
    while n > 0:
        n -= 1
    return n


if __name__ == "__main__":
    if sys.version_info < (3, 14):
        print(f"Python {sys.version.split()[0]} has no "
              "concurrent.futures.InterpreterPoolExecutor (new in 3.14)")
        sys.exit(0)  # nothing to measure here: run it with python3.14 or newer
    from concurrent.futures import InterpreterPoolExecutor

    cpus, repeats, busy = os.cpu_count(), 5, [others_busy()]
    gil = sys._is_gil_enabled()
    counts = sorted({1, 2, cpus})
    # let the interpreter specialize the loop, then size the work from the fastest of
    # three
    for _ in range(10):
        countdown(1_000)
    trials = []
    for _ in range(3):
        start = time.perf_counter()
        countdown(1_000_000)
        trials.append(time.perf_counter() - start)
    n = int(1_000_000 * WORK / min(trials))
    # One pool of each kind, all started (and their workers up) before timing: start-up
    # is measured elsewhere.
    pools = {"threads": ThreadPoolExecutor(max(counts)),
             "processes": ProcessPoolExecutor(max(counts)),
             "subinterpreters": InterpreterPoolExecutor(max(counts))}
    # tasks long enough that every worker gets one, so each worker starts now
    for pool in pools.values():
        assert list(pool.map(countdown, [n // 20] * max(counts))) == [0] * max(counts)
    wall = {(kind, k): [] for kind in pools for k in counts}
    # this process's CPU seconds per second of wall time
    cpu = {(kind, k): [] for kind in pools for k in counts}
    # each round runs every case once, so changes in the machine's load hit all alike
    for _ in range(repeats):
        for (kind, k), times in wall.items():
            start, cpu_start = time.perf_counter(), time.process_time()
            assert list(pools[kind].map(countdown, [n // k] * k)) == [0] * k, \
                "every worker finished its share"
            times.append(time.perf_counter() - start)
            cpu[kind, k].append((time.process_time() - cpu_start) / times[-1])
    for pool in pools.values():
        pool.shutdown()
    stop_pool_helpers()
    busy.append(others_busy())
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil}, "
          f"os.cpu_count() = {cpus}")
    print(f"work: countdown({n:,}) split evenly; timer: time.perf_counter; "
          f"median (min-max) of {repeats} runs")
    rows = [{"kind": kind, "workers": k, "median": st.median(t), "min": min(t),
             "max": max(t), "speedup": st.median(wall[kind, 1]) / st.median(t),
             "cpu_per_s": max(cpu[kind, k])}
            for (kind, k), t in wall.items()]
    # a worker process's CPU time is not this process's: no CPU column for processes
    for r in rows:
        used = ("" if r["kind"] == "processes"
                else f"  {r['cpu_per_s']:.2f} CPU-s per s at most")
        print(f"{r['kind']:15} x{r['workers']}  {r['median']:.3f} s "
              f"({r['min']:.3f}-{r['max']:.3f})  speed-up {r['speedup']:.2f}x{used}")
    print(f"other programs used {shares(busy)} of the machine's CPU time "
          "just before and after")
    calm = quiet(busy)
    if gil:
        assert max(cpu["threads", 2]) < PARALLEL, \
            "claim: with the GIL, two threads never use more than one core's time"
    # CPU time, not a speed-up: only workers running at once do more than 1 s of work
    # per s
    if cpus >= 2 and calm:
        assert max(cpu["subinterpreters", 2]) >= PARALLEL, \
            "claim: two subinterpreters compute at the same time"
    if os.environ.get("EVIDENCE_DATA"):
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"rows": rows, "parallel": PARALLEL, "cpus": cpus, "gil": gil,
                       "n": n, "work_s": WORK, "repeats": repeats, "busy": busy,
                       "quiet": calm, "python": sys.version.split()[0]}, f)
