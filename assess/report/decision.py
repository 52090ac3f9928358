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
from assess.files.rounded import money_about, month_count, number_about
from assess.i18n import N_, _, in_sentence, ngettext
from assess.method.explain import TOWARD_PERSON
from assess.method.plan import Roadmap, Slot
from assess.method.value import Appraisal, Move, by_value
from assess.method.words import join_words, quoted
from assess.method.worth import GIVEN
from assess.models import UNSCORED
from assess.report import businesscase
from assess.report import roadmap as roadmap_steps
from assess.report.valuechart import value_chart
from assess.report.words import of_touchpoints
from assess.team.compare import Comparison

#: How many moves the top-moves table shows (the next steps name every move).
TOP = 5
NO_NUMBERS = N_(
    "Numbers would add what each verdict is worth and what to do first: give each touchpoint "
    "its volume (contacts a month) and handle time (minutes a person spends on one), and the "
    "workshop its economics (currency and the cost of an hour of a person's time)."
)


@dataclass(frozen=True)
class Row:
    """A row of the top-moves table: the move and its cells after the verdict."""

    move: Move
    cells: tuple[str, ...]


def _quoted(moves: Sequence[Move]) -> str:
    return join_words([quoted(m.result.touchpoint.name) for m in moves])


def verdicts_sentence(summary: Mapping[str, int]) -> str:
    """'Of 17 touchpoints, 8 can be automated, 5 assisted and 3 stay human; 1 is not yet
    assessed.'"""
    a, b, c = summary["automate"], summary["assist"], summary["keep-human"]
    parts = [
        ngettext("%(n)s can be automated", "%(n)s can be automated", a) % {"n": a} if a else "",
        ngettext("%(n)s assisted", "%(n)s assisted", b) % {"n": b} if b else "",
        ngettext("%(n)s stays human", "%(n)s stay human", c) % {"n": c} if c else "",
    ]
    verdicts = join_words([p for p in parts if p])
    return of_touchpoints(sum(summary.values()), verdicts, summary.get(UNSCORED, 0))


def paragraph(
    appraisal: Appraisal, summary: Mapping[str, int], roadmap: Roadmap | None = None
) -> str:
    """The decision in a few sentences; the biggest move's wave is the plan's where there is
    one, as the top-moves table and the plan page say it."""
    moves = by_value(appraisal.moves)
    text = verdicts_sentence(summary)
    if not moves:
        return text + " " + _("No automate or assist verdict has the numbers to size it yet.")
    first = moves[0]
    slot = roadmap.slot(first) if roadmap else None
    when = planned_phrase(first, slot) if slot else wave_phrase(first)
    said = {"name": quoted(first.result.touchpoint.name), "when": when}
    if first.result.recommendation == "automate":
        return text + " " + _("The biggest move is to automate %(name)s, %(when)s.") % said
    return text + " " + _("The biggest move is to assist %(name)s, %(when)s.") % said


def wave_phrase(move: Move, wave: int | None = None) -> str:
    shown = wave or move.wave
    if move.decide_first:
        return _("once the team has decided it (wave %(wave)s)") % {"wave": shown}
    return {1: _("now (wave 1)"), 2: _("next (wave 2)"), 3: _("later (wave 3)")}.get(shown or 0, "")


def planned_phrase(move: Move, slot: Slot) -> str:
    """The wave the plan gives a move where it is not its priority's (capacity, `after`), as the
    top-moves table and the plan page say it: 'in wave 5'. Kept short: the plan page says when
    and why."""
    if slot.pushed_from is None or move.decide_first:
        return wave_phrase(move, slot.wave)
    return _("in wave %(wave)s") % {"wave": slot.wave}


