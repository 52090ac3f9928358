"""Results as JSON, CSV or a terminal table. Pure: every function returns text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

import orjson

from assess.files.planfields import (
    ACTUAL_COLUMNS,
    KPI_COLUMNS,
    PUSHED_COLUMNS,
    actual_summary,
    plan_fields,
    plan_summary,
)
from assess.files.spreadsheet import Book, Column, Sheet
from assess.i18n import N_, _, in_sentence
from assess.journeys import Touchpoint
from assess.method.actual import track
from assess.method.consensus import Consensus
from assess.method.plan import schedule
from assess.method.scoring import Assessment, Result
from assess.method.value import Move, appraise
from assess.models import UNSCORED, VERDICTS
from assess.textsafety import for_csv

#: Each verdict's label, in English: translate it where it is shown (`_(VERDICT_LABELS[v])`).
VERDICT_LABELS = {
    "automate": N_("Automate"),
    "assist": N_("Assist"),
    "keep-human": N_("Keep human"),
    UNSCORED: N_("Not yet assessed"),
}
#: Shapes double the colours so a verdict survives black-and-white print and colour blindness.
VERDICT_MARKS = {"automate": "●", "assist": "◆", "keep-human": "▲", UNSCORED: "○"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "touchpoint"


def touchpoint_ids(results: Iterable[Result]) -> list[str]:
    """A stable id per touchpoint: its own `id`, else a slug of its name, made unique."""
    ids: list[str] = []
    taken: set[str] = set()
    for r in results:
        base = r.touchpoint.id or slug(r.touchpoint.name)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def to_dict(assessment: Assessment) -> dict[str, Any]:
    q = assessment.questionnaire
    appraisal = appraise(assessment)
    roadmap = schedule(appraisal, assessment.workshop)
    tracking = track(appraisal, roadmap)
    touchpoints = []
    for tp_id, r, move in zip(
        touchpoint_ids(assessment.results), assessment.results, appraisal.moves, strict=True
    ):
        tp = r.touchpoint
        touchpoints.append(
            {
                "id": tp_id,
                "name": tp.name,
                "stage": tp.stage,
                "channel": tp.channel,
                "scores": {d: r.scores.get(d) for d in q.dimension_ids},
                "recommendation": r.recommendation,
                "assist_kind": r.assist_kind.id if r.assist_kind else None,
                "fit": r.fit,
                "borderline": [
                    {
                        "dimension": f.dimension,
                        "score": f.score,
                        "recommendation": f.recommendation,
                        "message": f.message,
                    }
                    for f in r.borderline
                ],
                "disagreement": [split_entry(c) for c in r.disagreement],
                "reasons": list(r.reasons),
                "guidance": list(r.guidance),
                "rules": list(r.rules),
                "notes": tp.notes,
                "margin": r.margin.points if r.margin else None,
                "stability": stability_text(r),
                "basis": r.basis,
                "inputs": dict(r.inputs),
                **value_fields(move),
                **room_fields(tp),
                **plan_fields(move, roadmap.slot(move), tracking.of(move)),
            }
        )
    return {
        "title": assessment.workshop.title,
        "questionnaire": {"name": q.name, "version": q.version},
        "touchpoints": touchpoints,
        "summary": {
            **assessment.summary,
            "value": appraisal.totals.as_dict() if appraisal.totals else None,
            "splits": split_counts(assessment),
            "plan": plan_summary(roadmap),
            "actual": actual_summary(tracking),
        },
    }


def split_entry(c: Consensus) -> dict[str, Any]:
    """A split: its votes and, when the room settled it, the value it settled at and why."""
    return {
        "dimension": c.dimension,
        "min": c.low,
        "max": c.high,
        "votes": dict(c.votes),
        "settled": c.settled,
        "reason": c.reason if c.settled is not None else None,
    }


def split_counts(assessment: Assessment) -> dict[str, int]:
    """How many splits are open, and how many the room settled."""
    results = assessment.results
    return {
        "open": sum(len(r.open_splits) for r in results),
        "settled": sum(len(r.settled_splits) for r in results),
    }


def room_fields(tp: Touchpoint) -> dict[str, Any]:
    """What the room agreed to do on a touchpoint, and the questions it took offline."""
    return {
        "actions": [
            {"text": a.text, "owner": a.owner, "due": a.due.isoformat() if a.due else None}
            for a in tp.actions
        ],
        "parked": list(tp.parked),
    }


def value_fields(move: Move) -> dict[str, Any]:
    """What a touchpoint is worth (null without the numbers), its priority and wave."""
    return {
        "value": move.value.as_dict() if move.value else None,
        "priority": move.priority,
        "wave": move.wave,
        "decide_first": move.decide_first if move.result.scored else None,
    }


def _spread(*keys: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each range as three flat columns: `cost_per_year_low`, `_expected`, `_high`."""
    return [(f"{key}_{end}", (key, end)) for key in keys for end in ("low", "expected", "high")]


