"""The value-and-effort chart on page 2: expected hours a year each sized move frees (up, log
scale) against the effort of its change (right, one column per effort option). Pure geometry,
drawn by the template as SVG with the matrix's markers.

Every marker stays inside the frame (the scale leaves room for the largest shape at either end),
and every marker has its name: the key under the chart lists each number with its touchpoint.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assess.economics import Economics
from assess.files import money
from assess.i18n import _, in_sentence
from assess.method.value import Appraisal, Move
from assess.method.words import capfirst
from assess.report.chart import TRIANGLE, marker_size

WIDTH, HEIGHT, LEFT, TOP, BOTTOM, RIGHT = 640, 180, 70, 12, 38, 12
#: Room kept inside the frame above the highest and below the lowest marker's centre: the
#: tallest shape (a triangle) reaches 1.55 radii up, and radii stay under 12.
PAD = 12 * TRIANGLE[1] + 2


@dataclass(frozen=True)
class Dot:
    """A marker on the value chart, drawn by the same macro as the matrix's."""

    key: str
    verdict: str
    x: float
    y: float
    number: int
    r: float
    font: float
    baseline: float


@dataclass(frozen=True)
class KeyEntry:
    number: int
    verdict: str
    name: str
    hours: str


class _Scale:
    """Hours to height on a log scale whose decades hold every move, with PAD to spare."""

    def __init__(self, hours: list[float]) -> None:
        self.low = 10 ** math.floor(math.log10(max(min(hours), 1)))
        self.high = max(10 ** math.ceil(math.log10(max([*hours, 1]))), self.low * 10)

    def y(self, hours: float) -> float:
        span = math.log10(self.high) - math.log10(self.low)
        inside = HEIGHT - TOP - BOTTOM - 2 * PAD
        share = (math.log10(max(hours, self.low)) - math.log10(self.low)) / span
        return round(TOP + PAD + inside * (1 - share), 1)

    def ticks(self) -> list[float]:
        found, value = [], self.low
        while value <= self.high:
            found.append(value)
            value *= 10
        return found


def _dots(
    moves: list[Move], efforts: list[str], numbers: dict[str, int], scale: _Scale
) -> list[Dot]:
    column = (WIDTH - LEFT - RIGHT) / len(efforts)
    dots = []
    for m in moves:
        number = numbers[m.result.touchpoint.key]
        r, font, baseline = marker_size(m.result.recommendation, None, number)
        same = [o for o in moves if o.effort == m.effort]
        slot = (same.index(m) + 1) / (len(same) + 1)
        y = scale.y(m.value.hours_per_year.expected if m.value else 1)
        dots.append(
            Dot(
                m.result.touchpoint.key,
                m.result.recommendation,
                round(LEFT + column * (efforts.index(m.effort or "") + slot), 1),
                y,
                number,
                r,
                font,
                round(y + baseline, 1),
            )
        )
    return dots


def value_chart(
    appraisal: Appraisal, economics: Economics | None, labels: Mapping[str, str] | None = None
) -> dict[str, Any] | None:
    """Quick wins top left, big bets top right; None when no move is sized. `labels`: the
    effort options' labels by id (the questionnaire's, in its language)."""
    labels = labels or {}
    case = appraisal.case
    rule = case.priority if case else None
    if rule is None:
        return None
    efforts = list(rule.plan[rule.bands[0].id])
    moves = [m for m in appraisal.moves if m.value and m.wave and m.effort in efforts]
    if not moves:
        return None
    locale = economics.locale if economics else "en_GB"
    band = rule.bands[0].min_hours if len(rule.bands) > 1 else None
    hours = [m.value.hours_per_year.expected for m in moves if m.value]
    scale = _Scale([*hours, band] if band else hours)
    numbers = {m.result.touchpoint.key: n for n, m in enumerate(appraisal.moves, 1)}
    column = (WIDTH - LEFT - RIGHT) / len(efforts)
    dots = _dots(moves, efforts, numbers, scale)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "plot_w": WIDTH - LEFT - RIGHT,
        "plot_h": HEIGHT - TOP - BOTTOM,
        "columns": [
            (LEFT + column * (i + 0.5), labels.get(e, capfirst(e))) for i, e in enumerate(efforts)
        ],
        "dividers": [LEFT + column * i for i in range(1, len(efforts))],
        "ticks": [(scale.y(v), money.number(v, locale)) for v in scale.ticks()],
        "band": scale.y(band) if band else None,
        "band_text": (
            _("Dashed: %(hours)s hours a year, %(band)s from there up.")
            % {"hours": money.number(band, locale), "band": in_sentence(rule.bands[0].label)}
            if band
            else ""
        ),
        "dots": dots,
        "key": [
            KeyEntry(
                numbers[m.result.touchpoint.key],
                m.result.recommendation,
                m.result.touchpoint.name,
                money.number(m.value.hours_per_year.expected, locale) if m.value else "",
            )
            for m in sorted(moves, key=lambda m: numbers[m.result.touchpoint.key])
        ],
    }