def human_reason(move: Move, rule_titles: Mapping[str, str]) -> str:
    """Why the customer needs a person here, in a few words: the guardrail that decided it, else
    the answers that point toward a person."""
    r = move.result
    if r.decisive and r.decisive in rule_titles:
        return in_sentence(rule_titles[r.decisive])
    found = next((x for x in r.reasons if x.kind == TOWARD_PERSON), None)
    if found:
        return found.detail
    return _("the customer's need outweighs automation (fit %(fit)s)") % {"fit": r.fit}


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
            or ngettext(
                "Decide first: settle %(n)s verdict that is borderline, split or missing an "
                "answer it needs, with the team, before anything is built.",
                "Decide first: settle %(n)s verdicts that are borderline, split or missing an "
                "answer they need, with the team, before anything is built.",
                len(decide),
            )
            % {"n": len(decide)}
        )
    if planned and roadmap is not None:
        steps += [roadmap_steps.wave_step(w, roadmap, appraisal.economics) for w in roadmap.waves]
    elif waves[1]:
        steps.append(_("Wave 1, now: start %(names)s.") % {"names": _quoted(waves[1])})
    if size:
        steps.append(
            ngettext(
                "Size %(n)s more touchpoint: add volume and handle time to %(names)s.",
                "Size %(n)s more touchpoints: add volume and handle time to %(names)s.",
                len(size),
            )
            % {"n": len(size), "names": _quoted(size)}
        )
    if waves[2] and not planned:
        steps.append(_("Wave 2, next: plan %(names)s.") % {"names": _quoted(waves[2])})
    if waves[3] and not planned:
        steps.append(
            _("Wave 3, later: revisit %(names)s, of lower value.") % {"names": _quoted(waves[3])}
        )
    losing = [m for m in by_value(moves) if m.case and m.case.payback_months.expected is None]
    if losing:
        steps.append(
            ngettext(
                "Rethink %(names)s: on the expected figures it does not pay back.",
                "Rethink %(names)s: on the expected figures they do not pay back.",
                len(losing),
            )
            % {"names": _quoted(losing)}
        )
    if protect:
        steps.append(
            ngettext(
                "Protect the %(n)s moment that stays human: time, training and tools behind the "
                "people who handle it.",
                "Protect the %(n)s moments that stay human: time, training and tools behind the "
                "people who handle them.",
                len(protect),
            )
            % {"n": len(protect)}
        )
    steps.append(
        _(
            "Replace planning shares and estimates with pilot figures and quotes; re-assess "
            "(%(command)s shows what moved)."
        )
        % {"command": "assess compare"}
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
        return worth, _("not costed"), "", plan
    # The amount is kept on one line, and "given" wraps under it rather than over the next column.
    build = money_about(case.build_cost.expected, e.currency, loc).replace(" ", "\u00a0")
    if case.build_cost_basis == GIVEN:  # the rest are estimates from effort, and say so
        build = _("%(amount)s given") % {"amount": build}
    return worth, build, _months(case.payback_months.expected, loc), plan


def _months(months: float | None, locale: str) -> str:
    return _("does not pay back") if months is None else month_count(months, locale)


#: The top-moves table's figure columns: (heading, width in % of the table, kept on one line).
Column = tuple[str, int, bool]


def _header(appraisal: Appraisal) -> tuple[Column, ...]:
    if not appraisal.priced:
        return ((_("Hours a year"), 14, True), (_("Plan"), 24, False))
    if not appraisal.costed:
        return (
            (_("Hours a year"), 12, True),
            (_("Worth a year"), 14, True),
            (_("Plan"), 19, False),
        )
    return (
        (_("Worth a year"), 13, True),
        (_("Build"), 12, False),
        (_("Payback"), 14, False),
        (_("Plan"), 24, False),
    )


def recommendation(
    appraisal: Appraisal,
    summary: Mapping[str, int],
    rule_titles: Mapping[str, str],
    roadmap: Roadmap | None = None,
    efforts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Everything page 2 shows; `shown` False means the one line NO_NUMBERS instead (no
    economics and no touchpoint with a volume and a handle time)."""
    totals, economics = appraisal.totals, appraisal.economics
    if totals is None:
        return {"shown": False, "no_numbers": _(NO_NUMBERS)}
    loc = economics.locale if economics else "en_GB"
    human = [m for m in appraisal.moves if m.priority == PROTECT]
    human.sort(key=lambda m: -(m.value.volume_per_month if m.value else 0))
    sized = totals.sized > 0
    return {
        "shown": True,
        "priced": appraisal.priced,
        "paragraph": paragraph(appraisal, summary, roadmap),
        "figures": businesscase.figures(appraisal) if sized else [],
        "missing": None
        if appraisal.costed
        else _(businesscase.NO_COST)
        if appraisal.priced
        else _(businesscase.NO_PRICE),
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
        "chart": value_chart(appraisal, economics, efforts),
    }


def plan_text(move: Move) -> str:
    label = money.priority(move.priority)
    return _("%(priority)s, decide first") % {"priority": label} if move.decide_first else label


def value_since(comparison: Comparison | None) -> str | None:
    """The expected value a year then and now, for the "since last time" page."""
    total = comparison.total if comparison else None
    if comparison is None or total is None:
        return None
    economics = comparison.new.workshop.economics or comparison.old.workshop.economics
    locale = economics.locale if economics else "en_GB"

    def worth(amount: float | None) -> str:
        return _("not priced") if amount is None else money.money(amount, total.currency, locale)

    moved = "; ".join(
        _("%(name)s: %(old)s to %(new)s")
        % {"name": v.name, "old": worth(v.old), "new": worth(v.new)}
        for v in comparison.values
    )
    text = _("Value a year, expected: %(old)s then, %(new)s now.") % {
        "old": worth(total.old),
        "new": worth(total.new),
    }
    return text + " " + _("Moved: %(moves)s.") % {"moves": moved} if moved else text