def _flat(*keys: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(key, (key,)) for key in keys]


#: The value as flat CSV columns: (column, path into the JSON `value`).
VALUE_COLUMNS = [
    *_flat("volume_per_month", "handle_minutes", "staffed_share", "evidence"),
    *_spread("share_of_time"),
    *_flat("share_basis"),
    *_spread("baseline_hours_per_year", "hours_per_year", "fte", "cost_per_year"),
    *_flat("currency"),
    *_spread("build_cost"),
    *_flat("build_cost_basis"),
    *_spread("run_cost_per_year"),
    *_flat("run_cost_basis"),
    *_spread("net_per_year", "net_over_horizon", "payback_months"),
]
#: A journey's `summary.value` as flat columns, for the portfolio's CSV.
SUMMARY_VALUE_COLUMNS = [
    *_spread("hours_per_year", "fte", "cost_per_year"),
    *_flat("currency", "touchpoints_sized", "protected_per_month"),
    *_spread(
        "baseline_hours_per_year",
        "protected_hours_per_year",
        "build_cost",
        "run_cost_per_year",
        "net_per_year",
        "net_over_horizon",
        "payback_months",
    ),
    *_flat(
        "horizon_years",
        "touchpoints_costed",
        "measured_share",
        "pilot_share",
        "estimated_build_share",
    ),
]


def value_cells(
    value: dict[str, Any] | None, columns: list[tuple[str, tuple[str, ...]]] = VALUE_COLUMNS
) -> list[Cell]:
    cells: list[Cell] = []
    for _column, path in columns:
        found: Any = value or {}
        for key in path:
            found = found.get(key) if isinstance(found, dict) else None
        cells.append("; ".join(str(f) for f in found) if isinstance(found, list) else found)
    return cells


def stability_text(result: Result) -> str | None:
    """'7/8': how many of the one-point moves of an answer keep the verdict."""
    return f"{result.stability[0]}/{result.stability[1]}" if result.stability else None


def to_json(assessment: Assessment) -> str:
    """The same text as ``json.dumps(..., indent=2, ensure_ascii=False)``, written by orjson's C
    encoder: the standard library's indenting encoder is pure Python and takes seconds for a
    100,000-touchpoint workshop."""
    return orjson.dumps(to_dict(assessment), option=orjson.OPT_INDENT_2).decode() + "\n"


Cell = str | int | None


