# The GIL leaves `counter += 1` unsafe: threads lose updates until a Lock guards them.
import dis
import json
import os
import sys
import threading

THREADS, PER_THREAD = 4, 100_000
counter = 0
lock = threading.Lock()


# any call between the read and the write gives the interpreter a chance to switch
# threads
def pause():
    pass


def bare():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


def with_call():
    global counter
    for _ in range(PER_THREAD):
        value = counter  # read
        pause()
        # write back: another thread may have moved counter on in between
        counter = value + 1


def safe():
    global counter
    for _ in range(PER_THREAD):
        with lock:  # the whole read-modify-write is one step for the other threads
            value = counter
            pause()
            counter = value + 1


def run(worker):
    global counter
    counter = 0
    ready = threading.Barrier(THREADS)

    # each thread waits until all are up, so they count at the same time, not one
    # after another
    def together():
        ready.wait()
        worker()

    threads = [threading.Thread(target=together) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return THREADS * PER_THREAD - counter  # updates lost


def increment():
    global counter
    counter += 1


steps = []
# up to the write; skip the function's RESUME (3.11+)
for instruction in dis.get_instructions(increment):
    if instruction.opname != "RESUME":
        steps.append(instruction.opname)
    if instruction.opname.startswith("STORE"):
        break
print(f"Python {sys.version.split()[0]}: `counter += 1` is {len(steps)} instructions: "
      f"{' '.join(steps)}")
# ask for a thread switch every 0.1 ms instead of every 5 ms, to show it sooner
INTERVAL = 0.0001
sys.setswitchinterval(INTERVAL)
lost_bare, lost_locked = run(bare), run(safe)
attempts, lost = 1, run(with_call)
# on a busy machine the threads can, rarely, happen to run one after another
while lost == 0 and attempts < 5:
    attempts, lost = attempts + 1, run(with_call)
print(f"{THREADS} threads x {PER_THREAD:,} increments = "
      f"{THREADS * PER_THREAD:,} expected; updates lost:")
for label, n in (("counter += 1 alone", lost_bare), ("read, call pause(), write", lost),
                 ("the same inside `with lock:`", lost_locked)):
    print(f"  {label:30} {n:>9,}")
if attempts > 1:
    print(f"(the loop with a call lost nothing in {attempts - 1} attempt(s) "
          "before this one)")
if getattr(sys, "_is_gil_enabled", lambda: True)():
    assert lost > 0, \
        "claim: the GIL does not stop threads from interleaving a read-modify-write"
else:
    # free-threaded: threads run at once, and which loop loses more depends on how the
    # OS schedules them
    assert lost + lost_bare > 0, \
        "claim: without a GIL, threads running at once lose updates"
assert lost_locked == 0, "claim: a lock around the read-modify-write loses no update"
if os.environ.get("EVIDENCE_DATA"):
    with open(os.environ["EVIDENCE_DATA"], "w") as f:
        json.dump({"threads": THREADS, "per_thread": PER_THREAD,
                   "expected": THREADS * PER_THREAD, "lost": lost,
                   "lost_pct": 100 * lost / (THREADS * PER_THREAD),
                   "lost_locked": lost_locked, "lost_bare": lost_bare,
                   "attempts": attempts, "steps": steps, "interval_ms": INTERVAL * 1000,
                   "python": sys.version.split()[0]}, f)
