"""Team self-assessment and spreadsheets: merge individual files into one workshop with
votes, and import touchpoints from CSV. Pure: text and loaded workshops in, documents out."""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assess import editing, resources
from assess.compare import TouchpointIndex
from assess.errors import InputError, Problem
from assess.loader import Loaded, identity
from assess.models import SCORE_MAX, SCORE_MIN, Questionnaire, Touchpoint
from assess.textsafety import without_controls

TEXT_COLUMNS = ("id", "name", "stage", "channel", "description", "notes")


def person_of(loaded: Loaded) -> str:
    """A self-assessment's author: its single participant, else the file's name."""
    people = loaded.workshop.participants
    return people[0] if len(people) == 1 else loaded.path.stem


@dataclass
class Merged:
    document: CommentedMap
    people: list[str]
    #: Things the facilitator should know: touchpoints only some people had, metadata that differs.
    report: list[str] = field(default_factory=list)
    #: The questionnaire file the inputs use, when it is not a bundled one.
    questionnaire: Path | None = None


def _rebased_questionnaire(inputs: Sequence[Loaded], out_folder: Path) -> tuple[str, Path | None]:
    """The questionnaire reference for the merged file, rebased from the first input's folder to
    the output's, and the file itself when it is not a bundled one."""
    ref = inputs[0].workshop.questionnaire
    if ref in resources.bundled_questionnaires():
        return ref, None
    source = (inputs[0].path.parent / ref).resolve()
    try:
        return Path(os.path.relpath(source, out_folder.resolve())).as_posix(), source
    except ValueError:  # another drive on Windows
        return str(source), source


def merge(inputs: Sequence[Loaded], out_folder: Path = Path(".")) -> Merged:
    people = [person_of(loaded) for loaded in inputs]
    seen: dict[str, Path] = {}
    for person, loaded in zip(people, inputs, strict=True):
        if person in seen:
            raise InputError(
                [
                    Problem(
                        str(loaded.path),
                        f"is also by {person!r}, like {seen[person]}; "
                        "give each file a single, different `participants` entry",
                    )
                ]
            )
        seen[person] = loaded.path
    report = []
    first = inputs[0].workshop
    for key in ("title", "organisation", "date", "facilitator", "questionnaire"):
        values = {
            str(getattr(loaded.workshop, key)) for loaded in inputs if getattr(loaded.workshop, key)
        }
        if len(values) > 1:
            kept = getattr(first, key)
            shown = "; ".join(
                f"{loaded.path.name}: {getattr(loaded.workshop, key)}" for loaded in inputs
            )
            report.append(f"The files disagree on {key} ({shown}); kept {kept!r}.")
    groups: list[list[tuple[str, Loaded, Touchpoint]]] = []
    index = TouchpointIndex()
    for person, loaded in zip(people, inputs, strict=True):
        for tp in loaded.workshop.touchpoints:
            found = index.find(tp)
            if found is None:
                found = len(groups)
                groups.append([])
            index.add(tp, found)
            groups[found].append((person, loaded, tp))
    ref, questionnaire_file = _rebased_questionnaire(inputs, out_folder)
    if questionnaire_file is not None and ref != first.questionnaire:
        report.append(
            f"The questionnaire path {first.questionnaire!r} is written as {ref!r}, relative to "
            "the merged file's folder."
        )
    if questionnaire_file is not None and ref.startswith(".."):
        report.append(
            f"The questionnaire is outside the merged file's folder: give it to later commands "
            f"with --questionnaire {questionnaire_file}, or copy it beside the merged file."
        )
    doc = editing.new_document(
        first.title,
        organisation=first.organisation or "",
        date=first.date or "",
        facilitator=first.facilitator or "",
        participants=people,
        questionnaire=ref,
    )
    dims = inputs[0].questionnaire.dimension_ids
    for entries in groups:
        base = entries[0][2]
        fields = {k: getattr(base, k) for k in ("id", "name", "stage", "channel", "description")}
        notes = [(person, tp.notes) for person, _, tp in entries if tp.notes]
        if len({n for _, n in notes}) == 1:
            fields["notes"] = notes[0][1]
        elif notes:
            fields["notes"] = "\n".join(f"{person}: {text}" for person, text in notes)
        position = editing.add_touchpoint(doc, fields)
        votes = CommentedMap()
        source: dict[str, Path] = {}
        for person, loaded, tp in entries:
            for voter, ballot in {**tp.votes, person: tp.scores}.items():
                cast = {d: ballot[d] for d in dims if ballot.get(d) is not None}
                if not cast:
                    continue
                if voter in votes and dict(votes[voter]) != cast:
                    raise InputError(
                        [
                            Problem(
                                str(loaded.path),
                                f"touchpoint {base.name!r}: {voter!r} voted differently here "
                                f"and in {source[voter]}; keep one of the two votes",
                            )
                        ]
                    )
                row = CommentedMap(cast)
                row.fa.set_flow_style()
                votes[voter] = row
                source.setdefault(voter, loaded.path)
        if votes:
            editing.touchpoints(doc)[position]["votes"] = votes
        if len(entries) < len(inputs):
            having = [loaded.path.name for _, loaded, _ in entries]
            missing = [loaded.path.name for loaded in inputs if loaded.path.name not in having]
            report.append(
                f"Touchpoint {base.name!r} is only in {', '.join(having)} "
                f"(not in {', '.join(missing)}); kept."
            )
    return Merged(doc, people, report, questionnaire_file)


