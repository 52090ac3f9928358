"""The recommendation a leader reads first, and the value-and-effort chart. Pure: an assessment
and its appraisal in, sentences and geometry out, with money in the workshop's locale.

It never lets value hide a need: keep-human moments are listed as what to protect, with the
reason the customer needs a person, and borderline or split verdicts as what to decide first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.economics import PROTECT, Economics
from assess.files import money
from assess.files.output import VERDICT_LABELS
from assess.method.explain import join_words
from assess.method.value import Appraisal, Move, by_value
from assess.report.chart import marker_size
from assess.team.compare import Comparison

#: How many moves, human moments and open questions page 2 names (the rest are on their pages).
TOP = 5
NO_NUMBERS = (
    "Numbers would add what each verdict is worth and what to do first: give the workshop its "
    "economics (currency and the cost of an hour of a person's time) and each touchpoint its "
    "volume (contacts a month) and handle time (minutes a person spends on one)."
)


@dataclass(frozen=True)
class Row:
    move: Move
    worth: str
    plan: str


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _quoted(moves: Sequence[Move]) -> str:
    return join_words([f"\u201c{m.result.touchpoint.name}\u201d" for m in moves])


def paragraph(appraisal: Appraisal, summary: Mapping[str, int]) -> str:
    """The decision in a few sentences."""
    economics, totals = appraisal.economics, appraisal.totals
    assert economics is not None and totals is not None
    moves = by_value(appraisal.moves)
    text = (
        f"Automate {summary['automate']}, assist {summary['assist']} and keep "
        f"{summary['keep-human']} of {_count(len(appraisal.moves), 'touchpoint')} human."
    )
    if moves:
        fte = money.number(totals.fte.expected, economics.locale, 1)
        text += f" Sized, the changes free the time of about {fte} full-time people."
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


def _rest(wave: Sequence[Move]) -> str:
    """What a step leaves unnamed, so a wave's list never reads as the whole of it."""
    more = len(wave) - TOP
    return (
        f" and {_count(more, 'more move')} (each touchpoint's page names its wave)"
        if more > 0
        else ""
    )


def next_steps(appraisal: Appraisal) -> list[str]:
    """What to do, in order, from what the appraisal holds."""
    moves = appraisal.moves
    waves = {w: [m for m in by_value(moves) if m.wave == w] for w in (1, 2, 3)}
    decide = [m for m in moves if m.decide_first and m.result.scored]
    size = [m for m in moves if m.needs_sizing]
    protect = [m for m in moves if m.priority == PROTECT]
    steps = []
    if decide:
        steps.append(
            f"Decide first: settle {_count(len(decide), 'verdict')} that "
            f"{'is' if len(decide) == 1 else 'are'} borderline, split or missing an answer "
            f"{'it needs' if len(decide) == 1 else 'they need'}, with the team, before anything "
            "is built."
        )
    if waves[1]:
        steps.append(f"Wave 1, now: start {_quoted(waves[1][:TOP])}{_rest(waves[1])}.")
    if size:
        steps.append(
            f"Size {_count(len(size), 'more touchpoint')}: add volume and handle time to "
            f"{_quoted(size[:3])}{' and the rest' if len(size) > 3 else ''}."
        )
    if waves[2]:
        steps.append(f"Wave 2, next: plan {_quoted(waves[2][:TOP])}{_rest(waves[2])}.")
    if waves[3]:
        steps.append(f"Wave 3, later: revisit {_count(len(waves[3]), 'move')} of lower value.")
    if protect:
        one = len(protect) == 1
        steps.append(
            f"Protect the {_count(len(protect), 'moment')} that {'stays' if one else 'stay'} "
            f"human: give the people who handle {'it' if one else 'them'} time, training and "
            "tools that work behind them."
        )
    steps.append(
        "Replace the planning shares with pilot figures as they come in, and re-assess "
        "(assess compare shows what moved)."
    )
    return steps


