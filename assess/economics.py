"""Typed models of what a verdict is worth: a workshop's economics, a touchpoint's business-case
facts, and a questionnaire's business case (shares, build effort, priority rule). Part of the
ground (imported by :mod:`assess.models` and :mod:`assess.journeys`); the arithmetic is
:mod:`assess.method.value`.

Numbers here are facts people type into a file, so each is checked for what a person could mean:
finite, not negative, and within a bound no real journey reaches (1e308 or a 400-digit number is a
typing accident, not a cost).
"""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal

from babel import Locale, UnknownLocaleError
from babel.numbers import is_currency
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PRIORITIES = ("quick-win", "big-bet", "fill-in", "not-now")
Priority = Literal["quick-win", "big-bet", "fill-in", "not-now"]
#: The priority of every keep-human touchpoint: nothing to save, people to invest in.
PROTECT = "protect"
Wave = Annotated[int, Field(strict=True, ge=1, le=3)]

#: Upper bounds no real journey reaches; above them a number is a typing accident.
MAX_COST_PER_HOUR = 1_000_000
MAX_VOLUME = 1_000_000_000  # contacts a month
MAX_MINUTES = 100_000  # minutes a person spends on one contact (about ten weeks of work)
HOURS_IN_A_YEAR = 8_784
MAX_DAY_RATE = 10_000_000  # a day of the people who build a change
MAX_AMOUNT = 10_000_000_000  # a build cost or a yearly running cost
MAX_RUN_SHARE = 5  # running costs a year as a share of the build cost
MAX_HORIZON = 30  # years
MAX_DAYS = 1_000_000  # person-days to build one change
#: Hours a full-time person works in a year, where the workshop does not say.
HOURS_PER_FTE = 1600
#: Years the net is counted over, where the workshop does not say.
HORIZON_YEARS = 3
#: How a touchpoint's volume and handle time were found.
Evidence = Literal["measured", "estimated"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def amount(value: Any, low: float, high: float, whole: bool = False, above: bool = False) -> Any:
    """A number a person typed, or a ValueError that says what is allowed. `above`: the lowest
    value itself is not allowed (a handle time of 0 minutes means nothing to size)."""
    noun = "a whole number" if whole else "a number"
    bounds = f"above {_shown(low)}" if above else f"from {_shown(low)}"
    expected = f"must be {noun} {bounds} to {_shown(high)}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(expected)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{expected}, not infinity or NaN")
    if whole and isinstance(value, float) and not value.is_integer():
        raise ValueError(expected)
    if value < low or value > high or (above and value == low):
        # Never print a 400-digit number back: say how big it is.
        shown = _shown(value) if abs(value) < 1e15 else "a number far too large"
        raise ValueError(f"{expected}, got {shown}")
    return int(value) if whole else float(value)


def _shown(number: float) -> str:
    """A bound or a value already known to be below 1e15."""
    return f"{int(number):,}" if number == int(number) else f"{number:,g}"


class Economics(_Model):
    """What an hour of a person's time costs, and how money and numbers are written."""

    #: ISO 4217 code, e.g. EUR.
    currency: str
    #: How numbers and money are written (a Babel locale), e.g. de_DE.
    locale: str = "en_GB"
    #: The fully loaded cost of an hour of a person's time, in the currency.
    cost_per_hour: float
    #: Hours a full-time person works in a year.
    hours_per_fte: float = HOURS_PER_FTE
    #: The cost of a day of the people who build a change; with it a change's build cost is
    #: estimated from its effort (person-days in the questionnaire x this rate).
    build_day_rate: float | None = None
    #: Yearly running cost (licences, upkeep) as a share of the build cost; without it, the
    #: questionnaire's default.
    run_share: float | None = None
    #: The years the net is counted over.
    horizon_years: int = HORIZON_YEARS

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> Any:
        if not isinstance(value, str) or not is_currency(value.strip().upper()):
            got = f", got '{value.strip()[:20]}'" if isinstance(value, str) else ""
            raise ValueError(f"must be an ISO 4217 currency code such as EUR, GBP or USD{got}")
        return value.strip().upper()

    @field_validator("locale", mode="before")
    @classmethod
    def _locale(cls, value: Any) -> Any:
        text = value.strip().replace("-", "_") if isinstance(value, str) else ""
        try:
            Locale.parse(text)
        except (UnknownLocaleError, ValueError, TypeError):
            got = f", got '{text[:20]}'" if text else ""
            raise ValueError(f"must be a locale such as en_GB, de_DE or fr_FR{got}") from None
        return text

    @field_validator("cost_per_hour", mode="before")
    @classmethod
    def _cost(cls, value: Any) -> Any:
        return amount(value, 0, MAX_COST_PER_HOUR)

    @field_validator("hours_per_fte", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> Any:
        return amount(value, 0, HOURS_IN_A_YEAR, above=True)

    @field_validator("build_day_rate", mode="before")
    @classmethod
    def _day_rate(cls, value: Any) -> Any:
        return None if value is None else amount(value, 0, MAX_DAY_RATE)

    @field_validator("run_share", mode="before")
    @classmethod
    def _run_share(cls, value: Any) -> Any:
        return None if value is None else amount(value, 0, MAX_RUN_SHARE)

    @field_validator("horizon_years", mode="before")
    @classmethod
    def _horizon(cls, value: Any) -> Any:
        return amount(value, 1, MAX_HORIZON, whole=True)


class _Ordered(_Model):
    """Three figures low <= expected <= high, each from 0 to the class's top."""

    low: float
    expected: float
    high: float
    top: ClassVar[float] = 1

    @field_validator("low", "expected", "high", mode="before")
    @classmethod
    def _each(cls, value: Any) -> Any:
        return amount(value, 0, cls.top)

    @model_validator(mode="after")
    def _ordered(self) -> _Ordered:
        if not self.low <= self.expected <= self.high:
            raise ValueError(
                f"needs low <= expected <= high, got {_shown(self.low)}, "
                f"{_shown(self.expected)}, {_shown(self.high)}"
            )
        return self


class Range(_Ordered):
    """A share a touchpoint's own evidence gives (a pilot), each from 0 to 1."""


class Days(_Ordered):
    """Person-days to build a change of one effort class."""

    top: ClassVar[float] = MAX_DAYS


class Build(_Model):
    """What a change costs to build and run, as the questionnaire's planning data."""

    #: Effort option id -> person-days to build the change.
    days: dict[str, Days]
    #: Where the person-days come from, for the report's appendix.
    basis: str = Field(min_length=1)
    #: Yearly running cost as a share of the build cost, where the workshop does not say.
    run_share: float
    run_basis: str = Field(min_length=1)

    @field_validator("run_share", mode="before")
    @classmethod
    def _run_share(cls, value: Any) -> Any:
        return amount(value, 0, MAX_RUN_SHARE)


class Share(_Model):
    """The share of today's handling time a verdict's change takes away."""

    low: Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
    expected: Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
    high: Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]
    #: What the share counts (contacts contained, time saved per contact, ...).
    basis: str = Field(min_length=1)
    evidence: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Share:
        if not self.low <= self.expected <= self.high:
            raise ValueError("needs low <= expected <= high")
        return self


