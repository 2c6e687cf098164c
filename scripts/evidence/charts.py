"""SVG charts drawn from evidence data at build time: themed by CSS variables, with a text table of the numbers.

Drawn here rather than with a plotting library: a chart is a few dozen SVG elements whose colours must follow the
site's light and dark schemes through CSS classes, with no script, font or stylesheet of its own. What the charts
take from good data graphics: round ticks on light gridlines, the unit on the axis, log axes labelled 1 / 10 / 100,
a title over a subtitle that says what is measured, markers and dash patterns as well as colours (safe for colour
blindness), nothing drawn past the plot's edge, and the numbers in a table in the unit the axis shows.
"""

from __future__ import annotations

import html
import itertools
import math

WIDTH = 480  # the chart's natural width in CSS pixels (evidence.css), where one unit of the viewBox is one pixel
_ids = itertools.count(1)
_MARKERS = ("circle", "square", "triangle", "diamond")


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<details data-search-exclude><summary>The numbers</summary>{table}</details>"


def _figure(svg: str, title: str, subtitle: str, table: str) -> str:
    """The title (the finding) and the subtitle (what is measured, in what unit) above the chart, the numbers below.

    Search finds a chart by its title and subtitle; its drawing and its numbers stay out of the index every page
    loads, as the snippets' outputs do (mkdocs_hooks.on_page_content)."""
    return (f'<figure class="evidence-chart"><figcaption>{html.escape(title)}</figcaption>'
            f'<p class="chart-subtitle">{html.escape(subtitle)}</p>{svg}{table}</figure>')


def _svg(n: int, height: float, title: str, description: str, parts: list[str]) -> str:
    return (f'<svg data-search-exclude viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'aria-labelledby="chart{n}-t chart{n}-d" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart{n}-t">{html.escape(title)}</title>'
            f'<desc id="chart{n}-d">{html.escape(description)}</desc>{"".join(parts)}</svg>')


def _fmt(value: float) -> str:
    """Three significant digits, without exponent notation for the sizes pages chart."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def decimals(values: list[float]) -> int:
    """One precision for every value of a chart: enough for two significant digits of the smallest."""
    smallest = min((abs(v) for v in values if v), default=1.0)
    return max(0, min(4, 1 - math.floor(math.log10(smallest))))


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round ticks from 0 to the first at or above `top`: steps of 1, 2, 2.5 or 5 times a power of ten."""
    top = top if top > 0 else 1.0
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [round(i * step, 12) for i in range(math.ceil(top / step - 1e-9) + 1)]


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from the one at or below `low` to the one at or above `high`."""
    return [10.0 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def tick_label(value: float) -> str:
    """1, 10, 100, 1k, 10k, 1M: short labels for round ticks."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def bars(title: str, description: str, rows: list[tuple[str, float, float, float]], unit: str,
         subtitle: str | None = None) -> str:
    """Horizontal bars: one row per (label, median, low, high), the bar at the median, a whisker from low to high
    (what they are is the description's to say), on an axis of round ticks in `unit` from zero."""
    n = next(_ids)
    ticks = nice_ticks(max(hi for _, _, _, hi in rows) or 1.0)
    row_h, label_h, plot_w = 44, 16, WIDTH - 100  # room on the right for the value written past the whisker
    scale = plot_w / ticks[-1]
    places = decimals([m for _, m, _, _ in rows])
    plot_h = len(rows) * row_h + 4
    parts = [f'<line x1="{t * scale:.1f}" x2="{t * scale:.1f}" y1="0" y2="{plot_h}" class="chart-grid"/>'
             f'<text x="{t * scale:.1f}" y="{plot_h + 16}" text-anchor="middle" class="chart-tick">'
             f"{tick_label(t)}</text>" for t in ticks[1:]]
    parts.append(f'<line x1="0" x2="0" y1="0" y2="{plot_h}" class="chart-axis"/>'
                 f'<text x="0" y="{plot_h + 16}" class="chart-tick">0</text>'
                 f'<text x="{plot_w}" y="{plot_h + 34}" text-anchor="end" class="chart-tick">'
                 f"{html.escape(unit)}</text>")
    for i, (label, median, lo, hi) in enumerate(rows):
        y = i * row_h + 4
        bar_y = y + label_h + 2
        parts.append(
            f'<text x="0" y="{y + 12}" class="chart-label">{html.escape(label)}</text>'
            f'<rect x="0" y="{bar_y}" width="{max(median * scale, 1):.1f}" height="16" class="chart-bar"/>'
            f'<line x1="{lo * scale:.1f}" x2="{hi * scale:.1f}" y1="{bar_y + 8}" y2="{bar_y + 8}" '
            f'class="chart-whisker"/>'
            f'<text x="{max(median, hi) * scale + 6:.1f}" y="{bar_y + 13}" class="chart-value">'
            f"{median:,.{places}f} {html.escape(unit)}</text>")
    svg = _svg(n, plot_h + 42, title, description, parts)
    table = _table(["", f"median ({unit})", f"low ({unit})", f"high ({unit})"],
                   [[label, f"{m:,.{places}f}", f"{lo:,.{places}f}", f"{hi:,.{places}f}"]
                    for label, m, lo, hi in rows])
    return _figure(svg, title, subtitle or description, table)


