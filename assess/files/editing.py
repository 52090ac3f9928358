"""Changes to a workshop document as people would make them by hand.

The document is ruamel's round-trip structure, so saving it keeps comments, key order and
layout. Pure: these functions change the document in memory; :mod:`assess.files.storage` saves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from assess.files.yamlnodes import (
    block_safe,
    flow_list,
    free_text,
    given,
    insert_in_order,
)

TOUCHPOINT_KEYS = (
    "id",
    "name",
    "stage",
    "channel",
    "description",
    "owner",
    "after",
    "kpi",
    "volume",
    "handle_minutes",
    "staffed_share",
    "evidence",
    "share",
    "share_basis",
    "build_cost",
    "run_cost_per_year",
    "scores",
    "inputs",
    "votes",
    "settled",
    "notes",
    "actions",
    "parked",
    "minutes_used",
    "outcomes",
)


def new_document(
    title: str,
    *,
    organisation: str = "",
    date: str = "",
    facilitator: str = "",
    participants: Sequence[str] = (),
    questionnaire: str = "default",
    touchpoints: Sequence[Mapping[str, str | None]] = (),
    language: str = "",
) -> CommentedMap:
    doc = CommentedMap()
    doc["title"] = title
    for key, value in (
        ("organisation", organisation),
        ("date", date),
        ("facilitator", facilitator),
    ):
        if value:
            doc[key] = value
    if participants:
        doc["participants"] = CommentedSeq(participants)
    doc["questionnaire"] = questionnaire
    if language:
        doc["language"] = language
    doc["touchpoints"] = CommentedSeq()
    for fields in touchpoints:
        add_touchpoint(doc, fields)
    return doc


def set_top(doc: CommentedMap, key: str, value: object) -> None:
    """Set a workshop-level key; a new one goes just before the touchpoints."""
    if key in doc:
        doc[key] = value
        return
    keys = list(doc)
    doc.insert(keys.index("touchpoints") if "touchpoints" in keys else len(keys), key, value)


def touchpoints(doc: CommentedMap) -> CommentedSeq:
    if not isinstance(doc.get("touchpoints"), list):
        doc["touchpoints"] = CommentedSeq()
    items: CommentedSeq = doc["touchpoints"]
    return items


def add_touchpoint(
    doc: CommentedMap, fields: Mapping[str, object], position: int | None = None
) -> int:
    """Add a touchpoint at `position` (default: the end); returns where it went."""
    item = CommentedMap()
    for key in TOUCHPOINT_KEYS:
        value = fields.get(key)
        if isinstance(value, str) and "\n" in value and block_safe(value):
            value = LiteralScalarString(value)  # a readable block, not one quoted line with \n
        if isinstance(value, dict) and key in ("share", "kpi"):
            value = CommentedMap(value)
            value.fa.set_flow_style()  # share: {low: 0.3, expected: 0.45, high: 0.6}
        if isinstance(value, list) and key == "after":
            value = flow_list(value)
        if given(value):
            item[key] = value
    items = touchpoints(doc)
    if position is None or position >= len(items):
        items.append(item)
        return len(items) - 1
    items.insert(position, item)
    return position


def end_of_stage(doc: CommentedMap, stage: str | None) -> int | None:
    """Where a new touchpoint of `stage` belongs: after the last one of that stage."""
    last = None
    for i, item in enumerate(touchpoints(doc)):
        if stage and isinstance(item, Mapping) and item.get("stage") == stage:
            last = i
    return None if last is None else last + 1


def set_field(doc: CommentedMap, index: int, key: str, value: str | float | None) -> None:
    item = touchpoints(doc)[index]
    if key == "name" and isinstance(value, str) and isinstance(item.get("name"), str):
        _rename_in_after(doc, item["name"], value)  # the plan's `after` follows a rename
    if given(value):
        insert_in_order(item, key, value, TOUCHPOINT_KEYS)
    elif key in item:
        del item[key]


def set_score(
    doc: CommentedMap, index: int, dimension: str, value: int | None, dimensions: Sequence[str]
) -> None:
    """Record one answer (None: not yet scored), keeping dimensions in questionnaire order."""
    item = touchpoints(doc)[index]
    scores = item.get("scores")
    if not isinstance(scores, CommentedMap):
        scores = CommentedMap()
        scores.fa.set_flow_style()  # {complexity: 2, scale: 4, ...} on one line, as people write it
        insert_in_order(item, "scores", scores, TOUCHPOINT_KEYS)
    if value is None:
        scores.pop(dimension, None)
        if not scores:  # no `scores: {}` left behind
            del item["scores"]
    else:
        insert_in_order(scores, dimension, value, dimensions)


def set_input(
    doc: CommentedMap, index: int, key: str, option: str | None, order: Sequence[str]
) -> None:
    """Record an answer to an optional question (None: not answered), in questionnaire order."""
    item = touchpoints(doc)[index]
    inputs = item.get("inputs")
    if not isinstance(inputs, CommentedMap):
        if option is None:
            return
        inputs = CommentedMap()
        inputs.fa.set_flow_style()
        insert_in_order(item, "inputs", inputs, TOUCHPOINT_KEYS)
    if option is None:
        inputs.pop(key, None)
        if not inputs:
            del item["inputs"]
    else:
        insert_in_order(inputs, key, option, order)


def set_vote(
    doc: CommentedMap,
    index: int,
    person: str,
    dimension: str,
    value: int | None,
    dimensions: Sequence[str],
) -> None:
    """Record one person's vote on one dimension (None: they said they don't know, which is
    no vote; it replaces one they gave before)."""
    item = touchpoints(doc)[index]
    votes = item.get("votes")
    if not isinstance(votes, CommentedMap):
        votes = CommentedMap()
        insert_in_order(item, "votes", votes, TOUCHPOINT_KEYS)
    ballot = votes.get(person)
    if not isinstance(ballot, CommentedMap):
        ballot = CommentedMap()
        ballot.fa.set_flow_style()
        votes[person] = ballot
    insert_in_order(ballot, dimension, value, dimensions)


def _flow_map(item: CommentedMap, key: str) -> CommentedMap:
    """The mapping `key` of a touchpoint, created in its place when missing."""
    found = item.get(key)
    if not isinstance(found, CommentedMap):
        found = CommentedMap()
        insert_in_order(item, key, found, TOUCHPOINT_KEYS)
    return found


def _drop(item: CommentedMap, key: str, entry: str) -> None:
    """Remove `entry` from the mapping `key`, and the mapping itself once it is empty."""
    found = item.get(key)
    if isinstance(found, CommentedMap):
        found.pop(entry, None)
        if not found:
            del item[key]


def set_settled(
    doc: CommentedMap,
    index: int,
    dimension: str,
    value: int | None,
    reason: str | None,
    dimensions: Sequence[str],
) -> None:
    """Record the room's decision over the votes on one dimension, with why (None: no
    decision). A 0.2.0 file kept it in `scores`; that copy goes, so one answer is left."""
    item = touchpoints(doc)[index]
    _drop(item, "scores", dimension)
    if value is None:
        _drop(item, "settled", dimension)
        return
    entry = CommentedMap(value=value)
    if reason:
        entry["reason"] = free_text(reason)
    else:
        entry.fa.set_flow_style()  # {value: 3} on one line; free text only in block style
    insert_in_order(_flow_map(item, "settled"), dimension, entry, dimensions)


def record_votes(
    doc: CommentedMap,
    index: int,
    dimension: str,
    cast: Mapping[str, int | None],
    dimensions: Sequence[str],
) -> None:
    """Record people's votes on one dimension. New votes reopen it: the room's earlier answer
    or decision there goes, so the room decides again over the votes as they now are."""
    item = touchpoints(doc)[index]
    for person, value in cast.items():
        set_vote(doc, index, person, dimension, value, dimensions)
    _drop(item, "scores", dimension)
    _drop(item, "settled", dimension)


def add_action(
    doc: CommentedMap, index: int, text: str, owner: str, due: str | None = None
) -> None:
    """Add what the room agreed someone will do (due: an ISO date, or None)."""
    item = touchpoints(doc)[index]
    # Block style: ruamel may write free text in a flow mapping that YAML cannot read back
    # (`{owner: ?0}`).
    entry = CommentedMap(text=free_text(text), owner=free_text(owner))
    if due:
        entry["due"] = due
    actions = item.get("actions")
    if not isinstance(actions, CommentedSeq):
        actions = CommentedSeq()
        insert_in_order(item, "actions", actions, TOUCHPOINT_KEYS)
    actions.append(entry)


def add_parked(doc: CommentedMap, index: int, text: str) -> None:
    """Add a question the room takes offline to the touchpoint's parking lot."""
    item = touchpoints(doc)[index]
    parked = item.get("parked")
    if not isinstance(parked, CommentedSeq):
        parked = CommentedSeq()
        insert_in_order(item, "parked", parked, TOUCHPOINT_KEYS)
    parked.append(free_text(text))


