"""The GIL page's tables, charts and derived values, from its declared runs (docs/gil.md's front matter)."""

from __future__ import annotations

from evidence.charts import bars, lines

# Quoted from the two sources the page names, in seconds: their measurements, not this build's.
BEAZLEY_2010 = {1: 7.8, 2: 15.4, 4: 15.7}
SKVORTSOV_2021 = {1: 6.52, 2: 6.57, 4: 6.59, 8: 6.58}
SKVORTSOV_SHA256_1GB = {1: 3.30, 2: 1.68}


def by_workers(data, key: str = "kind") -> dict:
    """A scaling snippet's rows as {kind or job: {workers: row}}: `t.threads[2].median` in a field."""
    found: dict = {}
    for row in data["rows"]:
        found.setdefault(row[key], {})[row["workers"]] = row
    return found


def _ideal(cpus: int, counts) -> list[tuple[int, int]]:
    return [(k, min(k, cpus)) for k in counts]


def _best_title(series: dict, ideal: str, unit: str) -> str:
    """A chart title that states the finding: the best speed-up of each measured series, best first."""
    best = {name: max(points, key=lambda p: p[1]) for name, points in series.items() if name != ideal and points}
    ranked = sorted(best.items(), key=lambda item: -item[1][1])
    return "Best speed-up: " + "; ".join(f"{name} {y:.2f}\u00d7 ({x} {unit})" for name, (x, y) in ranked)


def _speedups(data, kind: str, key: str = "kind") -> list[tuple[int, float]]:
    return [(k, r["speedup"]) for k, r in by_workers(data, key)[kind].items()]


def cpu_charts(cpu, ft) -> str:
    """Wall times of the countdown in threads and processes (and free-threaded threads), and their speed-ups."""
    runs = {"": cpu.data, "free-threaded ": ft.data} if ft else {"": cpu.data}
    wall_rows, speedups = [], {}
    for prefix, data in runs.items():
        for kind in ("threads",) if prefix else ("threads", "processes"):
            for k, r in by_workers(data)[kind].items():
                wall_rows.append((f"{prefix}{kind}: {k}", r["median"], r["min"], r["max"]))
            speedups[prefix + kind] = _speedups(data, kind)
    cpus = cpu.data["cpus"]
    speedups[f"ideal ({cpus} cores)"] = _ideal(cpus, [k for k, _ in speedups["threads"]])
    return "\n".join([
        bars("Wall time for the same countdown, split over k workers",
             "One bar per kind of worker and worker count: the median wall time, with a whisker from the fastest to "
             "the slowest run.", wall_rows, "s"),
        lines(_best_title(speedups, f"ideal ({cpus} cores)", "workers"),
              "Speed-up over one worker: the median time with one worker divided by the median time with k workers.",
              speedups, "workers", "speed-up (\u00d7)", reference=f"ideal ({cpus} cores)"),
    ])


def io_chart(io) -> str:
    d = io.data
    return bars(f"{d['requests']} requests to a server that answers after {d['delay_ms']:.0f} ms",
                "Median wall time to get every answer, with a whisker from the fastest to the slowest run.",
                [(name, *(1000 * v for v in row)) for name, row in d["rows"].items()], "ms")


def io_ms(io) -> dict:
    """Median milliseconds for every way of sending the requests, and how many times faster than one by one."""
    median = {way: 1000 * row[0] for way, row in io.data["rows"].items()}
    serial = median["one after another"]
    return {"serial": serial, "threads": median["threads"], "asyncio": median["asyncio"],
            "threads_x": serial / median["threads"], "asyncio_x": serial / median["asyncio"]}


def c_chart(c, cpu) -> str:
    series = {job: _speedups(c.data, job, "job") for job in ("sha256", "zlib")}
    series["countdown"] = _speedups(cpu.data, "threads")
    cpus = cpu.data["cpus"]
    series[f"ideal ({cpus} cores)"] = _ideal(cpus, [k for k, _ in series["sha256"]])
    return lines(_best_title(series, f"ideal ({cpus} cores)", "threads"),
                 "Speed-up from threads, C code that releases the GIL against pure Python: the median time with one "
                 "thread divided by the median time with k threads, for SHA-256 and zlib, and for the pure-Python "
                 "countdown measured above.", series, "threads", "speed-up (\u00d7)", reference=f"ideal ({cpus} cores)")


def switch_table(sw) -> str:
    lines_ = ["| Interval | Other thread | Waits | Late by (median) | p90 | max | Waits/s | Loop turns/s |",
              "|---|---|---|---|---|---|---|---|"]
    for r in sw.data["rows"]:
        lines_.append(f"| {r['interval_ms']:g} ms | {'computing' if r['compute'] else 'none'} | {r['waits']} | "
                      f"{r['median']:.2f} ms | {r['p90']:.2f} ms | {r['max']:.2f} ms | {r['waits_per_s']:.0f} | "
                      f"{r['loops_per_s']:,.0f} |")
    return "\n".join(lines_)


