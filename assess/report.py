"""Build the leadership report as HTML. Pure apart from reading the bundled templates.

:func:`build_context` turns an assessment into plain data (sentences, chart geometry, ...);
:func:`render_html` pours it into the Jinja2 template. PDF rendering lives in :mod:`assess.pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from assess import __version__, calibration, resources
from assess.compare import Comparison, describe_answers
from assess.consensus import DISAGREEMENT_SPREAD
from assess.explain import describe_condition, describe_effect, join_words
from assess.models import UNSCORED, VERDICTS
from assess.output import VERDICT_LABELS, VERDICT_MARKS, touchpoint_ids
from assess.scoring import Assessment, Result

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
#: Okabe-Ito / Tol colours that stay apart for colour-blind readers; shapes carry the verdict too.
VERDICT_COLOURS = {
    "automate": "#0072B2",
    "assist": "#E69F00",
    "keep-human": "#882255",
    UNSCORED: "#8a8f98",
}


@dataclass(frozen=True)
class Point:
    number: int
    name: str
    verdict: str
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    points: Sequence[Point]
    x_ticks: Sequence[tuple[float, str]]
    y_ticks: Sequence[tuple[float, str]]
    x_columns: Sequence[float]
    thresholds: Sequence[tuple[float, str]]
    x_label: str
    y_label: str


def chart(assessment: Assessment, numbers: dict[str, int]) -> Chart:
    """Automation fit (up) against emotional stakes (right); marker size grows with scale."""
    width, height, left, top, right, bottom = 640, 380, 56, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    q = assessment.questionnaire
    x_dim = (
        q.dimension("emotional_stakes")
        if "emotional_stakes" in q.dimension_ids
        else q.dimensions[0]
    )
    size_dim = "scale" if "scale" in q.dimension_ids else None

    def x_of(score: float) -> float:
        return left + (score - 0.5) / 5 * plot_w

    def y_of(fit: float) -> float:
        return top + (100 - fit) / 100 * plot_h

    column = plot_w / 5
    points = []
    by_column: dict[int, list[Result]] = defaultdict(list)
    for r in assessment.results:
        if r.fit is not None:
            by_column[r.scores[x_dim.id]].append(r)
    for score, members in by_column.items():
        placed = _spread(
            [
                (
                    numbers[r.touchpoint.key],
                    y_of(r.fit or 0),
                    5 + 1.2 * (r.scores[size_dim] if size_dim else 3),
                )
                for r in members
            ],
            x_of(score),
            column / 2,
        )
        for r, (x, y, radius) in zip(members, placed, strict=True):
            points.append(
                Point(
                    numbers[r.touchpoint.key],
                    r.touchpoint.name,
                    r.recommendation,
                    round(x, 1),
                    round(y, 1),
                    radius,
                )
            )
    t = q.thresholds
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_w=plot_w,
        plot_h=plot_h,
        points=sorted(points, key=lambda p: -p.r),  # big markers first, so small ones stay visible
        x_ticks=[(x_of(s), f"{s} {x_dim.anchors[s].label}") for s in range(1, 6)],
        x_columns=[left + i * column for i in range(1, 5)],
        y_ticks=[(y_of(v), str(v)) for v in range(0, 101, 20)],
        thresholds=[
            (y_of(t.automate), f"automate ≥ {t.automate:g}"),
            (y_of(t.assist), f"assist ≥ {t.assist:g}"),
        ],
        x_label=x_dim.label,
        y_label="Automation fit",
    )


#: More markers than this within reach of each other cannot fit side by side in one column.
MAX_NEIGHBOURS = 48


def _spread(
    items: list[tuple[int, float, float]], centre: float, half: float
) -> list[tuple[float, float, float]]:
    """Place markers of one column so they do not hide each other: each goes to the free spot
    nearest the column's centre line. Only neighbours within reach are checked, so a thousand
    touchpoints stay fast; when a column is full, markers overlap rather than leave it."""
    order = sorted(range(len(items)), key=lambda i: items[i][1])
    placed: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * len(items)
    reach = 2 * max((r for _, _, r in items), default=0) + 2
    recent: list[tuple[float, float, float]] = []
    for i in order:
        _, y, r = items[i]
        # Markers come in order of height, so those placed too far above can never touch this
        # one; and a column holds only so many side by side, so a bounded window is enough.
        recent = [p for p in recent[-MAX_NEIGHBOURS:] if y - p[1] < reach]
        x = centre
        for k in range(int(half // (r + 1)) * 2 + 1):
            offset = (k + 1) // 2 * (r + 1.5) * (1 if k % 2 else -1)
            if abs(offset) > half - r:
                continue
            candidate = centre + offset
            if all(
                (candidate - px) ** 2 + (y - py) ** 2 >= (r + pr + 1.5) ** 2
                for px, py, pr in recent
            ):
                x = candidate
                break
        placed[i] = (x, y, r)
        recent.append(placed[i])
    return placed


def flip_summary(result: Result) -> str:
    """The borderline moves grouped by the verdict they lead to, in one sentence."""
    by_verdict: dict[str, list[str]] = defaultdict(list)
    for flip in result.borderline:
        by_verdict[flip.recommendation].append(f"{flip.label.lower()} were {flip.score}")
    parts = [f"{VERDICT_LABELS[v]} if {join_words(moves, 'or')}" for v, moves in by_verdict.items()]
    return "; ".join(parts) + "."


BASIS = "Basis: "


def basis_line(result: Result) -> str:
    """The verdict's basis in a sentence: "Rests on payback. The moment itself would ..." """
    found = next((r for r in result.reasons if r.startswith(BASIS)), "")
    return "Rests on " + found.removeprefix(BASIS) if found else ""


