"""A small accessible line chart as inline SVG (no JavaScript, no style attributes: CSP-safe).

Presentation attributes (stroke, fill) are used instead of CSS. The chart has a title and a
description, and every page that shows one also shows an HTML table of the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK colours with enough contrast on white; each series also has its own dash pattern, so
# colour is not the only difference (WCAG 1.4.1).
SERIES_STYLES = (("#1d70b8", ""), ("#d4351c", "6 4"), ("#00703c", "2 3"), ("#4c2c92", "10 3 2 3"))


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]


def line_chart(*, title: str, labels: Sequence[str], series: Sequence[Series], width: int = 720,
               height: int = 300, chart_id: str = "chart") -> SafeString:
    left, right, top, bottom = 48, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([v for s in series for v in s.values] + [1])
    step = _nice_step(peak)
    ymax = step * -(-peak // step)
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / ymax

    desc = "; ".join(f"{s.name}: from {s.values[0]} to {s.values[-1]}" for s in series if s.values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vigil-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}. The table below gives every value.</desc>',
    ]
    for tick in range(0, ymax + 1, step):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="#b1b4b6" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#0b0c0c">{tick}</text>')
    every = max(1, -(-n // 8))
    for i, label in enumerate(labels):
        if i % every == 0 or i == n - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="12" '
                         f'fill="#0b0c0c">{escape(label)}</text>')
    for (colour, dash), s in zip(SERIES_STYLES, series, strict=False):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s.values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dashes} points="{points}"/>')
        for i, v in enumerate(s.values):
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
    # Legend under the axis labels.
    lx = left
    for (colour, dash), s in zip(SERIES_STYLES, series, strict=False):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" x2="{lx + 28}" y1="{height - 12}" y2="{height - 12}" stroke="{colour}" '
                     f'stroke-width="3"{dashes}/>')
        parts.append(f'<text x="{lx + 34}" y="{height - 8}" font-size="12" fill="#0b0c0c">{escape(s.name)}</text>')
        lx += 40 + 7 * len(s.name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text value above is escaped


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if peak / step <= 6:
            return step
    return 10 ** len(str(peak))
