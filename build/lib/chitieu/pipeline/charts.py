"""Inline SVG charts for the report: nothing to fetch when the page is viewed.

>>> svg = indicator_chart("1", "%", {2025: 65.0, 2030: 75.0}, [("Sóc Trăng", 2025, 77.0), ("Sóc Trăng", 2030, 91.0)])
>>> svg.startswith("<svg") and svg.count("<circle") == 2 and "QĐ 23" in svg
True
"""
from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 200, 22, 34
# Colour-blind-safe palette (Okabe-Ito), one colour per plan.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
NATIONAL_COLOUR = "#444444"


def nice_ceiling(value: float) -> float:
    """The round number at or just above ``value``, for the top of an axis.

    >>> nice_ceiling(91), nice_ceiling(0.7), nice_ceiling(550), nice_ceiling(0)
    (100, 0.8, 600, 1)
    """
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    top = next(m * magnitude for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * magnitude >= value)
    top = round(float(top), 12)
    return int(top) if top.is_integer() else top


def tick_count(top: float) -> int:
    """How many steps split ``0..top`` into round numbers (1, 2, 2.5 or 5 times a power of ten).

    >>> tick_count(100), tick_count(6), tick_count(120)
    (5, 6, 6)
    """
    for count in (5, 4, 6, 3, 2):
        step = top / count
        mantissa = step / 10 ** math.floor(math.log10(step))
        if any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5)):
            return count
    return 5


def indicator_chart(code: str, unit: str, national: dict[int, float], points: list[tuple[str, int, float]]) -> str:
    """An SVG chart of plans' values (``(plan, year, value)``) per year against the national line (year -> value)."""
    years = sorted({y for y in national} | {y for _, y, _ in points})
    plans = list(dict.fromkeys(plan for plan, _, _ in points))
    highest = max([*national.values(), *(v for _, _, v in points)])
    top = nice_ceiling(highest * 1.05)
    if unit == "%" and highest <= 100:
        top = min(top, 100)
    ticks = tick_count(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(years)

    def x(year: int, offset: float = 0.0) -> float:
        return LEFT + step * (years.index(year) + 0.5) + offset

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    unit_label = "" if unit == "count" else unit
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="Indicator {escape(code)}: plans against QĐ 23" '
             f'font-family="sans-serif" font-size="11">']
    for i in range(ticks + 1):
        value = top * i / ticks
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                     f'stroke="#e4e4e4"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
                     f'{value:g}</text>')
    if unit_label:
        parts.append(f'<text x="{LEFT - 6}" y="{TOP - 4}" text-anchor="end" font-weight="bold">'
                     f'{escape(unit_label)}</text>')
    for year in years:
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{year}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#888"/>'
                 f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#888"/>')
    if national:
        line = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in sorted(national.items()))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{NATIONAL_COLOUR}" stroke-width="2" '
                     f'stroke-dasharray="6 4"/>')
        for year, value in sorted(national.items()):
            parts.append(f'<rect x="{x(year) - 4:.1f}" y="{y(value) - 4:.1f}" width="8" height="8" '
                         f'fill="{NATIONAL_COLOUR}" transform="rotate(45 {x(year):.1f} {y(value):.1f})">'
                         f'<title>QĐ 23 {year}: {value:g}{escape(unit_label)}</title></rect>')
    # plans' dots sit right of the national marker, side by side
    spread = min(10.0, (step / 2 - 8) / max(len(plans), 1))
    for i, plan in enumerate(plans):
        colour = PALETTE[i % len(PALETTE)]
        offset = 8 + i * spread
        for name, year, value in points:
            if name == plan:
                parts.append(f'<circle cx="{x(year, offset):.1f}" cy="{y(value):.1f}" r="5" fill="{colour}" '
                             f'stroke="white"><title>{escape(plan)} {year}: {value:g}{escape(unit_label)}</title>'
                             f'</circle>')
    legend = [("QĐ 23/QĐ-TTg", NATIONAL_COLOUR), *((p, PALETTE[i % len(PALETTE)]) for i, p in enumerate(plans))]
    for i, (name, colour) in enumerate(legend):
        ly = TOP + 8 + 16 * i
        short = name if len(name) <= 28 else name[:27] + "…"
        parts.append(f'<rect x="{WIDTH - RIGHT + 14}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{WIDTH - RIGHT + 30}" y="{ly + 1}">{escape(short)}<title>{escape(name)}</title></text>')
    parts.append("</svg>")
    return "".join(parts)
