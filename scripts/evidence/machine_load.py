"""How busy the rest of the machine was while a snippet ran: the run's and the build's CPU time taken from the whole
machine's. Processes a snippet starts and never waits for (a multiprocessing forkserver's workers, say) count as
the rest of the machine, since their time reaches no rusage the build can read."""

from __future__ import annotations

import os
import resource

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
MIN_TICKS = 100  # /proc/stat counts whole ticks: over at least 100 in all, one tick is at most 1% of the span


def build_cpu_seconds() -> float:
    """CPU time the build process itself has used so far, all its threads together."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def sample() -> tuple[int, int] | None:
    """CPU time of the whole machine since boot, in clock ticks over all CPUs: (busy, total); None off Linux."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    except (OSError, ValueError):
        return None
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def others_share(before: tuple[int, int] | None, after: tuple[int, int] | None, own_seconds: float) -> float | None:
    """The share of all CPUs' time between two samples not spent by the run or the build (0 to 1); None when the
    samples span too few ticks to tell."""
    if before is None or after is None or after[1] - before[1] < MIN_TICKS:
        return None
    busy, total = after[0] - before[0], after[1] - before[1]
    return round(min(1.0, max(0.0, (busy - own_seconds * _TICKS) / total)), 3)
