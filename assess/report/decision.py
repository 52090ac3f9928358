"""The recommendation a leader reads first (page 2): the decision, the business case as a board
reads it (:mod:`assess.report.businesscase`), the top moves, what stays human and why, what to
decide first, the next steps, and the value-and-effort chart (:mod:`assess.report.valuechart`).
Pure: an assessment and its appraisal in, sentences out, numbers in the workshop's locale.

It never lets value hide a need: keep-human moments are listed as what to protect, with the
reason the customer needs a person, and borderline or split verdicts as what to decide first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.economics import PROTECT
from assess.files import money
from assess.files.output import VERDICT_LABELS
from assess.files.rounded import money_about, month_count, number_about
from assess.method.explain import join_words
from assess.method.plan import Roadmap
from assess.method.value import Appraisal, Move, by_value
from assess.method.worth import GIVEN
from assess.models import UNSCORED
from assess.report import businesscase
from assess.report import roadmap as roadmap_steps
from assess.report.valuechart import value_chart
from assess.team.compare import Comparison

#: How many moves the top-moves table shows (the next steps name every move).
TOP = 5
NO_NUMBERS = (
    "Numbers would add what each verdict is worth and what to do first: give each touchpoint "
    "its volume (contacts a month) and handle time (minutes a person spends on one), and the "
    "workshop its economics (currency and the cost of an hour of a person's time)."
)


@dataclass(frozen=True)
class Row:
    """A row of the top-moves table: the move and its cells after the verdict."""

    move: Move
    cells: tuple[str, ...]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _quoted(moves: Sequence[Move]) -> str:
    return join_words([f"\u201c{m.result.touchpoint.name}\u201d" for m in moves])


def verdicts_sentence(summary: Mapping[str, int]) -> str:
    """'Of 17 touchpoints, 8 can be automated, 5 assisted and 3 stay human; 1 is not yet
    assessed.'"""
    total = sum(summary.values())
    parts = [
        f"{summary['automate']} can be automated" if summary["automate"] else "",
        f"{summary['assist']} assisted" if summary["assist"] else "",
        f"{summary['keep-human']} {'stays' if summary['keep-human'] == 1 else 'stay'} human"
        if summary["keep-human"]
        else "",
    ]
    text = f"Of {_count(total, 'touchpoint')}, {join_words([p for p in parts if p])}"
    if summary.get(UNSCORED):
        n = summary[UNSCORED]
        text += f"; {n} {'is' if n == 1 else 'are'} not yet assessed"
    return text + "."


def paragraph(appraisal: Appraisal, summary: Mapping[str, int]) -> str:
    """The decision in a few sentences."""
    moves = by_value(appraisal.moves)
    text = verdicts_sentence(summary)
    if moves:
        first = moves[0]
        text += (
            f" The biggest move is to {VERDICT_LABELS[first.result.recommendation].lower()} "
            f"\u201c{first.result.touchpoint.name}\u201d, {wave_phrase(first)}."
        )
    else:
        text += " No automate or assist verdict has the numbers to size it yet."
    return text


def wave_phrase(move: Move) -> str:
    if move.decide_first:
        return f"once the team has decided it (wave {move.wave})"
    return {1: "now (wave 1)", 2: "next (wave 2)", 3: "later (wave 3)"}.get(move.wave or 0, "")


TOWARD_PERSON = "Points toward a person: "


def human_reason(move: Move, rule_titles: Mapping[str, str]) -> str:
    """Why the customer needs a person here, in a few words: the guardrail that decided it, else
    the answers that point toward a person."""
    r = move.result
    if r.decisive and r.decisive in rule_titles:
        return rule_titles[r.decisive].lower()
    found = next((x for x in r.reasons if x.startswith(TOWARD_PERSON)), None)
    if found:
        return found.removeprefix(TOWARD_PERSON).rstrip(".")
    return f"the customer's need outweighs automation (fit {r.fit})"


def next_steps(appraisal: Appraisal, roadmap: Roadmap | None = None) -> list[str]:
    """What to do, in order, from what the appraisal holds; every move is named. With a plan
    (issue 28) the waves are the plan's, dated, each move with its owner."""
    moves = appraisal.moves
    waves = {w: [m for m in by_value(moves) if m.wave == w] for w in (1, 2, 3)}
    decide = [m for m in moves if m.decide_first and m.result.scored]
    size = [m for m in moves if m.needs_sizing]
    protect = [m for m in moves if m.priority == PROTECT]
    planned = roadmap is not None and roadmap_steps.reshaped(roadmap)
    steps = []
    dated = roadmap_steps.decide_step(roadmap, appraisal.economics) if roadmap else None
    if decide:
        steps.append(
            dated
            or f"Decide first: settle {_count(len(decide), 'verdict')} that "
            f"{'is' if len(decide) == 1 else 'are'} borderline, split or missing an answer "
            f"{'it needs' if len(decide) == 1 else 'they need'}, with the team, before anything "
            "is built."
        )
    if planned and roadmap is not None:
        steps += [roadmap_steps.wave_step(w, roadmap, appraisal.economics) for w in roadmap.waves]
    elif waves[1]:
        steps.append(f"Wave 1, now: start {_quoted(waves[1])}.")
    if size:
        steps.append(
            f"Size {_count(len(size), 'more touchpoint')}: add volume and handle time to "
            f"{_quoted(size)}."
        )
    if waves[2] and not planned:
        steps.append(f"Wave 2, next: plan {_quoted(waves[2])}.")
    if waves[3] and not planned:
        steps.append(f"Wave 3, later: revisit {_quoted(waves[3])}, of lower value.")
    losing = [m for m in by_value(moves) if m.case and m.case.payback_months.expected is None]
    if losing:
        one = len(losing) == 1
        steps.append(
            f"Rethink {_quoted(losing)}: on the expected figures "
            f"{'it does' if one else 'they do'} not pay back."
        )
    if protect:
        one = len(protect) == 1
        steps.append(
            f"Protect the {_count(len(protect), 'moment')} that {'stays' if one else 'stay'} "
            "human: time, training and tools behind the people who handle "
            f"{'it' if one else 'them'}."
        )
    steps.append(
        "Replace planning shares and estimates with pilot figures and quotes; re-assess "
        "(assess compare shows what moved)."
    )
    return steps


