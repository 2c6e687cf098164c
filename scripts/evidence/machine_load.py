"""How busy the rest of the machine was while a snippet ran: its CPU time subtracted from the whole machine's."""

from __future__ import annotations

import os

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def sample() -> tuple[int, int] | None:
    """CPU time of the whole machine since boot, in clock ticks over all CPUs: (busy, total); None off Linux."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    except (OSError, ValueError):
        return None
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def others_share(before: tuple[int, int] | None, after: tuple[int, int] | None, own_seconds: float) -> float | None:
    """The share of all CPUs' time between two samples that went to programs other than the run (0 to 1)."""
    if before is None or after is None or after[1] <= before[1]:
        return None
    busy, total = after[0] - before[0], after[1] - before[1]
    return round(min(1.0, max(0.0, (busy - own_seconds * _TICKS) / total)), 3)
