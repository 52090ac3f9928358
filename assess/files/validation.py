"""`assess validate`: what a file is, told from its keys, and every problem it has.

A workshop, a questionnaire, a questionnaire's translation, a brand or a journey template:
each is checked as :mod:`assess.files.loader` reads it, and a valid one is described in a line
with what is legal but worth knowing (a rule that never fires, a volume that contradicts its
answer, a translation written for an older version).
"""

from __future__ import annotations

from collections.abc import Mapping, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import InputError, Problem
from assess.files import resources
from assess.files.brand import looks_like_brand, parse_brand
from assess.files.loader import (
    brand_of,
    bundled_questionnaire,
    check_value,
    check_workshop,
    looks_like_journey,
    parse_journey,
    parse_questionnaire,
    read_questionnaire,
)
from assess.files.reading import read_text
from assess.files.translation import check, looks_like_translation
from assess.files.workbook import not_a_workshop
from assess.files.yamlio import load_data
from assess.i18n import ngettext
from assess.method.measures import warnings
from assess.method.valuecheck import volume_warnings
from assess.models import Questionnaire


@dataclass(frozen=True)
class Validated:
    """What a valid file is, for the success message, and what is legal but worth knowing."""

    what: str
    warnings: tuple[str, ...] = ()


def validate_file(path: Path, questionnaire: Path | None = None) -> Validated:
    """Check a workshop or a questionnaire, telling them apart by their keys. Raises InputError
    with every problem; a questionnaire's rules that never fire or never change a verdict are
    warnings."""
    not_a_workshop(path)
    data = load_data(read_text(path), str(path))
    if looks_like_brand(data):
        brand = parse_brand(data, str(path), path.parent)
        parts = [
            p
            for p, on in (
                ("logo", brand.logo),
                ("accent", brand.accent),
                ("footer", brand.footer),
                ("font", brand.font),
            )
            if on
        ]
        return Validated(f"brand {brand.name}: {', '.join(parts)}")
    if looks_like_translation(data):
        return _validate_translation(path, data, questionnaire)
    if isinstance(data, Mapping) and "dimensions" in data:
        q = parse_questionnaire(data, str(path))
        n = len(q.inputs)
        asked = ngettext("%(n)d optional question", "%(n)d optional questions", n) % {"n": n}
        counts = f"{len(q.dimensions)} dimensions, {asked}"
        return Validated(
            f"questionnaire {q.name} {q.version}: {counts}, {len(q.rules)} rules",
            tuple(warnings(q)),
        )
    if looks_like_journey(data):
        template = parse_journey(data, str(path))
        return Validated(f"journey template {template.name}: {_touchpoints(template.touchpoints)}")
    loaded = check_value(check_workshop(data, str(path), path.parent, questionnaire))
    brand_of(loaded)
    counted = _touchpoints(loaded.workshop.touchpoints)
    return Validated(
        f"workshop: {counted}, questionnaire {loaded.questionnaire.name}",
        tuple(volume_warnings(loaded.questionnaire, loaded.workshop)),
    )


def _validate_translation(path: Path, data: Any, questionnaire: Path | None) -> Validated:
    """A questionnaire's translation, checked against the questionnaire it translates: the
    one given with --questionnaire, else the file beside it (`default.de.yaml`:
    `default.yaml`), else the bundled one of its name."""
    language = resources.translation_language(path.name)
    q = _translated_questionnaire(path, data, language, questionnaire)
    found = check(data, str(path), q, language)
    if found.problems:
        raise InputError(list(found.problems))
    return Validated(
        f"{found.language} translation of questionnaire {q.name} {q.version}: "
        f"{len(found.texts)} texts",
        found.warnings,
    )


def _translated_questionnaire(
    path: Path, data: Any, language: str | None, questionnaire: Path | None
) -> Questionnaire:
    if questionnaire is not None:
        return read_questionnaire(questionnaire)
    stem = path.name.removesuffix(path.suffix)
    beside = path.with_name(stem.removesuffix(f".{language}") + path.suffix) if language else None
    if beside is not None and beside != path and beside.is_file():
        return read_questionnaire(beside)
    name = data.get("translation_of")
    if isinstance(name, str) and name in resources.bundled_questionnaires():
        return bundled_questionnaire(name)
    raise InputError(
        [
            Problem(
                str(path),
                "is a questionnaire's translation, but the questionnaire is not beside it "
                "(name it `QUESTIONNAIRE.LANG.yaml` beside the questionnaire, or give it with "
                "--questionnaire)",
            )
        ]
    )


def _touchpoints(items: Sized) -> str:
    return f"{len(items)} touchpoint{'' if len(items) == 1 else 's'}"
