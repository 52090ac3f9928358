"""Changes to a workshop's plan as people would make them by hand (issue 28): the moves a move
comes after, its KPI, and the outcomes measured once it is live. Pure, like
:mod:`assess.files.editing`, whose document and touchpoints these change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assess.files.editing import TOUCHPOINT_KEYS, touchpoints
from assess.files.yamlnodes import flow_list, insert_in_order, one_line

#: An outcome's keys, in the order people write them.
OUTCOME_KEYS = ("date", "volume", "handle_minutes", "staffed_share", "kpi", "note")
KPI_KEYS = ("name", "unit", "baseline", "target")


def set_after(doc: CommentedMap, index: int, names: Sequence[str]) -> None:
    """The moves a touchpoint comes after, by name, on one line; none removes the key."""
    item = touchpoints(doc)[index]
    if names:
        insert_in_order(item, "after", flow_list(list(names)), TOUCHPOINT_KEYS)
    elif "after" in item:
        del item["after"]


def set_kpi(doc: CommentedMap, index: int, kpi: Mapping[str, object] | None) -> None:
    """A touchpoint's KPI on one line ({name, unit, baseline, target}); None removes it."""
    item = touchpoints(doc)[index]
    if kpi:
        insert_in_order(item, "kpi", one_line(kpi, KPI_KEYS), TOUCHPOINT_KEYS)
    elif "kpi" in item:
        del item["kpi"]


def add_outcome(doc: CommentedMap, index: int, outcome: Mapping[str, object]) -> int:
    """Append an outcome to a touchpoint's `outcomes`, one line each as people write them;
    returns how many it has now."""
    item = touchpoints(doc)[index]
    outcomes = item.get("outcomes")
    if not isinstance(outcomes, list):
        outcomes = CommentedSeq()
        insert_in_order(item, "outcomes", outcomes, TOUCHPOINT_KEYS)
    outcomes.append(one_line(outcome, OUTCOME_KEYS))
    return len(outcomes)
