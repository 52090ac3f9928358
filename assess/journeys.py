"""Typed models of a journey being assessed: the workshop file (its touchpoints, answers, votes
and facts) and the bundled journey templates it can start from. The questionnaire's models are
in :mod:`assess.models`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from pydantic import Field, PrivateAttr, field_validator, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

from assess.economics import (
    MAX_MINUTES,
    MAX_VOLUME,
    Economics,
    Evidence,
    Range,
    a_money_amount,
    a_staffed_share,
    amount,
    share_needs_basis,
)
from assess.i18n import language_code
from assess.models import FileRef, Label, LongText, Name, Score, Text, _as_text, _Model
from assess.plans import MAX_AFTER, MAX_OUTCOMES, Kpi, Outcome, Plan

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
    #: Each person's own scores, for team self-assessment: {person: {dimension: score}}. A
    #: person's answers to optional questions stand beside them in the file, by option id
    #: ({Ana: {complexity: 3, consequence: harmful}}), and are read into `answer_votes`.
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
    #: The business case's facts (issue 27), all optional. The share of these contacts a
    #: person handles today (absent: 1; 0: pure self-service).
    staffed_share: float | None = None
    #: The share of handling time the change takes away, from this touchpoint's own evidence
    #: (a pilot); it replaces the verdict's planning share, and says where it comes from.
    share: Range | None = None
    share_basis: Name | None = None
    #: One-off cost to build the change, and its running cost a year, in the workshop's
    #: currency; they replace the estimates from effort.
    build_cost: float | None = None
    run_cost_per_year: float | None = None
    #: How the volume and handle time were found (absent: estimated).
    evidence: Evidence | None = None
    #: The plan (issue 28), all optional: who answers for the move, the moves (by name, in
    #: this workshop) that must be done first, the KPI that says it worked, and what was
    #: measured once it was live.
    owner: Name | None = None
    after: list[Name] = Field(default_factory=list, max_length=MAX_AFTER)
    kpi: Kpi | None = None
    outcomes: list[Outcome] = Field(default_factory=list, max_length=MAX_OUTCOMES)
    _answer_votes: dict[str, dict[str, str]] = PrivateAttr(default_factory=dict)

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

    _staffed = field_validator("staffed_share", mode="before")(a_staffed_share)
    _money = field_validator("build_cost", "run_cost_per_year", mode="before")(a_money_amount)
    _basis = field_validator("share_basis", mode="before")(_as_text)
    _owner = field_validator("owner", mode="before")(_as_text)

    @field_validator("after", mode="before")
    @classmethod
    def _after(cls, value: Any) -> Any:
        """`after: Order confirmation` (one name) is read as a list of one."""
        if isinstance(value, str):
            return [value]
        return [_as_text(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _share_and_basis(self) -> Touchpoint:
        share_needs_basis(self.share, self.share_basis)
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _answers_beside_scores(
        cls, data: Any, handler: ModelWrapValidatorHandler[Touchpoint]
    ) -> Touchpoint:
        """A vote's text values are answers to optional questions (option ids), its numbers
        scores: the answers are kept apart, so `votes` stays scores only. Which keys may hold
        which is checked against the questionnaire by the loader."""
        answers: dict[str, dict[str, str]] = {}
        votes = data.get("votes") if isinstance(data, Mapping) else None
        if isinstance(votes, Mapping):
            scores: dict[Any, Any] = {}
            for person, ballot in votes.items():
                if not isinstance(ballot, Mapping):
                    scores[person] = ballot
                    continue
                scores[person] = {k: v for k, v in ballot.items() if not isinstance(v, str)}
                picked = {str(k): v.strip() for k, v in ballot.items() if isinstance(v, str)}
                if picked:
                    answers[str(person).strip()] = picked
            data = {**data, "votes": scores}
        touchpoint = handler(data)
        touchpoint._answer_votes = answers
        return touchpoint

    @property
    def answer_votes(self) -> dict[str, dict[str, str]]:
        """Each person's answers to optional questions: {person: {question: option id}}."""
        return self._answer_votes

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
    #: Who voted blind from a phone (`assess run --phones` keeps it); the report says so.
    phone_voters: list[Name] = Field(default_factory=list)
    questionnaire: FileRef = "default"
    #: A brand file for the report (the consultancy's name, logo, colour), relative to this file.
    brand: FileRef | None = None
    #: What an hour costs and how money is written; without it nothing is priced.
    economics: Economics | None = None
    #: The language the report and the walk are written in (en, de or fr), unless --lang says.
    language: Label | None = None
    #: The room's time for the whole workshop, in minutes (written `90m`, `1h30`, ...).
    timebox: int | None = None
    #: When the waves happen (issue 28): start month, wave length, capacity.
    plan: Plan | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError("must be a language code such as en, de or fr")
        return language_code(value)  # a ValueError naming the languages assess writes

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