def _cells(move: Move, appraisal: Appraisal, roadmap: Roadmap | None = None) -> tuple[str, ...]:
    """The top-moves table's figures for one move, expected values rounded for reading; the
    wave is the plan's where there is one (issue 28)."""
    e, v = appraisal.economics, move.value
    assert v is not None
    loc = e.locale if e else "en_GB"
    hours = number_about(v.hours_per_year.expected, loc)
    slot = roadmap.slot(move) if roadmap else None
    plan = money.wave_text(move, slot.wave if slot else None)
    if e is None or v.cost_per_year is None:
        return hours, plan
    worth = money_about(v.cost_per_year.expected, e.currency, loc)
    if not appraisal.costed:
        return hours, worth, plan
    case = move.case
    if case is None:
        return worth, "not costed", "", plan
    build = money_about(case.build_cost.expected, e.currency, loc)
    if case.build_cost_basis == GIVEN:  # the rest are estimates from effort, and say so
        build += " given"
    return worth, build, _months(case.payback_months.expected, loc), plan


def _months(months: float | None, locale: str) -> str:
    return "does not pay back" if months is None else month_count(months, locale)


#: The top-moves table's figure columns: (heading, width in % of the table, kept on one line).
Column = tuple[str, int, bool]


def _header(appraisal: Appraisal) -> tuple[Column, ...]:
    if not appraisal.priced:
        return (("Hours a year", 14, True), ("Plan", 24, False))
    if not appraisal.costed:
        return (("Hours a year", 12, True), ("Worth a year", 14, True), ("Plan", 19, False))
    return (
        ("Worth a year", 13, True),
        ("Build", 12, True),
        ("Payback", 13, False),
        ("Plan", 17, False),
    )


def recommendation(
    appraisal: Appraisal,
    summary: Mapping[str, int],
    rule_titles: Mapping[str, str],
    roadmap: Roadmap | None = None,
) -> dict[str, Any]:
    """Everything page 2 shows; `shown` False means the one line NO_NUMBERS instead (no
    economics and no touchpoint with a volume and a handle time)."""
    totals, economics = appraisal.totals, appraisal.economics
    if totals is None:
        return {"shown": False, "no_numbers": NO_NUMBERS}
    loc = economics.locale if economics else "en_GB"
    human = [m for m in appraisal.moves if m.priority == PROTECT]
    human.sort(key=lambda m: -(m.value.volume_per_month if m.value else 0))
    sized = totals.sized > 0
    return {
        "shown": True,
        "priced": appraisal.priced,
        "paragraph": paragraph(appraisal, summary),
        "figures": businesscase.figures(appraisal) if sized else [],
        "missing": None
        if appraisal.costed
        else businesscase.NO_COST
        if appraisal.priced
        else businesscase.NO_PRICE,
        "baseline": businesscase.baseline(appraisal) if sized else None,
        "firmness": businesscase.firmness(appraisal) if sized else [],
        "people": businesscase.people(appraisal) if sized else [],
        "header": _header(appraisal),
        "top": [Row(m, _cells(m, appraisal, roadmap)) for m in by_value(appraisal.moves)[:TOP]],
        "shares": businesscase.share_notes(appraisal.moves),
        "human": [
            {
                "move": m,
                "why": human_reason(m, rule_titles),
                "contacts": money.number(m.value.volume_per_month, loc) if m.value else None,
            }
            for m in human
        ],
        "decide": [m for m in appraisal.moves if m.decide_first and m.result.scored],
        "steps": next_steps(appraisal, roadmap),
        "chart": value_chart(appraisal, economics),
    }


def plan_text(move: Move) -> str:
    label = money.PRIORITY_LABELS.get(move.priority or "", "")
    return f"{label}, decide first" if move.decide_first else label


def value_since(comparison: Comparison | None) -> str | None:
    """The expected value a year then and now, for the "since last time" page."""
    total = comparison.total if comparison else None
    if comparison is None or total is None:
        return None
    economics = comparison.new.workshop.economics or comparison.old.workshop.economics
    locale = economics.locale if economics else "en_GB"

    def worth(amount: float | None) -> str:
        return "not priced" if amount is None else money.money(amount, total.currency, locale)

    moved = "; ".join(f"{v.name}: {worth(v.old)} to {worth(v.new)}" for v in comparison.values)
    text = f"Value a year, expected: {worth(total.old)} then, {worth(total.new)} now."
    return f"{text} Moved: {moved}." if moved else text
