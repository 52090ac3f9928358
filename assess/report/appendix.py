"""The appendix's sentences that count: how much rests on the questionnaire's calibration, over
every combination of answers and for this workshop. Pure: the measures in, a paragraph out, in
the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.i18n import _, ngettext
from assess.method import measures
from assess.method.explain import describe_condition, describe_effect
from assess.method.measures import Sensitivity, Share
from assess.method.scoring import Assessment, Judge
from assess.method.words import join_words, number, percent, quoted


def changed(n: int) -> str:
    if n == 0:
        return _("no verdict would change")
    return ngettext("%(n)s verdict would change", "%(n)s verdicts would change", n) % {"n": n}


def _payback(rules: Sequence[Mapping[str, Any]]) -> str:
    """How many verdicts the payback rules decide, each named."""
    deciding = [
        item for item in rules if item["rule"].basis == "payback" and item["decides"].flagged
    ]
    if not deciding:
        return ""
    total = sum(item["decides"].flagged for item in deciding)
    each = join_words(
        [
            _("%(rule)s %(n)s")
            % {"rule": quoted(item["rule"].title), "n": number(item["decides"].flagged)}
            for item in deciding
        ]
    )
    return ngettext(
        "Payback rules decide %(n)s of them: %(rules)s.",
        "Payback rules decide %(n)s of them: %(rules)s.",
        total,
    ) % {"n": number(total), "rules": each}


def _sensitivity(found: Sensitivity) -> str:
    if not found.scored:
        return ""
    return ngettext(
        "For this workshop's %(n)s assessed touchpoint: with equal weights %(equal)s; with both "
        "thresholds %(step)s points higher %(up)s; %(step)s points lower %(down)s.",
        "For this workshop's %(n)s assessed touchpoints: with equal weights %(equal)s; with both "
        "thresholds %(step)s points higher %(up)s; %(step)s points lower %(down)s.",
        found.scored,
    ) % {
        "n": found.scored,
        "equal": changed(found.equal_weights),
        "step": number(found.step),
        "up": changed(found.thresholds_up),
        "down": changed(found.thresholds_down),
    }


def calibration(
    borderline: Share, guardrail: Share, rules: Sequence[Mapping[str, Any]], found: Sensitivity
) -> str:
    """What rests on calibration: the guardrails' and the borderline share over every
    combination of the answers, what the payback rules decide, and how many of this workshop's
    verdicts other weights or thresholds would change."""
    sentences = [
        _(
            "The weights and thresholds are this questionnaire's calibration, not findings of the "
            "studies cited below."
        ),
        _(
            "Over all %(total)s combinations of the answers, guardrails decide %(guardrail)s "
            "verdicts (%(guardrail_share)s) and %(borderline)s (%(borderline_share)s) are "
            "borderline."
        )
        % {
            "total": number(borderline.total),
            "guardrail": number(guardrail.flagged),
            "guardrail_share": percent(guardrail.percent / 100),
            "borderline": number(borderline.flagged),
            "borderline_share": percent(borderline.percent / 100),
        },
        _payback(rules),
    ]
    if any(item["answered"] for item in rules):
        sentences.append(
            _(
                "A rule on an optional question decides only where a room answers it; the table "
                "of rules gives how many of these verdicts each would change if it were answered."
            )
        )
    sentences.append(_sensitivity(found))
    return " ".join(s for s in sentences if s)


def appendix_context(assessment: Assessment) -> dict[str, Any]:
    """What only the appendix says: each rule with how many combinations of answers it
    decides, and how much rests on calibration. Counting runs over every combination of the
    dimensions, so it is done once, and only for a document that has the appendix: a PDF's
    front matter and touchpoint pages go to the workers before it."""
    q = assessment.questionnaire
    judge = Judge(q)
    decides, answered = measures.rule_shares(q, judge), measures.answered_shares(q, judge)
    rules = [
        {
            "rule": rule,
            "when": describe_condition(q, rule.when),
            "effect": describe_effect(rule),
            "decides": decides[rule.id],
            "answered": answered.get(rule.id),
        }
        for rule in q.rules
    ]
    return {
        "rules": rules,
        "calibration": calibration(
            measures.borderline_share(q, judge),
            measures.guardrail_share(q, decides),
            rules,
            measures.sensitivity(assessment),
        ),
    }
