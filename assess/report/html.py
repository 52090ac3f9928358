"""Build the leadership report as HTML. Pure apart from reading the bundled templates.

:func:`build_context` turns an assessment into plain data (sentences, chart geometry, ...);
:func:`render_html` pours it into the Jinja2 template. PDF rendering lives in
:mod:`assess.pdf.render`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess import __version__
from assess.files import resources
from assess.files.brand import Brand
from assess.files.output import VERDICT_MARKS, touchpoint_ids
from assess.i18n import _, current, in_sentence
from assess.method.actual import track
from assess.method.consensus import DISAGREEMENT_SPREAD
from assess.method.plan import Slot, schedule
from assess.method.scoring import Assessment, Result
from assess.method.value import appraise
from assess.method.words import join_words, number
from assess.models import UNSCORED, VERDICTS
from assess.report import alt, stamps, words
from assess.report.appendix import appendix_context, changed
from assess.report.blocks import Block, Key, Placeholder, guidance_key, row_key
from assess.report.businesscase import touchpoint_line
from assess.report.chart import chart
from assess.report.decision import recommendation, value_since
from assess.report.pages import STYLESHEET
from assess.report.roadmap import plan_page
from assess.report.room import decide_why, room_context
from assess.report.script import direction, italic_ok
from assess.report.sentences import (
    basis_line,
    borderline_why,
    executive_summary,
    firmness_line,
    flip_summary,
    kind_condition,
    open_note,
    page_reasons,
    settled_note,
    since_sentence,
    span,
)
from assess.report.stamps import Piece, footer_of, sheet_pieces
from assess.report.valueappendix import effort_labels, value_appendix
from assess.report.words import SECTIONS as SECTIONS  # the sections in English, by anchor
from assess.report.words import sections, verdict_labels
from assess.report.words import template as template  # the portfolio's too
from assess.team.compare import Comparison, describe_answers

TEMPLATE = "report.html.j2"
#: How many participants the cover names before saying "and N more".
COVER_PEOPLE = 8
STAMPS = "stamps.html.j2"
#: Okabe-Ito / Tol colours that stay apart for colour-blind readers; shapes carry the verdict too.
VERDICT_COLOURS = {
    "automate": "#0072B2",
    "assist": "#E69F00",
    "keep-human": "#882255",
    UNSCORED: "#8a8f98",
}


def build_context(assessment: Assessment, today: dt.date | None = None) -> dict[str, Any]:
    w, q = assessment.workshop, assessment.questionnaire
    results = assessment.results
    # Touchpoint keys are unique within a workshop (the loader checks), so they index both maps.
    numbers = {r.touchpoint.key: n for n, r in enumerate(results, 1)}
    ids = dict(zip((r.touchpoint.key for r in results), touchpoint_ids(results), strict=True))
    stages: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        stages[r.touchpoint.stage or _("Unstaged")].append(r)
    need = [d for d in q.dimensions if d.role == "need"]
    payback = [d for d in q.dimensions if d.role == "payback"]
    anchor_labels = {
        **sections(),
        **{
            f"tp-{ids[r.touchpoint.key]}": f"{numbers[r.touchpoint.key]}. {r.touchpoint.name}"
            for r in results
        },
    }
    appraisal = appraise(assessment)
    rule_titles = {r.id: r.title for r in q.rules}
    roadmap = schedule(appraisal, w)
    decision = recommendation(
        appraisal, assessment.summary, rule_titles, roadmap, efforts=effort_labels(q)
    )
    if not decision["shown"]:
        del anchor_labels["decision"]
    # Why each verdict would be decided first, said alike on page 2 and on the plan page.
    why = {r.touchpoint.key: decide_why(r, borderline_why(r), q) for r in results if r.scored}
    plan = plan_page(appraisal, w, roadmap, track(appraisal, roadmap), why)
    if not plan["shown"]:
        del anchor_labels["plan"]
    return {
        "decision": decision,
        "plan": plan,
        "roadmap_alt": alt.roadmap(plan),
        "appraisal": appraisal,
        "business_case": q.business_case,
        "value_appendix": value_appendix(appraisal, q),
        "business_lines": {
            m.result.touchpoint.key: touchpoint_line(m, appraisal, _wave(roadmap.slot(m)))
            for m in appraisal.moves
        },
        "anchor_labels": anchor_labels,
        "sections": sections(),
        "row_key": row_key,
        "guidance_key": guidance_key,
        "need_dims": need,
        "payback_dims": payback,
        "need_labels": join_words([in_sentence(d.label) for d in need]),
        "need_weights": ", ".join(
            f"{in_sentence(d.label)} {number(round(d.weight or 0, 1))}" for d in need
        ),
        "payback_labels": join_words([in_sentence(d.label) for d in payback]),
        "input_labels": join_words([in_sentence(i.label) for i in q.inputs]),
        "thresholds": {
            "automate": number(q.thresholds.automate),
            "assist": number(q.thresholds.assist),
            "margin": number(q.thresholds.margin),
        },
        "basis_line": basis_line,
        "firmness_line": lambda r: firmness_line(r, rule_titles),
        "page_reasons": page_reasons,
        "rule_titles": rule_titles,
        "borderline_why": borderline_why,
        "changed": changed,
        "since_sentence": since_sentence,
        "span": span,
        # The words between the two ends of a range ("0.5 to 1.9m"): each end stays on a line.
        "range_word": (_("%(low)s to %(high)s") % {"low": "\0", "high": "\0"}).split("\0")[1],
        "open_note": open_note,
        "settled_note": settled_note,
        "workshop": w,
        "questionnaire": q,
        "results": results,
        "number": numbers,
        "anchor": ids,
        "summary": assessment.summary,
        "executive": executive_summary(assessment),
        "chart": chart(assessment, numbers),
        "stages": dict(stages),
        "assist_kinds": [{"kind": k, "when": kind_condition(q, k)} for k in q.assist_kinds],
        "verdicts": VERDICTS,
        "labels": verdict_labels(),
        # Each table's verdict column, wide enough for the badges of the reader's language.
        "verdict_col": words.verdict_column_mm(),
        "marks": VERDICT_MARKS,
        "colours": VERDICT_COLOURS,
        "unscored": [r for r in results if not r.scored],
        "generated": (today or dt.date.today()).isoformat(),
        "generated_on": words.long_date(today or dt.date.today(), w.economics),
        "workshop_date": words.workshop_date(w.date, w.economics),
        "lang": current().code,
        "matrix_alt": alt.matrix(assessment, numbers),
        "value_alt": alt.value_chart(appraisal, q),
        "version": __version__,
        "describe_answers": describe_answers,
        "flip_summary": flip_summary,
        "direction": direction,
        "cover_people": COVER_PEOPLE,
        "italic_ok": italic_ok,
        "disagreement_spread": DISAGREEMENT_SPREAD,
        # What the room decided (issue 25): settled splits, actions, parking lot, time.
        "room": room_context(assessment),
        "decide_why": lambda r: why[r.touchpoint.key],  # page 2 says what the plan page says
    }


def _wave(slot: Slot | None) -> int | None:
    return slot.wave if slot else None


#: Touchpoints per part, at most. WeasyPrint holds a whole document's layout in memory, so a
#: report is rendered in parts (two at a time on a machine with two cores) and the parts are
#: joined; memory stays flat however long the report is.
PART_SIZE = 50
#: A report is split for parallel rendering only where each part gets at least this many.
MIN_PART = 5
#: Touchpoint pages in the stylesheet set this bookmark level; sections (h2) have level 2.
OUTLINE_LEVELS = (2, 3)


@dataclass(frozen=True)
class Part:
    """One slice of the report, rendered as its own document: the front matter (cover to
    journey), touchpoints (the first part of them opens the section with its heading), or the
    appendix. The block sheet is a part of its own (see :mod:`assess.report.blocks`)."""

    front: bool = False
    touchpoints: Sequence[Result] = ()
    appendix: bool = False
    heading: bool = False
    sheet: Sequence[Block] = ()


def plan_parts(assessment: Assessment, size: int = PART_SIZE, workers: int = 1) -> list[Part]:
    """The front matter, the touchpoints in parts of even size, then the appendix, in the order
    they appear: as many touchpoint parts as `size` needs, and at least one per worker where
    each would still have MIN_PART touchpoints."""
    results = assessment.results
    count = max(-(-len(results) // size), min(workers, len(results) // MIN_PART), 1)
    bounds = [round(i * len(results) / count) for i in range(count + 1)]
    middle = [
        Part(touchpoints=results[bounds[i] : bounds[i + 1]], heading=i == 0)
        for i in range(count)
        if bounds[i + 1] > bounds[i]
    ]
    return [Part(front=True), *middle, Part(appendix=True)]


class Renderer:
    """Renders the report, whole or part by part, from one context built once."""

    def __init__(
        self,
        assessment: Assessment,
        today: dt.date | None = None,
        comparison: Comparison | None = None,
        attached: bool = False,
        brand: Brand | None = None,
    ) -> None:
        self.assessment = assessment
        self.context = build_context(assessment, today)
        self.context["comparison"] = comparison
        self.context["value_since"] = value_since(comparison)
        self.context["attached"] = attached
        self.context["brand"] = brand
        self.css = resources.template_file(STYLESHEET).read_text(encoding="utf-8")
        self.template = template(TEMPLATE)

    def html(
        self,
        part: Part | None = None,
        blocks: Mapping[Key, Placeholder] | None = None,
        accessible: bool = False,
        inline_css: bool = True,
    ) -> str:
        """A part of the report, or all of it as one self-contained web page. In a PDF the
        running header and page numbers are stamped on after the parts are joined, and
        `blocks` holds the places of the blocks laid out once on the block sheet. An
        `accessible` document is the whole report rendered in one pass: its running header
        and page numbers are in its page margins. Without `inline_css` the document leaves out
        the stylesheet (STYLESHEET), which the renderer applies itself."""
        if part is None:
            part = Part(True, self.assessment.results, appendix=True, heading=True)
        running = None
        if accessible:
            running = stamps.running(
                self.assessment.workshop.title, footer_of(self.context["brand"])
            )
        if part.appendix and "calibration" not in self.context:
            self.context.update(appendix_context(self.assessment))
        return self.template.render(
            css=self.css if inline_css else None,
            part=part,
            blocks=blocks or {},
            accessible=accessible,
            running=running,
            **self.context,
        )

    def block_sheet(self, sheet: Sequence[Block], inline_css: bool = True) -> str:
        """The blocks touchpoint pages share, one to a page, laid out as on those pages."""
        return self.html(Part(sheet=sheet), inline_css=inline_css)


def stamp_sheet(title: str, brand: Brand | None) -> tuple[list[Piece], str]:
    """The pieces of the running header and footer, and the stamp sheet that holds them, one
    per page (see :mod:`assess.report.stamps`)."""
    pieces = sheet_pieces(title, list(sections().values()), footer_of(brand))
    return pieces, template(STAMPS).render(pieces=pieces, brand=brand, lang=current().code)


def render_html(
    assessment: Assessment, today: dt.date | None = None, comparison: Comparison | None = None
) -> str:
    """One self-contained HTML document: the stylesheet is inlined and nothing is linked."""
    return Renderer(assessment, today, comparison).html()
