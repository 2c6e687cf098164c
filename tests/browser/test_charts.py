"""Every chart of the build can be read for values, at both widths: round ticks, a unit, nothing past its edges, and
text between 12 and 14 px on screen."""

from __future__ import annotations

import re

import pytest

from .conftest import WIDTHS

# For each chart: how many tick labels it has, the text of its axis labels, the on-screen font size of every text,
# and every drawn element that reaches outside the chart's viewBox (two units of tolerance: strokes, and glyphs such as
# "_" that start left of their x).
MEASURE = """() => [...document.querySelectorAll('figure.evidence-chart svg')].map(svg => {
  const box = svg.viewBox.baseVal, scale = svg.getBoundingClientRect().width / box.width;
  const outside = [...svg.querySelectorAll('polyline, rect, line, circle, polygon, text')].filter(e => {
    const b = e.getBBox();
    return b.x < -2 || b.y < -2 || b.x + b.width > box.width + 2 || b.y + b.height > box.height + 2;
  }).map(e => e.outerHTML.slice(0, 120));
  const texts = [...svg.querySelectorAll('text')];
  return {
    title: svg.querySelector('title').textContent,
    ticks: svg.querySelectorAll('text.chart-tick').length,
    tickTexts: [...svg.querySelectorAll('text.chart-tick')].map(t => t.textContent),
    sizes: texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale),
    outside,
  };
})"""


NUMBER = re.compile(r"-?[\d.,]+[kMG]?")


def _charts_on(site) -> list[str]:
    return [path for path in site.pages if "evidence-chart" in (site.root / path / "index.html").read_text()]


@pytest.mark.parametrize("width", list(WIDTHS.values()))
def test_every_chart_has_ticks_a_unit_no_clipping_and_legible_text(browser, site, width):
    pages = _charts_on(site)
    if not pages:
        pytest.skip("no page of this build draws a chart")
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
    problems, seen = [], 0
    for path in pages:
        page = ctx.new_page()
        page.goto(site.url + path)
        for chart in page.evaluate(MEASURE):
            seen += 1
            where = f"{path} at {width} px, {chart['title']!r}"
            if chart["ticks"] < 3:
                problems.append(f"{where}: {chart['ticks']} tick labels")
            # the unit or the axis name: a tick-styled text that is not a number
            if all(NUMBER.fullmatch(t) for t in chart["tickTexts"]):
                problems.append(f"{where}: no unit or axis label among {chart['tickTexts']}")
            if small := [round(s, 1) for s in chart["sizes"] if not 11.9 <= s <= 14.6]:
                problems.append(f"{where}: text at {sorted(set(small))} px")
            if chart["outside"]:
                problems.append(f"{where}: drawn past the edge: {chart['outside'][:2]}")
        page.close()
    ctx.close()
    assert seen, "the pages with charts drew none"
    assert not problems, "\n".join(problems)
