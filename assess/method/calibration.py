"""What a questionnaire's rules and numbers do, checked and measured. Pure.

* :func:`check_questionnaire` finds what makes a questionnaire unusable (run on every load):
  unknown dimensions, duplicate ids, rules that cannot fire, that break monotonicity, or that
  contradict each other.
* :func:`warnings` enumerates every combination of answers (optional ones included) and reports
  rules that never fire or never change a verdict: legal, but a rule that does nothing should
  not stand in a report as if it did (run by ``assess validate``).
* :func:`borderline_share` and :func:`sensitivity` say how much rests on calibration: how many
  verdicts are close to a threshold, and how many would change under equal weights or with the
  thresholds moved.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from assess.method.decision import apply_rules, decide, level, rank
from assess.method.scoring import Assessment, Judge, input_positions
from assess.models import SCORE_MAX, SCORE_MIN, Condition, OptionalInput, Questionnaire, Rule

Path = tuple[str | int, ...]
#: Beyond this many combinations of answers, the exhaustive analyses are skipped (a custom
#: questionnaire with many dimensions); the load-time checks still run.
MAX_COMBINATIONS = 200_000


@dataclass(frozen=True)
class RuleProblem:
    path: Path
    where: str
    message: str


def check_questionnaire(q: Questionnaire) -> list[RuleProblem]:
    """Problems no single field shows: unknown dimensions, duplicate ids, rules that can never
    fire, rules that would break monotonicity, and pairs of rules that contradict."""
    problems = _duplicate_ids(q)
    if not any(d.role == "need" for d in q.dimensions):
        problems.append(
            RuleProblem(("dimensions",), "dimensions", "at least one must have role 'need'")
        )
    found, usable = _rule_problems(q)
    problems += found
    problems += _contradictions(q, usable)
    for i, kind in enumerate(q.assist_kinds):
        problems += _check_condition(
            q, kind.when, ("assist_kinds", i, "when"), f'assist kind "{kind.id}"'
        )
    return problems


def _duplicate_ids(q: Questionnaire) -> list[RuleProblem]:
    problems = []
    for section, ids in (
        ("dimensions", [*q.dimension_ids, *q.input_ids]),
        ("rules", [r.id for r in q.rules]),
        ("assist_kinds", [k.id for k in q.assist_kinds]),
        ("sources", [s.id for s in q.sources]),
    ):
        noun = section.removesuffix("s").replace("_", " ")
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                at: Path = (section, i, "id")
                if section == "dimensions" and i >= len(q.dimensions):
                    at, noun = ("inputs", i - len(q.dimensions), "id"), "input"
                problems.append(RuleProblem(at, f'{noun} "{ident}"', "duplicate id"))
    return problems


def _rule_problems(q: Questionnaire) -> tuple[list[RuleProblem], list[tuple[int, Rule]]]:
    """Each rule on its own: a condition that cannot hold, no effect, or a break of
    monotonicity; and the rules sound enough to compare with each other."""
    problems: list[RuleProblem] = []
    usable: list[tuple[int, Rule]] = []
    for i, rule in enumerate(q.rules):
        where = f'rule "{rule.id}"'
        found = _check_condition(q, rule.when, ("rules", i, "when"), where)
        problems += found
        if found:
            continue
        if rule.then.at_least == "automate" or rule.then.at_most == "keep-human":
            bound = "at least automate" if rule.then.at_least else "at most keep-human"
            problems.append(
                RuleProblem(
                    ("rules", i, "then"), where, f"has no effect: every verdict is already {bound}"
                )
            )
            continue
        problems += _monotonic(q, rule, i, where)
        usable.append((i, rule))
    return problems, usable


def _contradictions(q: Questionnaire, usable: list[tuple[int, Rule]]) -> list[RuleProblem]:
    """A floor above a ceiling whose conditions can hold at once."""
    problems = []
    for (_, a), (j, b) in itertools.combinations(usable, 2):
        floor, ceiling = (a, b) if a.then.at_least else (b, a)
        if not (floor.then.at_least and ceiling.then.at_most):
            continue
        if rank(level(floor)) <= rank(level(ceiling)):
            continue
        example = _overlap(floor.when, ceiling.when, q)
        if example is not None:
            shown = ", ".join(f"{q.label_of(k).lower()} {v}" for k, v in example.items())
            problems.append(
                RuleProblem(
                    ("rules", j, "when"),
                    f'rules "{a.id}" and "{b.id}"',
                    f"contradict: with {shown} both apply, one demands at least "
                    f"{level(floor)} and the other at most {level(ceiling)}",
                )
            )
    return problems


def _monotonic(q: Questionnaire, rule: Rule, i: int, where: str) -> list[RuleProblem]:
    problems = []
    for key, rng in rule.when.items():
        low, high = q.bounds(key)
        direction = "human" if key in q.input_ids else q.dimension(key).direction
        label = q.label_of(key).lower()
        # A floor ("at least this human") must only depend on answers being more human.
        wants_high = (rule.then.at_least is not None) == (direction == "human")
        limited = (
            (rng.max is not None and rng.max < high)
            if wants_high
            else (rng.min is not None and rng.min > low)
        )
        if limited:
            side = "high" if wants_high else "low"
            other = "max" if wants_high else "min"
            problems.append(
                RuleProblem(
                    ("rules", i, "when", key),
                    where,
                    f"'{other}' on {label} breaks monotonicity: a rule that sets "
                    f"{'a floor' if rule.then.at_least else 'a ceiling'} ({level(rule)}) "
                    f"may only ask for {side} {label}, or answering higher could move "
                    "the verdict the wrong way",
                )
            )
    return problems


def _check_condition(
    q: Questionnaire, condition: Condition, path: Path, where: str
) -> list[RuleProblem]:
    known = [*q.dimension_ids, *q.input_ids]
    problems = []
    for key, rng in condition.items():
        if key not in known:
            problems.append(
                RuleProblem(
                    (*path, key), where, f"unknown dimension '{key}' (known: {', '.join(known)})"
                )
            )
            continue
        low, high = q.bounds(key)
        if max(low, rng.min or low) > min(high, rng.max or high):
            limits = [
                f"at least {rng.min}" if rng.min is not None else "",
                f"at most {rng.max}" if rng.max is not None else "",
            ]
            problems.append(
                RuleProblem(
                    (*path, key),
                    where,
                    f"can never fire: no answer from {low} to {high} is "
                    + " and ".join(p for p in limits if p),
                )
            )
    return problems


def _overlap(a: Condition, b: Condition, q: Questionnaire) -> dict[str, int] | None:
    """An example set of answers under which both conditions hold, or None."""
    example = {}
    for key in (*q.dimension_ids, *q.input_ids):
        low, high = q.bounds(key)
        lows = [c[key].min or low for c in (a, b) if key in c]
        highs = [c[key].max or high for c in (a, b) if key in c]
        lo, hi = max(lows, default=low), min(highs, default=high)
        if lo > hi:
            return None
        if key in a or key in b:
            example[key] = lo
    return example


# --- exhaustive analyses ------------------------------------------------------------------------


def combinations(q: Questionnaire, inputs: bool = True) -> Iterator[dict[str, int]]:
    """Every combination of answers: each dimension 1-5 and, with `inputs`, each optional input
    unanswered or any of its options."""
    keys = list(q.dimension_ids)
    ranges: list[list[int | None]] = [list(range(SCORE_MIN, SCORE_MAX + 1))] * len(keys)
    if inputs:
        keys += [i.id for i in deciding_inputs(q)]
        ranges += [[None, *range(1, len(i.options) + 1)] for i in deciding_inputs(q)]
    for values in itertools.product(*ranges):
        yield {k: v for k, v in zip(keys, values, strict=True) if v is not None}


def count_combinations(q: Questionnaire, inputs: bool = True) -> int:
    n: int = (SCORE_MAX - SCORE_MIN + 1) ** len(q.dimensions)
    if inputs:
        for i in deciding_inputs(q):
            n *= len(i.options) + 1
    return n


def deciding_inputs(q: Questionnaire) -> list[OptionalInput]:
    """The optional inputs a rule or an assist kind names. The others (effort, which only
    sequences work) cannot change a verdict, so trying their answers would only multiply the
    combinations."""
    named = {k for r in q.rules for k in r.when} | {k for a in q.assist_kinds for k in a.when}
    return [i for i in q.inputs if i.id in named]


def warnings(q: Questionnaire) -> list[str]:
    """Rules that never fire, and rules that never change a verdict, over every combination."""
    total = count_combinations(q)
    if total > MAX_COMBINATIONS:
        return [f"the {total:,} combinations of answers are too many to check every rule's effect"]
    fires = {r.id: 0 for r in q.rules}
    changes = {r.id: 0 for r in q.rules}
    for answers in combinations(q):
        decision = decide(q, answers)
        for rule in decision.fired:
            fires[rule.id] += 1
            without = tuple(r for r in decision.fired if r is not rule)
            if apply_rules(decision.base, without)[0] != decision.verdict:
                changes[rule.id] += 1
    found = []
    for rule in q.rules:
        if not fires[rule.id]:
            found.append(f'rule "{rule.id}" never fires over all {total:,} combinations of answers')
        elif not changes[rule.id]:
            found.append(
                f'rule "{rule.id}" never changes a verdict over all {total:,} combinations of '
                "answers: other rules and the thresholds always decide the same without it"
            )
    return found


@dataclass(frozen=True)
class Share:
    flagged: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.flagged / self.total if self.total else 0.0


def borderline_share(q: Questionnaire) -> Share:
    """How many of the combinations of the dimensions (no optional answers, no votes) are
    flagged borderline."""
    judge = Judge(q)
    flagged = total = 0
    for answers in combinations(q, inputs=False):
        total += 1
        flagged += judge(answers).thin
    return Share(flagged, total)


def guardrail_share(q: Questionnaire) -> Share:
    """How many combinations of the dimensions a guardrail decides (moves off the fit's verdict)."""
    judge = Judge(q)
    decided = total = 0
    for answers in combinations(q, inputs=False):
        total += 1
        decided += int(judge.decide(answers).decisive is not None)
    return Share(decided, total)


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
