"""Turn a touchpoint's answers into a verdict. Pure: no I/O, no printing.

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
:func:`assess.calibration.check_questionnaire` enforces this, and with it every verdict is
monotonic in every answer, optional ones included.

Answers are positions: 1-5 for a dimension, 1..n for an optional input's n options (first =
argues least for a person). An optional input left unanswered is absent, and no rule on it fires.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assess.consensus import Consensus, team_view
from assess.models import (
    SCORE_MAX,
    SCORE_MIN,
    UNSCORED,
    VERDICTS,
    AssistKind,
    Condition,
    Questionnaire,
    Rule,
    Touchpoint,
    Verdict,
    Workshop,
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
    it. The questionnaire check guarantees floor and ceiling never cross; should a hand-edited
    file slip through, the floor wins: it protects people."""
    verdict, decisive = base, None
    ceiling = min((r for r in fired if r.then.at_most), key=lambda r: rank(level(r)), default=None)
    if ceiling and rank(level(ceiling)) < rank(verdict):
        verdict, decisive = level(ceiling), ceiling
    floor = max((r for r in fired if r.then.at_least), key=lambda r: rank(level(r)), default=None)
    if floor and rank(level(floor)) > rank(verdict):
        verdict, decisive = level(floor), floor
    return verdict, decisive


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


def assist_kind(questionnaire: Questionnaire, answers: Answers) -> AssistKind:
    """The first kind whose condition holds; a kind without a condition catches the rest."""
    for kind in questionnaire.assist_kinds:
        if matches(kind.when, answers):
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
        return f"would become {self.recommendation} if {self.label.lower()} were {self.score}"


@dataclass(frozen=True)
class Margin:
    """How far the fit is from the nearest threshold: +3 is 3 above it, -2 is 2 below."""

    points: float
    threshold: Verdict  # "automate" or "assist"
    fit: int

    def describe(self) -> str:
        side = "above" if self.points >= 0 else "below"
        return f"fit {self.fit}, {abs(self.points):g} {side} {self.threshold}"


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


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """Everything that follows from one set of answers alone."""

    decision: Decision
    kind: AssistKind | None
    reasons: tuple[str, ...]
    #: The one-point moves that change the verdict, and how many moves there are.
    flips: tuple[Flip, ...]
    moves: int
    margin: Margin
    #: The evidence is thin: the fit is within the stated margin of a threshold, no guardrail
    #: decided the verdict, and a one-point move would change it.
    thin: bool


