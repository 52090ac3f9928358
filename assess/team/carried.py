"""What a merge carries over besides the votes. Pure: people's returned files in, plain values
for the merged document and lines for the report out.

- The workshop's `economics`, `plan`, `language` and `timebox`, and its `brand` where the
  merged file can name it (a brand must be in the workshop's own folder).
- Each touchpoint's plan (`owner`, `after`, `kpi`), its business case (`share` with its
  `share_basis`, `build_cost`, `run_cost_per_year` and `evidence`, kept together: they are one
  estimate) and its `outcomes`.
- Each touchpoint's `actions` and `parked` questions: everyone's, each distinct one once.
- What a room already `settled` on a touchpoint (a file from an earlier session), question by
  question.

As for the facts, the first file that gives a value is kept, as that file wrote it, and the
report names the files that give another. `after` names touchpoints: each name is read in its
own file and written as the merged touchpoint's name, so a rename does not break the plan;
the order of the moves is one file's (the first that gives one), so that two files that order
two moves differently never make a loop of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from assess.files.loader import identity
from assess.files.reading import relative_ref
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


def _short(value: Any) -> str:
    """A value as a note shows it: 15000 not 15000.0, a mapping as its fields."""
    if isinstance(value, BaseModel):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} {_short(v)}" for k, v in value.items() if v is not None) + "}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clip(str(value), 60)


def _fields_of(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, BaseModel):
        return value.model_dump()
    return value if isinstance(value, Mapping) else None


def _disagree(what: str, kept: tuple[str, Any], given: Sequence[tuple[str, Any]]) -> str | None:
    """A report line naming the file kept and each file in `given` whose value differs from
    it, with the values (only the fields that differ, for a value with fields); None where
    none differs."""
    others = [(file, value) for file, value in given if value != kept[1]]
    if not others:
        return None
    every = [kept, *others]
    maps = [m for _, v in every if (m := _fields_of(v)) is not None]
    if len(maps) == len(every):
        keys = list(dict.fromkeys(k for m in maps for k in m))
        differ = [k for k in keys if any(m.get(k) != maps[0].get(k) for m in maps[1:])]
        shown = "; ".join(
            f"{file}: " + ", ".join(f"{k} {_short(m.get(k, '-'))}" for k in differ)
            for (file, _), m in zip(every, maps, strict=True)
        )
        return f"The files disagree on {what} ({shown}); kept {kept[0]}'s."
    if all(isinstance(v, (str, int, float)) for _, v in every):
        shown = "; ".join(f"{file}: {_short(v)}" for file, v in every)
        return f"The files disagree on {what} ({shown}); kept {_short(kept[1])!r}."
    files = ", ".join(file for file, _ in every)
    return f"The files disagree on {what} ({files}); kept {kept[0]}'s."


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
        line = _disagree(
            f"`{key}`", (first.loaded.path.name, value), [(r.loaded.path.name, v) for r, v in given]
        )
        report += [line] if line else []
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
    line = _disagree(
        "`brand`",
        (first.loaded.path.name, str(source)),
        [(r.loaded.path.name, str(w)) for r, w in given],
    )
    report += [line] if line else []
    ref = relative_ref(source, out_folder)
    if ref is None or ref == ".." or ref.startswith("../"):
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
    first = entries[0]
    title = f"'{clip(name_of(first, first.tp.name) or first.tp.name)}'"  # the merged name
    kept: dict[str, Any] = {}
    report: list[str] = []
    for part in (_case(entries, title), *(_plan(entries, key, title) for key in PLAN_KEYS)):
        kept.update(part[0])
        report += part[1]
    settled, lines = _settled(entries, title)
    if settled:
        kept["settled"] = settled
    report += lines
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
    """The business case of the first copy that gives figures (a share or a cost), else of the
    first that gives any of it (its evidence), whole."""

    def case(tp: Touchpoint) -> dict[str, Any]:
        return {key: getattr(tp, key) for key in CASE_KEYS if _given(getattr(tp, key))}

    having = [e for e in entries if case(e.tp)]
    if not having:
        return {}, []
    figures = [e for e in having if set(case(e.tp)) - {"evidence"}]
    first = (figures or having)[0]
    raw = _raw_touchpoint(first)
    kept = {key: _written(raw, key, value) for key, value in case(first.tp).items()}
    line = _disagree(
        f"the business case of {title}",
        (_file(first), case(first.tp)),
        [(_file(e), case(e.tp)) for e in having if e is not first],
    )
    return kept, [line] if line else []


def _plan(entries: Sequence[Entry], key: str, title: str) -> tuple[dict[str, Any], list[str]]:
    """`key` (owner, kpi, outcomes) of the first copy that gives it."""
    given = [e for e in entries if _given(getattr(e.tp, key))]
    if not given:
        return {}, []
    first, value = given[0], getattr(given[0].tp, key)
    line = _disagree(
        f"the {key} of {title}",
        (_file(first), value),
        [(_file(e), getattr(e.tp, key)) for e in given],
    )
    return {key: _written(_raw_touchpoint(first), key, value)}, [line] if line else []


def _settled(entries: Sequence[Entry], title: str) -> tuple[dict[str, Any], list[str]]:
    """What a room settled, question by question: the first copy's that settled it."""
    kept: dict[str, Any] = {}
    report: list[str] = []
    for question in dict.fromkeys(q for e in entries for q in e.tp.settled):
        given = [e for e in entries if question in e.tp.settled]
        first, value = given[0], given[0].tp.settled[question]
        raw = _raw_touchpoint(first)
        written = raw.get("settled") if raw is not None else None
        kept[question] = _written(written, question, value)
        line = _disagree(
            f"what was settled on {question} of {title}",
            (_file(first), value),
            [(_file(e), e.tp.settled[question]) for e in given],
        )
        report += [line] if line else []
    return kept, report


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
        (_file(e), "; ".join(merged(e)))
        for e in entries
        if e is not kept and e.tp.after and {identity(n) for n in merged(e)} != wanted
    ]
    if not others:
        return names, []
    shown = "; ".join(
        f"{file}: {clip(said, 60) or 'nothing'}"
        for file, said in [(order.loaded.path.name, "; ".join(names)), *others]
    )
    what = f"what {title} comes after"
    return names, [f"The files disagree on {what} ({shown}); kept {order.loaded.path.name}'s."]


def _file(entry: Entry) -> str:
    return entry.source.loaded.path.name
