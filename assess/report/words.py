"""The report's own words in the reader's language: the templates' gettext, the words around a
page number, dates as the locale writes them, and text set safely inside CSS.

The Jinja environment gets the i18n extension with gettext from :mod:`assess.i18n`, in its
"newstyle" form: a template writes ``{{ _("Page %(n)s", n=3) }}`` or ``{% trans %}`` blocks,
values are escaped and the translation is not, and the language is the one of the context the
template is rendered in. Whitespace inside ``{% trans %}`` blocks is trimmed, as ``babel.cfg``
tells ``pybabel extract``, so the msgid looked up is the one extracted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import Markup

from assess import i18n
from assess.economics import Economics
from assess.files import resources
from assess.files.cache import folder as cache_folder
from assess.files.output import VERDICT_LABELS
from assess.i18n import N_, _, ngettext
from assess.method.words import capfirst, number, quoted

#: "Page 3 of 12" in the reader's language: the words are drawn around the two numbers.
PAGE_LABEL = N_("Page %(page)s of %(pages)s")
#: The slots of the two numbers in a page label.
PAGE, PAGES = "\0page\0", "\0pages\0"


#: The report's sections by anchor, as their headings and the contents name them (in English:
#: :func:`sections` gives them in the reader's language).
SECTIONS = {
    "decision": N_("The recommendation"),
    "plan": N_("The plan"),
    "summary": N_("Executive summary"),
    "since": N_("Since last time"),
    "matrix": N_("Where each touchpoint sits"),
    "journey": N_("The journey, stage by stage"),
    "touchpoints": N_("Touchpoint by touchpoint"),
    "method": N_("Appendix: how the verdicts are reached"),
}


def sections() -> dict[str, str]:
    """The report's sections by anchor, in the current language."""
    return {anchor: _(title) for anchor, title in SECTIONS.items()}


def verdict_labels() -> dict[str, str]:
    """Each verdict's label in the current language: Automate, Automatisieren."""
    return {verdict: _(label) for verdict, label in VERDICT_LABELS.items()}


#: A badge in a table: DejaVu Sans Bold at 7.5pt, about 0.65 em (1.72 mm) a character.
BADGE_CHAR_MM = 1.72
#: Around a table badge's text: its padding and border, and the cell's padding.
BADGE_FRAME_MM = 6.5
#: A verdict column holds at least "▲ Keep human" on one line.
BADGE_MIN_CHARS = 12


def verdict_column_mm() -> float:
    """The width of a table's verdict column in the current language. A badge there may break
    between its words ("▲ Menschlich" over "halten") but never inside one: the column holds
    the shape with the first word, and every other word, of the longest label."""
    needed = BADGE_MIN_CHARS
    for label in verdict_labels().values():
        first, *rest = label.split()
        needed = max(needed, len(first) + 2, *(len(word) for word in rest))
    return round(needed * BADGE_CHAR_MM + BADGE_FRAME_MM, 1)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, for which a file it cannot read or write is only a
    template compiled again: never a report that fails."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError):  # damaged
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: compiled next time too
            super().dump_bytecode(bucket)


def compiled_templates() -> jinja2.BytecodeCache | None:
    """Where Jinja keeps the templates it has compiled, so that a report does not compile them
    again (a fifth of a second before its first page): assess's cache folder (see
    :mod:`assess.files.cache`). Each entry is checked against its template's source, so a
    changed template is compiled afresh. None (compile every time) where there is no folder."""
    where = cache_folder()
    return _CompiledTemplates(str(where), "__jinja_%s.cache") if where else None


@cache
def environment() -> jinja2.Environment:
    """The one environment of the bundled templates: autoescape on, strict undefined, and the
    i18n extension with the current context's gettext."""

    def load(name: str) -> str:
        return resources.template_file(name).read_text(encoding="utf-8")

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        bytecode_cache=compiled_templates(),
        autoescape=True,  # every workshop text is shown literally, never as markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    install(env)
    return env


def template(name: str) -> jinja2.Template:
    """A bundled template, from the one environment."""
    return environment().get_template(name)


