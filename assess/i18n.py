"""The program's own text in the reader's language: gettext, looked up in the current context.

A module marks every text a person reads and calls it where it is shown::

    from assess.i18n import _, ngettext, N_

    _("Executive summary")
    ngettext("%(n)s touchpoint", "%(n)s touchpoints", n) % {"n": n}
    SECTION = N_("Executive summary")   # a constant: marked here, translated where it is used
    _(SECTION)

Templates do the same with `{% trans %}`, `_()` and `ngettext()` (Jinja's i18n extension,
installed in :mod:`assess.report.html` with these functions).

The translations are not global state. They live in a context variable that the command line
sets for one command with :func:`speaking`, and resets when it leaves: two reports made one after
the other in one process (a test, a portfolio) never see each other's language, and a thread
sees English unless it is started in a copy of the context (:func:`contextvars.copy_context`).
A pure function stays pure: what it returns depends on its arguments and the language of the
context it is called in, nothing else. A caller that must not depend on the context passes a
:class:`Language` and calls its methods instead.

The catalogs themselves (``locales/<lang>/LC_MESSAGES/assess.po``) are read by
:mod:`assess.files.catalogs`; this module reads no file. Part of the ground: imports nothing of
assess.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

#: The languages assess writes, by ISO 639-1 code, each named in itself.
LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "français"}
DEFAULT_LANGUAGE = "en"
#: How numbers, money and dates are written in each language, unless a workshop's
#: `economics.locale` says otherwise (Babel locale identifiers).
LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR"}
#: The gettext domain: the catalogs are assess.po.
DOMAIN = "assess"
#: Languages whose labels keep their capital letter inside a sentence: German writes
#: "Komplexität 4 (Expertenurteil)", English "complexity 4 (expert judgement)".
KEEP_CAPITALS = frozenset({"de"})


class Translations(Protocol):
    """What gettext.NullTranslations, GNUTranslations and Babel's Translations all offer."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str: ...


@dataclass(frozen=True)
class Language:
    """A language to write in: its code, the locale its numbers are written in, and the
    translations of the program's own text (English needs none: it is what the source says)."""

    code: str = DEFAULT_LANGUAGE
    translations: Translations = field(default_factory=_gettext.NullTranslations, compare=False)

    @property
    def name(self) -> str:
        """The language's name in itself: Deutsch, français."""
        return LANGUAGES.get(self.code, self.code)

    @property
    def locale(self) -> str:
        return LOCALES.get(self.code, LOCALES[DEFAULT_LANGUAGE])

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.translations.npgettext(context, singular, plural, n)

    @property
    def keeps_capitals(self) -> bool:
        """Whether a label keeps its capital inside a sentence (German nouns do)."""
        return self.code in KEEP_CAPITALS


ENGLISH = Language()
_current: ContextVar[Language] = ContextVar("assess_language", default=ENGLISH)


def current() -> Language:
    """The language of the current context (English unless a caller chose another)."""
    return _current.get()


@contextmanager
def speaking(language: Language) -> Iterator[Language]:
    """Write in `language` inside the block, and in whatever was before once it is left."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.get().gettext(message)


def gettext(message: str) -> str:
    return _current.get().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural, as the current language counts `n` (French: 0 and 1 are
    singular), translated. Format the count in afterwards: never build a plural by hand."""
    return _current.get().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English means different things."""
    return _current.get().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """A plural where the same English means different things."""
    return _current.get().npgettext(context, singular, plural, n)


def in_sentence(label: str) -> str:
    """A label (a question's, an answer's, a verdict's) as it is written inside a sentence in
    the current language: English and French lower its first letter ("emotional stakes"),
    German keeps it ("Emotionale Tragweite"). An acronym keeps its capitals ("GDPR duty"), and
    so does every letter after the first."""
    if current().keeps_capitals or not label or (label[1:2].isupper()):
        return label
    return label[0].lower() + label[1:]


def N_(message: str) -> str:
    """Marks a constant for the catalogs without translating it: translate where it is used."""
    return message


class UnknownLanguage(ValueError):
    """A language assess does not write; the message names those it does."""


def available() -> str:
    """The languages assess writes, for a message: en (English), de (Deutsch) or fr (français)."""
    named = [f"{code} ({name})" for code, name in LANGUAGES.items()]
    return ", ".join(named[:-1]) + " or " + named[-1]


def language_code(text: str) -> str:
    """The code of a language assess writes, from what a person typed ("de", "DE", "de-CH",
    "de_DE"); otherwise an UnknownLanguage that names the languages it writes."""
    found = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$", text)
    code = found.group(1).lower() if found else ""
    if code not in LANGUAGES:
        shown = text.strip()[:20]
        raise UnknownLanguage(f"'{shown}' is not a language assess writes; choose {available()}")
    return code


#: Placeholders in a text that a translation must keep: %(name)s, %s, {name}, {}.
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[^{}\s]*\}")


def placeholders(text: str) -> list[str]:
    """The placeholders of `text`, sorted, so that two texts can be compared."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text.replace("%%", "")))
