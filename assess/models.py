"""Typed models of the questionnaire, and the text types and limits every input format shares.
The workshop file's models are in :mod:`assess.journeys`.

The models only describe shape and local constraints. Checks that need both files
(a score for a dimension the questionnaire does not have) or the whole rule set
(a rule that can never fire) live in :mod:`assess.files.loader` and
:mod:`assess.method.calibration`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assess.economics import BusinessCase

Verdict = Literal["automate", "assist", "keep-human"]
#: Verdicts from least to most human; rules and monotonicity are defined on this order.
VERDICTS: tuple[Verdict, ...] = ("automate", "assist", "keep-human")
UNSCORED = "unscored"
SCORE_MIN, SCORE_MAX = 1, 5

Score = Annotated[int, Field(strict=True, ge=SCORE_MIN, le=SCORE_MAX)]
Text = Annotated[str, Field(min_length=1)]

#: The longest text each field of a workshop may hold, in characters (the README's Safety
#: section): room for anything a workshop writes, and a bound on what every command lays out
#: (a 100,000-character name kept `report` busy for minutes). Longer text is refused, naming
#: the field and its limit; the file is never changed.
NAME_MAX = 200  # a title, organisation, facilitator or person; a touchpoint's name
LABEL_MAX = 100  # an id, stage, channel, date, or an answer to an optional question
LONG_TEXT_MAX = 5_000  # a description or notes
PATH_MAX = 1_000  # the questionnaire or brand a workshop names
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
Label = Annotated[str, Field(min_length=1, max_length=LABEL_MAX)]
LongText = Annotated[str, Field(min_length=1, max_length=LONG_TEXT_MAX)]
FileRef = Annotated[str, Field(min_length=1, max_length=PATH_MAX)]
#: A touchpoint's text fields and their limits, for the spreadsheet import.
TOUCHPOINT_TEXT_MAX = {
    "id": LABEL_MAX,
    "name": NAME_MAX,
    "stage": LABEL_MAX,
    "channel": LABEL_MAX,
    "description": LONG_TEXT_MAX,
    "notes": LONG_TEXT_MAX,
}
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _as_text(value: Any) -> Any:
    """YAML reads `version: 1.0` or `name: 1e3` as a number; people mean the text they typed,
    which the reader keeps (a round-trip document may still hold a date)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | dt.date):
        return str(getattr(value, "source", value))
    return value


# --- questionnaire -------------------------------------------------------------------------


class Anchor(_Model):
    label: Text
    text: Text


Basis = Literal["need", "payback"]


class Dimension(_Model):
    id: Identifier
    label: Text
    question: Text
    help: Text
    #: "human": a higher answer argues for a person; "automate": it argues for automation.
    direction: Literal["human", "automate"]
    #: "need": the answer says whether the customer needs a person, and counts in the fit.
    #: "payback": it says only whether automating pays back (volume); rules use it, the fit
    #: does not, so a verdict can say which of the two it rests on.
    role: Basis = "need"
    weight: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)] | None = None
    anchors: dict[int, Anchor]

    @field_validator("anchors")
    @classmethod
    def _five_anchors(cls, anchors: dict[int, Anchor]) -> dict[int, Anchor]:
        expected = set(range(SCORE_MIN, SCORE_MAX + 1))
        if set(anchors) != expected:
            got = ", ".join(str(k) for k in sorted(anchors)) or "none"
            raise ValueError(f"needs one anchor for each point 1 to 5 (got {got})")
        return dict(sorted(anchors.items()))

    @model_validator(mode="after")
    def _weight_for_need(self) -> Dimension:
        if self.role == "need" and self.weight is None:
            raise ValueError("a need dimension needs a weight (its share of the fit)")
        if self.role == "payback" and self.weight is not None:
            raise ValueError("a payback dimension has no weight: it does not count in the fit")
        return self

    def toward_person(self, score: int) -> bool:
        return score >= 4 if self.direction == "human" else score <= 2

    def toward_automation(self, score: int) -> bool:
        return score <= 2 if self.direction == "human" else score >= 4


