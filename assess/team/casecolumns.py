"""The business case's columns in a spreadsheet of touchpoints (issue 27): the share of contacts
a person handles today, a pilot's share and where it comes from, a build and a running cost,
and how the facts were found. Pure: a row's cells in, the touchpoint's fields out, each problem
naming its row and column; the checks are the workshop file's own (:mod:`assess.economics`).

Columns (all optional): ``staffed_share``, ``share_low``, ``share_expected``, ``share_high``
(all three or none), ``share_basis`` (required with a share), ``build_cost``,
``run_cost_per_year``, ``evidence`` (``measured`` or ``estimated``). A share may be written as
``0.45``, ``0,45`` or ``45%``; money as ``60000``, ``60,000``, ``60.000`` or ``60000.50``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from assess.economics import MAX_AMOUNT, Range, amount
from assess.models import NAME_MAX
from assess.textsafety import clip, without_controls

SHARE_COLUMNS = ("share_low", "share_expected", "share_high")
#: The business case's columns beside the facts (``staffed_share`` is one of the facts, in
#: :data:`assess.team.columns.FACTS`).
CASE_COLUMNS = (
    *SHARE_COLUMNS,
    "share_basis",
    "build_cost",
    "run_cost_per_year",
    "evidence",
)
EVIDENCE = ("measured", "estimated")
#: Where a row's problem goes: the column and what is wrong with its cell.
Report = Callable[[str, str], None]
#: 60000, 60,000, 60.000 or 60 000 (thousands separators), then decimals after the other mark:
#: 12,500.50 or 12.500,50.
_GROUPED = re.compile(r"\d{1,3}(?:([,. \u00a0])\d{3})(?:\1\d{3})*(?:([.,])\d+)?")
#: 0.45, 0,45 or 4.5e-01 (a spreadsheet's number as text).
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def parse_share(raw: str) -> int | float:
    """A share as a person writes it: 0.45, 0,45 or 45%; from 0 to 1."""
    text = raw.strip()
    percent = text.endswith("%")
    digits = text.removesuffix("%").strip()
    if not digits.isascii() or not _DECIMAL.fullmatch(digits) or len(digits) > 30:
        raise ValueError("must be a number from 0 to 1 (or a percentage such as 45%)")
    value = float(digits.replace(",", "."))
    found: float = amount(value / 100 if percent else value, 0, 1)
    return int(found) if found.is_integer() else found


def parse_money(raw: str) -> int | float:
    """An amount as a spreadsheet or a person writes it, thousands separators and all."""
    text = raw.strip()
    if not text.isascii() or len(text) > 30:
        amount(None, 0, MAX_AMOUNT)  # raises the file's own message
    grouped = _GROUPED.fullmatch(text)
    if grouped and grouped.group(1) != grouped.group(2):
        whole, _, part = text.rpartition(grouped.group(2)) if grouped.group(2) else (text, "", "")
        value = float(re.sub(r"[,. \u00a0]", "", whole) + "." + (part or "0"))
    elif _DECIMAL.fullmatch(text):
        value = float(text.replace(",", "."))
    else:
        amount(None, 0, MAX_AMOUNT)
    found: float = amount(value, 0, MAX_AMOUNT)
    return int(found) if found.is_integer() else found


def _one(column: str, raw: str) -> Any:
    if column in ("build_cost", "run_cost_per_year"):
        return parse_money(raw)
    if column == "evidence":
        if raw.lower() not in EVIDENCE:
            raise ValueError(f"must be {' or '.join(EVIDENCE)}")
        return raw.lower()
    text = without_controls(raw)[0].strip()
    if len(text) > NAME_MAX:
        raise ValueError(f"is {len(text):,} characters long; the limit is {NAME_MAX:,}")
    return text


def _share(found: dict[str, Any], cells: Mapping[str, str], problem: Report) -> None:
    """share_low/expected/high as the touchpoint's `share`, with its basis."""
    given = [c for c in SHARE_COLUMNS if cells.get(c)]
    if not given:
        if cells.get("share_basis"):
            problem("share_basis", "is given without a share")
        return
    missing = [c for c in SHARE_COLUMNS if c not in given]
    if missing:
        problem(
            missing[0],
            f"is empty; a share needs {', '.join(SHARE_COLUMNS[:-1])} and {SHARE_COLUMNS[-1]}",
        )
        return
    if not found.get("share_basis"):
        problem("share_basis", "is required with a share (say where it comes from, e.g. a pilot)")
        return
    values = {}
    for column in SHARE_COLUMNS:
        try:
            values[column.removeprefix("share_")] = parse_share(cells[column])
        except ValueError as exc:
            problem(column, str(exc))
            return
    try:
        found["share"] = Range(**values).model_dump()
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        problem("share_expected", f"{message} ({', '.join(SHARE_COLUMNS)})")


def case_cells(cells: Mapping[str, str], problem: Report) -> dict[str, Any]:
    """A row's business-case fields, checked as the workshop file checks them; each problem
    goes to `problem(column, message)`, which says where the cell is."""
    found: dict[str, Any] = {}
    for column in ("share_basis", "build_cost", "run_cost_per_year", "evidence"):
        raw = cells.get(column, "")
        if not raw:
            continue
        try:
            found[column] = _one(column, raw)
        except ValueError as exc:
            # The file's own message may already say what it got (a number); text is quoted.
            got = "" if ", got " in str(exc) else f" (got '{clip(raw, 40)}')"
            problem(column, f"{exc}{got}")
    _share(found, cells, problem)
    return found
