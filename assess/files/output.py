"""Results as JSON, CSV or a terminal table. Pure: every function returns text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

import orjson

from assess.method.scoring import Assessment, Result
from assess.method.value import Move, appraise
from assess.models import UNSCORED, VERDICTS
from assess.textsafety import for_csv

VERDICT_LABELS = {
    "automate": "Automate",
    "assist": "Assist",
    "keep-human": "Keep human",
    UNSCORED: "Not yet assessed",
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
                "disagreement": [
                    {"dimension": c.dimension, "min": c.low, "max": c.high, "votes": dict(c.votes)}
                    for c in r.disagreement
                ],
                "reasons": list(r.reasons),
                "rules": list(r.rules),
                "notes": tp.notes,
                "margin": r.margin.points if r.margin else None,
                "stability": stability_text(r),
                "basis": r.basis,
                "inputs": dict(r.inputs),
                **value_fields(move),
            }
        )
    return {
        "title": assessment.workshop.title,
        "questionnaire": {"name": q.name, "version": q.version},
        "touchpoints": touchpoints,
        "summary": {
            **assessment.summary,
            "value": appraisal.totals.as_dict() if appraisal.totals else None,
        },
    }


def value_fields(move: Move) -> dict[str, Any]:
    """What a touchpoint is worth (null without the numbers), its priority and wave."""
    return {
        "value": move.value.as_dict() if move.value else None,
        "priority": move.priority,
        "wave": move.wave,
        "decide_first": move.decide_first if move.result.scored else None,
    }


#: The value as flat CSV columns: (column, path into the JSON `value`).
VALUE_COLUMNS = [
    ("volume_per_month", ("volume_per_month",)),
    ("handle_minutes", ("handle_minutes",)),
    *(
        (f"{key}_{end}", (key, end))
        for key in ("share_of_time", "hours_per_year", "fte", "cost_per_year")
        for end in ("low", "expected", "high")
    ),
    ("currency", ("currency",)),
]


def _value_cells(tp: dict[str, Any]) -> list[Any]:
    value = tp["value"] or {}
    cells: list[Any] = []
    for _, path in VALUE_COLUMNS:
        found: Any = value
        for key in path:
            found = found.get(key) if isinstance(found, dict) else None
        cells.append("" if found is None else found)
    return [*cells, tp["priority"] or "", "" if tp["wave"] is None else tp["wave"]]


def stability_text(result: Result) -> str | None:
    """'7/8': how many of the one-point moves of an answer keep the verdict."""
    return f"{result.stability[0]}/{result.stability[1]}" if result.stability else None


def to_json(assessment: Assessment) -> str:
    """The same text as ``json.dumps(..., indent=2, ensure_ascii=False)``, written by orjson's C
    encoder: the standard library's indenting encoder is pure Python and takes seconds for a
    100,000-touchpoint workshop."""
    return orjson.dumps(to_dict(assessment), option=orjson.OPT_INDENT_2).decode() + "\n"


def to_csv(assessment: Assessment) -> str:
    data = to_dict(assessment)
    dims = assessment.questionnaire.dimension_ids
    out = io.StringIO()
    # RFC 4180 line ends: with them the writer also quotes a cell holding a bare carriage
    # return, which a spreadsheet would otherwise take for the end of the row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "name",
            "stage",
            "channel",
            *dims,
            "recommendation",
            "assist_kind",
            "fit",
            "borderline",
            "disagreement",
            "reasons",
            "notes",
            "basis",
            "margin",
            "stability",
            *(column for column, _ in VALUE_COLUMNS),
            "priority",
            "wave",
        ]
    )
    for tp in data["touchpoints"]:
        writer.writerow(
            # Every cell from a workshop is text a spreadsheet must not run as a formula.
            for_csv(cell)
            for cell in [
                tp["id"],
                tp["name"],
                tp["stage"] or "",
                tp["channel"] or "",
                *(tp["scores"][d] or "" for d in dims),
                tp["recommendation"],
                tp["assist_kind"] or "",
                "" if tp["fit"] is None else tp["fit"],
                "; ".join(b["message"] for b in tp["borderline"]),
                "; ".join(f"{d['dimension']} {d['min']}-{d['max']}" for d in tp["disagreement"]),
                "\n".join(tp["reasons"]),
                tp["notes"] or "",
                tp["basis"] or "",
                "" if tp["margin"] is None else tp["margin"],
                tp["stability"] or "",
                *_value_cells(tp),
            ]
        )
    return out.getvalue()


def summary_sentence(summary: dict[str, int] | Any) -> str:
    parts = [f"{summary[v]} {VERDICT_LABELS[v].lower()}" for v in VERDICTS]
    text = ", ".join(parts)
    if summary.get(UNSCORED):
        text += f", {summary[UNSCORED]} not yet assessed"
    return text
