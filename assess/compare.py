"""What changed between two assessments of a journey. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.output import touchpoint_ids
from assess.scoring import Assessment, Result


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


def compare(old: Assessment, new: Assessment) -> Comparison:
    """Touchpoints are matched by id, else by name."""
    before = {r.touchpoint.match_key: r for r in old.results}
    after_keys = {r.touchpoint.match_key for r in new.results}
    dims = new.questionnaire.dimensions
    moved, rescored, added = [], [], []
    unchanged = 0
    for tp_id, r in zip(touchpoint_ids(new.results), new.results, strict=True):
        previous = before.get(r.touchpoint.match_key)
        if previous is None:
            added.append(r)
            continue
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
    removed = tuple(r for r in old.results if r.touchpoint.match_key not in after_keys)
    return Comparison(old, new, tuple(moved), tuple(rescored), unchanged, tuple(added), removed)


def describe_answers(change: Change) -> str:
    def shown(score: int | None) -> str:
        return "-" if score is None else str(score)

    return ", ".join(f"{a.label.lower()} {shown(a.old)}→{shown(a.new)}" for a in change.answers)


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
    }
