"""The report's sentences about verdicts, in the reader's language: the executive summary, and
on each touchpoint page its basis, how firm it is, why it is borderline and what would change
it. Pure: an assessment in, sentences out (see :mod:`assess.i18n` for the language)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from assess.i18n import _, in_sentence, ngettext
from assess.method.consensus import Consensus
from assess.method.explain import ANSWERED, BASIS, VOTES, describe_condition
from assess.method.scoring import Assessment, Result
from assess.method.words import capfirst, join_words, nowrap, quoted
from assess.models import UNSCORED, VERDICTS, AssistKind, Questionnaire
from assess.report.room import split_sentences
from assess.report.words import of_touchpoints, verdict_labels, workshop_date
from assess.team.compare import Comparison


def flip_summary(result: Result) -> str:
    """The borderline moves grouped by the verdict they lead to, in one sentence."""
    by_verdict: dict[str, list[str]] = defaultdict(list)
    for flip in result.borderline:
        by_verdict[flip.recommendation].append(
            _("%(question)s were %(score)s")
            % {"question": in_sentence(flip.label), "score": flip.score}
        )
    labels = verdict_labels()
    parts = [
        _("%(verdict)s if %(changes)s") % {"verdict": labels[v], "changes": join_words(moves, "or")}
        for v, moves in by_verdict.items()
    ]
    return "; ".join(parts) + "."


def basis_line(result: Result) -> str:
    """The verdict's basis in a sentence: "Rests on payback. The moment itself would ..." """
    found = next((r for r in result.reasons if r.kind == BASIS), None)
    return found.detail if found is not None else ""


def firmness_line(result: Result, rule_titles: Mapping[str, str]) -> str:
    """How firm a verdict is: its margin, how many one-point changes keep it, and the
    guardrail that decides it, if one does."""
    if result.margin is None or result.stability is None:
        return ""
    kept, moves = result.stability
    said = {
        "margin": capfirst(result.margin.describe()),
        "kept": kept,
        "moves": moves,
        "rule": quoted(rule_titles.get(result.decisive or "", "")),
    }
    if result.decisive:
        return (
            ngettext(
                "%(margin)s; %(kept)s of %(moves)s one-point change to an answer keeps this "
                "verdict, which the guardrail %(rule)s decides.",
                "%(margin)s; %(kept)s of %(moves)s one-point changes to an answer keep this "
                "verdict, which the guardrail %(rule)s decides.",
                moves,
            )
            % said
        )
    return (
        ngettext(
            "%(margin)s; %(kept)s of %(moves)s one-point change to an answer keeps this verdict.",
            "%(margin)s; %(kept)s of %(moves)s one-point changes to an answer keep this verdict.",
            moves,
        )
        % said
    )


def _payback_sentences(scored: Sequence[Result]) -> list[str]:
    """Payback works both ways; each direction is its own sentence, naming the touchpoints."""
    payback = [r for r in scored if r.basis == "payback"]
    # Volume carried by technology leaves the verdict less human than need alone would.
    carried = [
        r
        for r in payback
        if r.need_verdict and VERDICTS.index(r.recommendation) < VERDICTS.index(r.need_verdict)
    ]
    held = [r for r in payback if r not in carried]
    sentences = []
    if held:
        sentences.append(
            ngettext(
                "%(n)s verdict rests on payback rather than customer need (%(names)s): the "
                "moment would allow more automation, but at its volume automating would not pay "
                "back.",
                "%(n)s verdicts rest on payback rather than customer need (%(names)s): the "
                "moment would allow more automation, but at its volume automating would not pay "
                "back.",
                len(held),
            )
            % {"n": len(held), "names": _named(held)}
        )
    if carried:
        sentences.append(
            ngettext(
                "%(n)s verdict rests on payback the other way (%(names)s): what the customer "
                "needs would keep a person on every contact, but at its volume people alone "
                "cannot carry it, so technology takes the volume and a person still leads.",
                "%(n)s verdicts rest on payback the other way (%(names)s): what the customer "
                "needs would keep a person on every contact, but at its volume people alone "
                "cannot carry it, so technology takes the volume and a person still leads.",
                len(carried),
            )
            % {"n": len(carried), "names": _named(carried)}
        )
    return sentences


def _named(results: Sequence[Result]) -> str:
    more = len(results) - NAMED
    if more <= 0:
        return _names(results)
    return (
        _names(results[:NAMED])
        + " "
        + ngettext("and %(num)s more", "and %(num)s more", more) % {"num": more}
    )


def page_reasons(result: Result) -> list[str]:
    """The reasons a touchpoint page lists under "Why": all but its basis and the optional
    answers (each said above them) and the team's votes, which the page shows once, in each
    answer's row."""
    return [r for r in result.reasons if r.kind not in (BASIS, ANSWERED, *VOTES)]


def borderline_why(result: Result) -> str:
    """Why a verdict is flagged, in a leader's words."""
    parts = []
    if result.straddled:
        labels = join_words([in_sentence(result.consensus[d].label) for d in result.straddled])
        parts.append(_("The team's votes on %(questions)s straddle it.") % {"questions": labels})
    if result.margin is not None and result.borderline and not result.straddled:
        margin = capfirst(result.margin.describe())
        parts.append(_("%(margin)s, and no guardrail decides it.") % {"margin": margin})
    return " ".join(parts)


#: How many touchpoints a sentence of the summary names before saying "and N more".
NAMED = 3


def _names(results: Sequence[Result]) -> str:
    return join_words([quoted(r.touchpoint.name) for r in results])


