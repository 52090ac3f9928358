"""Team self-assessment and spreadsheets: merge individual files into one workshop with
votes, and import touchpoints from CSV. Pure: text and loaded workshops in, documents out."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assess import editing
from assess.errors import InputError, Problem
from assess.loader import Loaded
from assess.models import SCORE_MAX, SCORE_MIN, Questionnaire, Touchpoint

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


def merge(inputs: Sequence[Loaded]) -> Merged:
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
    order: list[str] = []
    found: dict[str, list[tuple[str, Loaded, Touchpoint]]] = {}
    for person, loaded in zip(people, inputs, strict=True):
        for tp in loaded.workshop.touchpoints:
            key = tp.match_key
            if key not in found:
                order.append(key)
                found[key] = []
            found[key].append((person, loaded, tp))
    doc = editing.new_document(
        first.title,
        organisation=first.organisation or "",
        date=first.date or "",
        facilitator=first.facilitator or "",
        participants=people,
        questionnaire=first.questionnaire,
    )
    dims = inputs[0].questionnaire.dimension_ids
    for key in order:
        entries = found[key]
        base = entries[0][2]
        fields = {k: getattr(base, k) for k in ("id", "name", "stage", "channel", "description")}
        notes = [(person, tp.notes) for person, _, tp in entries if tp.notes]
        if len({n for _, n in notes}) == 1:
            fields["notes"] = notes[0][1]
        elif notes:
            fields["notes"] = "\n".join(f"{person}: {text}" for person, text in notes)
        index = editing.add_touchpoint(doc, fields)
        votes = CommentedMap()
        for person, _, tp in entries:
            for voter, ballot in {**tp.votes, person: tp.scores}.items():
                cast = {d: ballot[d] for d in dims if ballot.get(d) is not None}
                if cast:
                    row = CommentedMap(cast)
                    row.fa.set_flow_style()
                    votes[voter] = row
        if votes:
            editing.touchpoints(doc)[index]["votes"] = votes
        if len(entries) < len(inputs):
            having = [loaded.path.name for _, loaded, _ in entries]
            missing = [loaded.path.name for loaded in inputs if loaded.path.name not in having]
            report.append(
                f"Touchpoint {base.name!r} is only in {', '.join(having)} "
                f"(not in {', '.join(missing)}); kept."
            )
    return Merged(doc, people, report)


# --- CSV ------------------------------------------------------------------------------------


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma or semicolon, as spreadsheets write them (Excel in many European locales uses ;)."""
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;")
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return _Semicolon if header.count(";") > header.count(",") else csv.excel


class _Semicolon(csv.excel):
    delimiter = ";"


def parse_csv(text: str, file: str, questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """Touchpoints from a spreadsheet export; every problem names its row and column."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError([Problem(file, "is empty; expected a header row with at least 'name'")])
    reader = csv.reader(io.StringIO(text), sniff_dialect(text))
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    allowed = [*TEXT_COLUMNS, *questionnaire.dimension_ids]
    problems = []
    for column in header:
        if column and column not in allowed:
            close = difflib.get_close_matches(column, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"
            problems.append(Problem(file, f"row 1: unknown column '{column}'{hint}"))
    if "name" not in header:
        problems.append(Problem(file, "row 1: the column 'name' is required"))
    if problems:
        raise InputError(problems)
    touchpoints: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], 2):
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
        item: dict[str, Any] = {k: cells[k] for k in TEXT_COLUMNS if cells.get(k)}
        if not item.get("name"):
            problems.append(Problem(file, f"row {number}, column 'name': is empty"))
        key = item.get("id") or item.get("name")
        if key:
            if key in seen:
                what = "id" if item.get("id") else "name"
                problems.append(
                    Problem(file, f"row {number}, column '{what}': duplicate of row {seen[key]}")
                )
            seen[key] = number
        scores = {}
        for dim in questionnaire.dimension_ids:
            raw = cells.get(dim, "")
            if not raw:
                continue
            try:
                value = int(raw)
            except ValueError:
                value = None
            if (
                value is None
                or not SCORE_MIN <= value <= SCORE_MAX
                or str(value) != raw.lstrip("+")
            ):
                problems.append(
                    Problem(
                        file,
                        f"row {number}, column '{dim}': must be a whole number "
                        f"from {SCORE_MIN} to {SCORE_MAX}, got '{raw}'",
                    )
                )
            else:
                scores[dim] = value
        if scores:
            item["scores"] = scores
        touchpoints.append(item)
    if problems:
        raise InputError(problems)
    return touchpoints


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