def switch_chart(sw) -> str:
    return bars("How late the waiting thread runs again (median)",
                "One bar per setting: the median delay after a 1 ms wait before the thread runs again, with a "
                "whisker from the smallest delay to the 90th percentile.",
                [(f"{r['interval_ms']:g} ms interval, {'next to a computing thread' if r['compute'] else 'alone'}",
                  r["median"], r["min"], r["p90"]) for r in sw.data["rows"]], "ms")


def race_table(race) -> str:
    rows = ["| Interpreter | `counter += 1` alone | read, call, write | the same under a lock |", "|---|---|---|---|"]
    for run in race:
        d = run.data
        rows.append(f"| {run.label} | {d['lost_bare']:,} lost | {d['lost']:,} lost ({d['lost_pct']:.0f}%) | "
                    f"{d['lost_locked']} lost |")
    return "\n".join(rows)


def race_builds(race) -> dict:
    """The race's runs split by build, asserting what the page says of the loop with a call on GIL builds."""
    gil = [r for r in race if not r.result.interpreter.get("free_threaded_build")]
    assert all(r.data["lost"] > 0 for r in gil), "claim: every GIL build loses updates in the loop with a call"
    return {"gil": gil, "free": [r for r in race if r.result.interpreter.get("free_threaded_build")],
            "bare_safe": [r.label for r in gil if r.data["lost_bare"] == 0],
            "bare_lost": [r.label for r in gil if r.data["lost_bare"] > 0]}


def which_table(which) -> str:
    rows = ["| Interpreter | `Py_GIL_DISABLED` | `sys._is_gil_enabled()` | `-X gil=0` | default start method "
            "(`sys.platform`) |", "|---|---|---|---|---|"]
    for run in which:
        d = run.data
        enabled = "not in this version" if d["is_gil_enabled"] is None else f"`{d['is_gil_enabled']}`"
        x_gil = d["x_gil_0"]
        x_gil = "accepted, ignored" if d["is_gil_enabled"] is None else (
            f"refused: {x_gil['said']}" if x_gil["exit"] else f"GIL enabled: `{x_gil['said']}`")
        rows.append(f"| {run.label} | `{d['py_gil_disabled']}` | {enabled} | {x_gil} | `{d['start_method']}` "
                    f"({d['platform']}) |")
    return "\n".join(rows)


def _ours(r) -> str:
    return f"{r['median']:.3f} s ({r['min']:.3f}\u2013{r['max']:.3f})" if r else "not measured"


def _quoted(table: dict, k: int) -> str:
    return f"{table[k]:g} s" if k in table else "not measured"


def then_and_now_table(cpu, c) -> str:
    d, threads, sha = cpu.data, by_workers(cpu.data)["threads"], by_workers(c.data, "job")["sha256"]
    rows = [f"| Experiment | Beazley 2010 (quoted) | Skvortsov 2021 (quoted) | This build: Python {d['python']}, "
            f"{d['cpus']} cores (median, min\u2013max) |", "|---|---|---|---|"]
    for k in (1, 2, 4, 8):
        rows.append(f"| countdown, {k} thread{'s' if k > 1 else ''} | {_quoted(BEAZLEY_2010, k)} | "
                    f"{_quoted(SKVORTSOV_2021, k)} | {_ours(threads.get(k))} |")
    for k in (1, 2):
        rows.append(f"| SHA-256, {k} thread{'s' if k > 1 else ''} | not measured | "
                    f"{_quoted(SKVORTSOV_SHA256_1GB, k)} (1 GB) | {_ours(sha[k])} for "
                    f"{c.data['buffer_mib'] * c.data['calls']['sha256']} MiB |")
    return "\n".join(rows)


def then_and_now_ratios(cpu, c) -> dict:
    """Two threads' time over one thread's, for the quoted measurements and this build's."""
    threads, sha = by_workers(cpu.data)["threads"], by_workers(c.data, "job")["sha256"]
    return {"beazley": BEAZLEY_2010[2] / BEAZLEY_2010[1], "skvortsov": SKVORTSOV_2021[2] / SKVORTSOV_2021[1],
            "ours": threads[2]["median"] / threads[1]["median"], "ours_4": threads[4]["median"] / threads[1]["median"],
            "skvortsov_sha": SKVORTSOV_SHA256_1GB[2] / SKVORTSOV_SHA256_1GB[1],
            "ours_sha": sha[2]["median"] / sha[1]["median"]}


def shares(data) -> str:
    """The share of the machine other programs used just before and after a timing snippet ran."""
    return " and ".join("unknown" if b is None else f"{b:.0%}" for b in data["busy"])


def newest(runs):
    """The last run of an `each:` list ordered oldest first: the newest interpreter that ran it."""
    return runs[-1]