def restore_touchpoint(doc: CommentedMap, index: int, item: CommentedMap, keep: str) -> None:
    """Put back a touchpoint as it was (for undo), keeping its current value of `keep`."""
    items = touchpoints(doc)
    current = items[index]
    kept = current.get(keep) if isinstance(current, Mapping) else None
    items[index] = item
    if kept is not None:
        insert_in_order(item, keep, kept, TOUCHPOINT_KEYS)
    elif keep in item:
        del item[keep]


def remove_touchpoint(doc: CommentedMap, index: int) -> None:
    """Remove a touchpoint, and its name from every other touchpoint's `after`."""
    item = touchpoints(doc)[index]
    name = item.get("name") if isinstance(item, Mapping) else None
    del touchpoints(doc)[index]
    if isinstance(name, str):
        _rename_in_after(doc, name, None)


def move_touchpoint(doc: CommentedMap, index: int, new_index: int) -> None:
    items = touchpoints(doc)
    item = items.pop(index)
    items.insert(new_index, item)


#: A workshop's own keys, in the order people write them.
WORKSHOP_KEYS = (
    "title",
    "organisation",
    "date",
    "facilitator",
    "participants",
    "phone_voters",
    "questionnaire",
    "brand",
    "economics",
    "touchpoints",
)


def add_names(doc: CommentedMap, key: str, names: Sequence[str]) -> None:
    """Add `names` not yet there to a workshop-level list of people (`participants`,
    `phone_voters`), made where people write it when missing."""
    found = doc.get(key)
    if not isinstance(found, CommentedSeq):
        found = CommentedSeq(found if isinstance(found, list) else [])
        insert_in_order(doc, key, found, WORKSHOP_KEYS)
    new = [name for name in dict.fromkeys(names) if name not in found]
    if new:
        found.fa.set_block_style()  # a name YAML would misread in a flow list is safe here
        found.extend(new)


