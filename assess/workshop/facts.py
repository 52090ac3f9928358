"""The facts that size a touchpoint's business case (volume, handle time), asked after the
optional questions, and the offer to price them: the first facts typed in a workshop without
economics ask once for a currency and the cost of an hour, so the report prices the hours
(without them it gives hours and full-time people)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assess.economics import Economics
from assess.files import editing
from assess.i18n import N_, _
from assess.team.casecolumns import parse_money
from assess.team.csvimport import parse_number
from assess.workshop.question import draw
from assess.workshop.state import State

#: Facts that size the business case: the field, the question, and whether it is whole.
FACTS = (
    ("volume", N_("Contacts a month, all channels"), True),
    ("handle_minutes", N_("Minutes a person spends on one today"), False),
)


def ask_facts(s: State, index: int) -> None:
    """Volume and handle time: facts, not votes. Enter keeps what is there; '-' clears it."""
    first = s.workshop.economics is None and not any(
        t.volume is not None or t.handle_minutes is not None for t in s.workshop.touchpoints
    )
    for key, fact, whole in FACTS:
        question = _(fact)
        current = getattr(s.result(index).touchpoint, key)
        shown = "" if current is None else f"{current:g}"
        prompt = _("%(question)s (optional; Enter keeps, - clears)") % {"question": question}
        while True:
            draw(s, index, prompt_lines=3)
            raw = s.text(prompt, default=shown, backdrop=lambda: draw(s, index, prompt_lines=3))
            if raw == shown:
                break
            try:
                value = None if raw in ("", "-") else parse_number(raw, whole)
            except ValueError as exc:
                prompt = _("%(question)s: %(problem)s") % {"question": question, "problem": exc}
                continue
            s.set_field(index, key, value)
            break
    tp = s.result(index).touchpoint
    if first and (tp.volume is not None or tp.handle_minutes is not None):
        offer_economics(s, index)


def offer_economics(s: State, index: int) -> None:
    """Offer to ask for the currency and the cost of an hour, checked as the file checks them,
    and save them as the workshop's economics. Asked once: the next facts find facts there."""
    if not s.confirm(
        _(
            "These facts size the changes in hours. Add a currency and the cost of an hour of a "
            "person's time, to price them too?"
        ),
        False,
    ):
        return
    found: dict[str, Any] = {}
    for key, question, default in (
        ("currency", _("Currency (an ISO code such as EUR, GBP or USD)"), "EUR"),
        ("cost_per_hour", _("Cost of an hour of a person's time, fully loaded"), ""),
    ):
        prompt = question
        while True:
            draw(s, index, prompt_lines=3)
            raw = s.text(
                prompt, default=default, backdrop=lambda: draw(s, index, prompt_lines=3)
            ).strip()
            try:
                value: Any = raw if key == "currency" else parse_money(raw)
                given = {"currency": "EUR", "cost_per_hour": 0, **found, key: value}
                checked = Economics.model_validate(given)
            except ValueError as exc:  # pydantic's ValidationError is one too
                why = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else exc
                problem = str(why).removeprefix("Value error, ")
                prompt = _("%(question)s: %(problem)s") % {"question": question, "problem": problem}
                continue
            found[key] = getattr(checked, key)
            break
    s.change(lambda doc: editing.set_economics(doc, found))
