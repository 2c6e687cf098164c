# Times SHA-256 and zlib compression, C code releasing the GIL, over 1, 2, 4... threads.
import hashlib
import json
import os
import statistics as st
import sys
import threading
import time
import zlib

from busy import others_busy, quiet, shares

# two threads must need at most this share of one thread's time (fastest runs) to
# count as faster
BOUND = 0.9
# 8 MiB: hashlib releases the GIL for data of 2048 bytes or more
BUFFER = bytes(range(256)) * 32768
# about 250 kB of compressible text
TEXT = " ".join(str(i * i) for i in range(25_000)).encode()
JOBS = {"sha256": lambda: hashlib.sha256(BUFFER).digest(),
        "zlib": lambda: zlib.compress(TEXT, 6)}


def in_threads(job, calls, k):
    threads = [threading.Thread(target=lambda: [job() for _ in range(calls // k)])
               for _ in range(k)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


cpus, repeats, busy = os.cpu_count(), 3, [others_busy()]
counts = sorted({1, 2, cpus, 2 * cpus})
calls, seconds = {}, {"sha256": 0.3, "zlib": 0.2}  # about this long in one thread
for name, job in JOBS.items():
    start = time.perf_counter()
    job(), job()
    step = 2 * cpus  # a multiple of every thread count
    per_call = (time.perf_counter() - start) / 2
    calls[name] = step * max(1, round(seconds[name] / per_call / step))
wall = {(name, k): [] for name in JOBS for k in counts}
# CPU seconds used per second of wall time
cpu = {(name, k): [] for name in JOBS for k in counts}
# each round runs every case once, so changes in the machine's load hit all alike
for _ in range(repeats):
    for (name, k), times in wall.items():
        start, cpu_start = time.perf_counter(), time.process_time()
        in_threads(JOBS[name], calls[name], k)
        times.append(time.perf_counter() - start)
        cpu[name, k].append((time.process_time() - cpu_start) / times[-1])
busy.append(others_busy())
calm = quiet(busy)  # more threads can only help if the machine has free cores

print(f"Python {sys.version.split()[0]}, os.cpu_count() = {cpus}, "
      f"timer: time.perf_counter, median (min-max) of {repeats} runs")
print(f"work: sha256 of {len(BUFFER) >> 20} MiB x {calls['sha256']}, "
      f"zlib.compress of {len(TEXT):,} bytes x {calls['zlib']}")
rows = [{"job": name, "workers": k, "median": st.median(t), "min": min(t),
         "max": max(t), "speedup": st.median(wall[name, 1]) / st.median(t),
         "cpu_per_s": max(cpu[name, k])}
        for (name, k), t in wall.items()]
for r in rows:
    print(f"{r['job']:6} x{r['workers']}  {r['median']:.3f} s "
          f"({r['min']:.3f}-{r['max']:.3f})  speed-up {r['speedup']:.2f}x  "
          f"{r['cpu_per_s']:.2f} CPU-s per s at most")
print(f"other programs used {shares(busy)} of the machine's CPU time "
      "just before and after")
ratio = {name: min(wall[name, 2]) / min(wall[name, 1])  # the fastest runs
         for name in JOBS}
if cpus >= 2 and calm:
    for name in JOBS:
        assert ratio[name] <= BOUND, \
            f"claim: {name} in two threads beats one thread, GIL or not"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"rows": rows, "bound": BOUND, "cpus": cpus, "repeats": repeats,
                   "calls": calls, "ratio": ratio, "busy": busy, "quiet": calm,
                   "text_bytes": len(TEXT), "buffer_mib": len(BUFFER) >> 20,
                   "python": sys.version.split()[0]}, f)
