"""Checks of the business case: the questionnaire's (run on every load) and a workshop's numbers
against its answers (warnings from ``validate`` and ``score``). Pure."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from assess.economics import PRIORITIES, Priority
from assess.journeys import Touchpoint, Workshop
from assess.method.calibration import Path, RuleProblem
from assess.method.consensus import team_view
from assess.method.scoring import Judge, assess_touchpoint, effective_scores
from assess.models import SCORE_MAX, SCORE_MIN, Questionnaire
from assess.textsafety import clip

WHERE = "business case"
KEEP_HUMAN = "keep-human"


def check_business_case(q: Questionnaire) -> list[RuleProblem]:
    """The volume bands fit the volume dimension; the priority rule covers every value band and
    every effort, uses an effort no rule uses, and is monotonic."""
    case = q.business_case
    if case is None:
        return []
    problems = []
    at: Path = ("business_case", "volume_from")
    if case.volume_from:
        if case.volume_dimension not in q.dimension_ids:
            problems.append(
                RuleProblem(
                    ("business_case", "volume_dimension"),
                    WHERE,
                    f"unknown dimension '{case.volume_dimension}'",
                )
            )
        answers = range(SCORE_MIN, SCORE_MAX + 1)
        starts = [case.volume_from[n] for n in answers if n in case.volume_from]
        if len(starts) != len(answers) or len(case.volume_from) != len(answers):
            problems.append(RuleProblem(at, WHERE, "needs one volume for each answer 1 to 5"))
        elif any(b <= a for a, b in itertools.pairwise(starts)):
            problems.append(RuleProblem(at, WHERE, "volumes must grow with the answer"))
    return problems + list(_priority_problems(q)) + list(_build_problems(q))


def _build_problems(q: Questionnaire) -> Iterator[RuleProblem]:
    """Person-days for exactly the efforts the priority rule's question offers."""
    case = q.business_case
    if case is None or case.build is None:
        return
    at: Path = ("business_case", "build", "days")
    rule = case.priority
    if rule is None or rule.effort_input not in q.input_ids:
        yield RuleProblem(at, WHERE, "needs a priority rule whose effort question it can follow")
        return
    efforts = q.optional_input(rule.effort_input).option_ids
    if set(case.build.days) != set(efforts):
        yield RuleProblem(
            at, WHERE, f"needs person-days for every effort ({', '.join(efforts)}) and no other"
        )


def _priority_problems(q: Questionnaire) -> Iterator[RuleProblem]:
    rule = q.business_case.priority if q.business_case else None
    if rule is None:
        return
    at: Path = ("business_case", "priority")
    if rule.effort_input not in q.input_ids:
        yield RuleProblem(
            (*at, "effort_input"), WHERE, f"no optional question '{rule.effort_input}'"
        )
        return
    for ident, when in [
        *((r.id, r.when) for r in q.rules),
        *((k.id, k.when) for k in q.assist_kinds),
    ]:
        if rule.effort_input in when:
            yield RuleProblem(
                (*at, "effort_input"),
                WHERE,
                f"'{ident}' uses {rule.effort_input}, which only decides what to do first: "
                "effort must never change a verdict",
            )
    efforts = q.optional_input(rule.effort_input).option_ids
    if rule.default_effort not in efforts:
        yield RuleProblem((*at, "default_effort"), WHERE, f"must be one of {', '.join(efforts)}")
    mins = [b.min_hours for b in rule.bands]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        yield RuleProblem(
            (*at, "bands"), WHERE, "bands run from the highest value down, the last from 0 hours"
        )
    bands = [b.id for b in rule.bands]
    if set(rule.plan) != set(bands) or any(set(r) != set(efforts) for r in rule.plan.values()):
        yield RuleProblem(
            (*at, "plan"),
            WHERE,
            f"needs a priority for every band ({', '.join(bands)}) and every effort "
            f"({', '.join(efforts)})",
        )
        return
    missing = [p for p in PRIORITIES if p not in rule.waves]
    if missing:
        yield RuleProblem((*at, "waves"), WHERE, f"needs a wave for {', '.join(missing)}")
        return
    yield from _monotonic(rule.plan, rule.waves, bands, efforts, at)


