"""What outcomes measured across journeys, for the portfolio (issue 28): per verdict, the share
of staff time the changes took away against the share the questionnaire assumes, with how much
evidence it rests on, and where the suggested fragment for the questionnaire's owner is. Pure:
the measured shares in, sentences out, in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.files.output import VERDICT_LABELS
from assess.i18n import _, ngettext
from assess.method.measured import MIN_MOVES, MeasuredShare
from assess.plans import month_number
from assess.report.planwords import month_name, percent, percent_span


def sentence(share: MeasuredShare, locale: str, several: bool) -> str:
    """'Assist measured 9–16% across 6 moves in 3 journeys (June 2027 to September 2027,
    median 12%); the questionnaire assumes 5–25% (12% expected).'"""
    text = ngettext(
        "%(verdict)s measured %(measured)s across %(n)s move in %(journeys)s "
        "(%(first)s to %(last)s, median %(median)s); the questionnaire assumes %(assumed)s "
        "(%(expected)s expected).",
        "%(verdict)s measured %(measured)s across %(n)s moves in %(journeys)s "
        "(%(first)s to %(last)s, median %(median)s); the questionnaire assumes %(assumed)s "
        "(%(expected)s expected).",
        share.moves,
    ) % {
        "verdict": _(VERDICT_LABELS[share.verdict]),
        "measured": percent_span(share.low, share.high, locale),
        "n": share.moves,
        "journeys": ngettext("%(n)s journey", "%(n)s journeys", share.journeys)
        % {"n": share.journeys},
        "first": month_name(month_number(share.first), locale),
        "last": month_name(month_number(share.last), locale),
        "median": percent(share.expected, locale),
        "assumed": percent_span(share.assumed.low, share.assumed.high, locale),
        "expected": percent(share.assumed.expected, locale),
    }
    if several:
        text = f"{share.questionnaire} {share.version}: {text}"
    if not share.suggested:
        text += " " + ngettext(
            "Too few to suggest a share: at least %(n)s move is needed.",
            "Too few to suggest a share: at least %(n)s moves are needed.",
            MIN_MOVES,
        ) % {"n": MIN_MOVES}
    return text


def measured_section(
    shares: Sequence[MeasuredShare], locale: str, written: Path | None
) -> dict[str, Any]:
    """The portfolio's section; `shown` False where no outcome measured a share."""
    if not shares:
        return {"shown": False}
    several = len({(s.questionnaire, s.version) for s in shares}) > 1
    if written is not None:
        where = _(
            "A suggested business_case.shares, with what it rests on, is written to %(file)s for "
            "the questionnaire's owner; assess never changes a questionnaire by itself."
        ) % {"file": str(written)}
    elif any(s.suggested for s in shares):
        where = _(
            "assess portfolio --suggest-shares FILE writes them as a suggested "
            "business_case.shares for the questionnaire's owner; assess never changes a "
            "questionnaire by itself."
        )
    else:
        where = ""
    return {
        "shown": True,
        "sentences": [sentence(s, locale, several) for s in shares],
        "where": where,
    }
