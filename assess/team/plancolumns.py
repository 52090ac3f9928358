"""The plan's columns in a spreadsheet of touchpoints (issue 28): who answers for the move, the
moves that must be done first and the KPI that says it worked. Pure: a row's cells in, the
touchpoint's fields out, each problem naming its row and column; the checks are the workshop
file's own (:mod:`assess.plans`).

Columns (all optional): ``owner``; ``after``, the names of other touchpoints of the sheet
separated by ``;`` (``Order confirmation; Payment``); ``kpi_name``, ``kpi_unit``,
``kpi_baseline`` and ``kpi_target`` (name, baseline and target together, or none; numbers as a
spreadsheet writes them, ``45``, ``4,5`` or ``45%`` in a KPI's own unit).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from assess.models import LABEL_MAX, NAME_MAX
from assess.plans import Kpi, a_measure
from assess.textsafety import clip, without_controls

KPI_COLUMNS = ("kpi_name", "kpi_unit", "kpi_baseline", "kpi_target")
PLAN_COLUMNS = ("owner", "after", *KPI_COLUMNS)
#: A KPI as typed: 38, -2.5, 38,5 or 38% (a number in the KPI's own unit).
_KPI = re.compile(r"[-+]?\d+(?:[.,]\d+)?%?")
#: What separates the names in an `after` cell.
SEPARATOR = ";"
Report = Callable[[str, str], None]


def parse_kpi(raw: str) -> float:
    text = raw.strip()
    if not text.isascii() or len(text) > 30 or not _KPI.fullmatch(text):
        raise ValueError("must be a number in the KPI's own unit, such as 38 or 38%")
    found: float = a_measure(float(text.removesuffix("%").replace(",", ".")))
    return found


def _text(raw: str, limit: int) -> str:
    text = without_controls(raw)[0].strip()
    if len(text) > limit:
        raise ValueError(f"is {len(text):,} characters long; the limit is {limit:,}")
    return text


def _kpi(cells: Mapping[str, str], problem: Report) -> dict[str, Any] | None:
    given = [c for c in KPI_COLUMNS if cells.get(c)]
    if not given:
        return None
    needed = [c for c in ("kpi_name", "kpi_baseline", "kpi_target") if c not in given]
    if needed:
        problem(needed[0], "is empty; a KPI needs kpi_name, kpi_baseline and kpi_target")
        return None
    found: dict[str, Any] = {}
    for column, read in (
        ("kpi_name", lambda raw: _text(raw, NAME_MAX)),
        ("kpi_unit", lambda raw: _text(raw, LABEL_MAX)),
        ("kpi_baseline", parse_kpi),
        ("kpi_target", parse_kpi),
    ):
        if raw := cells.get(column, ""):
            try:
                found[column.removeprefix("kpi_")] = read(raw)
            except ValueError as exc:
                problem(column, f"{exc} (got '{clip(raw, 40)}')")
                return None
    try:
        Kpi.model_validate(found)
    except ValidationError as exc:
        problem("kpi_target", str(exc.errors()[0]["msg"]).removeprefix("Value error, "))
        return None
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in found.items()}


def plan_cells(cells: Mapping[str, str], problem: Report) -> dict[str, Any]:
    """A row's owner, after and KPI, checked as the workshop file checks them; each problem
    goes to `problem(column, message)`, which says where the cell is."""
    found: dict[str, Any] = {}
    if raw := cells.get("owner", ""):
        try:
            found["owner"] = _text(raw, NAME_MAX)
        except ValueError as exc:
            problem("owner", str(exc))
    if raw := cells.get("after", ""):
        names = [n.strip() for n in without_controls(raw)[0].split(SEPARATOR) if n.strip()]
        if any(len(n) > NAME_MAX for n in names):
            problem("after", f"a name is longer than {NAME_MAX} characters")
        elif names:
            found["after"] = names
    kpi = _kpi(cells, problem)
    if kpi is not None:
        found["kpi"] = kpi
    return found


def after_problems(
    rows: Sequence[Mapping[str, Any]], problem: Callable[[int, str, str], None]
) -> None:
    """Every name in a row's `after` is another touchpoint of the sheet (by name or id,
    ignoring case and spacing); `problem(row index, column, message)`."""
    known = {
        str(r.get(k, "")).strip().casefold(): i
        for i, r in enumerate(rows)
        for k in ("id", "name")
        if r.get(k)
    }
    names = [str(r.get("name", "")) for r in rows]
    for i, row in enumerate(rows):
        for name in row.get("after", []):
            found = known.get(name.casefold())
            if found is None:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f"; did you mean '{clip(close[0], 60)}'?" if close else ""
                problem(i, "after", f"'{clip(name, 60)}' is not a touchpoint of this sheet{hint}")
            elif found == i:
                problem(i, "after", "a touchpoint cannot come after itself")
