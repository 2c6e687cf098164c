# Times a pure-Python loop in 1 and 2 threads, each free-threaded build vs its default.
import json
import os
import statistics as st
import subprocess
import sys

from busy import others_busy, quiet, shares

# the same countdown for every interpreter; CPU-s per s of two at once
N, REPEATS, PARALLEL = 3_000_000, 5, 1.25
CHILD = r"""
import json, shlex, sys, sysconfig, threading, time
def countdown(n):
    while n > 0:
        n -= 1
def timed(k):
    threads = [threading.Thread(target=countdown, args=(N // k,)) for _ in range(k)]
    start, cpu = time.perf_counter(), time.process_time()
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - start
    return wall, (time.process_time() - cpu) / wall
N = int(sys.argv[1])
for _ in range(10): countdown(1_000)
args = shlex.split(sysconfig.get_config_var("CONFIG_ARGS") or "")
print(json.dumps({"version": sys.version.split()[0],
    "minor": "%d.%d" % sys.version_info[:2],
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
    "pgo": "--enable-optimizations" in args,
    "lto": any(a.startswith("--with-lto") for a in args),
    "debian": "deb_system" in sysconfig.get_scheme_names(),
    "one": timed(1), "two": timed(2)}))
"""


def run(argv):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([*argv, "-c", CHILD, str(N)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(done.stdout)


# (release, free-threaded?) of an interpreter, to pair each free-threaded build with
# its default
def kind(argv):
    ask = ("import sys, sysconfig; "
           "print('%d.%d' % sys.version_info[:2], "
           "bool(sysconfig.get_config_var('Py_GIL_DISABLED')))")
    return tuple(subprocess.run([*argv, "-c", ask], capture_output=True, text=True,
                                check=True).stdout.split())


def built(r):  # what the timing depends on in how it was built
    return "Debian's package (PGO, LTO not recorded)" if r["debian"] else \
        f"PGO {'on' if r['pgo'] else 'off'}, LTO {'on' if r['lto'] else 'off'}"


if __name__ == "__main__":
    # The build passes [[label, argv...], ...] as JSON; by hand, name interpreters:
    # python3.14 THIS python3.14t
    if len(sys.argv) > 1 and sys.argv[1].startswith("["):
        given = json.loads(sys.argv[1])
    else:
        given = [[python, python] for python in sys.argv[1:] or [sys.executable]]
    builds = {label: kind(argv) for label, *argv in given}
    paired = [[label, *argv] for label, *argv in given
              if sum(b[0] == builds[label][0] for b in builds.values()) > 1]
    # of several, only releases found in both builds
    given = paired if len(given) > 1 else given
    busy, rounds = [others_busy()], {label: [] for label, *_ in given}
    # each round runs every interpreter once, in turn, first one way round then the
    # other
    for i in range(REPEATS):
        for label, *argv in given if i % 2 == 0 else given[::-1]:
            rounds[label].append(run(argv))
    busy.append(others_busy())
    calm = quiet(busy)
    print(f"countdown({N:,}) in one thread, then split over two; "
          f"os.cpu_count() = {os.cpu_count()}; median (min-max) of {REPEATS} runs, "
          "each in a fresh process; timer: time.perf_counter")
    found = {}
    for label, runs in rounds.items():
        r = {k: v for k, v in runs[0].items() if k not in ("one", "two")}
        for way in ("one", "two"):
            walls = [x[way][0] for x in runs]
            r[way] = {"median": st.median(walls), "min": min(walls), "max": max(walls),
                      "cpu_per_s": max(x[way][1] for x in runs)}
        r["label"], r["built"] = label, built(r)
        found[label] = r
        print(f"{label} ({r['built']}; GIL enabled: {r['gil']})")
        for way, name in (("one", "1 thread "), ("two", "2 threads")):
            w = r[way]
            print(f"  {name} {w['median']:.3f} s ({w['min']:.3f}-{w['max']:.3f})  "
                  f"{w['cpu_per_s']:.2f} CPU-s per s at most")
        if r["gil"]:
            assert r["two"]["cpu_per_s"] < PARALLEL, \
                "claim: with the GIL, two threads never use more than one core"
        elif os.cpu_count() >= 2 and calm:
            assert r["two"]["cpu_per_s"] >= PARALLEL, \
                "claim: without the GIL, two threads compute at the same time"
    pairs = []
    for ft in (r for r in found.values() if r["free_threaded"]):
        for default in (r for r in found.values()
                        if r["minor"] == ft["minor"] and not r["free_threaded"]):
            cost = ft["one"]["median"] / default["one"]["median"]
            pairs.append({"minor": ft["minor"], "ft": ft["label"],
                          "default": default["label"], "cost": cost,
                          "ft_version": ft["version"],
                          "default_version": default["version"],
                          "scaling_ft": ft["one"]["median"] / ft["two"]["median"],
                          "scaling_default": (default["one"]["median"]
                                              / default["two"]["median"])})
            print(f"{ft['minor']}: one thread took {cost:.2f} times as long "
                  "free-threaded as on the default build")
            assert ft["gil"] is False and default["gil"] is True, \
                "claim: one build of the pair has no GIL"
    print(f"other programs used {shares(busy)} of the machine's CPU time "
          "just before and after")
    if os.environ.get("EVIDENCE_DATA"):
        with open(os.environ["EVIDENCE_DATA"], "w") as f:
            json.dump({"runs": list(found.values()), "pairs": pairs, "n": N,
                       "repeats": REPEATS, "busy": busy, "quiet": calm,
                       "parallel": PARALLEL, "cpus": os.cpu_count()}, f)
