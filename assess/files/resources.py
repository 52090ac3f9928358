"""Where the bundled data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

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


def bundled_questionnaires() -> dict[str, Traversable]:
    """Questionnaires by name (the file's stem), sorted."""
    found = {
        entry.name.removesuffix(".yaml"): entry
        for entry in data_dir(QUESTIONNAIRES).iterdir()
        if entry.name.endswith(".yaml") and entry.is_file()
    }
    return dict(sorted(found.items()))


def journey_templates() -> dict[str, Traversable]:
    found = {
        entry.name.removesuffix(".yaml"): entry
        for entry in (data_dir(QUESTIONNAIRES) / "journeys").iterdir()
        if entry.name.endswith(".yaml") and entry.is_file()
    }
    return dict(sorted(found.items()))


def demo_workshop() -> Traversable:
    return data_dir(QUESTIONNAIRES) / "examples" / "online-pharmacy.yaml"


def template_file(name: str) -> Traversable:
    return data_dir(TEMPLATES) / name
