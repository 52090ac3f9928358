"""One set of answers to a verdict, and how firm it is. Pure: no I/O, no printing.

The model, all of it data in the questionnaire:

* an *automation fit* from 0 to 100, the weighted mean of the answers that speak to the
  customer's need (complexity, emotional stakes, technology as barrier), each turned so that
  100 means "everything argues for automation". Volume (a *payback* dimension) is not in it:
  volume says whether automating pays back, never whether a person is needed;
* thresholds on that fit give the base verdict;
* guardrail rules then set a floor ("at least assist") or a ceiling ("at most automate"); each
  rule argues from need or from payback, so every verdict can say which of the two it rests on.

Verdicts are ordered automate < assist < keep-human. A floor may only depend on answers being
*more human* and a ceiling only on answers being *more automatable*;
:func:`assess.method.calibration.check_questionnaire` enforces this, and with it every verdict is
monotonic in every answer, optional ones included.

Answers are positions: 1-5 for a dimension, 1..n for an optional input's n options (first =
argues least for a person). An optional input left unanswered is absent, and no rule on it fires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.i18n import _, in_sentence
from assess.method.words import number, verdict_word
from assess.models import (
    SCORE_MAX,
    SCORE_MIN,
    VERDICTS,
    AssistKind,
    Condition,
    Questionnaire,
    Rule,
    Verdict,
)

Answers = Mapping[str, int]
Basis = str  # "need", "payback" or "both"


# --- the decision ----------------------------------------------------------------------------


def automation_fit(questionnaire: Questionnaire, answers: Answers) -> int:
    """Weighted mean of the need answers on a 0-100 scale, 100 meaning "automate"."""
    need = [d for d in questionnaire.dimensions if d.role == "need"]
    total = sum(d.weight or 0 for d in need)
    span = SCORE_MAX - SCORE_MIN
    weighted = 0.0
    for d in need:
        towards_automation = (answers[d.id] - SCORE_MIN) / span
        if d.direction == "human":
            towards_automation = 1 - towards_automation
        weighted += (d.weight or 0) * towards_automation
    # Decisions use the rounded figure so the number a reader sees always explains the verdict.
    return round(100 * weighted / total)


def base_verdict(questionnaire: Questionnaire, fit: int) -> Verdict:
    if fit >= questionnaire.thresholds.automate:
        return "automate"
    if fit >= questionnaire.thresholds.assist:
        return "assist"
    return "keep-human"


def matches(condition: Condition, answers: Answers) -> bool:
    """Every part of the condition holds; a part on an unanswered input does not."""
    return all(key in answers and rng.contains(answers[key]) for key, rng in condition.items())


def rank(verdict: Verdict) -> int:
    return VERDICTS.index(verdict)


def level(rule: Rule) -> Verdict:
    found = rule.then.at_least or rule.then.at_most
    assert found is not None  # the model guarantees exactly one
    return found


def apply_rules(base: Verdict, fired: tuple[Rule, ...]) -> tuple[Verdict, Rule | None]:
    """The verdict after the strongest ceiling and the strongest floor, and the rule that moved
    it away from the base verdict (None when the verdict is the base one). Where a floor and a
    ceiling cross, the floor wins: it protects people. The questionnaire check allows that only
    for a need floor above a payback ceiling (need outranks payback)."""
    verdict = base
    ceiling = min((r for r in fired if r.then.at_most), key=lambda r: rank(level(r)), default=None)
    if ceiling and rank(level(ceiling)) < rank(verdict):
        verdict = level(ceiling)
    floor = max((r for r in fired if r.then.at_least), key=lambda r: rank(level(r)), default=None)
    if floor and rank(level(floor)) > rank(verdict):
        verdict = level(floor)
    if verdict == base:
        return verdict, None
    return verdict, floor if rank(verdict) > rank(base) else ceiling


@dataclass(frozen=True)
class Decision:
    fit: int
    base: Verdict
    verdict: Verdict
    #: Rules whose conditions hold, in questionnaire order.
    fired: tuple[Rule, ...]
    #: The rule that moved the verdict away from the base verdict, if any.
    decisive: Rule | None
    #: The verdict from need alone: the fit and the need rules, without payback.
    need_verdict: Verdict
    #: "need": customer need decides it; "payback": need alone would automate more, volume
    #: holds it back; "both": need decides it and a payback rule asks for the same.
    basis: Basis


def decide(questionnaire: Questionnaire, answers: Answers) -> Decision:
    fit = automation_fit(questionnaire, answers)
    base = base_verdict(questionnaire, fit)
    fired = tuple(r for r in questionnaire.rules if matches(r.when, answers))
    verdict, decisive = apply_rules(base, fired)
    need_verdict, _ = apply_rules(base, tuple(r for r in fired if r.basis == "need"))
    if need_verdict != verdict:
        basis = "payback"
    elif any(r.basis == "payback" and level(r) == verdict for r in fired):
        basis = "both"
    else:
        basis = "need"
    return Decision(fit, base, verdict, fired, decisive, need_verdict, basis)


def assist_kind(questionnaire: Questionnaire, answers: Answers, decision: Decision) -> AssistKind:
    """The first kind whose conditions hold (its answers, and the verdict the need answers
    alone give); a kind without conditions catches the rest."""
    for kind in questionnaire.assist_kinds:
        if matches(kind.when, answers) and kind.need in (None, decision.need_verdict):
            return kind
    return questionnaire.assist_kinds[-1]


# --- how firm a verdict is ---------------------------------------------------------------------


@dataclass(frozen=True)
class Flip:
    """Moving one answer by one point would change the verdict."""

    dimension: str
    label: str
    score: int
    recommendation: Verdict

    @property
    def message(self) -> str:
        """What the move does, said after "This verdict": 'would become assist if complexity
        were 2'."""
        return _("would become %(verdict)s if %(question)s were %(score)s") % {
            "verdict": verdict_word(self.recommendation),
            "question": in_sentence(self.label),
            "score": self.score,
        }


@dataclass(frozen=True)
class Margin:
    """How far the fit is from the nearest threshold: +3 is 3 above it, -2 is 2 below."""

    points: float
    threshold: Verdict  # "automate" or "assist"
    fit: int

    def describe(self) -> str:
        """'fit 68, 2 below automate', in the current language."""
        said = {"fit": self.fit, "points": number(abs(self.points))}
        said["verdict"] = verdict_word(self.threshold)
        if self.points >= 0:
            return _("fit %(fit)s, %(points)s above %(verdict)s") % said
        return _("fit %(fit)s, %(points)s below %(verdict)s") % said


def margin(questionnaire: Questionnaire, fit: int) -> Margin:
    t = questionnaire.thresholds
    nearest: Verdict = "automate" if abs(fit - t.automate) <= abs(fit - t.assist) else "assist"
    value = t.automate if nearest == "automate" else t.assist
    points = round(fit - value, 1)
    return Margin(int(points) if points.is_integer() else points, nearest, fit)


def one_point_moves(questionnaire: Questionnaire, answers: Answers) -> list[tuple[str, int]]:
    """Every answer moved one point up or down, within 1-5."""
    return [
        (d.id, answers[d.id] + step)
        for d in questionnaire.dimensions
        for step in (-1, 1)
        if SCORE_MIN <= answers[d.id] + step <= SCORE_MAX
    ]
