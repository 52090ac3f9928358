"""What a merge carries over besides the votes. Pure: people's returned files in, plain values
for the merged document and lines for the report out.

- The workshop's `economics`, `plan`, `language` and `timebox`, and its `brand` where the
  merged file can name it (a brand must be in the workshop's own folder).
- Each touchpoint's plan (`owner`, `after`, `kpi`), its business case (`share` with its
  `share_basis`, `build_cost`, `run_cost_per_year` and `evidence`, kept together: they are one
  estimate) and its `outcomes`.
- Each touchpoint's `actions` and `parked` questions: everyone's, each distinct one once.

As for the facts, the first file that gives a value is kept, as that file wrote it, and the
report names the files that give another. `after` names touchpoints: each name is read in its
own file and written as the merged touchpoint's name, so a rename does not break the plan;
the order of the moves is one file's (the first that gives one), so that two files that order
two moves differently never make a loop of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assess.files.loader import identity
from assess.journeys import Touchpoint
from assess.team.ballots import Entry
from assess.team.sheets import Returned
from assess.textsafety import clip

WORKSHOP_KEYS = ("economics", "plan", "language", "timebox")
#: One estimate, kept together from one file.
CASE_KEYS = ("share", "share_basis", "build_cost", "run_cost_per_year", "evidence")
PLAN_KEYS = ("owner", "kpi", "outcomes")
#: Everyone's: each distinct item once, in the order of the files.
SHARED_KEYS = ("actions", "parked")


def _plain(value: Any) -> Any:
    """A typed value as a file holds it."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _copied(value: Any) -> Any:
    """A value as read from a file, as plain data (the reader's numbers remember their text)."""
    if isinstance(value, Mapping):
        return {str(k): _copied(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _written(data: Any, key: str, typed: Any) -> Any:
    """What a file wrote for `key` in `data` (its own numbers, 15000 not 15000.0), else the
    typed value."""
    if isinstance(data, Mapping) and data.get(key) is not None:
        return _copied(data[key])
    return _plain(typed)


def _raw_touchpoint(entry: Entry) -> Mapping[str, Any] | None:
    data = entry.source.loaded.data
    items = data.get("touchpoints") if isinstance(data, Mapping) else None
    tps = entry.source.loaded.workshop.touchpoints
    if isinstance(items, list) and len(items) == len(tps):
        item = items[entry.index]
        return item if isinstance(item, Mapping) else None
    return None


def _given(value: Any) -> bool:
    return value is not None and value != []


def _disagree(what: str, given: Sequence[tuple[str, Any]]) -> str:
    """A report line: the files that give `what`, first the one kept. A value that is a short
    text or a number is shown beside its file, and the one kept is named."""
    if all(isinstance(v, (str, int, float)) for _, v in given):
        shown = "; ".join(f"{file}: {clip(str(v), 60)}" for file, v in given)
        return f"The files disagree on {what} ({shown}); kept {clip(str(given[0][1]), 60)!r}."
    files = ", ".join(file for file, _ in given)
    return f"The files disagree on {what} ({files}); kept {given[0][0]}'s."


def workshop_values(
    inputs: Sequence[Returned], out_folder: Path
) -> tuple[dict[str, Any], list[str]]:
    """The workshop-level values the merged file keeps, and the report's lines."""
    kept: dict[str, Any] = {}
    report: list[str] = []
    for key in WORKSHOP_KEYS:
        given = [(r, v) for r in inputs if _given(v := getattr(r.loaded.workshop, key))]
        if not given:
            continue
        first, value = given[0]
        kept[key] = _written(first.loaded.data, key, value)
        if any(v != value for _, v in given[1:]):
            report.append(_disagree(f"`{key}`", [(r.loaded.path.name, v) for r, v in given]))
    brand, notes = _brand(inputs, out_folder)
    if brand is not None:
        kept["brand"] = brand
    return kept, report + notes


def _brand(inputs: Sequence[Returned], out_folder: Path) -> tuple[str | None, list[str]]:
    """The first brand a file names, written relative to the merged file's folder; a brand
    outside that folder cannot be named there, so the report says how to use it."""
    given = [
        (r, (r.loaded.path.parent / ref).resolve())
        for r in inputs
        if (ref := r.loaded.workshop.brand)
    ]
    if not given:
        return None, []
    first, source = given[0]
    report = []
    if any(where != source for _, where in given[1:]):
        report.append(
            _disagree("`brand`", [(r.loaded.path.name, r.loaded.workshop.brand) for r, _ in given])
        )
    try:
        ref = Path(os.path.relpath(source, out_folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        ref = ".."
    if ref == ".." or ref.startswith("../"):
        report.append(
            f"{first.loaded.path.name} names the brand {clip(str(source))}, outside the merged "
            f"file's folder: give it to `assess report` with --brand, or copy it beside the "
            "merged file and add `brand:`."
        )
        return None, report
    return ref, report


def order_source(inputs: Sequence[Returned]) -> Returned | None:
    """The file whose `after` the merged file keeps: the first that gives one."""
    return next((r for r in inputs if any(tp.after for tp in r.loaded.workshop.touchpoints)), None)


def touchpoint_values(
    entries: Sequence[Entry],
    name_of: Callable[[Entry, str], str | None],
    order: Returned | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """A merged touchpoint's plan, business case, outcomes, actions and parked questions, and
    the report's lines. `name_of(entry, name)` is the merged name of the touchpoint that `name`
    names in the entry's file (None: none there); `order` is the file whose `after` is kept
    (see :func:`order_source`)."""
    title = f"'{clip(entries[0].tp.name)}'"
    kept: dict[str, Any] = {}
    report: list[str] = []
    for part in (_case(entries, title), *(_plan(entries, key, title) for key in PLAN_KEYS)):
        kept.update(part[0])
        report += part[1]
    after, notes = _after(entries, name_of, order, title)
    if after:
        kept["after"] = after
    for key in SHARED_KEYS:
        items: list[Any] = []
        for entry in entries:
            items += [i for i in getattr(entry.tp, key) if i not in items]
        if items:
            kept[key] = [_plain(i) for i in items]
    return kept, report + notes


def _case(entries: Sequence[Entry], title: str) -> tuple[dict[str, Any], list[str]]:
    """The business case of the first copy that has one, whole."""

    def case(tp: Touchpoint) -> tuple[Any, ...]:
        return tuple(getattr(tp, key) for key in CASE_KEYS)

    having = [e for e in entries if any(_given(v) for v in case(e.tp))]
    if not having:
        return {}, []
    first, raw = having[0], _raw_touchpoint(having[0])
    kept = {
        key: _written(raw, key, value)
        for key in CASE_KEYS
        if _given(value := getattr(first.tp, key))
    }
    differ = any(case(e.tp) != case(first.tp) for e in having[1:])
    what = f"the business case of {title}"
    report = [_disagree(what, [(_file(e), case(e.tp)) for e in having])] if differ else []
    return kept, report


def _plan(entries: Sequence[Entry], key: str, title: str) -> tuple[dict[str, Any], list[str]]:
    """`key` (owner, kpi, outcomes) of the first copy that gives it."""
    given = [e for e in entries if _given(getattr(e.tp, key))]
    if not given:
        return {}, []
    first, value = given[0], getattr(given[0].tp, key)
    differ = any(getattr(e.tp, key) != value for e in given[1:])
    what = f"the {key} of {title}"
    report = [_disagree(what, [(_file(e), getattr(e.tp, key)) for e in given])] if differ else []
    return {key: _written(_raw_touchpoint(first), key, value)}, report


def _after(
    entries: Sequence[Entry],
    name_of: Callable[[Entry, str], str | None],
    order: Returned | None,
    title: str,
) -> tuple[list[str], list[str]]:
    """The `after` of the `order` file's copy, as the merged names, and a line naming the
    files that order this touchpoint otherwise."""
    if order is None:
        return [], []

    def merged(entry: Entry) -> list[str]:
        return [name_of(entry, name) or name for name in entry.tp.after]

    kept = next((e for e in entries if e.source is order), None)
    names = merged(kept) if kept else []
    wanted = {identity(n) for n in names}
    others = [
        (_file(e), None)
        for e in entries
        if e is not kept and e.tp.after and {identity(n) for n in merged(e)} != wanted
    ]
    if not others:
        return names, []
    what = f"the order of {title}: what it comes after"
    return names, [_disagree(what, [(order.loaded.path.name, None), *others])]


def _file(entry: Entry) -> str:
    return entry.source.loaded.path.name
