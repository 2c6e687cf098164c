"""SVG charts drawn from evidence data at build time: themed by CSS variables, with a text table of the numbers."""

from __future__ import annotations

import html
import itertools
import math

WIDTH = 480  # narrow enough that text stays legible when a phone scales the chart down
_ids = itertools.count(1)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<details><summary>The numbers</summary>{table}</details>"


def _figure(svg: str, title: str, table: str) -> str:
    return f'<figure class="evidence-chart">{svg}<figcaption>{html.escape(title)}</figcaption>{table}</figure>'


def _fmt(value: float) -> str:
    """Three significant digits, without exponent notation for the sizes pages chart."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def bars(title: str, description: str, rows: list[tuple[str, float, float, float]], unit: str) -> str:
    """Horizontal bars: one row per (label, median, min, max), the bar at the median, a whisker from min to max."""
    n = next(_ids)
    top = max(hi for _, _, _, hi in rows) or 1.0
    row_h, label_h, plot_w = 44, 16, WIDTH - 90
    height = len(rows) * row_h + 8
    parts = []
    for i, (label, median, lo, hi) in enumerate(rows):
        y = i * row_h + 4
        bar_y = y + label_h + 2
        scale = plot_w / top
        parts.append(
            f'<text x="0" y="{y + 12}" class="chart-label">{html.escape(label)}</text>'
            f'<rect x="0" y="{bar_y}" width="{max(median * scale, 1):.1f}" height="16" class="chart-bar"/>'
            f'<line x1="{lo * scale:.1f}" x2="{hi * scale:.1f}" y1="{bar_y + 8}" y2="{bar_y + 8}" '
            f'class="chart-whisker"/>'
            f'<text x="{max(median, hi) * scale + 6:.1f}" y="{bar_y + 13}" class="chart-value">'
            f"{_fmt(median)} {html.escape(unit)}</text>")
    svg = (f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart{n}-t chart{n}-d" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="chart{n}-t">{html.escape(title)}</title>'
           f'<desc id="chart{n}-d">{html.escape(description)}</desc>{"".join(parts)}</svg>')
    table = _table(["", f"median ({unit})", f"min ({unit})", f"max ({unit})"],
                   [[label, _fmt(m), _fmt(lo), _fmt(hi)] for label, m, lo, hi in rows])
    return _figure(svg, title, table)


def lines(title: str, description: str, series: dict[str, list[tuple[float, float]]], x_label: str,
          y_label: str, log_x: bool = False) -> str:
    """One polyline per named series of (x, y) points, a legend under the plot; the y axis starts at zero, the x axis
    too unless `log_x` spaces x by its logarithm (for sweeps over sizes)."""
    n = next(_ids)
    left, bottom, plot_w, plot_h = 48, 30, WIDTH - 60, 220
    if log_x:
        table_series = series
        series = {name: [(math.log10(x), y) for x, y in pts if x > 0] for name, pts in series.items()}
        x_label_axis = f"log10 {x_label}"
    else:
        table_series, x_label_axis = series, x_label
    xs = [x for pts in series.values() for x, _ in pts] or [1.0]
    ys = [y for pts in series.values() for _, y in pts] or [1.0]
    x_min = min(xs) if log_x else 0.0
    x_max, y_max = max(xs) or 1.0, max(ys) or 1.0
    span = (x_max - x_min) or 1.0
    parts = [f'<line x1="{left}" y1="{plot_h}" x2="{left + plot_w}" y2="{plot_h}" class="chart-axis"/>',
             f'<line x1="{left}" y1="0" x2="{left}" y2="{plot_h}" class="chart-axis"/>',
             f'<text x="{left + plot_w}" y="{plot_h + 22}" text-anchor="end" class="chart-value">'
             f"{html.escape(x_label_axis)} ({_fmt(x_min)} to {_fmt(x_max)})</text>",
             f'<text x="0" y="12" class="chart-value">{_fmt(y_max)}</text>',
             f'<text x="0" y="{plot_h}" class="chart-value">0</text>']
    legend_y = plot_h + bottom + 14
    for i, (name, pts) in enumerate(series.items()):
        coords = " ".join(f"{left + (x - x_min) / span * plot_w:.1f},{plot_h - y / y_max * plot_h:.1f}" for x, y in pts)
        parts.append(f'<polyline points="{coords}" class="chart-line chart-series-{i % 4}"/>')
        x, y = left + i % 2 * 200, legend_y + i // 2 * 18  # two legend entries a row, so none runs off the chart
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" class="chart-swatch chart-series-{i % 4}"/>'
                     f'<text x="{x + 18}" y="{y}" class="chart-label">{html.escape(name)}</text>')
    legend_y += (len(series) - 1) // 2 * 18
    svg = (f'<svg viewBox="0 0 {WIDTH} {legend_y + 8}" role="img" aria-labelledby="chart{n}-t chart{n}-d" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="chart{n}-t">{html.escape(title)}</title>'
           f'<desc id="chart{n}-d">{html.escape(description)} Vertical axis: {html.escape(y_label)}.</desc>'
           f'{"".join(parts)}</svg>')
    table = _table(["series", x_label, y_label], [[name, _fmt(x), _fmt(y)] for name, pts in table_series.items()
                                                  for x, y in pts])
    return _figure(svg, title, table)