def recommendation(
    appraisal: Appraisal, summary: Mapping[str, int], rule_titles: Mapping[str, str]
) -> dict[str, Any]:
    """Everything page 2 shows; `priced` False means the one line NO_NUMBERS instead."""
    economics, totals = appraisal.economics, appraisal.totals
    if economics is None or totals is None:
        return {"priced": False, "no_numbers": NO_NUMBERS}
    loc = economics.locale
    top = [
        Row(m, money.money(m.value.cost_per_year.expected, economics.currency, loc), plan_text(m))
        for m in by_value(appraisal.moves)[:TOP]
        if m.value
    ]
    human = [m for m in appraisal.moves if m.priority == PROTECT]
    human.sort(key=lambda m: -(m.value.volume_per_month if m.value else 0))
    return {
        "priced": True,
        "paragraph": paragraph(appraisal, summary),
        "money": money.money_range(totals.cost_per_year, economics),
        "hours": money.number(totals.hours_per_year.expected, economics.locale),
        "fte": money.number(totals.fte.expected, economics.locale, 1),
        "top": top,
        "human": [
            {
                "move": m,
                "why": human_reason(m, rule_titles),
                "contacts": money.number(m.value.volume_per_month, loc) if m.value else None,
            }
            for m in human[:TOP]
        ],
        "more_human": max(len(human) - TOP, 0),
        "decide": [m for m in appraisal.moves if m.decide_first and m.result.scored][:TOP],
        "steps": next_steps(appraisal),
        "chart": value_chart(appraisal, economics),
    }


def plan_text(move: Move) -> str:
    label = money.PRIORITY_LABELS.get(move.priority or "", "")
    return f"{label}, decide first" if move.decide_first else label


# --- the value-and-effort chart -----------------------------------------------------------------


@dataclass(frozen=True)
class Dot:
    """A marker on the value chart, drawn by the same macro as the matrix's."""

    key: str
    verdict: str
    x: float
    y: float
    number: int
    r: float
    font: float
    baseline: float


def value_chart(appraisal: Appraisal, economics: Economics) -> dict[str, Any] | None:
    """Expected hours a year (up, log scale) against effort (right, one column per option):
    quick wins top left, big bets top right. None when no move is sized."""
    case = appraisal.case
    rule = case.priority if case else None
    moves = [m for m in appraisal.moves if m.value and m.wave and m.effort]
    if rule is None or not moves:
        return None
    width, height, left, top, bottom = 640, 250, 70, 12, 40
    plot_w, plot_h = width - left - 12, height - top - bottom
    efforts = list(rule.plan[rule.bands[0].id])
    hours = [max(m.value.hours_per_year.expected, 1) for m in moves if m.value]
    low = 10 ** math.floor(math.log10(min([*hours, rule.bands[0].min_hours or 1])))
    high = 10 ** math.ceil(math.log10(max([*hours, 10 * low])))

    def y_of(h: float) -> float:
        span = math.log10(high) - math.log10(low)
        return top + plot_h * (1 - (math.log10(max(h, low)) - math.log10(low)) / span)

    column = plot_w / len(efforts)
    numbers = {m.result.touchpoint.key: n for n, m in enumerate(appraisal.moves, 1)}
    dots = []
    for m in moves:
        number = numbers[m.result.touchpoint.key]
        r, font, baseline = marker_size(m.result.recommendation, None, number)
        col = efforts.index(m.effort or rule.default_effort)
        same = [o for o in moves if o.effort == m.effort]
        slot = (same.index(m) + 1) / (len(same) + 1)
        h = m.value.hours_per_year.expected if m.value else 1
        dots.append(
            Dot(
                m.result.touchpoint.key,
                m.result.recommendation,
                left + column * (col + slot),
                y_of(h),
                number,
                r,
                font,
                round(y_of(h) + baseline, 1),
            )
        )
    ticks = []
    value = low
    while value <= high:
        ticks.append((y_of(value), money.number(value, economics.locale)))
        value *= 10
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "columns": [(left + column * (i + 0.5), e.capitalize()) for i, e in enumerate(efforts)],
        "dividers": [left + column * i for i in range(1, len(efforts))],
        "ticks": ticks,
        "band": (y_of(rule.bands[0].min_hours), rule.bands[0].label)
        if len(rule.bands) > 1
        else None,
        "dots": dots,
    }


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