def set_economics(doc: CommentedMap, values: Mapping[str, object]) -> None:
    """Give the workshop its economics (currency, cost of an hour, ...) on one line, where
    people put it: before the touchpoints. Keys already there keep their value unless given."""
    economics = doc.get("economics")
    if not isinstance(economics, CommentedMap):
        economics = CommentedMap()
        economics.fa.set_flow_style()
        insert_in_order(doc, "economics", economics, WORKSHOP_KEYS)
    for key, value in values.items():
        economics[key] = value


def _same(a: object, b: str) -> bool:
    return isinstance(a, str) and a.strip().casefold() == b.strip().casefold()


def _rename_in_after(doc: CommentedMap, old: str, new: str | None) -> None:
    """Every `after` that names `old` (ignoring case and spacing, as the loader matches) names
    `new` instead, or drops it when `new` is None; an emptied `after` is removed."""
    for item in touchpoints(doc):
        after = item.get("after") if isinstance(item, Mapping) else None
        if isinstance(after, str):
            after = [after]
        if not isinstance(after, list) or not any(_same(n, old) for n in after):
            continue
        names = [n for n in (new if _same(n, old) else n for n in after) if n is not None]
        if names:
            item["after"] = flow_list(list(dict.fromkeys(names)))
        else:
            del item["after"]
