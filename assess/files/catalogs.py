"""The program's catalogs: each language's translations, read from its .po file with Babel.

The catalogs are kept as .po files only (``locales/<lang>/LC_MESSAGES/assess.po``, shipped in the
wheel as ``assess/_data/locales``) and compiled when a language is first used, in memory: no
build step and no binary .mo file in the repository that could drift from its source, so a
plain ``pip install .`` or a checkout works as it is. Compiling a catalog takes a few tens of
milliseconds for its 600 or so messages, once per process, and only for a language other than
English; if a much larger catalog made that noticeable, compiling at build time is the way to go.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib.resources.abc import Traversable

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assess.files import resources
from assess.i18n import DEFAULT_LANGUAGE, DOMAIN, ENGLISH, LANGUAGES, Language, language_code

LOCALES = "locales"


def catalog_file(code: str) -> Traversable:
    """Where the catalog of a language is (it may not exist: English has none)."""
    return resources.data_dir(LOCALES) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def language(code: str) -> Language:
    """A language assess writes, with its translations, by its code or anything
    :func:`~assess.i18n.language_code` reads as one ("de", "de-CH"). Raises UnknownLanguage,
    naming the languages assess writes."""
    return _compiled(language_code(code))


@cache
def _compiled(code: str) -> Language:
    if code == DEFAULT_LANGUAGE:
        return ENGLISH
    text = catalog_file(code).read_text(encoding="utf-8")
    catalog = read_po(io.StringIO(text), locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy guess is not a translation
    compiled.seek(0)
    return Language(code, gettext.GNUTranslations(compiled))


def languages() -> list[str]:
    """The codes of the languages assess writes, English first."""
    return list(LANGUAGES)
