"""The plan's questions in `assess run` (issue 28), asked after a verdict when the room picks
"Plan" in the touchpoint's menu: who answers for the move (owner), the moves that must be done
first (after) and the KPI that will say it worked (name, unit, baseline, target). All optional:
Enter keeps what is there, '-' clears it, and each answer is saved at once like every other.

One step, in one module: :mod:`assess.workshop.walk` offers :func:`plan_option` in the menu
after the verdict and calls :func:`ask_plan` when it is picked.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assess.files import planedit
from assess.i18n import _
from assess.method.plan import plan_problems
from assess.method.scoring import Result
from assess.plans import Kpi
from assess.team.plancolumns import parse_kpi
from assess.workshop.prompts import Option
from assess.workshop.question import draw
from assess.workshop.state import State

#: The menu's choice that asks the plan's questions.
PLAN = "plan"
CLEAR = "-"


def plan_option(result: Result) -> Option:
    """'Plan: owner, after, KPI (owner Head of Service, KPI Contained share)'."""
    tp = result.touchpoint
    said = [
        _("owner %(owner)s") % {"owner": tp.owner} if tp.owner else "",
        _("after %(n)s") % {"n": len(tp.after)} if tp.after else "",
        _("KPI %(kpi)s") % {"kpi": tp.kpi.name} if tp.kpi else "",
    ]
    now = ", ".join(s for s in said if s) or _("nothing yet")
    return Option(_("Plan: owner, after, KPI (%(now)s)") % {"now": now}, PLAN, key="w")


def ask_plan(s: State, index: int) -> None:
    ask_owner(s, index)
    ask_after(s, index)
    ask_kpi(s, index)


def _typed(s: State, index: int, prompt: str, shown: str) -> str | None:
    """What the room typed: None to keep what is there, "" to clear it."""
    draw(s, index, prompt_lines=3)
    raw = s.text(prompt, default=shown).strip()
    if raw == shown:
        return None
    return "" if raw in ("", CLEAR) else raw


def ask_owner(s: State, index: int) -> None:
    tp = s.result(index).touchpoint
    typed = _typed(
        s,
        index,
        _("Owner: who answers for this move? (optional; Enter keeps, - clears)"),
        tp.owner or "",
    )
    if typed is not None:
        s.set_field(index, "owner", typed or None)


def ask_after(s: State, index: int) -> None:
    """Tick the moves that must be done first; a cycle is refused and asked again."""
    tps = s.workshop.touchpoints
    tp = tps[index]
    current = {n.strip().casefold() for n in tp.after}
    options = [
        Option(other.name, other.name, checked=other.name.strip().casefold() in current)
        for i, other in enumerate(tps)
        if i != index
    ]
    if not options:
        return
    while True:
        draw(s, index, prompt_lines=3)
        picked = list(s.prompter.checkbox(_("After: which moves must be done first?"), options))
        if not picked and tp.after and not s.confirm(_("Clear the moves it comes after?"), False):
            return  # Esc answers nothing ticked: never clears unasked
        problem = _cycle(s, index, picked)
        if problem is None:
            break
        s.say(problem, "red")
        options = [Option(o.title, o.value, checked=o.value in picked) for o in options]
    if [n.casefold() for n in picked] != [n.strip().casefold() for n in tp.after]:
        key = s.key_of(index)
        s.change(lambda doc: planedit.set_after(doc, s.at(key), picked))


def _cycle(s: State, index: int, names: list[str]) -> str | None:
    """What is wrong with these names as the touchpoint's `after` (a cycle), if anything."""
    tps = list(s.workshop.touchpoints)
    tps[index] = tps[index].model_copy(update={"after": names})
    problems = plan_problems(s.workshop.model_copy(update={"touchpoints": tps}))
    found = [p for p in problems if p.loc[:3] == ("touchpoints", index, "after")]
    found = found or [p for p in problems if "after" in p.loc]
    return found[0].message if found else None


def _number(s: State, index: int, prompt: str, current: float | None) -> float | str | None:
    """A KPI's number: None keeps it, "" clears it; asked again until it reads."""
    shown = "" if current is None else f"{current:g}"
    question = prompt
    while True:
        typed = _typed(s, index, question, shown)
        if not typed:
            return typed
        try:
            return parse_kpi(typed)
        except ValueError as exc:
            question = f"{prompt}: {exc}"


def ask_kpi(s: State, index: int) -> None:
    """The KPI's name (clearing it removes the KPI), unit, baseline and target."""
    kpi = s.result(index).touchpoint.kpi
    name = _typed(
        s,
        index,
        _("KPI: how will you know it worked? Its name (optional; Enter keeps, - clears)"),
        kpi.name if kpi else "",
    )
    if name == "":
        if kpi is not None:
            key = s.key_of(index)
            s.change(lambda doc: planedit.set_kpi(doc, s.at(key), None))
        return
    if name is None and kpi is None:
        return
    found: dict[str, Any] = kpi.model_dump() if kpi else {}
    if name:
        found["name"] = name
    unit = _typed(
        s, index, _("Unit, such as days or a per cent sign (Enter keeps)"), found.get("unit") or ""
    )
    if unit is not None:
        found["unit"] = unit or None
    for field, prompt in (
        ("baseline", _("Baseline: where it stands today")),
        ("target", _("Target: where the move should take it")),
    ):
        value = _number(s, index, prompt, found.get(field))
        if value is not None:
            found[field] = None if value == "" else value
    _save_kpi(s, index, found, kpi)


def _save_kpi(s: State, index: int, found: dict[str, Any], kpi: Kpi | None) -> None:
    try:
        checked = Kpi.model_validate(found)
    except ValidationError as exc:
        why = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        s.say(_("The KPI was not saved: %(why)s.") % {"why": why}, "red")
        return
    if checked != kpi:
        key = s.key_of(index)
        values = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v
            for k, v in checked.model_dump().items()
        }
        s.change(lambda doc: planedit.set_kpi(doc, s.at(key), values))
