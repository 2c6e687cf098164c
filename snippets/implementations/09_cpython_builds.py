# Times two hot loops in CPU time on CPython builds: default, free-threaded, JIT off/on.
import dis
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import textwrap
import time

# processes per configuration, taken in turn, so that a busy spell on the machine
# hits all of them alike
ROUNDS = 5
# timed calls of each loop per process, after one untimed call that lets the
# interpreter warm up
REPS = 3


def float_loop(n=150_000):
    ("Arithmetic on floats and ints in one while loop: "
     "the kind of code a JIT compiles best.")
    x, total, i = 0.5, 0.0, 0
    while i < n:
        x = x * 1.000001 + 0.1
        total += x / (i + 1)
        i += 1
    return round(total, 6)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def dist2(self, other):
        dx, dy = self.x - other.x, self.y - other.y
        return dx * dx + dy * dy


def objects_loop(n=25_000):
    ("Objects, a method call, string formatting and a dict: "
     "ordinary pure-Python work.")
    counts, origin = {}, Point(0, 0)
    for i in range(n):
        key = f"k{i % 64}"
        counts[key] = counts.get(key, 0) + Point(i % 100, i % 37).dist2(origin)
    return sum(counts.values())


LOOPS = {"float loop": float_loop, "objects loop": objects_loop}


