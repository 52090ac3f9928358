"""What changed between two assessments of a journey. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.files.loader import identity
from assess.files.output import touchpoint_ids
from assess.files.planfields import plan_against_actual
from assess.i18n import _, in_sentence
from assess.journeys import Touchpoint
from assess.method.scoring import Assessment, Result
from assess.method.value import Span, appraise


@dataclass(frozen=True)
class AnswerChange:
    dimension: str
    label: str
    old: int | None
    new: int | None


@dataclass(frozen=True)
class Change:
    id: str
    old: Result
    new: Result
    answers: tuple[AnswerChange, ...]

    @property
    def name(self) -> str:
        return self.new.touchpoint.name

    @property
    def moved(self) -> bool:
        return self.old.recommendation != self.new.recommendation


@dataclass(frozen=True)
class Comparison:
    old: Assessment
    new: Assessment
    moved: tuple[Change, ...]
    rescored: tuple[Change, ...]
    unchanged: int
    added: tuple[Result, ...]
    removed: tuple[Result, ...]
    #: Touchpoints in both whose expected value a year moved (a verdict, a volume or a handle
    #: time changed), and the two assessments' expected totals; empty without economics.
    values: tuple[ValueChange, ...] = ()
    total: ValueChange | None = None


@dataclass(frozen=True)
class ValueChange:
    name: str
    old: float | None  # expected cost a year; None: not priced
    new: float | None
    currency: str


class TouchpointIndex:
    """Finds the touchpoint of another file that is the same one: the same id where both have
    one, else the same name (ignoring case and surrounding spaces, as the loader does). Merge
    and compare both use it, so they agree on identity."""

    def __init__(self) -> None:
        self._by_id: dict[str, int] = {}
        self._by_name: dict[str, int] = {}
        self._id_at: dict[int, str | None] = {}

    def find(self, tp: Touchpoint) -> int | None:
        own = identity(tp.id) if tp.id else None
        if own is not None and own in self._by_id:
            return self._by_id[own]
        found = self._by_name.get(identity(tp.name))
        if found is None:
            return None
        # The same name on a touchpoint with another id is a different touchpoint.
        return found if own is None or self._id_at.get(found) is None else None

    def add(self, tp: Touchpoint, position: int) -> None:
        own = identity(tp.id) if tp.id else None
        if own is not None:
            self._by_id.setdefault(own, position)
        self._id_at.setdefault(position, own)
        self._by_name.setdefault(identity(tp.name), position)


def compare(old: Assessment, new: Assessment) -> Comparison:
    """Touchpoints are matched by id where both have one, else by name."""
    index = TouchpointIndex()
    for position, r in enumerate(old.results):
        index.add(r.touchpoint, position)
    matched: set[int] = set()
    dims = new.questionnaire.dimensions
    moved, rescored, added = [], [], []
    pairs: list[tuple[Result, Result]] = []
    unchanged = 0
    for tp_id, r in zip(touchpoint_ids(new.results), new.results, strict=True):
        found = index.find(r.touchpoint)
        if found is None or found in matched:
            added.append(r)
            continue
        matched.add(found)
        previous = old.results[found]
        pairs.append((previous, r))
        answers = tuple(
            AnswerChange(d.id, d.label, previous.scores.get(d.id), r.scores.get(d.id))
            for d in dims
            if previous.scores.get(d.id) != r.scores.get(d.id)
        )
        change = Change(tp_id, previous, r, answers)
        if change.moved:
            moved.append(change)
        elif answers:
            rescored.append(change)
        else:
            unchanged += 1
    removed = tuple(r for i, r in enumerate(old.results) if i not in matched)
    values, total = value_changes(old, new, pairs)
    return Comparison(
        old, new, tuple(moved), tuple(rescored), unchanged, tuple(added), removed, values, total
    )


def value_changes(
    old: Assessment, new: Assessment, pairs: list[tuple[Result, Result]]
) -> tuple[tuple[ValueChange, ...], ValueChange | None]:
    """Expected value a year that moved, per touchpoint found in both, and in total; nothing
    when neither assessment is priced."""
    before, after = appraise(old), appraise(new)
    currency = next(
        (a.economics.currency for a in (after, before) if a.priced and a.economics), None
    )
    if currency is None:
        return (), None

    def cost(totals: Span | None) -> float | None:
        return totals.expected if totals else None

    worth = {
        id(m.result): cost(m.value.cost_per_year) if m.value else None
        for m in (*before.moves, *after.moves)
    }
    changes = tuple(
        ValueChange(b.touchpoint.name, worth[id(a)], worth[id(b)], currency)
        for a, b in pairs
        if worth[id(a)] != worth[id(b)]
    )
    total = ValueChange(
        "total",
        cost(before.totals.cost_per_year) if before.totals else None,
        cost(after.totals.cost_per_year) if after.totals else None,
        currency,
    )
    return changes, total


def describe_answers(change: Change) -> str:
    def shown(score: int | None) -> str:
        return "-" if score is None else str(score)

    return ", ".join(
        _("%(question)s %(old)s→%(new)s")
        % {"question": in_sentence(a.label), "old": shown(a.old), "new": shown(a.new)}
        for a in change.answers
    )


def to_dict(comparison: Comparison) -> dict[str, Any]:
    def change(c: Change) -> dict[str, Any]:
        return {
            "id": c.id,
            "name": c.name,
            "from": c.old.recommendation,
            "to": c.new.recommendation,
            "fit_from": c.old.fit,
            "fit_to": c.new.fit,
            "answers": [{"dimension": a.dimension, "from": a.old, "to": a.new} for a in c.answers],
        }

    def brief(r: Result) -> dict[str, Any]:
        return {
            "name": r.touchpoint.name,
            "stage": r.touchpoint.stage,
            "recommendation": r.recommendation,
            "fit": r.fit,
        }

    return {
        "old": {"title": comparison.old.workshop.title, "date": comparison.old.workshop.date},
        "new": {"title": comparison.new.workshop.title, "date": comparison.new.workshop.date},
        "moved": [change(c) for c in comparison.moved],
        "rescored": [change(c) for c in comparison.rescored],
        "unchanged": comparison.unchanged,
        "added": [brief(r) for r in comparison.added],
        "removed": [brief(r) for r in comparison.removed],
        "value": None
        if comparison.total is None
        else {
            "currency": comparison.total.currency,
            "from": comparison.total.old,
            "to": comparison.total.new,
            "moved": [{"name": v.name, "from": v.old, "to": v.new} for v in comparison.values],
        },
        # Plan against actual for every move of the new assessment with outcomes (issue 28).
        "actual": plan_against_actual(comparison.new),
    }
