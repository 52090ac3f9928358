"""Typed models of a journey being assessed: the workshop file (its touchpoints, answers, votes
and facts) and the bundled journey templates it can start from. The questionnaire's models are
in :mod:`assess.models`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from assess.economics import MAX_MINUTES, MAX_VOLUME, Economics, amount
from assess.models import FileRef, Label, LongText, Name, Score, Text, _as_text, _Model

# --- what the room decides (issue 25) -----------------------------------------------------


class Settled(_Model):
    """The room's decision on a dimension people voted on: the value, and why (optional).
    Written `{value: 3, reason: ...}`; a bare number (`complexity: 3`) is a value alone."""

    value: Score
    reason: LongText | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, int) and not isinstance(data, bool) else data

    _coerce = field_validator("reason", mode="before")(_as_text)


class Action(_Model):
    """Something the room agreed someone will do: what, who, and by when (optional)."""

    text: LongText
    owner: Name
    due: dt.date | None = None

    _coerce = field_validator("text", "owner", mode="before")(_as_text)

    @field_validator("due", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    f"must be a date written 2026-12-31, got {value.strip()[:40]!r}"
                ) from None
        return value


#: The longest timebox a workshop may set, in minutes (a week of working days).
TIMEBOX_MAX = 5 * 24 * 60
_DURATION = re.compile(
    r"^\s*(?:(?P<h>\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)?\s*$",
    re.IGNORECASE,
)


def minutes_of(value: object) -> int:
    """A duration as people write it (`90m`, `90`, `1h30`, `1h 30m`, `1.5h`, `2h`) in whole
    minutes; ValueError saying what is allowed."""
    expected = "must be a duration such as 90m, 1h30 or 2h"
    if isinstance(value, bool):
        raise ValueError(expected)
    if isinstance(value, int):
        minutes = value
    else:
        text = str(value)
        found = _DURATION.match(text)
        if not text.strip() or found is None or not (found["h"] or found["m"]):
            raise ValueError(f"{expected}, got {text.strip()[:40]!r}")
        hours = float(found["h"].replace(",", ".")) if found["h"] else 0.0
        minutes = round(hours * 60) + (int(found["m"]) if found["m"] else 0)
    if not 1 <= minutes <= TIMEBOX_MAX:
        raise ValueError(f"{expected}, from 1 minute to {TIMEBOX_MAX // 60} hours")
    return minutes


# --- workshop ------------------------------------------------------------------------------


class Touchpoint(_Model):
    id: Label | None = None
    name: Name
    stage: Label | None = None
    channel: Label | None = None
    description: LongText | None = None
    #: A missing dimension, or one set to null, is not yet scored.
    scores: dict[str, Score | None] = Field(default_factory=dict)
    #: Each person's own scores, for team self-assessment: {person: {dimension: score}}.
    votes: dict[Name, dict[str, Score | None]] = Field(default_factory=dict)
    #: Answers to the questionnaire's optional questions, by option id; absent: not answered.
    inputs: dict[str, Label] = Field(default_factory=dict)
    #: The room's decision where people voted, per dimension: it wins over the votes, and on
    #: a split (votes two points apart or more) it is what "settled" means. See README.
    settled: dict[str, Settled] = Field(default_factory=dict)
    notes: LongText | None = None
    #: What the room agreed to do, and the questions it took offline.
    actions: list[Action] = Field(default_factory=list)
    parked: list[LongText] = Field(default_factory=list)
    #: Minutes the room spent on this touchpoint (saved by a timeboxed `assess run`).
    minutes_used: float | None = None
    #: Facts, not votes: contacts a month across all channels, and the minutes a person spends
    #: on one today. With the workshop's economics they size what a verdict is worth.
    volume: int | None = None
    handle_minutes: float | None = None

    _coerce = field_validator(
        "id", "name", "stage", "channel", "description", "notes", mode="before"
    )(_as_text)

    @field_validator("volume", mode="before")
    @classmethod
    def _volume(cls, value: Any) -> Any:
        return None if value is None else amount(value, 1, MAX_VOLUME, whole=True)

    @field_validator("handle_minutes", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> Any:
        return None if value is None else amount(value, 0, MAX_MINUTES, above=True)

    @field_validator("parked", mode="before")
    @classmethod
    def _parked(cls, value: Any) -> Any:
        return [_as_text(v) for v in value] if isinstance(value, list) else value

    @field_validator("minutes_used", mode="before")
    @classmethod
    def _minutes_used(cls, value: Any) -> Any:
        return None if value is None else amount(value, 0, TIMEBOX_MAX * 10)

    @property
    def key(self) -> str:
        """What identifies the touchpoint within its workshop."""
        return self.id or self.name


class Workshop(_Model):
    title: Name
    organisation: Name | None = None
    date: Label | None = None
    facilitator: Name | None = None
    participants: list[Name] = Field(default_factory=list)
    questionnaire: FileRef = "default"
    #: A brand file for the report (the consultancy's name, logo, colour), relative to this file.
    brand: FileRef | None = None
    #: What an hour costs and how money is written; without it nothing is priced.
    economics: Economics | None = None
    #: The room's time for the whole workshop, in minutes (written `90m`, `1h30`, ...).
    timebox: int | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)

    _coerce = field_validator(
        "date", "title", "organisation", "facilitator", "questionnaire", mode="before"
    )(_as_text)

    @field_validator("timebox", mode="before")
    @classmethod
    def _timebox(cls, value: Any) -> Any:
        return None if value is None else minutes_of(value)

    @property
    def stages(self) -> list[str]:
        """Stages in order of first appearance, which is the journey's order."""
        return list(dict.fromkeys(t.stage for t in self.touchpoints if t.stage))


# --- journey templates ---------------------------------------------------------------------


class TemplateTouchpoint(_Model):
    name: Name
    stage: Label | None = None
    channel: Label | None = None
    description: LongText | None = None


class JourneyTemplate(_Model):
    name: Text
    description: Text
    touchpoints: list[TemplateTouchpoint] = Field(default_factory=list)
