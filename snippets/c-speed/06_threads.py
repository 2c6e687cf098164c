# Two threads vs one: pure Python holds the GIL; NumPy's loops and hashlib release it.
# /// script
# requires-python = ">=3.11"
# dependencies = ["numpy==2.4.6; python_version < '3.15'",
#                 "numpy==2.5.5; python_version >= '3.15'"]
# [tool.uv]
# exclude-newer = "2026-11-20T00:00:00Z"
# ///
import hashlib
import json
import os
import statistics
import sys
import threading
import time

# NumPy's own BLAS threads would blur the comparison
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import numpy as np

DATA = os.urandom(16 * 2**20)
A = np.linspace(0, 1, 2_000_000)
OUT = np.empty_like(A)


def python_work():  # bytecode: the thread holds the GIL while it runs
    total = 0
    for i in range(600_000):
        total += i * i
    return total


JOBS = {"pure Python loop": python_work,
        # releases the GIL while it hashes
        "hashlib.sha256(16 MiB)": lambda: hashlib.sha256(DATA).digest(),
        # a ufunc loop that releases the GIL
        "NumPy np.sin(2M floats)": lambda: np.sin(A, out=OUT)}


def ran_during(call):
    """Did another thread run Python code while `call` ran in this one? Decided by the
    GIL alone, not by timing."""
    gate, state, seen = threading.Lock(), ["during"], []
    gate.acquire()
    waiter = threading.Thread(target=lambda: (gate.acquire(), seen.append(state[0])))
    waiter.start()  # it blocks in gate.acquire(), which releases the GIL
    gate.release()  # from here the waiter needs only the GIL to record what it sees
    call()
    state[0] = "after"
    waiter.join()
    return seen == ["during"]


calls = {"builtin sum(range(10**7))": lambda: sum(range(10**7)),
         "hashlib.sha256(64 MiB)": lambda: hashlib.sha256(DATA * 4).digest(),
         "NumPy np.sin(8M floats)": lambda: np.sin(np.linspace(0, 1, 8_000_000))}
interval = sys.getswitchinterval()
# no forced hand-over: the GIL changes hands only when the holder releases it
sys.setswitchinterval(1000)
during = {name: ran_during(call) for name, call in calls.items()}
sys.setswitchinterval(interval)
gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
print(f"GIL enabled: {gil}. "
      "Could another thread run Python code during one call of ...")
for name, ran in during.items():
    answer = "yes: the call released the GIL" if ran else "no: the call held the GIL"
    print(f"  {name:26} {answer}")
if gil:
    assert during == dict(zip(during, [False, True, True], strict=True)), \
        "claim: hashlib and NumPy release the GIL"


def wall(work, threads):
    """Seconds to run `work` twice: one after the other in one thread, or at once in
    two threads."""
    pool = [threading.Thread(target=work) for _ in range(2)]
    start = time.perf_counter()
    if threads == 1:
        work()
        work()
    else:
        for t in pool:
            t.start()
        for t in pool:
            t.join()
    return time.perf_counter() - start


print(f"\n{os.cpu_count()} CPUs; each job twice, in 1 thread then in 2 threads")
print("(medians of 5 runs, ms; speed-up = time in 1 thread / time in 2 threads)")
speedups = {}
for name, work in JOBS.items():
    work()
    one, two = [], []
    for _ in range(5):
        one.append(wall(work, 1))
        two.append(wall(work, 2))
    speedups[name] = statistics.median(one) / statistics.median(two)
    print(f"  {name:24} {statistics.median(one) * 1e3:6.1f} "
          f"vs {statistics.median(two) * 1e3:6.1f}   speed-up {speedups[name]:.2f}x")

if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"cpus": os.cpu_count(),
                   "timer": time.get_clock_info("perf_counter").resolution,
                   "during": during,
                   "speedups": {k: f"{v:.2f}" for k, v in speedups.items()},
                   "gil": gil}, f)
