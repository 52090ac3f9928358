"""Handouts: one spreadsheet per person, for teams that live in Excel or LibreOffice rather
than a terminal. Pure: a loaded workshop in, a description of the workbook (or a CSV's text) out.

Each handout has the import's columns, so a filled one is read back by the same rules as a CSV.
It asks everything the room asks: the questionnaire's dimensions and every optional question
(each a drop-down, made from the questionnaire, so a question added there appears here), a
note beside each, and the facts "if you know". Every row carries the touchpoint's stable ref in
a hidden first column, so merge knows a touchpoint whatever is typed over its name and however
the rows are sorted. The person's name is kept on the workbook's About sheet (a CSV: the file's
name), so a file renamed on its way back by e-mail still knows whose it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from pathlib import Path

from assess.files import resources
from assess.files.loader import Loaded, identity
from assess.files.reading import relative_ref
from assess.files.spreadsheet import Book, Cell, Column, Sheet
from assess.files.workbook import ABOUT_SHEET
from assess.journeys import Touchpoint
from assess.models import Dimension, OptionalInput, Questionnaire
from assess.team.columns import FACTS, NOTE, REF, TEXT_COLUMNS, WORKSHOP
from assess.team.labels import answer_label, answer_labels
from assess.team.sheets import TOUCHPOINTS_SHEET
from assess.textsafety import for_csv

__all__ = ["TOUCHPOINTS_SHEET", "answer_label", "columns", "handout_book", "handout_csv"]

HELP_SHEET = "Help"
#: Empty rows with drop-downs, for touchpoints a person adds.
SPARE_ROWS = 20
WIDTHS = {"id": 10, "name": 28, "stage": 14, "channel": 10, "description": 36, "notes": 40}
#: Marks on the headers of questions that may be left empty; the import ignores them.
OPTIONAL, IF_KNOWN = " (optional)", " (if you know)"


def ref_of(tp: Touchpoint) -> str:
    """A touchpoint's stable ref in a handout: its id, else a short hash of its name (the
    same in every person's handout, whatever they type over the name)."""
    if tp.id:
        return tp.id
    return "n-" + hashlib.sha256(identity(tp.name).encode()).hexdigest()[:10]


def _explained(dimension: Dimension) -> str:
    anchors = "\n".join(
        f"{score} {a.label}: {a.text}" for score, a in sorted(dimension.anchors.items())
    )
    return f"{dimension.question}\n\n{anchors}"


def _explained_input(question: OptionalInput) -> str:
    options = "\n".join(f"{o.label}: {o.text}" for o in question.options)
    return f"{question.question} (optional)\n\n{options}\n\n{question.help}"


def _note(question: str) -> Column:
    return Column(f"{question} note", 18, f"Why you answered {question} as you did (optional).")


def columns(questionnaire: Questionnaire) -> list[Column]:
    """The import's columns: the ref (hidden), the touchpoint, each question with a note beside
    it, the facts, and the notes."""
    found = [Column(REF, 12, hidden=True)]
    found += [Column(c, WIDTHS.get(c, 14)) for c in TEXT_COLUMNS if c != "notes"]
    for dim in questionnaire.dimensions:
        choices = tuple(answer_labels(dim))
        width = max(14, min(30, max(len(c) for c in choices)))
        found += [Column(dim.id, width, _explained(dim), choices), _note(dim.id)]
    for question in questionnaire.inputs:
        choices = tuple(o.label for o in question.options)
        width = max(16, min(30, max(len(c) for c in choices)))
        header = question.id + OPTIONAL
        found += [Column(header, width, _explained_input(question), choices), _note(question.id)]
    for fact, about in FACTS.items():
        found.append(Column(fact + IF_KNOWN, 16, f"If you know it: {about.help}"))
    found.append(Column("notes", WIDTHS["notes"]))
    # The workshop's title on every row, out of sight: a CSV saved from the workbook keeps it.
    found.append(Column(WORKSHOP, 20, hidden=True))
    return found


def _row(tp: Touchpoint, q: Questionnaire, person: str, label: bool = True) -> list[Cell]:
    ballot = tp.votes.get(person, {})
    answers = tp.answer_votes.get(person, {})
    row: list[Cell] = [ref_of(tp)]
    row += [getattr(tp, c, None) or "" for c in TEXT_COLUMNS if c != "notes"]
    for dim in q.dimensions:
        vote = ballot.get(dim.id)
        if vote is None:
            row += [None, None]
        else:
            row += [answer_label(vote, dim) if label else str(vote), None]
    for question in q.inputs:
        picked = answers.get(question.id)
        row += [question.option(picked).label if picked in question.option_ids else None, None]
    for fact in FACTS:
        value = getattr(tp, fact, None)
        row.append(None if value is None else value)
    row.append(tp.notes or "")
    return row


def _rows(loaded: Loaded, person: str, label: bool = True) -> list[list[Cell]]:
    q, title = loaded.questionnaire, loaded.workshop.title
    return [[*_row(tp, q, person, label), title] for tp in loaded.workshop.touchpoints]


def _help(questionnaire: Questionnaire) -> Sheet:
    rows: list[list[Cell]] = []
    for dim in questionnaire.dimensions:
        rows.append([dim.id, dim.question, None, dim.help])
        for score, anchor in sorted(dim.anchors.items()):
            rows.append([None, None, answer_label(score, dim), anchor.text])
    for question in questionnaire.inputs:
        rows.append([question.id, f"{question.question} (optional)", None, question.help])
        rows += [[None, None, o.label, o.text] for o in question.options]
    for fact, about in FACTS.items():
        rows.append([fact, f"If you know it: {about.help}", None, None])
    rows.append([f"... {NOTE.strip('_')}", "Why you answered as you did (optional).", None, None])
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
    return relative_ref(source, folder) or str(source)


def handout_book(loaded: Loaded, person: str, folder: Path) -> Book:
    q = loaded.questionnaire
    sheet = Sheet(TOUCHPOINTS_SHEET, columns(q), _rows(loaded, person), spare_rows=SPARE_ROWS)
    facts = Sheet(
        ABOUT_SHEET, [Column("field", 16), Column("value", 60)], about(loaded, person, folder)
    )
    return Book([sheet, _help(q), facts])


def handout_csv(loaded: Loaded, person: str) -> str:
    """The same columns as a workbook's, the workshop's title on every row; answers are
    numbers and option labels."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in columns(loaded.questionnaire)])
    for row in _rows(loaded, person, label=False):
        writer.writerow([for_csv("" if cell is None else cell) for cell in row])
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
