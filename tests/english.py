"""English left in a German or French report: every phrase of the program's own English (the
catalog's message ids) and of the default questionnaire's English text that the translation does
not itself contain (a source's title, a product's name), looked for in the text of a PDF.

A phrase is three words or more between placeholders and punctuation ("Points toward
automation"); a short label ("Keep human", "Borderline") is looked for as whole words. The user's
own text is never translated, so a test gives workshops written in the language it checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from ruamel.yaml import YAML

from assess.files import resources
from assess.files.loader import bundled_questionnaire
from assess.files.translation import texts

ROOT = Path(__file__).resolve().parent.parent
#: What splits a text into phrases: placeholders, digits and punctuation.
BREAKS = re.compile(r"%\(\w+\)[sd]|%[sd]|[\d.,;:!?%()\[\]{}“”„«»\"‘’'…·—–/=→≥+×÷−-]+")


def phrases(text: str, least: int = 3) -> Iterator[str]:
    """The runs of at least `least` words of `text` between its placeholders and punctuation."""
    for piece in BREAKS.split(text):
        words = piece.split()
        if len(words) >= least:
            yield " ".join(words)


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return string if isinstance(string, tuple) else (string,)


@cache
def _catalog(code: str | None) -> tuple[list[str], list[str]]:
    """The catalog's English message ids, and the language's translations of them."""
    where = ROOT / "locales" / (f"{code}/LC_MESSAGES/assess.po" if code else "assess.pot")
    with where.open("rb") as f:
        catalog = read_po(f, locale=code)
    english = [text for m in catalog if m.id for text in _forms(m.id)]
    translated = [text for m in catalog if m.id for text in _forms(m.string) if text]
    return english, translated


def _questionnaire(code: str) -> tuple[list[str], list[str]]:
    """The default questionnaire's English texts, and its translation's."""
    english = list(texts(bundled_questionnaire("default")).values())
    entry = resources.bundled_translations(code)["default"]
    data = YAML(typ="safe").load(entry.read_text(encoding="utf-8"))
    return english, list(_leaves(data))


def _leaves(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    elif isinstance(data, str):
        yield data


def normal(text: str) -> str:
    """Text as it is compared: no-break spaces as spaces, words hyphenated at a line's end
    joined again, one space between words."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    text = re.sub(r"(\w)[\u2010\u00ad-] (\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text)


def folded(text: str) -> str:
    """`text` as the check compares it: normal, and in one case (headings are set in
    capitals)."""
    return normal(text).casefold()


@cache
def english_of(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """What must not appear in a report written in `code`: the phrases of English, and the
    short English labels (whole words), leaving out whatever the translation itself says."""
    program, program_translated = _catalog(None)[0], _catalog(code)[1]
    questionnaire, questionnaire_translated = _questionnaire(code)
    own = folded(" \n ".join([*program_translated, *questionnaire_translated]))
    found = {folded(p) for text in [*program, *questionnaire] for p in phrases(text)}
    labels = {
        folded(text)
        for text in program
        if len(text.split()) <= 2 and len(text) >= 5 and re.fullmatch(r"[A-Z][a-z ]+", text)
    }
    return (
        frozenset(p for p in found if p not in own),
        frozenset(label for label in labels if not re.search(_whole(label), own)),
    )


def _whole(label: str) -> str:
    """`label` as a word of its own: not part of a longer word ("Symptom-Check")."""
    return rf"(?<![\w-]){re.escape(label)}(?![\w-])"


def english_in(code: str, pages: Iterable[str]) -> list[tuple[int, str]]:
    """Every English phrase or label found, with the page (from 1) it is on."""
    sentences, labels = english_of(code)
    found = []
    for number, page in enumerate(pages, 1):
        text = folded(page)
        found += [(number, p) for p in sorted(sentences) if p in text]
        found += [(number, label) for label in sorted(labels) if re.search(_whole(label), text)]
    return found
