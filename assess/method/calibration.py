"""What makes a questionnaire unusable, found on every load. Pure.

:func:`check_questionnaire` finds unknown dimensions, duplicate ids, rules that cannot fire,
that break monotonicity, or that contradict each other, and guidance items whose conditions
name rules, kinds or answers the questionnaire does not have. What a sound questionnaire does
over every combination of answers is measured in :mod:`assess.method.measures`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assess.method.decision import level, rank
from assess.models import Condition, Questionnaire, Rule

Path = tuple[str | int, ...]


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
    problems += _guidance_problems(q)
    return problems


def _guidance_problems(q: Questionnaire) -> list[RuleProblem]:
    """Guidance conditions that name what the questionnaire does not have."""
    problems = []
    known = {"rules": [r.id for r in q.rules], "kinds": [k.id for k in q.assist_kinds]}
    for i, item in enumerate(q.guidance):
        where = f'guidance "{item.id}"'
        problems += _check_condition(q, item.when, ("guidance", i, "when"), where)
        for field, ids in known.items():
            for n, ident in enumerate(getattr(item, field)):
                if ident not in ids:
                    problems.append(
                        RuleProblem(
                            ("guidance", i, field, n),
                            where,
                            f"unknown {field.removesuffix('s')} '{ident}' "
                            f"(known: {', '.join(ids)})",
                        )
                    )
    return problems


def _duplicate_ids(q: Questionnaire) -> list[RuleProblem]:
    problems = []
    for section, ids in (
        ("dimensions", [*q.dimension_ids, *q.input_ids]),
        ("rules", [r.id for r in q.rules]),
        ("assist_kinds", [k.id for k in q.assist_kinds]),
        ("sources", [s.id for s in q.sources]),
        ("guidance", [g.id for g in q.guidance]),
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
        if rule.basis_note and not (rule.basis == "need" and rule.then.at_least):
            problems.append(
                RuleProblem(
                    ("rules", i, "basis_note"),
                    where,
                    "a basis_note is said only for a need rule that sets a floor (at_least): "
                    "this one would never be shown",
                )
            )
        usable.append((i, rule))
    return problems, usable


def _contradictions(q: Questionnaire, usable: list[tuple[int, Rule]]) -> list[RuleProblem]:
    """A floor above a ceiling whose conditions can hold at once. A need floor above a payback
    ceiling is no contradiction: the customer's need outranks payback, and the floor wins."""
    problems = []
    for (_, a), (j, b) in itertools.combinations(usable, 2):
        floor, ceiling = (a, b) if a.then.at_least else (b, a)
        if not (floor.then.at_least and ceiling.then.at_most):
            continue
        if rank(level(floor)) <= rank(level(ceiling)):
            continue
        if floor.basis == "need" and ceiling.basis == "payback":
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