class Judge:
    """Decisions with a memory. A large workshop has many touchpoints but few distinct sets of
    answers, so each is decided and explained once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.keys = [*questionnaire.dimension_ids, *questionnaire.input_ids]
        self._decided: dict[tuple[int | None, ...], Decision] = {}
        self._judged: dict[tuple[int | None, ...], Judgement] = {}

    def _key(self, answers: Answers) -> tuple[int | None, ...]:
        return tuple(answers.get(k) for k in self.keys)

    def decide(self, answers: Answers) -> Decision:
        key = self._key(answers)
        found = self._decided.get(key)
        if found is None:
            found = self._decided[key] = decide(self.questionnaire, answers)
        return found

    def __call__(self, answers: Answers) -> Judgement:
        key = self._key(answers)
        found = self._judged.get(key)
        if found is None:
            found = self._judged[key] = self._judge(answers)
        return found

    def _judge(self, answers: Answers) -> Judgement:
        from assess.explain import reasons

        q = self.questionnaire
        decision = self.decide(answers)
        kind = assist_kind(q, answers) if decision.verdict == "assist" else None
        moves = one_point_moves(q, answers)
        flips = []
        for dim, score in moves:
            other = self.decide({**answers, dim: score}).verdict
            if other != decision.verdict:
                flips.append(Flip(dim, q.dimension(dim).label, score, other))
        found = margin(q, decision.fit)
        thin = bool(
            flips and decision.decisive is None and abs(found.points) <= q.thresholds.margin
        )
        return Judgement(
            decision,
            kind,
            tuple(reasons(q, answers, decision, kind)),
            tuple(flips),
            len(moves),
            found,
            thin,
        )


@dataclass(frozen=True)
class Result:
    touchpoint: Touchpoint
    #: The answers that count, per dimension (the room's score, else the team's consensus).
    scores: Mapping[str, int]
    recommendation: str  # a Verdict, or UNSCORED
    fit: int | None
    reasons: tuple[str, ...]
    #: The one-point moves that would change the verdict, listed only when the verdict is
    #: genuinely borderline (close to a threshold with no guardrail deciding, or the team's
    #: votes straddle it).
    borderline: tuple[Flip, ...] = ()
    assist_kind: AssistKind | None = None
    rules: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    #: The team's votes per dimension, where people voted.
    consensus: Mapping[str, Consensus] = field(default_factory=dict)
    #: Answers to optional questions: input id -> option id.
    inputs: Mapping[str, str] = field(default_factory=dict)
    margin: Margin | None = None
    #: (one-point moves that keep the verdict, all one-point moves).
    stability: tuple[int, int] | None = None
    basis: Basis | None = None
    #: Every flip, flagged or not (what stability counts).
    flips: tuple[Flip, ...] = ()
    #: Dimensions whose votes, from lowest to highest, would give another verdict.
    straddled: tuple[str, ...] = ()
    #: The id of the guardrail that moved the verdict away from the fit's, if one did.
    decisive: str | None = None

    @property
    def disagreement(self) -> tuple[Consensus, ...]:
        return tuple(c for c in self.consensus.values() if c.disagreement)

    @property
    def scored(self) -> bool:
        return self.recommendation != UNSCORED


@dataclass(frozen=True)
class Assessment:
    workshop: Workshop
    questionnaire: Questionnaire
    results: tuple[Result, ...]
    summary: Mapping[str, int] = field(default_factory=dict)


def effective_scores(
    questionnaire: Questionnaire, touchpoint: Touchpoint, team: Mapping[str, Consensus]
) -> dict[str, int]:
    """The answers that count: the room's explicit score, else the team's consensus."""
    scores = {}
    for d in questionnaire.dimensions:
        explicit = touchpoint.scores.get(d.id)
        if explicit is not None:
            scores[d.id] = explicit
        elif d.id in team:
            scores[d.id] = team[d.id].value
    return scores


def input_positions(questionnaire: Questionnaire, inputs: Mapping[str, str]) -> dict[str, int]:
    """Answered optional inputs (input id -> option id) as positions (1 = the first option)."""
    found = {}
    for key, option in inputs.items():
        if key in questionnaire.input_ids:
            ids = questionnaire.optional_input(key).option_ids
            if option in ids:
                found[key] = ids.index(option) + 1
    return found


def assess_touchpoint(
    questionnaire: Questionnaire, touchpoint: Touchpoint, judged: Judge | None = None
) -> Result:
    from assess.explain import not_assessed, team_reasons

    judge = judged or Judge(questionnaire)
    team = team_view(questionnaire, touchpoint)
    scores = effective_scores(questionnaire, touchpoint, team)
    inputs = {k: v for k, v in touchpoint.inputs.items() if k in questionnaire.input_ids}
    missing = tuple(d.id for d in questionnaire.dimensions if d.id not in scores)
    if missing:
        return Result(
            touchpoint=touchpoint,
            scores=scores,
            recommendation=UNSCORED,
            fit=None,
            reasons=(not_assessed(questionnaire, missing), *team_reasons(team)),
            missing=missing,
            consensus=team,
            inputs=inputs,
        )
    answers = {**scores, **input_positions(questionnaire, touchpoint.inputs)}
    found = judge(answers)
    decision = found.decision
    # Votes straddle the verdict where the lowest or the highest vote on a dimension the room
    # has not settled would give another one.
    straddle = tuple(
        Flip(c.dimension, c.label, vote, other)
        for c in team.values()
        if c.settled is None
        for vote in sorted({c.low, c.high})
        if (other := judge.decide({**answers, c.dimension: vote}).verdict) != decision.verdict
    )
    flagged = tuple(dict.fromkeys((*(found.flips if found.thin else ()), *straddle)))
    return Result(
        touchpoint=touchpoint,
        scores=scores,
        recommendation=decision.verdict,
        fit=decision.fit,
        reasons=(*found.reasons, *team_reasons(team, [f.dimension for f in straddle])),
        borderline=flagged,
        assist_kind=found.kind,
        rules=tuple(r.id for r in decision.fired),
        consensus=team,
        inputs=inputs,
        margin=found.margin,
        stability=(found.moves - len(found.flips), found.moves),
        basis=decision.basis,
        flips=found.flips,
        straddled=tuple(dict.fromkeys(f.dimension for f in straddle)),
        decisive=decision.decisive.id if decision.decisive else None,
    )


def assess(questionnaire: Questionnaire, workshop: Workshop) -> Assessment:
    judged = Judge(questionnaire)
    results = tuple(assess_touchpoint(questionnaire, t, judged) for t in workshop.touchpoints)
    summary = {v: 0 for v in (*VERDICTS, UNSCORED)}
    for r in results:
        summary[r.recommendation] += 1
    return Assessment(
        workshop=workshop, questionnaire=questionnaire, results=results, summary=summary
    )