def _cell_text(key: str, value: Any) -> Cell:
    """One JSON value as one spreadsheet cell: numbers stay numbers, lists become lines."""
    if value is None:
        return None
    if key == "borderline":
        return "; ".join(b["message"] for b in value)
    if key == "disagreement":
        return "; ".join(_split_cell(d) for d in value)
    if key == "actions":
        return "\n".join(_action_cell(a) for a in value)
    if key == "parked":
        return "\n".join(value)
    if key in ("reasons", "guidance"):
        return "\n".join(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return value if isinstance(value, int | str) else str(value)


def _split_cell(split: dict[str, Any]) -> str:
    text = f"{split['dimension']} {split['min']}-{split['max']}"
    if split["settled"] is not None:
        text += f" settled {split['settled']}"
        if split["reason"]:
            text += f" ({split['reason']})"
    return text


def _action_cell(action: dict[str, Any]) -> str:
    due = f", due {action['due']}" if action["due"] else ""
    return f"{action['text']} ({action['owner']}{due})"


def result_rows(assessment: Assessment) -> tuple[list[str], list[list[Cell]]]:
    """The JSON's touchpoints as a table: its keys, in its order, with `scores` spread over one
    column per dimension and `value` over flat columns (VALUE_COLUMNS); for CSV and
    spreadsheets, so their columns cannot drift from it."""
    dims = assessment.questionnaire.dimension_ids
    touchpoints = to_dict(assessment)["touchpoints"]
    keys = list(touchpoints[0]) if touchpoints else list(_EMPTY_KEYS)
    spread = {"scores": dims, **{key: [c for c, _ in cols] for key, cols in SPREAD.items()}}
    header = [column for key in keys for column in spread.get(key, [key])]
    rows = []
    for tp in touchpoints:
        row: list[Cell] = []
        for key in keys:
            if key == "scores":
                row += [tp["scores"][d] for d in dims]
            elif key in SPREAD:
                row += value_cells(tp[key], SPREAD[key])
            elif key == "outcomes":
                row.append(len(tp[key]))  # how many are recorded; `actual_*` has the latest
            else:
                row.append(_cell_text(key, tp[key]))
        rows.append(row)
    return header, rows


#: The JSON's objects spread over flat columns in CSV and spreadsheets.
SPREAD: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "value": VALUE_COLUMNS,
    "kpi": KPI_COLUMNS,
    "pushed": PUSHED_COLUMNS,
    "actual": ACTUAL_COLUMNS,
}


#: The JSON's touchpoint keys, for the header of an empty workshop's table.
_EMPTY_KEYS = (
    "id", "name", "stage", "channel", "scores", "recommendation", "assist_kind", "fit",
    "borderline", "disagreement", "reasons", "guidance", "rules", "notes", "margin", "stability",
    "basis", "inputs", "value", "priority", "wave", "decide_first", "actions", "parked",
    "owner", "after", "kpi", "plan_wave", "wave_start", "wave_end", "pushed", "outcomes", "actual",
)  # fmt: skip


def to_csv(assessment: Assessment) -> str:
    header, rows = result_rows(assessment)
    out = io.StringIO()
    # RFC 4180 line ends: with them the writer also quotes a cell holding a bare carriage
    # return, which a spreadsheet would otherwise take for the end of the row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        # Every cell from a workshop is text a spreadsheet must not run as a formula.
        writer.writerow(for_csv("" if cell is None else cell) for cell in row)
    return out.getvalue()


def to_workbook(assessment: Assessment) -> Book:
    """The results as a workbook: the CSV's columns and rows, each text a text cell."""
    header, rows = result_rows(assessment)
    widths = {"name": 28, "reasons": 60, "notes": 40, "borderline": 40, "rules": 30, "actions": 40}
    columns = [Column(h, widths.get(h, 12), text=False) for h in header]
    return Book([Sheet("Results", columns, rows)])


def summary_sentence(summary: dict[str, int] | Any) -> str:
    """'1 automate, 1 assist, 1 keep human, 1 not yet assessed', in the current language."""
    shown = [*VERDICTS, *([UNSCORED] if summary.get(UNSCORED) else [])]
    return ", ".join(
        _("%(n)s %(verdict)s") % {"n": summary[v], "verdict": in_sentence(_(VERDICT_LABELS[v]))}
        for v in shown
    )
