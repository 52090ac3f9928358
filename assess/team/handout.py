"""Handouts: one spreadsheet per person, for teams that live in Excel rather than a terminal.
Pure: a loaded workshop in, a description of the workbook (or a CSV's text) out.

Each handout has the import's columns, so a filled one is read back by the same rules as a CSV;
a drop-down on every answer cell offers the anchors, and the person's name is kept on the
workbook's About sheet, so a file renamed on its way back by e-mail still knows whose it is.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

from assess.files import resources
from assess.files.loader import Loaded
from assess.files.spreadsheet import Book, Cell, Column, Sheet
from assess.files.workbook import ABOUT_SHEET
from assess.journeys import Touchpoint
from assess.models import Dimension, Questionnaire
from assess.team.csvimport import TEXT_COLUMNS
from assess.textsafety import for_csv

#: The sheet people fill in: first, so that `assess import` reads it by default.
TOUCHPOINTS_SHEET = "Touchpoints"
HELP_SHEET = "Help"
#: Empty rows with drop-downs, for touchpoints a person adds.
SPARE_ROWS = 20
WIDTHS = {"id": 10, "name": 28, "stage": 14, "channel": 10, "description": 36, "notes": 40}


def answer_label(score: int, dimension: Dimension) -> str:
    """What a drop-down shows for an answer: its number and its anchor's label."""
    return f"{score} - {dimension.anchors[score].label}"


def answer_numbers(dimension: Dimension) -> dict[str, str]:
    """Each drop-down label with the number it stands for, to read a filled handout back."""
    return {answer_label(score, dimension): str(score) for score in sorted(dimension.anchors)}


def _explained(dimension: Dimension) -> str:
    anchors = "\n".join(
        f"{score} {a.label}: {a.text}" for score, a in sorted(dimension.anchors.items())
    )
    return f"{dimension.question}\n\n{anchors}"


def columns(questionnaire: Questionnaire) -> list[Column]:
    """The import's columns, the dimensions (with their drop-downs) before the notes."""
    texts = [c for c in TEXT_COLUMNS if c != "notes"]
    found = [Column(c, WIDTHS.get(c, 14)) for c in texts]
    for dim in questionnaire.dimensions:
        choices = tuple(answer_label(s, dim) for s in sorted(dim.anchors))
        width = max(14, min(30, max(len(c) for c in choices)))
        found.append(Column(dim.id, width, _explained(dim), choices))
    found.append(Column("notes", WIDTHS["notes"]))
    return found


def _row(tp: Touchpoint, questionnaire: Questionnaire, person: str) -> list[Cell]:
    ballot = tp.votes.get(person, {})
    row: list[Cell] = [getattr(tp, c, None) or "" for c in TEXT_COLUMNS if c != "notes"]
    for dim in questionnaire.dimensions:
        vote = ballot.get(dim.id)
        row.append(answer_label(vote, dim) if vote is not None else None)
    row.append(tp.notes or "")
    return row


def _help(questionnaire: Questionnaire) -> Sheet:
    rows: list[list[Cell]] = []
    for dim in questionnaire.dimensions:
        rows.append([dim.id, dim.question, None, dim.help])
        for score, anchor in sorted(dim.anchors.items()):
            rows.append([None, None, answer_label(score, dim), anchor.text])
    heads = (("column", 18), ("question", 40), ("answer", 30), ("what it means", 70))
    return Sheet(HELP_SHEET, [Column(h, w) for h, w in heads], rows)


def about(loaded: Loaded, person: str, folder: Path) -> list[list[Cell]]:
    """The facts a filled handout carries back: whose it is, and of which workshop."""
    w = loaded.workshop
    return [
        ["person", person],
        ["workshop", w.title],
        ["organisation", w.organisation or ""],
        ["date", w.date or ""],
        ["questionnaire", questionnaire_ref(loaded, folder)],
        ["how", "Answer on the Touchpoints sheet; the Help sheet explains every answer."],
    ]


def questionnaire_ref(loaded: Loaded, folder: Path) -> str:
    """The workshop's questionnaire as a handout in `folder` names it."""
    ref = loaded.workshop.questionnaire
    if ref in resources.bundled_questionnaires():
        return ref
    source = (loaded.path.parent / ref).resolve()
    return Path(os.path.relpath(source, folder.resolve())).as_posix()


def handout_book(loaded: Loaded, person: str, folder: Path) -> Book:
    q = loaded.questionnaire
    rows = [_row(tp, q, person) for tp in loaded.workshop.touchpoints]
    sheet = Sheet(TOUCHPOINTS_SHEET, columns(q), rows, spare_rows=SPARE_ROWS)
    facts = Sheet(
        ABOUT_SHEET, [Column("field", 16), Column("value", 60)], about(loaded, person, folder)
    )
    return Book([sheet, _help(q), facts])


def handout_csv(loaded: Loaded, person: str) -> str:
    """The same columns as a workbook's, for people who prefer CSV; answers are numbers."""
    q = loaded.questionnaire
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns(q)])
    for tp in loaded.workshop.touchpoints:
        ballot = tp.votes.get(person, {})
        row = [getattr(tp, c, None) or "" for c in TEXT_COLUMNS if c != "notes"]
        row += [str(v) if (v := ballot.get(d)) is not None else "" for d in q.dimension_ids]
        writer.writerow([for_csv(cell) for cell in [*row, tp.notes or ""]])
    return out.getvalue()


def file_stem(person: str) -> str:
    """A file name for a person's handout: their name, with anything a file system or an
    e-mail client could trip over replaced."""
    stem = re.sub(r"[^\w.-]+", "-", person, flags=re.UNICODE).strip(".-")
    return stem[:60] or "person"


def check_people(people: Sequence[str]) -> list[str]:
    """Problems with a list of people: empty names, and two that would share one file."""
    problems = []
    seen: dict[str, str] = {}
    for person in people:
        key = file_stem(person).casefold()
        if key in seen:
            problems.append(
                f"'{person}' and '{seen[key]}' would share the file {file_stem(person)}"
            )
        seen.setdefault(key, person)
    return problems
