"""The program's catalogs: each language's translations, read from its .po file with Babel.

The catalogs are kept as .po files only (``locales/<lang>/LC_MESSAGES/assess.po``, shipped in the
wheel as ``assess/_data/locales``) and compiled when a language is first used, in memory: no
build step and no binary .mo file in the repository that could drift from its source, so a
plain ``pip install .`` or a checkout works as it is. Compiling a catalog takes most of a tenth
of a second for its 600 or so messages, so the compiled catalog is kept in assess's cache
folder (:mod:`assess.files.cache`), named after the .po file's text: read back in a
millisecond or two, and compiled again whenever the .po file changes.
"""

from __future__ import annotations

import gettext
import io
import struct
from functools import cache
from importlib.resources.abc import Traversable

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assess.files import cache as kept
from assess.files import resources
from assess.i18n import DEFAULT_LANGUAGE, DOMAIN, ENGLISH, LANGUAGES, Language, language_code

LOCALES = "locales"
#: Part of a compiled catalog's name in the cache: changed if compiling ever changes.
MO_FORMAT = "mo-1"


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
    name = f"catalog-{kept.key(code, text, MO_FORMAT)}.mo"
    found = kept.read(name)
    if found is not None:
        try:
            return Language(code, gettext.GNUTranslations(io.BytesIO(found)))
        except (OSError, struct.error, UnicodeDecodeError, ValueError, IndexError):
            pass  # a damaged entry: compiled again, and replaced
    compiled = compile_catalog(code, text)
    kept.write(name, compiled)
    return Language(code, gettext.GNUTranslations(io.BytesIO(compiled)))


def compile_catalog(code: str, text: str) -> bytes:
    """The .po file's `text`, compiled to a .mo file's bytes (a fuzzy guess left out: it is not
    a translation)."""
    catalog = read_po(io.StringIO(text), locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


def languages() -> list[str]:
    """The codes of the languages assess writes, English first."""
    return list(LANGUAGES)
