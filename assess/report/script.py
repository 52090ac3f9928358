"""Which way a text runs and whether it can be set in italic: decided from its characters, so
that a note in Arabic or Hebrew reads right to left with its punctuation where it belongs, and
is never slanted by a font that has no italic for it.

Italic is a Latin, Greek and Cyrillic habit. The report's font (DejaVu Sans) has an oblique face
for those scripts only; asked to slant Arabic, the renderer falls back to another face or
synthesises one, and the result reads badly or not at all. So text with letters of any other
script is set upright.
"""

from __future__ import annotations

import unicodedata
from functools import cache

#: Scripts with an italic (or oblique) face in the report's fonts, by Unicode character name.
ITALIC_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


def direction(text: str) -> str:
    """ "rtl" if the first letter with a strong direction is right-to-left (Hebrew, Arabic,
    Syriac, Thaana, N'Ko, ...), else "ltr": the rule of HTML's dir="auto"."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@cache
def _has_italic(character: str) -> bool:
    if not character.isalpha():
        return True
    return unicodedata.name(character, "").startswith(ITALIC_SCRIPTS)


def italic_ok(text: str) -> bool:
    """Whether every letter of `text` belongs to a script that has an italic face."""
    return all(_has_italic(c) for c in text)