def install(env: jinja2.Environment) -> None:
    """Give an environment (made with the ``jinja2.ext.i18n`` extension) the current context's
    gettext, and the ``css_string`` filter."""
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.filters["css_string"] = css_string
    # Words in the reader's language: a label inside a sentence (German keeps its capital), a
    # sentence's first letter (never str.capitalize, which lowers German nouns), a number as
    # the language writes it, and a name in its quotation marks.
    env.filters["in_sentence"] = i18n.in_sentence
    env.filters["capfirst"] = capfirst
    env.filters["num"] = number
    env.filters["quoted"] = quoted
    env.filters["medium_date"] = medium_date


def page_words() -> list[str]:
    """The page label split into its words and its two numbers' slots, as the current
    language orders them: ["Page ", PAGE, " of ", PAGES]. A space at either end of a word is
    a no-break space: the digits are drawn right after it, and a plain one would be dropped."""
    text = _(PAGE_LABEL) % {"page": PAGE, "pages": PAGES}
    parts = [part for part in re.split(f"({PAGE}|{PAGES})", text) if part]
    return [p if p in (PAGE, PAGES) else p.replace(" ", "\u00a0") for p in parts]


def page_label(page: int, pages: int) -> list[str]:
    """The pieces that draw "Page 3 of 12": each word, then each digit."""
    pieces = []
    for part in page_words():
        if part in (PAGE, PAGES):
            pieces += list(str(page if part == PAGE else pages))
        else:
            pieces.append(part)
    return pieces


@dataclass(frozen=True)
class CounterPiece:
    """A piece of CSS `content`: a quoted text or a page counter."""

    text: str = ""
    counter: str = ""


def page_counter() -> list[CounterPiece]:
    """The page label for a margin box: its words as text, its numbers as CSS counters."""
    return [
        CounterPiece(counter="page" if w == PAGE else "pages")
        if w in (PAGE, PAGES)
        else CounterPiece(text=w)
        for w in page_words()
    ]


def long_date(day: dt.date, economics: Economics | None = None) -> str:
    """A date in a sentence, in the current language: 30 November 2026, 30. November 2026.
    Written as the workshop's own locale writes dates where that locale is in the same
    language (en_US: November 30, 2026); a month is never named in another language."""
    language = i18n.current()
    locale = economics.locale if economics else language.locale
    if locale.split("_")[0] != language.code:
        locale = language.locale
    return format_date(day, format="long", locale=locale)


def medium_date(day: dt.date) -> str:
    """A date in a table, as the current language writes it: 15 Jan 2027, 15.01.2027."""
    return format_date(day, format="medium", locale=i18n.current().locale)


def workshop_date(text: str | None, economics: Economics | None = None) -> str | None:
    """The workshop's date as the reader's language writes it where it is an ISO date
    (2026-11-05), else as the workshop wrote it."""
    if text is None:
        return None
    try:
        return long_date(dt.date.fromisoformat(text.strip()), economics)
    except ValueError:
        return text


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, for `content:` in a stylesheet. Every character that
    could end the string, the declaration or the style element is written as an escape."""
    escaped = "".join(
        f"\\{ord(c):X} " if c in '"\\<>&\n\r\f' or ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in text
    )
    return Markup(f'"{escaped}"')


def of_touchpoints(total: int, verdicts: str, unscored: int = 0) -> str:
    """'Of 17 touchpoints, VERDICTS; 1 is not yet assessed.': `verdicts` is a list of what
    becomes of them, each part a clause of its own ("8 can be automated")."""
    said = {"n": total, "verdicts": verdicts, "unscored": unscored}
    if unscored:
        said["unscored"] = ngettext(
            "%(n)s is not yet assessed", "%(n)s are not yet assessed", unscored
        ) % {"n": unscored}
        return (
            ngettext(
                "Of %(n)s touchpoint, %(verdicts)s; %(unscored)s.",
                "Of %(n)s touchpoints, %(verdicts)s; %(unscored)s.",
                total,
            )
            % said
        )
    return (
        ngettext("Of %(n)s touchpoint, %(verdicts)s.", "Of %(n)s touchpoints, %(verdicts)s.", total)
        % said
    )