class Range(_Model):
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        return self

    def contains(self, score: int) -> bool:
        return (self.min is None or score >= self.min) and (self.max is None or score <= self.max)

    @property
    def low(self) -> int:
        return SCORE_MIN if self.min is None else max(SCORE_MIN, self.min)

    @property
    def high(self) -> int:
        return SCORE_MAX if self.max is None else min(SCORE_MAX, self.max)


Condition = dict[str, Range]


class Effect(_Model):
    #: The verdict is at least this human (a floor) ...
    at_least: Verdict | None = None
    #: ... or at most this human (a ceiling).
    at_most: Verdict | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Effect:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least or at_most")
        return self


class Rule(_Model):
    id: Slug
    title: Text
    when: Annotated[Condition, Field(min_length=1)]
    then: Effect
    #: What the rule argues from: the customer's need for a person, or whether automating pays
    #: back. Kept apart so a verdict can say which it rests on.
    basis: Basis = "need"
    #: What the verdict's basis line says when this rule keeps the verdict where it is, in one
    #: sentence ("Kept with people because many customers here are vulnerable.").
    basis_note: Text | None = None
    because: Text
    evidence: Text


class InputOption(_Model):
    id: Slug
    label: Text
    text: Text


class OptionalInput(_Model):
    """A question a room may answer or skip. Its options run from the one that argues least
    for a person to the one that argues most, so rules on it stay monotonic."""

    id: Identifier
    label: Text
    question: Text
    help: Text
    options: Annotated[list[InputOption], Field(min_length=2)]
    #: Verdicts that need this question answered: left unanswered on one of them, the verdict
    #: is "decide first" (a person one step away is a condition of automating).
    needed_for: list[Verdict] = Field(default_factory=list)

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> InputOption:
        return self.options[self.option_ids.index(option_id)]


class AssistKind(_Model):
    id: Slug
    label: Text
    summary: Text
    when: Condition = Field(default_factory=dict)
    #: The kind applies only where the need answers alone give this verdict (e.g. keep-human:
    #: a person still leads, technology carries the volume).
    need: Verdict | None = None
    #: Before method 1.2, guidance hung on kinds and verdicts; see Questionnaire.guidance_items.
    guidance: list[Text] = Field(default_factory=list)


class VerdictText(_Model):
    label: Text
    #: A few words said beside the verdict on a touchpoint page and in its reasons (keep human:
    #: "Help behind the person"), as an assist verdict's kind is.
    tagline: Text | None = None
    summary: Text
    guidance: list[Text] = Field(default_factory=list)


#: What a verdict rests on: the customer's need, payback, or both.
VerdictBasis = Literal["need", "payback", "both"]


class GuidanceItem(_Model):
    """One piece of design guidance and when it applies: every condition given must hold (an
    empty one holds always). A touchpoint's guidance is the items that apply, in file order."""

    id: Slug
    text: Text
    #: The verdicts it is for; empty: any verdict.
    verdicts: list[Verdict] = Field(default_factory=list)
    #: Answers that must hold, like a rule's `when` (dimensions, optional inputs by option id).
    when: Condition = Field(default_factory=dict)
    #: At least one of these rules fired.
    rules: list[Slug] = Field(default_factory=list)
    #: The assist kind is one of these.
    kinds: list[Slug] = Field(default_factory=list)
    #: The verdict rests on one of these.
    basis: list[VerdictBasis] = Field(default_factory=list)


class Thresholds(_Model):
    automate: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    assist: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    #: A fit this close to a threshold, with no guardrail deciding, is flagged as borderline.
    margin: Annotated[float, Field(ge=0, le=50, allow_inf_nan=False)] = 5

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.assist >= self.automate:
            raise ValueError("the assist threshold must be below the automate threshold")
        return self


class Source(_Model):
    id: Slug
    text: Text


