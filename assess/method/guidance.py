"""Design guidance that fits the touchpoint: the questionnaire's guidance items whose conditions
hold for this verdict, these answers, the rules that fired, the kind of assistance and what the
verdict rests on, in the questionnaire's order, at most `guidance_limit` of them. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from assess.method.decision import Answers, Decision, matches
from assess.models import AssistKind, GuidanceItem


def applies(
    item: GuidanceItem, answers: Answers, decision: Decision, kind: AssistKind | None
) -> bool:
    """Every condition the item gives holds."""
    return (
        (not item.verdicts or decision.verdict in item.verdicts)
        and (not item.kinds or (kind is not None and kind.id in item.kinds))
        and (not item.basis or decision.basis in item.basis)
        and (not item.rules or any(r.id in item.rules for r in decision.fired))
        and matches(item.when, answers)
    )


def select(
    items: Sequence[GuidanceItem],
    limit: int | None,
    answers: Answers,
    decision: Decision,
    kind: AssistKind | None,
) -> tuple[GuidanceItem, ...]:
    found = tuple(i for i in items if applies(i, answers, decision, kind))
    return found if limit is None else found[:limit]
