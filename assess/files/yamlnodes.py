"""How a value is laid out in a workshop file people read and edit: a key placed where people
expect it, several lines as a readable block, short mappings and lists on one line where that
reads back as written. Pure: these build ruamel nodes; :mod:`assess.files.editing` uses them."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from assess.files.yamlio import yaml_round_trip

_Node = TypeVar("_Node", CommentedMap, CommentedSeq)


def insert_in_order(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set key, placing a new key where `order` says rather than at the end."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in mapping if k in order and order.index(k) < rank)
    mapping.insert(position, key, value)


def block_safe(text: str) -> bool:
    """Whether a literal block (|) gives back exactly this text: no carriage returns, tabs or
    other control characters, and no spaces a block would lose or misread."""
    lines = text.split("\n")
    return (
        text == text.strip()
        and all(line == line.rstrip() and line.isprintable() for line in lines)
        and not lines[0].startswith(" ")
    )


def given(value: object) -> bool:
    """Whether a field holds something to write: a 0 is a number (a staffed share of 0 is pure
    self-service), an empty text or mapping is nothing."""
    return value is not None and not (isinstance(value, str | dict | list) and not value)


def free_text(value: str) -> str:
    """Free text as the file keeps it: several lines as a readable block where that gives them
    back exactly."""
    return LiteralScalarString(value) if "\n" in value and block_safe(value) else value


def flow_list(values: Sequence[object]) -> CommentedSeq:
    found = CommentedSeq(values)
    return on_one_line(found)  # after: [Order confirmation, Payment]


def one_line(values: Mapping[str, object], order: Sequence[str]) -> CommentedMap:
    return on_one_line(CommentedMap((k, values[k]) for k in order if given(values.get(k))))


def on_one_line(node: _Node) -> _Node:
    """`node` in flow style ({a: 1, b: 2}) where that reads back as written; else in block
    style. ruamel writes some plain text in flow style that YAML reads otherwise, or not at
    all (a note "?0" as `{note: ?0}`, a name "?0" in `[?0]` as a mapping), and people type
    such text."""
    node.fa.set_flow_style()
    buffer = io.StringIO()
    yaml_round_trip().dump({"x": node}, buffer)
    try:
        same = yaml_round_trip().load(buffer.getvalue())["x"] == node
    except YAMLError:
        same = False
    if not same:
        node.fa.set_block_style()
    return node
