"""Money and numbers as people read them, in the workshop's locale (Babel). Pure. JSON and CSV
keep plain numbers; only people get these.

Babel separates an amount from its currency sign with a no-break space; it is written here as a
plain space, so copied text and text read back from a PDF match what a person would type
(``1.234.567 €``); the report keeps each amount on one line with CSS instead.
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_currency, format_decimal

from assess.economics import PROTECT, Economics
from assess.i18n import N_, _
from assess.method.value import Move, Span

#: Each priority's name in English, in a sentence: translate it where it is shown.
PRIORITY_LABELS = {
    "quick-win": N_("quick win"),
    "big-bet": N_("big bet"),
    "fill-in": N_("fill-in"),
    "not-now": N_("not now"),
    PROTECT: N_("protect"),
}
SIZE_THIS = N_("Size this: add volume and handle time.")


def priority(key: str | None) -> str:
    """A priority's name in the current language ("" for none)."""
    label = PRIORITY_LABELS.get(key or "")
    return _(label) if label else ""


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def money(amount: float, currency: str, locale: str) -> str:
    """A whole amount in the currency, as the locale writes it: 1.234.567 € in de_DE."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    whole = pattern.split(";")[0].replace(".00", "").replace(".0", "")
    return _plain(
        format_currency(round(amount), currency, format=whole, locale=locale, currency_digits=False)
    )


def number(value: float, locale: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _plain(format_decimal(value, format=pattern, locale=locale))


def money_range(span: Span, economics: Economics) -> str:
    """'12.960 € a year (6.480 € to 18.144 €)': the expected amount, then the range."""
    c, loc = economics.currency, economics.locale
    return _("%(expected)s a year (%(low)s to %(high)s)") % {
        "expected": money(span.expected, c, loc),
        "low": money(span.low, c, loc),
        "high": money(span.high, c, loc),
    }


def wave_text(move: Move, wave: int | None = None) -> str:
    """'quick win, wave 1', 'fill-in, decide first, wave 2', or the priority alone; `wave`: the
    wave a dated plan put the move in, where it differs."""
    label = priority(move.priority)
    shown = wave or move.wave
    if not shown:
        return label
    said = {"priority": label, "wave": shown}
    if move.decide_first:
        return _("%(priority)s, decide first, wave %(wave)s") % said
    return _("%(priority)s, wave %(wave)s") % said