def borderline_why(result: Result) -> str:
    """Why a verdict is flagged, in a leader's words."""
    parts = []
    if result.straddled:
        labels = join_words([result.consensus[d].label.lower() for d in result.straddled])
        parts.append(f"The team's votes on {labels} straddle it.")
    if result.margin is not None and result.borderline and not result.straddled:
        parts.append(f"{result.margin.describe().capitalize()}, and no guardrail decides it.")
    return " ".join(parts)


def changed(n: int) -> str:
    return "no verdict would change" if n == 0 else f"{_count(n, 'verdict')} would change"


def _names(results: Sequence[Result]) -> str:
    return join_words([f"\u201c{r.touchpoint.name}\u201d" for r in results])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def executive_summary(assessment: Assessment) -> dict[str, Any]:
    results = assessment.results
    s = assessment.summary
    scored = [r for r in results if r.scored]
    sentences = []
    if scored:
        sentence = (
            f"Of {_count(len(results), 'touchpoint')}, {s['automate']} can be automated, "
            f"{s['assist']} should be assisted by technology "
            f"and {s['keep-human']} should stay human"
        )
        if s[UNSCORED]:
            sentence += f"; {s[UNSCORED]} {'is' if s[UNSCORED] == 1 else 'are'} not yet assessed"
        sentences.append(sentence + ".")
    else:
        sentences.append(f"None of the {_count(len(results), 'touchpoint')} has been assessed yet.")
    automate = sorted(
        (r for r in scored if r.recommendation == "automate"),
        key=lambda r: (-(r.fit or 0), -r.scores.get("scale", 0)),
    )
    human = sorted(
        (r for r in scored if r.recommendation == "keep-human"), key=lambda r: r.fit or 0
    )
    borderline = [r for r in scored if r.borderline]
    disagreement = [r for r in results if r.disagreement]
    if automate:
        sentences.append(
            f"The biggest automation opportunities are {_names(automate[:3])}: routine, "
            "frequent work where customers are glad to serve themselves."
        )
    if human:
        sentences.append(
            f"Keep {_names(human[:3])} in human hands: these are the moments where the "
            "customer has most at stake and technology would stand in the way."
        )
    if borderline:
        sentences.append(
            f"{_count(len(borderline), 'verdict')} {'is' if len(borderline) == 1 else 'are'} "
            "borderline: the evidence is thin (close to a threshold with no guardrail deciding, "
            "or the team's votes straddle it). Discuss these before acting."
        )
    payback = [r for r in scored if r.basis == "payback"]
    if payback:
        sentences.append(
            f"{_count(len(payback), 'verdict')} {'rests' if len(payback) == 1 else 'rest'} on "
            "payback rather than customer need: the moment would allow more automation, but "
            "at its volume automating would not pay back."
        )
    if disagreement:
        sentences.append(
            f"The team disagrees on {_count(len(disagreement), 'touchpoint')}: people's answers "
            "differ by two points or more. Those differences are worth hearing before acting."
        )
    return {
        "sentences": sentences,
        "automate": automate[:5],
        "human": human[:5],
        "borderline": borderline,
        "disagreement": disagreement,
    }


