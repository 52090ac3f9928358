"""The words every sentence of the method shares, in the current language: a verdict named
inside a sentence, a list joined with "and" or "or", and a number as the language writes it.
Pure: what they return depends on their arguments and the language of the context."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from babel.numbers import format_decimal, format_percent

from assess.i18n import _, current, pgettext


def verdict_word(verdict: str) -> str:
    """A verdict named inside a sentence ("so assist becomes keep-human"), as the current
    language names it there; an unknown id is said as it is."""
    words = {
        "automate": pgettext("verdict in a sentence", "automate"),
        "assist": pgettext("verdict in a sentence", "assist"),
        "keep-human": pgettext("verdict in a sentence", "keep-human"),
    }
    return words.get(verdict, verdict)


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' ("or" with `conjunction` "or"), in the current language:
    'a, b und c', 'a, b ou c'."""
    if len(items) <= 1:
        return "".join(items)
    parts = {"first": ", ".join(items[:-1]), "last": items[-1]}
    if conjunction == "or":
        return _("%(first)s or %(last)s") % parts
    return _("%(first)s and %(last)s") % parts


def number(value: float) -> str:
    """A number of the method (a threshold, a fit, a median, a margin) as the current
    language writes it: 62.5 in English, 62,5 in German and French."""
    return _decimal(value, current().locale)


@lru_cache(maxsize=4096)
def _decimal(value: float, locale: str) -> str:
    # The method's numbers are few (scores, medians, fits, thresholds), and Babel takes tens of
    # microseconds for each: a workshop of 100,000 touchpoints writes the same ones again and
    # again.
    return format_decimal(value, locale=locale)


def quoted(text: str) -> str:
    """`text` in the current language's quotation marks: “text”, „Text“, « texte »."""
    return _("\u201c%(text)s\u201d") % {"text": text}


def capfirst(text: str) -> str:
    """`text` with its first letter upper case and the rest as it is (not str.capitalize,
    which lowers German nouns)."""
    return text[:1].upper() + text[1:]


def percent(share: float | None) -> str:
    """A share as a whole percentage, as the current language writes it: 21%, 21 %."""
    return format_percent(share or 0, locale=current().locale)


def nowrap(text: str) -> str:
    """`text` kept on one line: its spaces made no-break ("2 to 4", "10 %")."""
    return text.replace(" ", "\u00a0")
