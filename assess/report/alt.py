"""The charts in words: the alternative text of the matrix and of the value-and-effort chart,
giving a reader who cannot see them the same facts as the picture (where each touchpoint sits
and why), in the reader's language. Set as each SVG's <title>: a browser and a screen reader
read it as the chart's name, and a tagged PDF (``--accessible``) carries it as the figure's
/Alt. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assess.files import money
from assess.files.output import VERDICT_LABELS
from assess.i18n import _, current, ngettext
from assess.journeys import Touchpoint
from assess.method.scoring import Assessment
from assess.method.value import Appraisal
from assess.models import Questionnaire

#: The matrix plots the fit against this dimension, its markers sized by the other.
ACROSS, SIZE = "emotional_stakes", "scale"


def matrix(assessment: Assessment, numbers: Mapping[str, int]) -> str:
    """The matrix (see :mod:`assess.report.chart`): its axes, its thresholds, then each
    assessed touchpoint's number, name, verdict, fit and the answers that place and size it."""
    q = assessment.questionnaire
    across = q.dimension(ACROSS) if ACROSS in q.dimension_ids else q.dimensions[0]
    size = q.dimension(SIZE) if SIZE in q.dimension_ids else None
    placed = [r for r in assessment.results if r.fit is not None]
    n = len(placed)
    sentences = [
        ngettext(
            "Matrix of %(n)s assessed touchpoint: automation fit from 0 to 100 upward, "
            "%(across)s from 1 to 5 to the right.",
            "Matrix of %(n)s assessed touchpoints: automation fit from 0 to 100 upward, "
            "%(across)s from 1 to 5 to the right.",
            n,
        )
        % {"n": n, "across": across.label},
        _("Dashed lines mark the thresholds: automate from %(automate)s, assist from %(assist)s.")
        % {"automate": f"{q.thresholds.automate:g}", "assist": f"{q.thresholds.assist:g}"},
    ]
    if size is not None:
        sentences.append(_("A bigger marker means a higher %(size)s.") % {"size": size.label})
    for r in placed:
        facts = {
            "number": numbers[r.touchpoint.key],
            "name": r.touchpoint.name,
            "verdict": _(VERDICT_LABELS[r.recommendation]),
            "fit": r.fit,
            "across": across.label,
            "score": r.scores[across.id],
            "size": size.label if size else "",
            "size_score": r.scores.get(size.id) if size else None,
        }
        if size is not None and facts["size_score"] is not None:
            text = _(
                "%(number)s %(name)s: %(verdict)s, fit %(fit)s, %(across)s %(score)s, "
                "%(size)s %(size_score)s."
            )
        else:
            text = _("%(number)s %(name)s: %(verdict)s, fit %(fit)s, %(across)s %(score)s.")
        sentences.append(text % facts)
    return " ".join(sentences)


def value_chart(appraisal: Appraisal, q: Questionnaire) -> str:
    """The value-and-effort chart on page 2 (see :mod:`assess.report.decision`): its axes, the
    line between the value bands, then each sized move's number, name, verdict, expected hours
    a year and effort. Empty where the report draws no such chart."""
    case = appraisal.case
    rule = case.priority if case else None
    moves = [m for m in appraisal.moves if m.value and m.wave and m.effort]
    if rule is None or not moves or appraisal.economics is None:
        return ""
    locale = appraisal.economics.locale if appraisal.economics else current().locale
    numbers = {m.result.touchpoint.key: n for n, m in enumerate(appraisal.moves, 1)}
    efforts = _effort_labels(q, rule.effort_input)
    sentences = [
        ngettext(
            "Value against effort for %(n)s sized move: expected hours a year upward, each line "
            "ten times the one below; the size of the change to the right.",
            "Value against effort for %(n)s sized moves: expected hours a year upward, each "
            "line ten times the one below; the size of the change to the right.",
            len(moves),
        )
        % {"n": len(moves)}
    ]
    if len(rule.bands) > 1:
        band = rule.bands[0]
        sentences.append(
            _("The dashed line marks %(band)s, from %(hours)s hours a year.")
            % {"band": band.label, "hours": money.number(band.min_hours, locale)}
        )
    for m in moves:
        assert m.value is not None and m.effort is not None  # filtered above
        sentences.append(
            _("%(number)s %(name)s: %(verdict)s, %(hours)s hours a year, effort %(effort)s.")
            % {
                "number": numbers[m.result.touchpoint.key],
                "name": m.result.touchpoint.name,
                "verdict": _(VERDICT_LABELS[m.result.recommendation]),
                "hours": money.number(m.value.hours_per_year.expected, locale),
                "effort": efforts.get(m.effort, m.effort),
            }
        )
    return " ".join(sentences)


def _effort_labels(q: Questionnaire, effort_input: str) -> dict[str, str]:
    """The effort options' labels by id (the questionnaire's, so in its language)."""
    if effort_input not in q.input_ids:
        return {}
    return {o.id: o.label for o in q.optional_input(effort_input).options}


def _decided(tp: Touchpoint) -> str:
    """A decision due before the first wave, and who takes it (or that no one is named)."""
    if tp.owner:
        return _("%(name)s, decided by %(owner)s") % {"name": tp.name, "owner": tp.owner}
    return _("%(name)s, with no one named yet to decide") % {"name": tp.name}


def roadmap(plan: Mapping[str, Any]) -> str:
    """The roadmap on the plan page (see :mod:`assess.report.roadmap`): when the plan runs,
    what is decided before the first wave and by whom, then each wave's months, moves and
    hours, naming every move with its owner. Empty where the page draws no roadmap."""
    if not plan.get("shown") or plan.get("strip") is None:
        return ""
    sentences = [plan["intro"]]
    decide = plan["decide"]
    if decide:
        sentences.append(
            ngettext(
                "Decided first, by %(month)s: %(names)s.",
                "Decided first, by %(month)s: %(names)s.",
                len(decide),
            )
            % {
                "month": plan["decide_by"],
                "names": "; ".join(_decided(d["move"].result.touchpoint) for d in decide),
            }
        )
    for wave in plan["waves"]:
        names = "; ".join(
            row.move.result.touchpoint.name + (f" ({row.owner})" if row.owner else "")
            for row in wave.rows
        )
        sentences.append(
            _("Wave %(n)s, %(dates)s: %(total)s: %(names)s.")
            % {"n": wave.number, "dates": wave.dates, "total": wave.total, "names": names}
        )
    return " ".join(sentences)
