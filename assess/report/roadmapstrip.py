"""The plan page's roadmap: a strip per wave along the months, drawn by the template as SVG. Pure
geometry and its words.

Months run left to right, a tick each and their names where they fit (else every third, and
every January with its year); a year's start is a dashed line. Each wave is one row: its name
on the left, a bar over its months, and under the bar its months, moves and hours. The
decisions due before the first wave are a diamond in the month before it. Nothing rests on
colour: bars are light grey with a dark outline, text is dark on white, so the strip reads the
same printed in grey.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date

from assess.files.money import number
from assess.i18n import _, ngettext
from assess.method.plan import Roadmap, Wave

WIDTH, LEFT, RIGHT, TOP, ROW, BAR = 640, 74, 14, 34, 34, 14
#: Month names are drawn where a month is this wide at least; else every third month.
NAMED_MONTH = 26


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    year: str
    #: A year starts here: a dashed line down the strip.
    new_year: bool


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    x: float
    width: float
    caption: str
    #: Where the caption starts, and its anchor (it ends at the bar's end past the middle).
    caption_x: float
    anchor: str
    diamond: bool = False


def _day(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def _ticks(first: int, last: int, x: Any, locale: str, width: float) -> list[Tick]:
    every = 1 if width >= NAMED_MONTH else 3
    ticks = []
    for n in range(first, last + 1):
        day = _day(n)
        named = (n - first) % every == 0 or day.month == 1
        ticks.append(
            Tick(
                round(x(n), 1),
                format_date(day, "MMM", locale=locale) if named else "",
                str(day.year) if day.month == 1 or n == first else "",
                day.month == 1 and n != first,
            )
        )
    return ticks


def _caption(wave: Wave, dates: str, numbers: str) -> str:
    n = len(wave.moves)
    return ngettext(
        "%(dates)s · %(n)s move · %(hours)s hours a year",
        "%(dates)s · %(n)s moves · %(hours)s hours a year",
        n,
    ) % {"dates": dates, "n": n, "hours": number(wave.hours_per_year.expected, numbers)}


def strip(roadmap: Roadmap, locale: str, numbers: str | None = None) -> dict[str, Any] | None:
    """The strip's geometry; None without dates or without a wave. Months are named in
    `locale`; numbers are written in `numbers` (the workshop's, as the tables write them),
    else in `locale`."""
    start, end = (roadmap.waves[0].start, roadmap.end) if roadmap.waves else (None, None)
    if start is None or end is None:
        return None
    by = roadmap.decide_by if roadmap.decide else None
    first = by if by is not None else start
    months = end - first + 1
    width = (WIDTH - LEFT - RIGHT) / months

    def x(month: int) -> float:
        return LEFT + (month - first) * width

    bars: list[Bar] = []
    if by is not None:
        n = len(roadmap.decide)
        caption = ngettext(
            "Decide %(n)s verdict first, by %(month)s",
            "Decide %(n)s verdicts first, by %(month)s",
            n,
        ) % {"n": n, "month": format_date(_day(by), "MMM y", locale=locale)}
        bars.append(_bar(_("Decide"), 0, x(by), width, caption, True))
    for w in roadmap.waves:
        assert w.start is not None and w.end is not None
        dates = (
            format_date(_day(w.start), "MMM y", locale=locale)
            if w.start == w.end
            else f"{format_date(_day(w.start), 'MMM', locale=locale)}\u2013"
            f"{format_date(_day(w.end), 'MMM y', locale=locale)}"
        )
        label = _("Wave %(n)s") % {"n": w.number}
        bars.append(
            _bar(
                label,
                len(bars),
                x(w.start),
                width * (w.end - w.start + 1),
                _caption(w, dates, numbers or locale),
            )
        )
    return {
        "width": WIDTH,
        "height": TOP + ROW * len(bars) + 6,
        "left": LEFT,
        "top": TOP,
        "right": WIDTH - RIGHT,
        "bar": BAR,
        "ticks": _ticks(first, end, x, locale, width),
        "month_width": round(width, 1),
        "bars": bars,
    }


def _bar(label: str, row: int, x: float, width: float, caption: str, diamond: bool = False) -> Bar:
    """One row: the bar over its months, its caption under it, kept inside the strip."""
    y = TOP + ROW * row + 4
    past_middle = x + width / 2 > (LEFT + WIDTH - RIGHT) / 2
    return Bar(
        label,
        y,
        round(x, 1),
        round(width, 1),
        caption,
        round(x + width if past_middle else x, 1),
        "end" if past_middle else "start",
        diamond,
    )