def build_context(assessment: Assessment, today: dt.date | None = None) -> dict[str, Any]:
    w, q = assessment.workshop, assessment.questionnaire
    results = assessment.results
    # Touchpoint keys are unique within a workshop (the loader checks), so they index both maps.
    numbers = {r.touchpoint.key: n for n, r in enumerate(results, 1)}
    ids = dict(zip((r.touchpoint.key for r in results), touchpoint_ids(results), strict=True))
    stages: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        stages[r.touchpoint.stage or "Unstaged"].append(r)
    rules = [
        {"rule": rule, "when": describe_condition(q, rule.when), "effect": describe_effect(rule)}
        for rule in q.rules
    ]
    need = [d for d in q.dimensions if d.role == "need"]
    payback = [d for d in q.dimensions if d.role == "payback"]
    return {
        "need_dims": need,
        "payback_dims": payback,
        "need_labels": join_words([d.label.lower() for d in need]),
        "payback_labels": join_words([d.label.lower() for d in payback]),
        "input_labels": join_words([i.label.lower() for i in q.inputs]),
        "basis_line": basis_line,
        "basis_prefix": BASIS,
        "rule_titles": {r.id: r.title for r in q.rules},
        "borderline_why": borderline_why,
        "changed": changed,
        "sensitivity": calibration.sensitivity(assessment),
        "shares": {
            "borderline": calibration.borderline_share(q),
            "guardrail": calibration.guardrail_share(q),
        },
        "workshop": w,
        "questionnaire": q,
        "results": results,
        "number": numbers,
        "anchor": ids,
        "summary": assessment.summary,
        "executive": executive_summary(assessment),
        "chart": chart(assessment, numbers),
        "stages": dict(stages),
        "rules": rules,
        "assist_kinds": [
            {"kind": k, "when": describe_condition(q, k.when) if k.when else None}
            for k in q.assist_kinds
        ],
        "verdicts": VERDICTS,
        "labels": VERDICT_LABELS,
        "marks": VERDICT_MARKS,
        "colours": VERDICT_COLOURS,
        "unscored": [r for r in results if not r.scored],
        "generated": (today or dt.date.today()).isoformat(),
        "version": __version__,
        "describe_answers": describe_answers,
        "flip_summary": flip_summary,
        "disagreement_spread": DISAGREEMENT_SPREAD,
    }


#: Touchpoints per part of a long PDF. WeasyPrint holds a whole document's layout in memory,
#: so a long report is rendered in parts of this size and the parts are joined.
PART_SIZE = 100


@dataclass(frozen=True)
class Part:
    """One slice of the report, rendered as its own document."""

    front: bool
    touchpoints: Sequence[Result]
    appendix: bool
    only: bool
    first_page: int = 1


def plan_parts(assessment: Assessment, size: int = PART_SIZE) -> list[Part]:
    """The front matter with the first `size` touchpoints, then `size` at a time, then the
    appendix with the last ones. A report of up to `size` touchpoints is a single part."""
    results = assessment.results
    slices = [results[i : i + size] for i in range(0, len(results), size)] or [()]
    last = len(slices) - 1
    return [
        Part(front=i == 0, touchpoints=chunk, appendix=i == last, only=last == 0)
        for i, chunk in enumerate(slices)
    ]


@cache
def _environment() -> jinja2.Environment:
    def load(name: str) -> str:
        return resources.template_file(name).read_text(encoding="utf-8")

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=True,  # every workshop text is shown literally, never as markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


class Renderer:
    """Renders the report, whole or part by part, from one context built once."""

    def __init__(
        self,
        assessment: Assessment,
        today: dt.date | None = None,
        comparison: Comparison | None = None,
    ) -> None:
        self.assessment = assessment
        self.context = build_context(assessment, today)
        self.context["comparison"] = comparison
        self.css = resources.template_file(STYLESHEET).read_text(encoding="utf-8")
        self.template = _environment().get_template(TEMPLATE)

    def html(self, part: Part | None = None) -> str:
        if part is None:
            part = Part(front=True, touchpoints=self.assessment.results, appendix=True, only=True)
        return self.template.render(css=self.css, part=part, **self.context)


def render_html(
    assessment: Assessment, today: dt.date | None = None, comparison: Comparison | None = None
) -> str:
    """One self-contained HTML document: the stylesheet is inlined and nothing is linked."""
    return Renderer(assessment, today, comparison).html()