def _monotonic(
    grid: Mapping[str, Mapping[str, Priority]],
    waves: Mapping[Priority, int],
    bands: list[str],
    efforts: list[str],
    at: Path,
) -> Iterator[RuleProblem]:
    """More value for no more effort never lands in a later wave; more effort for no less value
    never in an earlier one."""
    wave = {(b, e): waves[grid[b][e]] for b in bands for e in efforts}
    for i, band in enumerate(bands):
        for j, effort in enumerate(efforts):
            lower = bands[i + 1] if i + 1 < len(bands) else None
            bigger = efforts[j + 1] if j + 1 < len(efforts) else None
            if lower and wave[band, effort] > wave[lower, effort]:
                yield RuleProblem(
                    (*at, "plan", band, effort),
                    WHERE,
                    f"{band} value puts a {effort} change in a later wave than {lower} value "
                    "does: more value must never wait longer",
                )
            if bigger and wave[band, effort] > wave[band, bigger]:
                yield RuleProblem(
                    (*at, "plan", band, effort),
                    WHERE,
                    f"a {effort} change comes later than a {bigger} one of the same value",
                )


# --- a workshop's numbers ---------------------------------------------------------------------


def volume_warnings(q: Questionnaire, workshop: Workshop) -> list[str]:
    """Touchpoints whose volume contradicts the room's answer on how often they happen (two or
    more answers apart), half-given numbers, and costs nothing is set against. The answer
    still decides the verdict."""
    found = []
    for tp in workshop.touchpoints:
        if (tp.volume is None) != (tp.handle_minutes is None):
            given, missing = ("volume", "handle_minutes")[:: 1 if tp.volume else -1]
            found.append(
                f'touchpoint "{clip(tp.name, 60)}": has {given} but no {missing}; give both to '
                "size it"
            )
        message = _contradiction(q, tp)
        if message:
            found.append(message)
    if workshop.economics is None and any(t.volume is not None for t in workshop.touchpoints):
        found.append(
            "touchpoints have volumes but the workshop has no economics: the report gives hours "
            "and full-time people; add economics (currency, cost_per_hour) to price them"
        )
    return found + _unpriced_costs(q, workshop)


def _unpriced_costs(q: Questionnaire, workshop: Workshop) -> list[str]:
    """A build or running cost that nothing is set against: on a keep-human verdict (keeping a
    moment human saves nothing), or in a workshop without economics (no currency)."""
    found = []
    judge = Judge(q)
    for tp in workshop.touchpoints:
        fields = [f for f in ("build_cost", "run_cost_per_year") if getattr(tp, f) is not None]
        if not fields:
            continue
        named = f'touchpoint "{clip(tp.name, 60)}": {" and ".join(fields)}'
        need, be = ("need", "are") if len(fields) > 1 else ("needs", "is")
        if workshop.economics is None:
            found.append(f"{named} {need} the workshop's economics (its currency) to count")
        elif assess_touchpoint(q, tp, judge).recommendation == KEEP_HUMAN:
            found.append(f"{named} {be} not counted: keeping a moment human saves nothing")
    return found


def keep_human_shares(q: Questionnaire, workshop: Workshop) -> list[tuple[int, str]]:
    """Touchpoints that give their own `share` but whose verdict keeps them human: (position,
    message). A share there would count savings where the customer needs a person."""
    judge = Judge(q)
    return [
        (i, "keeping a moment human saves nothing: remove `share` (the verdict is keep human)")
        for i, tp in enumerate(workshop.touchpoints)
        if tp.share is not None and assess_touchpoint(q, tp, judge).recommendation == KEEP_HUMAN
    ]


def implied_answer(q: Questionnaire, volume: int) -> int | None:
    case = q.business_case
    if case is None or not case.volume_from:
        return None
    met = [n for n, start in case.volume_from.items() if volume >= start]
    return max(met, default=SCORE_MIN)


def _contradiction(q: Questionnaire, tp: Touchpoint) -> str | None:
    case = q.business_case
    if tp.volume is None or case is None or case.volume_dimension not in q.dimension_ids:
        return None
    dim = q.dimension(case.volume_dimension)
    answer = effective_scores(q, tp, team_view(q, tp)).get(dim.id)
    implied = implied_answer(q, tp.volume)
    if answer is None or implied is None or abs(answer - implied) < 2:
        return None
    return (
        f'touchpoint "{tp.name}": a volume of {tp.volume:,} a month is '
        f'"{dim.anchors[implied].label.lower()}" ({dim.label.lower()} {implied}), but the '
        f'room answered {answer} ("{dim.anchors[answer].label.lower()}"); the answer still '
        "decides the verdict: check one or the other"
    )
