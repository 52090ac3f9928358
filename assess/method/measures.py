"""What a sound questionnaire does over every combination of answers. Pure.

* :func:`warnings` enumerates every combination of answers (optional ones included) and reports
  rules that never fire or never change a verdict, and guidance items that never apply: legal,
  but what does nothing should not stand in a report as if it did (run by ``assess validate``).
* :func:`borderline_share`, :func:`guardrail_share`, :func:`rule_shares` and
  :func:`sensitivity` say how much rests on calibration: how many verdicts are close to a
  threshold, how many a guardrail decides, and how many would change under equal weights or
  with the thresholds moved; :func:`answered_shares` how many a rule on an optional question
  changes where a room answers it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from assess.method.decision import apply_rules, assist_kind, decide
from assess.method.guidance import applies
from assess.method.scoring import Assessment, Judge, input_positions
from assess.models import SCORE_MAX, SCORE_MIN, Condition, OptionalInput, Questionnaire

#: Beyond this many distinct combinations of answers, the exhaustive analyses are skipped (a
#: custom questionnaire with many dimensions); the load-time checks still run.
MAX_COMBINATIONS = 200_000

Weighted = tuple[dict[str, int], int]


def weighted_combinations(q: Questionnaire, inputs: bool = True) -> Iterator[Weighted]:
    """Every combination of answers, each with how many it stands for. Each dimension takes
    1-5; with `inputs`, each optional input that a condition names takes one answer from each
    group of answers that no condition tells apart (unanswered with the options no condition
    matches, e.g. "reversible" and "costly" where rules only ask for "harmful"). Verdicts and
    guidance are the same throughout a group, so the weights make every count exact while the
    enumeration stays small."""
    keys = list(q.dimension_ids)
    choices: list[list[tuple[int | None, int]]] = [
        [(n, 1) for n in range(SCORE_MIN, SCORE_MAX + 1)]
    ] * len(keys)
    if inputs:
        for item in deciding_inputs(q):
            keys.append(item.id)
            choices.append(answer_groups(q, item))
    for picked in itertools.product(*choices):
        weight = 1
        for _, n in picked:
            weight *= n
        answers = {k: v for k, (v, _) in zip(keys, picked, strict=True) if v is not None}
        yield answers, weight


def combinations(q: Questionnaire, inputs: bool = True) -> Iterator[dict[str, int]]:
    """One set of answers for each distinct combination (see :func:`weighted_combinations`):
    every combination of the dimensions, and every answer to an optional input that a
    condition can tell from the others."""
    for answers, _ in weighted_combinations(q, inputs):
        yield answers


def answer_groups(q: Questionnaire, item: OptionalInput) -> list[tuple[int | None, int]]:
    """The answers to an optional input (None: unanswered) that the conditions of the rules,
    the assist kinds and the guidance tell apart: one answer per group, and the group's size."""
    ranges = [c[item.id] for c in _conditions(q) if item.id in c]
    groups: dict[tuple[bool, ...], list[int | None]] = {}
    for value in (None, *range(1, len(item.options) + 1)):
        seen = tuple(value is not None and rng.contains(value) for rng in ranges)
        groups.setdefault(seen, []).append(value)
    return [(values[0], len(values)) for values in groups.values()]


def count_combinations(q: Questionnaire, inputs: bool = True) -> int:
    """How many combinations of answers there are (unanswered counts as an answer)."""
    n: int = (SCORE_MAX - SCORE_MIN + 1) ** len(q.dimensions)
    if inputs:
        for i in deciding_inputs(q):
            n *= len(i.options) + 1
    return n


def count_distinct(q: Questionnaire) -> int:
    """How many combinations :func:`combinations` yields."""
    n: int = (SCORE_MAX - SCORE_MIN + 1) ** len(q.dimensions)
    for item in deciding_inputs(q):
        n *= len(answer_groups(q, item))
    return n


def _conditions(q: Questionnaire) -> list[Condition]:
    return [
        *(r.when for r in q.rules),
        *(a.when for a in q.assist_kinds),
        *(g.when for g in q.guidance_items),
    ]


def deciding_inputs(q: Questionnaire) -> list[OptionalInput]:
    """The optional inputs a rule, an assist kind or a guidance item names. The others (effort,
    which only sequences work) change no verdict and no guidance, so trying their answers would
    only multiply the combinations."""
    named = {k for c in _conditions(q) for k in c}
    return [i for i in q.inputs if i.id in named]


@dataclass
class _Tally:
    """What every combination of answers did with each rule and guidance item."""

    fires: dict[str, int]
    changes: dict[str, int]
    applies: dict[str, int]
    shown: dict[str, int]
    #: Combinations whose verdict gets no guidance at all.
    bare: int = 0


def _tally(q: Questionnaire) -> _Tally:
    items = q.guidance_items
    limit = q.guidance_limit if q.guidance else len(items)
    found = _Tally(
        dict.fromkeys((r.id for r in q.rules), 0),
        dict.fromkeys((r.id for r in q.rules), 0),
        dict.fromkeys((i.id for i in items), 0),
        dict.fromkeys((i.id for i in items), 0),
    )
    for answers, weight in weighted_combinations(q):
        decision = decide(q, answers)
        for rule in decision.fired:
            found.fires[rule.id] += weight
            without = tuple(r for r in decision.fired if r is not rule)
            if apply_rules(decision.base, without)[0] != decision.verdict:
                found.changes[rule.id] += weight
        kind = assist_kind(q, answers, decision) if decision.verdict == "assist" else None
        fitting = [i.id for i in items if applies(i, answers, decision, kind)]
        found.bare += weight * (not fitting)
        for n, item_id in enumerate(fitting):
            found.applies[item_id] += weight
            found.shown[item_id] += weight * (n < limit)
    return found


