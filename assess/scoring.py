"""Turn a touchpoint's answers into a verdict with reasons. Pure: no I/O, no printing.

The model, all of it data in the questionnaire:

* an *automation fit* from 0 to 100, the weighted mean of every answer, each turned so
  that 100 means "everything argues for automation";
* thresholds on that fit give the base verdict;
* guardrail rules then set a floor ("at least assist") or a ceiling ("at most automate").

Verdicts are ordered automate < assist < keep-human. A floor may only depend on answers
being *more human* (high complexity, low scale, ...) and a ceiling only on answers being
*more automatable*; :func:`check_questionnaire` enforces this, and with it every verdict
is monotonic in every answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from assess.consensus import Consensus, team_view
from assess.models import (
    SCORE_MAX,
    SCORE_MIN,
    UNSCORED,
    VERDICTS,
    AssistKind,
    Condition,
    Dimension,
    Questionnaire,
    Rule,
    Touchpoint,
    Verdict,
    Workshop,
)

Scores = Mapping[str, int]
Path = tuple[str | int, ...]


# --- the decision ----------------------------------------------------------------------------


def automation_fit(questionnaire: Questionnaire, scores: Scores) -> int:
    """Weighted mean of the answers on a 0-100 scale, 100 meaning "automate"."""
    total = sum(d.weight for d in questionnaire.dimensions)
    span = SCORE_MAX - SCORE_MIN
    weighted = 0.0
    for d in questionnaire.dimensions:
        towards_automation = (scores[d.id] - SCORE_MIN) / span
        if d.direction == "human":
            towards_automation = 1 - towards_automation
        weighted += d.weight * towards_automation
    # Decisions use the rounded figure so the number a reader sees always explains the verdict.
    return round(100 * weighted / total)


def base_verdict(questionnaire: Questionnaire, fit: int) -> Verdict:
    if fit >= questionnaire.thresholds.automate:
        return "automate"
    if fit >= questionnaire.thresholds.assist:
        return "assist"
    return "keep-human"


def matches(condition: Condition, scores: Scores) -> bool:
    return all(rng.contains(scores[dim]) for dim, rng in condition.items())


def _rank(verdict: Verdict) -> int:
    return VERDICTS.index(verdict)


@dataclass(frozen=True)
class Decision:
    fit: int
    base: Verdict
    verdict: Verdict
    #: Rules whose conditions hold, in questionnaire order.
    fired: tuple[Rule, ...]
    #: The rule that moved the verdict away from the base verdict, if any.
    decisive: Rule | None


def decide(questionnaire: Questionnaire, scores: Scores) -> Decision:
    fit = automation_fit(questionnaire, scores)
    base = base_verdict(questionnaire, fit)
    fired = tuple(r for r in questionnaire.rules if matches(r.when, scores))
    floors = [r for r in fired if r.then.at_least]
    ceilings = [r for r in fired if r.then.at_most]
    verdict = base
    decisive: Rule | None = None
    # The strongest floor and the strongest ceiling; the questionnaire check guarantees they
    # never cross. Should a hand-edited file slip through, the floor wins: it protects people.
    ceiling = min(ceilings, key=lambda r: _rank(_level(r)), default=None)
    if ceiling and _rank(_level(ceiling)) < _rank(verdict):
        verdict, decisive = _level(ceiling), ceiling
    floor = max(floors, key=lambda r: _rank(_level(r)), default=None)
    if floor and _rank(_level(floor)) > _rank(verdict):
        verdict, decisive = _level(floor), floor
    return Decision(fit=fit, base=base, verdict=verdict, fired=fired, decisive=decisive)


def _level(rule: Rule) -> Verdict:
    level = rule.then.at_least or rule.then.at_most
    assert level is not None  # the model guarantees exactly one
    return level


def assist_kind(questionnaire: Questionnaire, scores: Scores) -> AssistKind:
    """The first kind whose condition holds; a kind without a condition catches the rest."""
    for kind in questionnaire.assist_kinds:
        if matches(kind.when, scores):
            return kind
    return questionnaire.assist_kinds[-1]


# --- results ---------------------------------------------------------------------------------


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
class Result:
    touchpoint: Touchpoint
    scores: Mapping[str, int]
    recommendation: str  # a Verdict, or UNSCORED
    fit: int | None
    reasons: tuple[str, ...]
    borderline: tuple[Flip, ...] = ()
    assist_kind: AssistKind | None = None
    rules: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    #: The team's votes per dimension, where people voted.
    consensus: Mapping[str, Consensus] = field(default_factory=dict)

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


@dataclass(frozen=True)
class Judgement:
    """Everything that follows from one set of answers alone."""

    decision: Decision
    kind: AssistKind | None
    reasons: tuple[str, ...]
    borderline: tuple[Flip, ...]


def judge(questionnaire: Questionnaire, scores: Scores) -> Judgement:
    decision = decide(questionnaire, scores)
    kind = assist_kind(questionnaire, scores) if decision.verdict == "assist" else None
    return Judgement(
        decision,
        kind,
        tuple(_reasons(questionnaire, scores, decision, kind)),
        borderline(questionnaire, scores, decision.verdict),
    )


class Judge:
    """:func:`judge` with a memory. A large workshop has many touchpoints but few distinct sets
    of answers (at most 5 to the power of the number of dimensions), so each is judged once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.ids = questionnaire.dimension_ids
        self._seen: dict[tuple[int, ...], Judgement] = {}

    def __call__(self, scores: Scores) -> Judgement:
        key = tuple(scores[d] for d in self.ids)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = judge(self.questionnaire, scores)
        return found


