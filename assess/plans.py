"""Typed models of a plan and of what came back (issue 28): the workshop's `plan` (the month the
first wave starts, the length of a wave, how many changes the team can run at once), a
touchpoint's `owner`, `after` and `kpi`, and the `outcomes` recorded once a change is live.
Part of the ground; the dated plan is :mod:`assess.method.plan`, plan against actual
:mod:`assess.method.actual`.

A month is written ``YYYY-MM`` everywhere (``2027-02``): in the file, on the command line and
in the JSON. It is kept as that text; :func:`month_number` counts months for the arithmetic.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import field_validator, model_validator

from assess.economics import MAX_MINUTES, MAX_VOLUME, a_staffed_share, amount
from assess.models import Label, LongText, Name, _as_text, _Model

#: A month as people and the JSON write it: 2027-02.
MONTH = re.compile(r"(\d{4})-(\d{2})")
FIRST_YEAR, LAST_YEAR = 1900, 2999
MONTH_EXAMPLE = "2027-06"
#: Bounds no real plan reaches; above them a number is a typing accident.
MAX_WAVE_MONTHS = 36
MAX_CAPACITY = 1_000
MAX_KPI = 1e12
#: What a wave lasts where the plan does not say.
WAVE_MONTHS = 3


def a_month(value: Any) -> Any:
    """A month written YYYY-MM (2027-06), or a ValueError that says so. A date (2027-06-15),
    a month without its zero (2027-6) or another order (06/2027) is refused, not guessed."""
    text = value.strip() if isinstance(value, str) else None
    found = MONTH.fullmatch(text) if text is not None else None
    if found is None or not (
        FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR and 1 <= int(found.group(2)) <= 12
    ):
        shown = str(getattr(value, "source", value))[:20]
        got = "" if value is None else f", got '{shown}'"
        raise ValueError(f"must be a month written YYYY-MM, such as {MONTH_EXAMPLE}{got}")
    return text


def month_number(text: str) -> int:
    """Months since year 0 (2027-02 is 2027 x 12 + 1): months differ by subtraction."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(number: int) -> str:
    """The month `number` counts, written YYYY-MM."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def a_measure(value: Any) -> Any:
    """A KPI's value: a finite number, positive or negative, that a person could mean."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if not math.isfinite(value) or abs(value) > MAX_KPI:
        raise ValueError(f"must be a number between -{MAX_KPI:,.0f} and {MAX_KPI:,.0f}")
    return float(value)


class Plan(_Model):
    """When the waves happen: the first starts in `start`, each lasts `wave_months`, and at
    most `capacity` changes run in one wave (absent: no limit)."""

    start: str
    wave_months: int = WAVE_MONTHS
    capacity: int | None = None

    _start = field_validator("start", mode="before")(a_month)

    @field_validator("wave_months", mode="before")
    @classmethod
    def _months(cls, value: Any) -> Any:
        return amount(value, 1, MAX_WAVE_MONTHS, whole=True)

    @field_validator("capacity", mode="before")
    @classmethod
    def _capacity(cls, value: Any) -> Any:
        return None if value is None else amount(value, 1, MAX_CAPACITY, whole=True)


class Kpi(_Model):
    """How anyone will know a move worked: a measure, its unit, where it stands today and
    where the move should take it."""

    name: Name
    unit: Label | None = None
    baseline: float
    target: float

    _text = field_validator("name", "unit", mode="before")(_as_text)
    _numbers = field_validator("baseline", "target", mode="before")(a_measure)

    @model_validator(mode="after")
    def _a_change(self) -> Kpi:
        if self.target == self.baseline:
            raise ValueError("the target equals the baseline: a target says what should change")
        return self


#: The measures an outcome may hold; at least one is needed.
MEASURES = ("volume", "handle_minutes", "staffed_share", "kpi")


class Outcome(_Model):
    """What was measured in a month once a change was live: the facts of the business case
    as they are now, the KPI, and a note."""

    date: str
    volume: int | None = None
    handle_minutes: float | None = None
    staffed_share: float | None = None
    kpi: float | None = None
    note: LongText | None = None

    _date = field_validator("date", mode="before")(a_month)
    _staffed = field_validator("staffed_share", mode="before")(a_staffed_share)
    _kpi = field_validator("kpi", mode="before")(a_measure)
    _note = field_validator("note", mode="before")(_as_text)

    @field_validator("volume", mode="before")
    @classmethod
    def _volume(cls, value: Any) -> Any:
        return None if value is None else amount(value, 1, MAX_VOLUME, whole=True)

    @field_validator("handle_minutes", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> Any:
        return None if value is None else amount(value, 0, MAX_MINUTES, above=True)

    @model_validator(mode="after")
    def _measured(self) -> Outcome:
        if all(getattr(self, key) is None for key in MEASURES):
            raise ValueError(f"an outcome needs at least one measure: {', '.join(MEASURES)}")
        return self


#: How many names `after` may hold, and outcomes a touchpoint may record (one a month for
#: fifty years is far more than any plan needs).
MAX_AFTER = 200
MAX_OUTCOMES = 600