def _marker(shape: str, x: float, y: float, i: int) -> str:
    cls = f'class="chart-marker chart-series-{i % 4}"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" {cls}/>'
    if shape == "square":
        return f'<rect x="{x - 3.2:.1f}" y="{y - 3.2:.1f}" width="6.4" height="6.4" {cls}/>'
    points = ([(x, y - 4.5), (x + 4.2, y + 3), (x - 4.2, y + 3)] if shape == "triangle"
              else [(x, y - 4.5), (x + 4.5, y), (x, y + 4.5), (x - 4.5, y)])
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}" {cls}/>'


class _Axis:
    """Where a value falls along one axis of `length` units: linear from zero (or from the first of a few
    categories, such as worker counts), or logarithmic between powers of ten."""

    def __init__(self, values: list[float], length: float, log: bool):
        self.length, self.log = length, log
        positive = [v for v in values if v > 0] or [1.0]
        distinct = sorted(set(values))
        if log:
            self.ticks = log_ticks(min(positive), max(positive))
        elif 1 < len(distinct) <= 8 and all(float(v).is_integer() and v > 0 for v in distinct):
            self.ticks = distinct  # counts (1, 2, 4, 8 workers): a tick on each value measured
        else:
            self.ticks = nice_ticks(max(values, default=1.0))
        self.low, self.high = self.ticks[0], self.ticks[-1]
        if self.high == self.low:
            self.high = self.low + 1

    def __call__(self, value: float) -> float:
        if self.log:
            span = math.log10(self.high) - math.log10(self.low)
            return (math.log10(value) - math.log10(self.low)) / span * self.length
        return (value - self.low) / (self.high - self.low) * self.length


def lines(title: str, description: str, series: dict[str, list[tuple[float, float]]], x_label: str,
          y_label: str, log_x: bool = False, log_y: bool = False, subtitle: str | None = None,
          reference: str | None = None) -> str:
    """One line with a marker on each point per named series of (x, y) points, and a legend under the plot. The y
    axis starts at zero unless `log_y`; `log_x` spaces x by its logarithm (for sweeps over sizes). `reference`
    names a series drawn as a dashed neutral line (an ideal to compare with) rather than as a measurement."""
    n = next(_ids)
    left, top, plot_w, plot_h = 48, 26, WIDTH - 64, 200
    points = {name: [(x, y) for x, y in pts if (x > 0 or not log_x) and (y > 0 or not log_y)]
              for name, pts in series.items()}
    x_axis = _Axis([x for pts in points.values() for x, _ in pts], plot_w, log_x)
    y_axis = _Axis([y for pts in points.values() for _, y in pts], plot_h, log_y)
    if not log_y:  # a y axis from zero with round ticks, whatever the values
        y_axis.ticks, y_axis.low = nice_ticks(y_axis.high if y_axis.ticks else 1.0), 0.0
        y_axis.high = y_axis.ticks[-1]

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x_axis(x), top + plot_h - y_axis(y)

    parts = []
    for t in y_axis.ticks:
        y = top + plot_h - y_axis(t)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="chart-grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-tick">'
                     f"{tick_label(t)}</text>")
    for t in x_axis.ticks:
        x = left + x_axis(t)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" class="chart-grid"/>'
                     f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" class="chart-tick">'
                     f"{tick_label(t)}</text>")
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" class="chart-axis"/>'
                 f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" class="chart-axis"/>'
                 f'<text x="{left + plot_w}" y="{top + plot_h + 34}" text-anchor="end" class="chart-tick">'
                 f"{html.escape(x_label)}{', log scale' if log_x else ''}</text>"
                 f'<text x="{left - 6}" y="{top - 12}" class="chart-tick">'
                 f"{html.escape(y_label)}{', log scale' if log_y else ''}</text>")
    legend_y = top + plot_h + 58
    measured = 0
    for name, pts in points.items():
        is_reference = name == reference
        i, shape = measured, _MARKERS[measured % len(_MARKERS)]
        style = "chart-line chart-reference" if is_reference else f"chart-line chart-series-{i % 4} chart-dash-{i % 4}"
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in (at(x, y) for x, y in pts))
        parts.append(f'<polyline points="{coords}" class="{style}"/>')
        if not is_reference:
            parts.extend(_marker(shape, *at(x, y), i) for x, y in pts)
            measured += 1
        slot = len([p for p in parts if "chart-swatch" in p])
        lx, ly = slot % 2 * 230, legend_y + slot // 2 * 20  # two legend entries a row, so none runs off the chart
        parts.append(f'<line x1="{lx}" x2="{lx + 22}" y1="{ly - 4}" y2="{ly - 4}" class="{style} chart-swatch"/>'
                     + ("" if is_reference else _marker(shape, lx + 11, ly - 4, i))
                     + f'<text x="{lx + 28}" y="{ly}" class="chart-label">{html.escape(name)}</text>')
    height = legend_y + (len(points) - 1) // 2 * 20 + 10
    svg = _svg(n, height, title, f"{description} Vertical axis: {y_label}. Horizontal axis: {x_label}.", parts)
    places = decimals([y for pts in points.values() for _, y in pts])
    table = _table(["series", x_label, y_label], [[name, _fmt(x), f"{y:,.{places}f}"] for name, pts in points.items()
                                                  for x, y in pts])
    return _figure(svg, title, subtitle or description, table)
