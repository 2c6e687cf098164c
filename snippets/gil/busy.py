# How busy the rest of the machine is: other programs' CPU share (Linux's /proc/stat).
import time

# below this share, a second core is free often enough for a speed-up to show
QUIET = 0.25


def others_busy(seconds=0.25):
    """The share of the machine's CPU time spent outside idle while we sleep `seconds`;
    None where /proc/stat is missing (not Linux)."""
    try:
        with open("/proc/stat") as f:
            before = [int(x) for x in f.readline().split()[1:8]]
        time.sleep(seconds)
        with open("/proc/stat") as f:
            spent = [int(x) - b
                     for x, b in zip(f.readline().split()[1:8], before, strict=True)]
        # fields 3 and 4 are idle and iowait
        return 1 - (spent[3] + spent[4]) / max(1, sum(spent))
    except OSError:
        return None


def quiet(busy):
    """Whether every measured share stayed under QUIET (True where none could be
    measured)."""
    return None in busy or max(busy) < QUIET


def shares(busy):
    return " and ".join("unknown" if b is None else f"{b:.0%}" for b in busy)