class Questionnaire(_Model):
    name: Text
    version: Text
    #: The language its text is written in (ISO 639-1); a translation file beside it
    #: (`name.de.yaml`) gives its text in another (see assess.files.translation).
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    title: Text
    description: Text
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    #: Optional questions (consequence of a wrong answer, legal duty, ...): asked after the
    #: dimensions, skippable; rules may name them like dimensions, by option id.
    inputs: list[OptionalInput] = Field(default_factory=list)
    thresholds: Thresholds
    rules: list[Rule] = Field(default_factory=list)
    assist_kinds: Annotated[list[AssistKind], Field(min_length=1)]
    verdicts: dict[Verdict, VerdictText]
    #: Design guidance with its conditions (method 1.2 on); see guidance_items.
    guidance: list[GuidanceItem] = Field(default_factory=list)
    #: At most this many items of guidance per touchpoint.
    guidance_limit: Annotated[int, Field(strict=True, ge=1, le=20)] = 5
    sources: list[Source] = Field(default_factory=list)
    #: What each verdict is worth and what to do first (optional; see assess.economics).
    business_case: BusinessCase | None = None

    _coerce_version = field_validator("version", mode="before")(_as_text)

    @model_validator(mode="before")
    @classmethod
    def _option_positions(cls, data: Any) -> Any:
        """Rules name an optional input's options by id (``consequence: {min: harmful}``); the
        engine compares positions (1 = the first option), as it does for 1-5 answers."""
        if not isinstance(data, dict) or not isinstance(data.get("inputs"), list):
            return data
        options: dict[Any, list[str]] = {
            i.get("id"): [str(o.get("id")) for o in i.get("options") or [] if isinstance(o, dict)]
            for i in data["inputs"]
            if isinstance(i, dict)
        }

        def position(input_id: str, bound: Any) -> Any:
            ids = options[input_id]
            if isinstance(bound, str) and bound in ids:
                return ids.index(bound) + 1
            if isinstance(bound, str):
                raise ValueError(
                    f"'{bound}' is not an option of {input_id} (options: {', '.join(ids)})"
                )
            return bound

        for section in ("rules", "assist_kinds", "guidance"):
            for item in data.get(section) or []:
                when: Any = item.get("when") if isinstance(item, dict) else None
                for key, rng in (when or {}).items() if isinstance(when, dict) else ():
                    if key in options and isinstance(rng, dict):
                        when[key] = {b: position(key, v) for b, v in rng.items()}
        return data

    @field_validator("verdicts")
    @classmethod
    def _all_verdicts(cls, verdicts: dict[Verdict, VerdictText]) -> dict[Verdict, VerdictText]:
        missing = [v for v in VERDICTS if v not in verdicts]
        if missing:
            raise ValueError(f"needs a text for every verdict; missing: {', '.join(missing)}")
        return verdicts

    @property
    def guidance_items(self) -> list[GuidanceItem]:
        """The guidance section; a questionnaire written before it (1.0, 1.1) has its guidance
        per assist kind and per verdict, which reads as items with just those conditions."""
        if self.guidance:
            return self.guidance
        items = [
            GuidanceItem(id=f"{k.id}-{n}", text=text, verdicts=["assist"], kinds=[k.id])
            for k in self.assist_kinds
            for n, text in enumerate(k.guidance, 1)
        ]
        items += [
            GuidanceItem(id=f"{v}-{n}", text=text, verdicts=[v])
            for v, described in self.verdicts.items()
            for n, text in enumerate(described.guidance, 1)
        ]
        return items

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    @property
    def input_ids(self) -> list[str]:
        return [i.id for i in self.inputs]

    def optional_input(self, input_id: str) -> OptionalInput:
        return self.inputs[self.input_ids.index(input_id)]

    def bounds(self, key: str) -> tuple[int, int]:
        """The lowest and highest answer a condition on `key` can meet."""
        if key in self.input_ids:
            return 1, len(self.optional_input(key).options)
        return SCORE_MIN, SCORE_MAX

    def label_of(self, key: str) -> str:
        return (
            self.optional_input(key).label if key in self.input_ids else self.dimension(key).label
        )

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)
