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
from assess.method.value import Move, Span

PRIORITY_LABELS = {
    "quick-win": "quick win",
    "big-bet": "big bet",
    "fill-in": "fill-in",
    "not-now": "not now",
    PROTECT: "protect",
}
SIZE_THIS = "Size this: add volume and handle time."


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
    return (
        f"{money(span.expected, c, loc)} a year "
        f"({money(span.low, c, loc)} to {money(span.high, c, loc)})"
    )


def wave_text(move: Move, wave: int | None = None) -> str:
    """'quick win, wave 1'; `wave`: the wave a dated plan put the move in, where it differs."""
    label = PRIORITY_LABELS.get(move.priority or "", "")
    decide = "decide first, " if move.decide_first else ""
    shown = wave or move.wave
    return f"{label}, {decide}wave {shown}" if shown else label
