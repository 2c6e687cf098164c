"""The GIL page's own code, in milliseconds: tables, charts and its claim, from data shaped as its snippets write it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pages import gil


def _run(data, free_threaded=False, label="CPython 3.13.0"):
    return SimpleNamespace(data=data, label=label, result=SimpleNamespace(
        interpreter={"free_threaded_build": free_threaded}))


def _scaling(cpus=2):
    rows = [{"kind": kind, "workers": k, "median": 1.0 / k, "min": 0.9 / k, "max": 1.1 / k, "speedup": float(k)}
            for kind in ("threads", "processes") for k in (1, 2, 4, 8)]
    return {"rows": rows, "cpus": cpus, "python": "3.13.0", "busy": [0.02, None]}


def test_rows_are_found_by_kind_and_worker_count():
    found = gil.by_workers(_scaling())
    assert list(found) == ["threads", "processes"] and found["processes"][4]["median"] == 0.25


def test_the_charts_plot_every_series_with_the_ideal_capped_at_the_core_count():
    html = gil.cpu_charts(_run(_scaling(cpus=2)), None)
    assert html.count("<figure") == 2 and "processes: 8" in html and "ideal (2 cores)" in html
    assert "free-threaded" not in html, "no free-threaded line where that build did not run"
    assert "free-threaded threads: 2" in gil.cpu_charts(_run(_scaling()), _run(_scaling(), free_threaded=True))


def test_the_race_claim_fails_when_a_gil_build_loses_nothing_in_the_loop_with_a_call():
    def race(lost, lost_bare, free=False):
        return _run({"lost": lost, "lost_bare": lost_bare}, free, "CPython 3.13.5 free-threaded" if free else
                    f"CPython 3.{lost}")

    builds = gil.race_builds([race(5, 0), race(7, 3), race(9, 9, free=True)])
    assert (builds["bare_safe"], builds["bare_lost"]) == (["CPython 3.5"], ["CPython 3.7"])
    assert [r.label for r in builds["free"]] == ["CPython 3.13.5 free-threaded"]
    with pytest.raises(AssertionError, match="every GIL build loses updates"):
        gil.race_builds([race(0, 0)])


def test_shares_say_unknown_where_not_measured():
    assert gil.shares(_scaling()) == "2% and unknown"