SUB_KINDS = ("threads", "processes", "subinterpreters")


def sub_chart(sub) -> str:
    """Wall times of the countdown in threads, processes and subinterpreters, on the newest interpreter that ran it."""
    d = newest(sub).data
    found = by_workers(d)
    rows = [(f"{kind}: {k}", r["median"], r["min"], r["max"]) for kind in SUB_KINDS for k, r in found[kind].items()]
    return bars(f"The same countdown split over k workers, Python {d['python']}",
                "One bar per kind of worker and worker count: the median wall time, with a whisker from the fastest "
                "to the slowest run. Pools started before timing.", rows, "s")


def sub_table(sub) -> str:
    """Speed-up of two workers over one, each kind, for every interpreter that ran the subinterpreter snippet."""
    rows = ["| Interpreter | " + " | ".join(f"{kind}: 2 against 1" for kind in SUB_KINDS) + " |",
            "|---|" + "---|" * len(SUB_KINDS)]
    for run in sub:
        found = by_workers(run.data)
        cells = []
        for kind in SUB_KINDS:
            two, cpu = found[kind][2], found[kind][2].get("cpu_per_s")
            used = "" if kind == "processes" else f", {cpu:.2f} CPU-s/s"
            cells.append(f"{two['speedup']:.2f}x{used}")
        rows.append(f"| {run.label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def start_methods(which) -> dict:
    """The default start method each CPython reported on Linux, split at 3.14, asserting the change the page states
    wherever runs on both sides of it happened."""
    linux = [r for r in which if r.data["platform"] == "linux"]
    before = [r for r in linux if tuple(int(x) for x in r.data["version"].split(".")[:2]) < (3, 14)]
    after = [r for r in linux if r not in before]
    if before and after:
        assert {r.data["start_method"] for r in before} == {"fork"}, "claim: Linux used fork until 3.13"
        assert {r.data["start_method"] for r in after} == {"forkserver"}, "claim: Linux uses forkserver from 3.14"
    return {"before": [r.label for r in before], "after": [r.label for r in after], "both": bool(before and after)}


def startup_table(startup) -> str:
    """Pool start-up per start method, one column per interpreter that ran it."""
    methods = list(startup[0].data["rows"])
    rows = ["| Start method | " + " | ".join(f"{r.label}" for r in startup) + " |", "|---|" + "---|" * len(startup)]
    for m in methods:
        cells = []
        for run in startup:
            d = run.data
            r = d["rows"].get(m)
            default = " (default)" if d["default"] == m else ""
            cells.append("not available" if r is None else
                         f"{r['median']:.1f} ms ({r['min']:.1f}\u2013{r['max']:.1f}); first pool "
                         f"{r['first']:.1f} ms{default}")
        rows.append(f"| `{m}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def ft_cost_table(cost) -> str:
    """Each interpreter of the free-threaded comparison: how it was built, one thread, two threads."""
    rows = ["| Interpreter | Built with | GIL | 1 thread | 2 threads | 2 threads: CPU-s per s | speed-up |",
            "|---|---|---|---|---|---|---|"]
    for r in cost.data["runs"]:
        one, two = r["one"], r["two"]
        rows.append(f"| {r['label']} | {r['built']} | {'on' if r['gil'] else 'off'} | {_ours(one)} | {_ours(two)} | "
                    f"{two['cpu_per_s']:.2f} | {one['median'] / two['median']:.2f}x |")
    return "\n".join(rows)


def ft_pairs(cost) -> list:
    """The free-threaded/default pairs, with both builds' rows beside the pair's ratios."""
    runs = {r["label"]: r for r in cost.data["runs"]}
    return [{**p, "ft_run": runs[p["ft"]], "default_run": runs[p["default"]],
             "same_patch": p["ft_version"] == p["default_version"],
             "unoptimised": all(not runs[p[side]]["debian"] and not runs[p[side]]["pgo"] and not runs[p[side]]["lto"]
                                for side in ("ft", "default"))} for p in cost.data["pairs"]]


def verdict(cpu, io, ft=None) -> dict:
    """The numbers of the page's opening verdict, with what it says of them asserted: the countdown ran with the GIL
    and two threads did no more than one core's work, the requests overlapped, and the free-threaded build (where it
    ran) had no GIL."""
    assert cpu.data["gil"], "claim: the countdown of the verdict ran on a build with the GIL"
    busy = cpu.data["cpu_per_s"]["2"]
    assert busy < cpu.data["parallel"], "claim: with the GIL, two threads did no more than one core's work"
    if ft:
        assert not ft.data["gil"], "claim: the free-threaded build ran the countdown without a GIL"
    ms = io_ms(io)
    assert ms["threads"] < ms["serial"] and ms["asyncio"] < ms["serial"], "claim: the waits overlapped"
    return {"busy": busy, **ms}
