"""Where the bundled data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from assess.i18n import LANGUAGES

QUESTIONNAIRES = "questionnaires"
TEMPLATES = "report_templates"


@cache
def data_dir(name: str) -> Traversable:
    """The bundled folder `name`. A wheel carries it as ``assess/_data/<name>``; an editable
    install or a plain checkout has it at the top of the repository."""
    package = files("assess")
    bundled = package / "_data" / name
    if bundled.is_dir():
        return bundled
    checkout = package / ".." / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"assess is installed without its {name} folder")


def translation_language(name: str) -> str | None:
    """The language a file's name says it is a translation into (`default.de.yaml`: de), or
    None for a file of its own (`default.yaml`)."""
    stem = name.removesuffix(".yaml").removesuffix(".yml")
    _, dot, code = stem.rpartition(".")
    return code if dot and code in LANGUAGES else None


def _yaml_files(folder: Traversable, language: str | None = None) -> dict[str, Traversable]:
    """The YAML files of a folder by stem, sorted: the files of their own, or with `language`
    their translations into it (keyed by the stem of the file they translate)."""
    found = {}
    for entry in folder.iterdir():
        if not entry.name.endswith(".yaml") or not entry.is_file():
            continue
        if translation_language(entry.name) == language:
            stem = entry.name.removesuffix(".yaml")
            found[stem.removesuffix(f".{language}") if language else stem] = entry
    return dict(sorted(found.items()))


def bundled_questionnaires() -> dict[str, Traversable]:
    """Questionnaires by name (the file's stem), sorted; not their translations."""
    return _yaml_files(data_dir(QUESTIONNAIRES))


def bundled_translations(language: str) -> dict[str, Traversable]:
    """Translations of bundled questionnaires into `language`, by the questionnaire's name."""
    return _yaml_files(data_dir(QUESTIONNAIRES), language)


def journey_templates(language: str | None = None) -> dict[str, Traversable]:
    """Journey templates by id (the file's stem); with `language`, the templates written in it
    (`retail-ecommerce.de.yaml`), by the id of the template they translate."""
    return _yaml_files(data_dir(QUESTIONNAIRES) / "journeys", language)


def demo_workshop(language: str | None = None) -> Traversable:
    """The example behind `assess demo`; with `language`, the example written in it
    (`online-pharmacy.de.yaml`: the same answers and figures, its text in German), where there
    is one."""
    examples = data_dir(QUESTIONNAIRES) / "examples"
    translated = examples / f"online-pharmacy.{language}.yaml"
    return translated if language and translated.is_file() else examples / "online-pharmacy.yaml"


def template_file(name: str) -> Traversable:
    return data_dir(TEMPLATES) / name