def peak_rss_kib():
    """This process's peak resident memory (Linux's VmHWM; getrusage would count the
    parent's, inherited at fork)."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f
                        if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None


def child():
    """Runs in each build: says what it is, then times every loop, and prints one
    line of JSON."""
    jit = getattr(sys, "_jit", None)  # CPython 3.14 and later
    report = {
        "version": sys.version.split()[0],
        "config_args": sysconfig.get_config_var("CONFIG_ARGS"),
        "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        # Debian's patched sysconfig
        "debian_build": "deb_system" in sysconfig.get_scheme_names(),
        "jit_available": jit.is_available() if jit else None,
        "times": {}, "results": {},
    }
    for name, loop in LOOPS.items():
        report["results"][name] = loop()  # the untimed call
        times = []
        for _ in range(REPS):
            start = time.process_time()
            loop()
            times.append((time.process_time() - start) * 1000)
        report["times"][name] = times
    # asked after the loops ran
    report["jit_enabled"] = jit.is_enabled() if jit else None
    # The instructions of the float loop that the specializing interpreter (PEP 659)
    # rewrote while it ran.
    adaptive = dis.get_instructions(float_loop, adaptive=True)
    report["specialized"] = sorted({i.opname for i in adaptive} - set(dis.opmap))
    report["gil_enabled"] = (sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled")
                             else True)
    report["peak_rss_kib"] = peak_rss_kib()
    print(json.dumps(report))


def run(argv, jit):
    """One process of a build, with PYTHON_JIT set to "0" or "1" (None: a build
    without the JIT, left unset)."""
    # no PYTHON_GIL from the caller
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    if jit is not None:
        env["PYTHON_JIT"] = jit
    done = subprocess.run([*argv, os.path.abspath(__file__), "--child"], env=env,
                          capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=True, timeout=120)
    return json.loads(done.stdout)


def build_options(probe):
    """The configure options a timing depends on, as this build recorded them."""
    given = (probe["config_args"] or "").replace("'", "").split()
    timing_options = ("--enable-optimizations", "--with-lto", "--disable-gil",
                      "--enable-experimental-jit", "--enable-shared")
    shown = [a for a in given if a.startswith(timing_options)]
    if probe["debian_build"]:
        shown.append("(Debian's package: PGO, LTO not recorded)")
    elif not any(a.startswith(("--enable-optimizations", "--with-lto")) for a in given):
        shown.append("(no PGO, no LTO)")
    return " ".join(shown)


def summary(times):
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "runs": len(times)}


def release(version):
    return ".".join(version.split(".")[:2])


if len(sys.argv) > 1 and sys.argv[1] == "--child":
    child()
    sys.exit()

# The page passes [[label, command...], ...] as one JSON argument; run alone, it
# times this interpreter.
default = [["this Python", sys.executable]]
commands = json.loads(sys.argv[1]) if len(sys.argv) > 1 else default
configs, seen = [], set()
for _label, *argv in commands:
    # one executable may stand for two entries (3.14 and 3.14 with its JIT compiled in)
    if tuple(argv) in seen:
        continue
    seen.add(tuple(argv))
    probe = run(argv, None)
    for jit in (["0", "1"] if probe["jit_available"] else [None]):
        label = f"CPython {probe['version']}"
        label += " free-threaded" if probe["free_threaded_build"] else ""
        label += {None: "", "0": ", JIT off", "1": ", JIT on (PYTHON_JIT=1)"}[jit]
        configs.append({"label": label, "argv": argv, "jit": jit, "runs": []})
for _ in range(ROUNDS):
    for config in configs:
        config["runs"].append(run(config["argv"], config["jit"]))

expected = configs[0]["runs"][0]["results"]
print(f"{ROUNDS} processes per build, {REPS} timed calls of each loop per process "
      "after one untimed call;\nCPU milliseconds per call, median (min-max)")
for config in configs:
    runs, first = config["runs"], config["runs"][0]
    for r in runs:
        assert r["results"] == expected, "claim: every build computes the same results"
        if config["jit"] is not None:
            assert r["jit_enabled"] == (config["jit"] == "1"), (
                "claim: PYTHON_JIT=1 switches the compiled-in JIT on, "
                "PYTHON_JIT=0 leaves it off")
        assert r["gil_enabled"] != first["free_threaded_build"], (
            "claim: the free-threaded build runs this code without the GIL, "
            "the default build with it")
    probed = ("version", "config_args", "free_threaded_build", "debian_build",
              "jit_available")
    config.update({k: first[k] for k in probed})
    config["jit_enabled"] = first["jit_enabled"]
    config["specialized"] = first["specialized"]
    config["options"] = build_options(first)
    config["loops"] = {name: summary([t for r in runs for t in r["times"][name]])
                       for name in LOOPS}
    peak = statistics.median(r["peak_rss_kib"] or 0 for r in runs)
    config["peak_rss_kib"] = peak or None
    print(f"\n{config['label']}\n  configure: {config['options']}")
    memory = f"; peak memory {peak / 1024:.1f} MiB" if peak else ""
    print(f"  sys._jit.is_available(): {config['jit_available']}, "
          f"is_enabled(): {config['jit_enabled']}; "
          f"GIL while running: {first['gil_enabled']}{memory}")
    specialized = " ".join(config["specialized"]) or "none"
    print(textwrap.fill(specialized, 100, initial_indent="  float loop, specialized: ",
                        subsequent_indent=" " * 4))
    for name, s in config["loops"].items():
        print(f"  {name:<13} {s['median']:7.2f} ms ({s['min']:.2f}-{s['max']:.2f})")
    del config["runs"], config["argv"]

# The comparisons: the JIT on against the same executable with it off, and a
# free-threaded build against the default build of the same feature release (the first
# such one given).
comparisons = []
for config in configs:
    if config["jit"] == "1":
        base = next(c for c in configs
                    if c["version"] == config["version"] and c["jit"] == "0"
                    and c["free_threaded_build"] == config["free_threaded_build"])
        comparisons.append({"kind": "jit", "of": config["label"],
                            "against": base["label"]})
    elif config["free_threaded_build"] and config["jit"] != "1":
        base = next((c for c in configs
                     if release(c["version"]) == release(config["version"])
                     and not c["free_threaded_build"] and c["jit"] != "1"), None)
        if base:
            same_patch = base["version"] == config["version"]
            comparisons.append({"kind": "free-threaded", "of": config["label"],
                                "against": base["label"],
                                "same_patch_release": same_patch})
by_label = {c["label"]: c for c in configs}
if comparisons:
    print("\nMedian CPU time of one build divided by that of the other "
          "(below 1: the first took less time)")
for comp in comparisons:
    of, against = by_label[comp["of"]], by_label[comp["against"]]
    comp["ratios"] = {
        name: of["loops"][name]["median"] / against["loops"][name]["median"]
        for name in LOOPS}
    ratios = ", ".join(f"{name} {ratio:.2f}" for name, ratio in comp["ratios"].items())
    print(f"  {comp['of']}\n    / {comp['against']}: " + ratios)
    if comp.get("same_patch_release") is False:
        print("    (different patch releases: the comparison includes what changed "
              "between them)")
if out := os.environ.get("EVIDENCE_DATA"):
    loop_docs = {name: loop.__doc__ for name, loop in LOOPS.items()}
    with open(out, "w") as f:
        json.dump({"rounds": ROUNDS, "reps": REPS, "loops": loop_docs,
                   "configs": configs, "comparisons": comparisons}, f)