def _tally(summary: Mapping[str, int], total: int) -> str:
    """'Of 17 touchpoints, 8 can be automated, 5 should be assisted by technology and 3 should
    stay human; 1 is not yet assessed.'"""
    a, b, c = summary["automate"], summary["assist"], summary["keep-human"]
    verdicts = join_words(
        [
            ngettext("%(n)s can be automated", "%(n)s can be automated", a) % {"n": a},
            ngettext(
                "%(n)s should be assisted by technology",
                "%(n)s should be assisted by technology",
                b,
            )
            % {"n": b},
            ngettext("%(n)s should stay human", "%(n)s should stay human", c) % {"n": c},
        ]
    )
    return of_touchpoints(total, verdicts, summary.get(UNSCORED, 0))


def executive_summary(assessment: Assessment) -> dict[str, Any]:
    results = assessment.results
    scored = [r for r in results if r.scored]
    sentences = []
    if scored:
        sentences.append(_tally(assessment.summary, len(results)))
    else:
        sentences.append(
            ngettext(
                "None of the %(n)s touchpoint has been assessed yet.",
                "None of the %(n)s touchpoints has been assessed yet.",
                len(results),
            )
            % {"n": len(results)}
        )
    automate = sorted(
        (r for r in scored if r.recommendation == "automate"),
        key=lambda r: (-(r.fit or 0), -r.scores.get("scale", 0)),
    )
    human = sorted(
        (r for r in scored if r.recommendation == "keep-human"), key=lambda r: r.fit or 0
    )
    borderline = [r for r in scored if r.borderline]
    disagreement = [r for r in results if r.open_splits]
    if automate:
        sentences.append(
            ngettext(
                "The best fit for automation is %(names)s: routine, frequent work where "
                "customers are glad to serve themselves.",
                "The best fits for automation are %(names)s: routine, frequent work where "
                "customers are glad to serve themselves.",
                len(automate),
            )
            % {"names": _names(automate[:3])}
        )
    if human:
        sentences.append(
            ngettext(
                "Keep %(names)s in human hands: these are the moments where the customer has "
                "most at stake and technology would stand in the way.",
                "Keep %(names)s in human hands: these are the moments where the customer has "
                "most at stake and technology would stand in the way.",
                len(human[:3]),
            )
            % {"names": _names(human[:3])}
        )
    if borderline:
        sentences.append(
            ngettext(
                "%(n)s verdict is borderline: the evidence is thin (close to a threshold with no "
                "guardrail deciding, or the team's votes straddle it). Discuss it before acting.",
                "%(n)s verdicts are borderline: the evidence is thin (close to a threshold with "
                "no guardrail deciding, or the team's votes straddle it). Discuss these before "
                "acting.",
                len(borderline),
            )
            % {"n": len(borderline)}
        )
    sentences += _payback_sentences(scored)
    sentences += split_sentences(results)  # open splits, then apart those the room settled
    return {
        "sentences": sentences,
        "automate": automate[:5],
        "human": human[:5],
        "borderline": borderline,
        "disagreement": disagreement,
    }


def kind_condition(q: Questionnaire, kind: AssistKind) -> str | None:
    """When a kind of assistance applies, in words; None for the kind that catches the rest."""
    parts = [describe_condition(q, kind.when)] if kind.when else []
    if kind.need:
        parts.append(
            _("what the customer needs alone gives %(verdict)s")
            % {"verdict": in_sentence(verdict_labels()[kind.need])}
        )
    return join_words(parts) or None


def since_sentence(comparison: Comparison) -> str:
    """'Compared with Claims of 2026-05-01: 2 verdicts moved, 1 touchpoint re-scored with the
    same verdict, 9 unchanged, 1 added and 0 removed.'"""
    c = comparison
    moved, rescored, added, removed = (
        len(c.moved),
        len(c.rescored),
        len(c.added),
        len(c.removed),
    )
    changes = join_words(
        [
            ngettext("%(n)s verdict moved", "%(n)s verdicts moved", moved) % {"n": moved},
            ngettext(
                "%(n)s touchpoint re-scored with the same verdict",
                "%(n)s touchpoints re-scored with the same verdict",
                rescored,
            )
            % {"n": rescored},
            ngettext("%(n)s unchanged", "%(n)s unchanged", c.unchanged) % {"n": c.unchanged},
            ngettext("%(n)s added", "%(n)s added", added) % {"n": added},
            ngettext("%(n)s removed", "%(n)s removed", removed) % {"n": removed},
        ]
    )
    old = c.old.workshop
    said = {"title": old.title, "changes": changes}
    if old.date:
        economics = c.new.workshop.economics or old.economics
        said["date"] = workshop_date(old.date, economics) or old.date
        return _("Compared with %(title)s of %(date)s: %(changes)s.") % said
    return _("Compared with %(title)s: %(changes)s.") % said


def span(low: int, high: int) -> str:
    """'2 to 4', kept on one line."""
    return nowrap(_("%(low)s to %(high)s") % {"low": low, "high": high})


def open_note(splits: Sequence[Consensus]) -> str:
    """The open splits on a touchpoint page, after "The team disagrees."."""
    each = "; ".join(
        _("%(question)s: votes from %(range)s")
        % {"question": c.label, "range": span(c.low, c.high)}
        for c in splits
    )
    return _("%(splits)s, as the votes above show; worth hearing before acting.") % {"splits": each}


def settled_note(splits: Sequence[Consensus]) -> str:
    """The splits the room settled on a touchpoint page, after "The room settled ..."."""
    each = []
    for c in splits:
        said = {"question": c.label, "range": span(c.low, c.high), "value": c.settled}
        if c.reason:
            text = _("%(question)s: votes from %(range)s, settled at %(value)s (%(reason)s)")
            each.append(text % {**said, "reason": c.reason})
        else:
            each.append(_("%(question)s: votes from %(range)s, settled at %(value)s") % said)
    return "; ".join(each) + "."