# --- CSV ------------------------------------------------------------------------------------


DELIMITERS = (",", ";", "\t")


def delimiter_of(text: str) -> str:
    """Comma, semicolon or tab, as spreadsheets write them (Excel in many European locales
    uses ;): whichever the header row has most of outside quotes. Quotes are always "."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


@dataclass
class Imported:
    rows: list[dict[str, Any]]
    #: Things the user should know: control characters removed, and where.
    notes: list[str] = field(default_factory=list)


def _records(text: str, file: str) -> list[list[str]]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter_of(text), quotechar='"', strict=True
    )
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        raise InputError(
            [
                Problem(
                    file,
                    f"row {len(records) + 1}: cannot be read as CSV ({exc}); is a quote "
                    "unbalanced? Save the sheet again as CSV UTF-8",
                )
            ]
        ) from None
    return records


def _header(row: list[str], file: str, allowed: list[str]) -> list[str]:
    header = [h.strip().lower() for h in row]
    problems = []
    for column in header:
        if column and column not in allowed:
            close = difflib.get_close_matches(column, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"
            problems.append(Problem(file, f"row 1: unknown column '{column[:40]}'{hint}"))
    for column in dict.fromkeys(h for h in header if h):
        places = [str(i + 1) for i, h in enumerate(header) if h == column]
        if len(places) > 1:
            problems.append(
                Problem(
                    file,
                    f"row 1: column '{column}' appears {len(places)} times "
                    f"(columns {', '.join(places)}); keep one",
                )
            )
    if "name" not in header:
        problems.append(Problem(file, "row 1: the column 'name' is required"))
    if problems:
        raise InputError(problems)
    return header


def _score(raw: str) -> int | None:
    if raw.lstrip("+").isdigit() and raw.isascii():
        value = int(raw)
        if SCORE_MIN <= value <= SCORE_MAX and str(value) == raw.lstrip("+"):
            return value
    return None


def parse_csv(text: str, file: str, questionnaire: Questionnaire) -> Imported:
    """Touchpoints from a spreadsheet export; every problem names its row and column. Cells
    are text as written (an id 007 stays 007); control characters are removed with a note."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError([Problem(file, "is empty; expected a header row with at least 'name'")])
    records = _records(text, file)
    header = _header(records[0], file, [*TEXT_COLUMNS, *questionnaire.dimension_ids])
    problems: list[Problem] = []
    cleaned: list[str] = []
    touchpoints: list[dict[str, Any]] = []
    seen: dict[str, dict[str, tuple[int, str]]] = {"id": {}, "name": {}}
    for number, row in enumerate(records[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(
                Problem(
                    file,
                    f"row {number}: has {len(row)} cells but the header has "
                    f"{len(header)}; is a delimiter inside an unquoted cell?",
                )
            )
            continue
        cells = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
        item: dict[str, Any] = {}
        for column in TEXT_COLUMNS:
            value, removed = without_controls(cells.get(column, ""))
            if removed:
                cleaned.append(f"row {number}, column '{column}'")
            if value.strip():
                item[column] = value.strip()
        if not item.get("name"):
            problems.append(Problem(file, f"row {number}, column 'name': is empty"))
        for what in ("id", "name"):
            key = identity(item.get(what, ""))
            if not key:
                continue
            if key in seen[what]:
                first, spelled = seen[what][key]
                alike = "" if item[what] == spelled else " (ignoring case and spaces)"
                problems.append(
                    Problem(file, f"row {number}, column '{what}': duplicate of row {first}{alike}")
                )
            else:
                seen[what][key] = (number, item[what])
        scores = {}
        for dim in questionnaire.dimension_ids:
            raw = cells.get(dim, "")
            if not raw:
                continue
            score = _score(raw)
            if score is None:
                problems.append(
                    Problem(
                        file,
                        f"row {number}, column '{dim}': must be a whole number "
                        f"from {SCORE_MIN} to {SCORE_MAX}, got '{raw[:40]}'",
                    )
                )
            else:
                scores[dim] = score
        if scores:
            item["scores"] = scores
        touchpoints.append(item)
    if problems:
        raise InputError(problems)
    notes = []
    if cleaned:
        more = f" and {len(cleaned) - 5} more" if len(cleaned) > 5 else ""
        shown = ", ".join(cleaned[:5]) + more
        notes.append(f"control characters (invisible, not text) were removed from {shown}.")
    return Imported(touchpoints, notes)


def workshop_from_rows(
    title: str, questionnaire: str, rows: Sequence[dict[str, Any]], dimensions: Sequence[str]
) -> CommentedMap:
    doc = editing.new_document(title, questionnaire=questionnaire)
    for row in rows:
        index = editing.add_touchpoint(doc, {k: v for k, v in row.items() if k != "scores"})
        for dim, value in row.get("scores", {}).items():
            editing.set_score(doc, index, dim, value, dimensions)
    if not rows:
        doc["touchpoints"] = CommentedSeq()
    return doc
