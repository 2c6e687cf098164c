# Times CPU-bound pure-Python work done twice in one thread, then across two threads.
# Written for every implementation, Python 2.7 (Jython) included, so no f-strings:
# ruff: noqa: UP031
import sys
import time

# with a GIL, two threads keep at most this many CPU seconds per second busy
# (one core, plus slack)
BOUND = 1.3
wall = getattr(time, "perf_counter", time.time)  # Python 2.7 has no perf_counter
cpu = getattr(time, "process_time", None)  # CPU time of the whole process, all threads
if cpu is None:
    try:  # Jython: ask the JVM (its own compiler and GC threads count too)
        from java.lang.management import ManagementFactory
        os_bean = ManagementFactory.getOperatingSystemMXBean()
        cpu = lambda: os_bean.getProcessCpuTime() / 1e9  # noqa: E731
    except ImportError:
        cpu = lambda: 0.0  # noqa: E731


def work(n):
    n = int(str(n))  # a copy this thread owns: see the note on reference counts below
    total, i = 0, 0
    while i < n:
        total += i * i % 7
        i += 1
    return total


def one_thread(n):
    work(n)
    work(n)


def two_threads(n):
    threads = [threading.Thread(target=work, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def timed(function, n):
    start, start_cpu = wall(), cpu()
    function(n)
    return wall() - start, cpu() - start_cpu


def median(values):
    return sorted(values)[len(values) // 2]


# Note on reference counts: in CPython 3.13, reading a local variable adds to its
# object's reference count. In the free-threaded build, only the thread that created
# an object may do that without an atomic instruction (PEP 703's "biased reference
# counting"), so two threads that both read the main thread's `n` in their loop would
# slow each other down over it. With its own copy, each thread counts independently,
# on every implementation.
import threading  # noqa: E402  (an implementation without threads stops here, and says why)

n, start = 10000, wall()
# warm up: a JIT compiles the loop before anything is measured
while wall() - start < 0.3:
    work(n)
# calibrate: double until a unit is long enough to time,
while min(timed(work, n)[0] for _ in range(3)) < 0.025:
    n *= 2
# then size it to take 50 ms, best of 3
n = int(n * 0.05 / min(timed(work, n)[0] for _ in range(3)))
timed(one_thread, n), timed(two_threads, n)  # one more round, not counted
one, two = [], []
# interleaved, so that a busy spell on the machine hits both ways alike
for _ in range(5):
    one.append(timed(one_thread, n))
    two.append(timed(two_threads, n))
one_wall, two_wall = [w for w, _ in one], [w for w, _ in two]
busy = median([c / w for w, c in two])
print("work: work(%d) twice, 5 runs each way after a warm-up" % n)
print("one thread: median %.3f s (min %.3f, max %.3f)"
      % (median(one_wall), min(one_wall), max(one_wall)))
print("two threads: median %.3f s (min %.3f, max %.3f)"
      % (median(two_wall), min(two_wall), max(two_wall)))
print("speed-up from the second thread: %.2f" % (median(one_wall) / median(two_wall)))
print("CPU seconds per wall-clock second while two threads ran: %.2f" % busy)
if hasattr(sys, "_is_gil_enabled"):  # CPython 3.13 and later
    gil, how = sys._is_gil_enabled(), "sys._is_gil_enabled()"
else:
    # documented by each project: CPython before 3.13, PyPy and GraalPy have a GIL;
    # Jython does not
    impl_name = getattr(getattr(sys, "implementation", None), "name", "")
    gil, how = impl_name in ("cpython", "pypy", "graalpy"), "documented"
print("GIL: %s (%s)" % ("yes" if gil else "no", how))
# a busy machine only lowers this figure, so the check is safe on a shared machine
if gil:
    print("bound asserted with a GIL: %.1f CPU seconds per second" % BOUND)
    assert busy < BOUND, ("claim: with a GIL, two threads never keep more than one CPU"
                          " busy running Python")