class Shares(_Model):
    automate: Share
    assist: Share
    keep_human: Share = Field(alias="keep-human")

    @field_validator("keep_human")
    @classmethod
    def _nothing(cls, share: Share) -> Share:
        if share.high != 0:
            raise ValueError("keeping a moment human saves no time: low, expected, high are 0")
        return share


class ValueBand(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    label: str = Field(min_length=1)
    #: Expected hours a year the change saves, at least.
    min_hours: Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]


class PriorityRule(_Model):
    """Value against effort to a priority and a wave (1 now, 2 next, 3 later)."""

    #: The optional question that says how big a change is; no rule may use it.
    effort_input: str = "effort"
    #: What an unanswered effort counts as.
    default_effort: str = "medium"
    #: Value bands, highest first.
    bands: Annotated[list[ValueBand], Field(min_length=1)]
    #: band id -> effort option id -> priority.
    plan: dict[str, dict[str, Priority]]
    waves: dict[Priority, Wave]
    #: Borderline verdicts and team splits are decided before anything is built: never earlier
    #: than this wave.
    decide_first_wave: Wave = 2
    because: str = Field(min_length=1)


class BusinessCase(_Model):
    #: The formula and what it assumes, in words for the report's appendix.
    summary: str = Field(min_length=1)
    shares: Shares
    #: The dimension whose answer says how often a touchpoint happens, and the contacts a month
    #: from which each answer starts (from its anchor); a volume two or more answers away from
    #: the room's is reported.
    volume_dimension: str = "scale"
    volume_from: dict[int, Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]] = Field(
        default_factory=dict
    )
    priority: PriorityRule | None = None
    #: Build effort per effort class and the running cost; without it only a touchpoint's own
    #: `build_cost` counts.
    build: Build | None = None
    #: What the report says beside freed capacity: a change to roles is discussed with
    #: employee representatives where the law requires.
    representatives: str | None = Field(default=None, min_length=1)

    def share(self, verdict: str) -> Share:
        return {"automate": self.shares.automate, "assist": self.shares.assist}.get(
            verdict, self.shares.keep_human
        )


# --- a touchpoint's business-case facts (validators for :class:`assess.journeys.Touchpoint`) --


def a_staffed_share(value: Any) -> Any:
    """The share of contacts a person handles today: 0 (pure self-service) to 1."""
    return None if value is None else amount(value, 0, 1)


def a_money_amount(value: Any) -> Any:
    """A build cost or a yearly running cost, in the workshop's currency."""
    return None if value is None else amount(value, 0, MAX_AMOUNT)


def share_needs_basis(share: Range | None, basis: str | None) -> None:
    """A touchpoint's own share must say where it comes from, and a basis needs a share."""
    if share is not None and basis is None:
        raise ValueError(
            "`share` needs `share_basis`: say where the share comes from "
            '(e.g. "Pilot, March 2027: 45% contained")'
        )
    if share is None and basis is not None:
        raise ValueError("`share_basis` is given without `share`: give the share it explains")
