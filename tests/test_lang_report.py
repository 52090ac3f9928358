"""Every page kind of the report in German and French, read back from real PDFs as a viewer shows
them: no English sentence or label left but the user's own text, and numbers, money and dates
as the language writes them.

The workshops are the German and French examples (`assess demo --lang de`), written in their
language, grown to hold every page kind: an open split and a settled one, actions, a parking
lot, the room's time, a previous assessment to compare with (since last time), an unassessed
touchpoint; and page 2 in each of its forms (costed, priced but not costed, hours only, no
numbers at all)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from english import english_in, normal
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.files import editing, resources
from assess.files.storage import save_workshop
from assess.files.yamlio import load_round_trip

DIMS = ["complexity", "scale", "emotional_stakes", "tech_barrier"]
#: The user's own text added to each example, in its language (never translated).
OWN = {
    "de": {
        "action": "Rückfragen im Chat auswerten",
        "parked": "Muss die Aufsicht das Schreiben sehen?",
        "reason": "Die Rücksendung prüft heute ein Mensch",
    },
    "fr": {
        "action": "Analyser les questions posées dans le chat",
        "parked": "Le régulateur doit-il voir le courrier ?",
        "reason": "Aujourd'hui, une personne vérifie chaque retour",
    },
}
#: How each language writes what the reports hold: today's hours of the example, its first
#: due date and its workshop date.
WRITTEN = {
    "de": {"hours": "80.000", "due": "15.01.2027", "date": "5. November 2026", "money": "Mio. €"},
    "fr": {"hours": "80 000", "due": "15 janv. 2027", "date": "5 novembre 2026", "money": "M €"},
}


def _example(code: str) -> Any:
    entry = resources.demo_workshop(code)
    return load_round_trip(entry.read_text(encoding="utf-8"), entry.name)


def _full(doc: Any, code: str) -> None:
    """Everything the room can record: an open split, actions, a parked question, time."""
    own = OWN[code]
    people = list(doc["participants"])
    editing.record_votes(doc, 13, "complexity", dict(zip(people, [1, 4, 2, 2], strict=True)), DIMS)
    editing.add_action(doc, 8, own["action"], people[0], "2027-01-15")
    editing.add_action(doc, 13, own["action"] + " (2)", people[1], None)
    editing.add_parked(doc, 13, own["parked"])
    editing.set_field(doc, 8, "minutes_used", 12.5)
    editing.set_field(doc, 13, "minutes_used", 70)
    editing.set_top(doc, "timebox", "90m")


def _not_costed(doc: Any, code: str) -> None:
    del doc["economics"]["build_day_rate"]
    for tp in editing.touchpoints(doc):
        for key in ("build_cost", "run_cost_per_year"):
            tp.pop(key, None)


def _hours_only(doc: Any, code: str) -> None:
    del doc["economics"]


def _no_numbers(doc: Any, code: str) -> None:
    del doc["economics"]
    for tp in editing.touchpoints(doc):
        for key in ("volume", "handle_minutes", "share", "share_basis", "build_cost"):
            tp.pop(key, None)
        tp.pop("run_cost_per_year", None)


KINDS: dict[str, Callable[[Any, str], None]] = {
    "every page": _full,
    "priced, not costed": _not_costed,
    "hours only": _hours_only,
    "no numbers": _no_numbers,
}


@pytest.fixture(scope="module", params=["de", "fr"])
def reports(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, list[str]]]:
    code = request.param
    folder = tmp_path_factory.mktemp(code)
    # The assessment before: one touchpoint fewer, and another answered otherwise.
    before = _example(code)
    editing.set_score(before, 0, "complexity", 3, DIMS)
    editing.remove_touchpoint(before, len(editing.touchpoints(before)) - 1)
    save_workshop(folder / "before.yaml", before)
    made = {}
    for n, (kind, change) in enumerate(KINDS.items()):
        doc = _example(code)
        change(doc, code)
        path = folder / f"w{n}.yaml"
        save_workshop(path, doc)
        args = ["report", str(path), "--lang", code]
        if kind == "every page":
            args += ["--compare", str(folder / "before.yaml")]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        made[kind] = page_texts(PdfReader(path.with_suffix(".pdf")))
    return code, made


def test_the_check_finds_english(tmp_path: Path) -> None:
    """The check can fail: the English example read as if it were German is full of English."""
    out = tmp_path / "en.pdf"
    assert CliRunner().invoke(cli, ["demo", "-o", str(out)]).exit_code == 0
    found = {phrase for _, phrase in english_in("de", page_texts(PdfReader(out)))}
    for english in (
        "points toward automation",
        "notes from the room",
        "keep human",
        "design guidance",
    ):
        assert english in found, english


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_english_is_left_in_any_page_kind(
    reports: tuple[str, dict[str, list[str]]], kind: str
) -> None:
    code, made = reports
    assert english_in(code, made[kind]) == []


def test_every_page_kind_is_there(reports: tuple[str, dict[str, list[str]]]) -> None:
    """The reports hold what the check above read: page 2 in each of its forms, the room's
    record, since last time and the appendix's business case."""
    code, made = reports
    words = {
        "de": ("Seit der letzten Bewertung", "Themenspeicher", "Wofür die Zeit", "Wo das Team"),
        "fr": ("Depuis la dernière évaluation", "Le parking", "Où est passé le temps", "partagée"),
    }[code]
    full = normal(" ".join(made["every page"]))
    for word in words:
        assert word in full, word
    own = OWN[code]
    assert own["action"] in full and own["parked"] in full
    page_two = {kind: normal(pages[1]) for kind, pages in made.items()}
    assert page_two["priced, not costed"] != page_two["hours only"]
    assert re.search(r"(Empfehlung|recommandation)", page_two["every page"])
    assert not re.search(r"(Die Empfehlung|La recommandation)", page_two["no numbers"])


def test_numbers_money_and_dates_are_written_as_the_language_writes_them(
    reports: tuple[str, dict[str, list[str]]],
) -> None:
    code, made = reports
    written = WRITTEN[code]
    full = normal(" ".join(made["every page"]))
    assert written["hours"] in normal(made["every page"][1])
    assert written["money"] in normal(made["every page"][1])
    assert written["due"] in full  # an action's due date, in the actions table
    assert written["date"] in normal(made["every page"][0])  # the workshop's date, on the cover
    assert "2027-01-15" not in full and "2026-11-05" not in full