def warnings(q: Questionnaire) -> list[str]:
    """Rules that never fire or never change a verdict, guidance items that never apply or are
    never shown, and verdicts left without guidance, over every combination of answers."""
    total = count_combinations(q)
    if count_distinct(q) > MAX_COMBINATIONS:
        return [f"the {total:,} combinations of answers are too many to check every rule's effect"]
    tally = _tally(q)
    over = f"over all {total:,} combinations of answers"
    found = []
    for rule in q.rules:
        if not tally.fires[rule.id]:
            found.append(f'rule "{rule.id}" never fires {over}')
        elif not tally.changes[rule.id]:
            found.append(
                f'rule "{rule.id}" never changes a verdict {over}: other rules and the '
                "thresholds always decide the same without it"
            )
    for item in q.guidance:
        if not tally.applies[item.id]:
            found.append(f'guidance "{item.id}" never applies {over}')
        elif not tally.shown[item.id]:
            found.append(
                f'guidance "{item.id}" is never shown {over}: earlier items always fill the '
                f"{q.guidance_limit} places (guidance_limit)"
            )
    if q.guidance and tally.bare:
        found.append(f"{tally.bare:,} of {total:,} combinations of answers get no guidance")
    return found


@dataclass(frozen=True)
class Share:
    flagged: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.flagged / self.total if self.total else 0.0


def borderline_share(q: Questionnaire, judge: Judge | None = None) -> Share:
    """How many of the combinations of the dimensions (no optional answers, no votes) are
    flagged borderline. A `judge` of the same questionnaire shares its decisions."""
    judge = judge or Judge(q)
    flagged = total = 0
    for answers in combinations(q, inputs=False):
        total += 1
        flagged += judge.thin(answers)
    return Share(flagged, total)


def guardrail_share(q: Questionnaire, by_rule: Mapping[str, Share] | None = None) -> Share:
    """How many combinations of the dimensions a guardrail decides (moves off the fit's
    verdict): the sum over the rules of :func:`rule_shares`, which may be given."""
    shares = list((by_rule if by_rule is not None else rule_shares(q)).values())
    total = shares[0].total if shares else count_combinations(q, inputs=False)
    return Share(sum(s.flagged for s in shares), total)


def rule_shares(q: Questionnaire, judge: Judge | None = None) -> dict[str, Share]:
    """For each rule, how many combinations of the dimensions it decides: the verdict it
    gives is not the fit's, and it is the rule that moved it."""
    judge = judge or Judge(q)
    decided = dict.fromkeys((r.id for r in q.rules), 0)
    total = 0
    for answers in combinations(q, inputs=False):
        total += 1
        decisive = judge.decide(answers).decisive
        if decisive is not None:
            decided[decisive.id] += 1
    return {rule_id: Share(n, total) for rule_id, n in decided.items()}


def answered_shares(q: Questionnaire, judge: Judge | None = None) -> dict[str, Share]:
    """For each rule on optional questions, how many combinations of the dimensions would get
    another verdict if a room gave the answers the rule asks for (the first option it accepts):
    what the rule changes where it is answered, since no combination of the dimensions alone
    answers an optional question."""
    judge = judge or Judge(q)
    found = {}
    for rule in q.rules:
        asked = {
            key: rng.min if rng.min is not None else (rng.max or 1)
            for key, rng in rule.when.items()
            if key in q.input_ids
        }
        if not asked:
            continue
        changed = total = 0
        for answers in combinations(q, inputs=False):
            total += 1
            before = judge.decide(answers).verdict
            changed += judge.decide({**answers, **asked}).verdict != before
        found[rule.id] = Share(changed, total)
    return found


@dataclass(frozen=True)
class Sensitivity:
    """How many of a workshop's verdicts would change if the calibration were different."""

    scored: int
    equal_weights: int
    thresholds_up: int
    thresholds_down: int
    step: float


def _variant(q: Questionnaire, **changes: object) -> Questionnaire:
    return q.model_copy(update=changes)


def sensitivity(assessment: Assessment, step: float = 5) -> Sensitivity:
    q = assessment.questionnaire
    t = q.thresholds
    equal = _variant(
        q,
        dimensions=[
            d.model_copy(update={"weight": 1.0}) if d.role == "need" else d for d in q.dimensions
        ],
    )
    variants = {
        "equal": equal,
        "up": _variant(
            q,
            thresholds=t.model_copy(
                update={"automate": min(t.automate + step, 100), "assist": t.assist + step}
            ),
        ),
        "down": _variant(
            q,
            thresholds=t.model_copy(
                update={"automate": t.automate - step, "assist": max(t.assist - step, 0)}
            ),
        ),
    }
    changed = dict.fromkeys(variants, 0)
    scored = [r for r in assessment.results if r.scored]
    for name, variant in variants.items():
        judge = Judge(variant)
        for r in scored:
            answers: Mapping[str, int] = {**r.scores, **input_positions(q, r.inputs)}
            if judge.decide(answers).verdict != r.recommendation:
                changed[name] += 1
    return Sensitivity(len(scored), changed["equal"], changed["up"], changed["down"], step)