def assess_touchpoint(
    questionnaire: Questionnaire, touchpoint: Touchpoint, judged: Judge | None = None
) -> Result:
    team = team_view(questionnaire, touchpoint)
    scores = effective_scores(questionnaire, touchpoint, team)
    team_reasons = [c.explain() for c in team.values()] + [
        f"The team disagrees on {c.label.lower()}: "
        f"votes from {c.low} to {c.high} ({c.describe_votes()})."
        for c in team.values()
        if c.disagreement
    ]
    missing = tuple(d.id for d in questionnaire.dimensions if d.id not in scores)
    if missing:
        labels = ", ".join(questionnaire.dimension(m).label.lower() for m in missing)
        return Result(
            touchpoint=touchpoint,
            scores=scores,
            recommendation=UNSCORED,
            fit=None,
            reasons=(f"Not yet assessed: no answer yet for {labels}.", *team_reasons),
            missing=missing,
            consensus=team,
        )
    found = (judged or Judge(questionnaire))(scores)
    decision = found.decision
    return Result(
        touchpoint=touchpoint,
        scores=scores,
        recommendation=decision.verdict,
        fit=decision.fit,
        reasons=(*found.reasons, *team_reasons),
        borderline=found.borderline,
        assist_kind=found.kind,
        rules=tuple(r.id for r in decision.fired),
        consensus=team,
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


def borderline(questionnaire: Questionnaire, scores: Scores, verdict: Verdict) -> tuple[Flip, ...]:
    flips = []
    for d in questionnaire.dimensions:
        for step in (-1, 1):
            moved = scores[d.id] + step
            if not SCORE_MIN <= moved <= SCORE_MAX:
                continue
            other = decide(questionnaire, {**scores, d.id: moved}).verdict
            if other != verdict:
                flips.append(Flip(d.id, d.label, moved, other))
    return tuple(flips)


# --- reasons in plain words ------------------------------------------------------------------


def _answer(d: Dimension, score: int) -> str:
    return f"{d.label.lower()} {score} ({d.anchors[score].label.lower()})"


def describe_condition(questionnaire: Questionnaire, condition: Condition) -> str:
    parts = []
    for dim_id, rng in condition.items():
        label = questionnaire.dimension(dim_id).label.lower()
        if rng.min is not None and rng.max is not None:
            parts.append(f"{label} {rng.min} to {rng.max}")
        elif rng.min is not None:
            parts.append(f"{label} {rng.min} or more")
        else:
            parts.append(f"{label} {rng.max} or less")
    return " and ".join(parts)


def describe_effect(rule: Rule) -> str:
    if rule.then.at_least:
        return {
            "assist": "never automate",
            "keep-human": "keep it human",
            "automate": "no limit",
        }[rule.then.at_least]
    return {
        "automate": "automate it",
        "assist": "at most assist",
        "keep-human": "no limit",
    }[_level(rule)]


def _reasons(
    q: Questionnaire, scores: Scores, decision: Decision, kind: AssistKind | None
) -> Iterable[str]:
    toward_auto = [
        _answer(d, scores[d.id]) for d in q.dimensions if d.toward_automation(scores[d.id])
    ]
    toward_human = [_answer(d, scores[d.id]) for d in q.dimensions if d.toward_person(scores[d.id])]
    if toward_auto:
        yield f"Points toward automation: {join_words(toward_auto)}."
    if toward_human:
        yield f"Points toward a person: {join_words(toward_human)}."
    t = q.thresholds
    band = {
        "automate": f"at or above the automate threshold of {t.automate:g}",
        "assist": (
            f"between the assist threshold of {t.assist:g} "
            f"and the automate threshold of {t.automate:g}"
        ),
        "keep-human": f"below the assist threshold of {t.assist:g}",
    }[decision.base]
    yield f"Automation fit {decision.fit}/100 is {band}, which alone suggests {decision.base}."
    for rule in decision.fired:
        when = describe_condition(q, rule.when)
        if rule is decision.decisive:
            yield (
                f"Guardrail \u201c{rule.title}\u201d decides ({when}): {describe_effect(rule)}, "
                f"so {decision.base} becomes {decision.verdict}. {rule.because}"
            )
        else:
            effect = describe_effect(rule)
            yield f"Guardrail \u201c{rule.title}\u201d also holds ({when}): {effect}."
    if kind is not None:
        yield f"Kind of assistance: {kind.label.lower()}. {kind.summary}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


# --- checking a questionnaire's rules --------------------------------------------------------


@dataclass(frozen=True)
class RuleProblem:
    path: Path
    where: str
    message: str


def check_questionnaire(q: Questionnaire) -> list[RuleProblem]:
    """Problems no single field shows: unknown dimensions, rules that can never fire,
    rules that would break monotonicity, and pairs of rules that contradict."""
    problems: list[RuleProblem] = []
    dims = {d.id: d for d in q.dimensions}
    for section, ids in (
        ("dimensions", [d.id for d in q.dimensions]),
        ("rules", [r.id for r in q.rules]),
        ("assist_kinds", [k.id for k in q.assist_kinds]),
        ("sources", [s.id for s in q.sources]),
    ):
        noun = section.removesuffix("s").replace("_", " ")
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                problems.append(
                    RuleProblem((section, i, "id"), f'{noun} "{ident}"', "duplicate id")
                )
    usable: list[tuple[int, Rule]] = []
    for i, rule in enumerate(q.rules):
        where = f'rule "{rule.id}"'
        found = _check_condition(rule.when, dims, ("rules", i, "when"), where)
        problems += found
        if found:
            continue
        level = _level(rule)
        if rule.then.at_least == "automate" or rule.then.at_most == "keep-human":
            bound = "at least automate" if rule.then.at_least else "at most keep-human"
            problems.append(
                RuleProblem(
                    ("rules", i, "then"), where, f"has no effect: every verdict is already {bound}"
                )
            )
            continue
        for dim_id, rng in rule.when.items():
            d = dims[dim_id]
            # A floor ("at least this human") must only depend on answers being more human.
            wants_high = (rule.then.at_least is not None) == (d.direction == "human")
            limited = (
                (rng.max is not None and rng.max < SCORE_MAX)
                if wants_high
                else (rng.min is not None and rng.min > SCORE_MIN)
            )
            if limited:
                side = "high" if wants_high else "low"
                other = "max" if wants_high else "min"
                problems.append(
                    RuleProblem(
                        ("rules", i, "when", dim_id),
                        where,
                        f"'{other}' on {d.label.lower()} breaks monotonicity: a rule that sets "
                        f"{'a floor' if rule.then.at_least else 'a ceiling'} ({level}) "
                        "may only ask for "
                        f"{side} {d.label.lower()}, or answering higher could move "
                        "the verdict the wrong way",
                    )
                )
        usable.append((i, rule))
    for (_, a), (j, b) in itertools.combinations(usable, 2):
        floor, ceiling = (a, b) if a.then.at_least else (b, a)
        if not (floor.then.at_least and ceiling.then.at_most):
            continue
        if _rank(_level(floor)) <= _rank(_level(ceiling)):
            continue
        example = _overlap(floor.when, ceiling.when, q)
        if example is not None:
            shown = ", ".join(f"{dims[k].label.lower()} {v}" for k, v in example.items())
            problems.append(
                RuleProblem(
                    ("rules", j, "when"),
                    f'rules "{a.id}" and "{b.id}"',
                    f"contradict: with {shown} both apply, one demands at least "
                    f"{_level(floor)} and the other at most {_level(ceiling)}",
                )
            )
    for i, kind in enumerate(q.assist_kinds):
        problems += _check_condition(
            kind.when, dims, ("assist_kinds", i, "when"), f'assist kind "{kind.id}"'
        )
    return problems


def _check_condition(
    condition: Condition, dims: Mapping[str, Dimension], path: Path, where: str
) -> list[RuleProblem]:
    problems = []
    for dim_id, rng in condition.items():
        if dim_id not in dims:
            problems.append(
                RuleProblem(
                    (*path, dim_id),
                    where,
                    f"unknown dimension '{dim_id}' (known: {', '.join(dims)})",
                )
            )
        elif rng.low > rng.high:
            problems.append(
                RuleProblem(
                    (*path, dim_id),
                    where,
                    f"can never fire: no answer from {SCORE_MIN} to {SCORE_MAX} is "
                    + " and ".join(
                        p
                        for p in (
                            f"at least {rng.min}" if rng.min is not None else "",
                            f"at most {rng.max}" if rng.max is not None else "",
                        )
                        if p
                    ),
                )
            )
    return problems


def _overlap(a: Condition, b: Condition, q: Questionnaire) -> dict[str, int] | None:
    """An example set of answers under which both conditions hold, or None."""
    example = {}
    for d in q.dimensions:
        lows = [c[d.id].low for c in (a, b) if d.id in c]
        highs = [c[d.id].high for c in (a, b) if d.id in c]
        low, high = max(lows, default=SCORE_MIN), min(highs, default=SCORE_MAX)
        if low > high:
            return None
        if d.id in a or d.id in b:
            example[d.id] = low
    return example
