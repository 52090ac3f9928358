"""Where a problem is and how to say it: the line of a key in a document from either YAML
reader, and pydantic's validation errors turned into messages a person can act on. Values are
quoted clipped, and only from files being validated: never a file's whole content."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from assess.errors import InputError, Problem
from assess.models import SCORE_MAX, SCORE_MIN
from assess.textsafety import clip

Loc = Sequence[str | int]


def as_mapping(data: Any, file: str, expected: str) -> Mapping[str, Any]:
    if data is None:
        raise InputError([Problem(file, f"is empty; expected {expected}")])
    if not isinstance(data, Mapping):
        # Never quote the content: the file may be one a workshop should not disclose.
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InputError([Problem(file, f"expected {expected}, got {kind}", line=1)])
    return data


# --- line numbers and messages --------------------------------------------------------------


def line_of(data: Any, loc: Loc) -> int | None:
    """The 1-based line of the deepest element of `loc` that ruamel knows a position for."""
    line: int | None = None
    node = data
    for part in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, Mapping) and part in node:
                if lc is not None:
                    line = lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                if lc is not None:
                    line = lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, TypeError, AttributeError):
            break
    return line


def shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{clip(value)}'"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


#: pydantic's error kinds, as the user reads them; {value} is what the file gave.
_MESSAGES = {
    "string_too_short": "must not be empty",
    "string_type": "must be text, got {value}",
    "list_type": "must be a list, got {value}",
    "dict_type": "must be a mapping, got {value}",
    "int_parsing": "must be a whole number, got {value}",
    "int_type": "must be a whole number, got {value}",
    "int_from_float": "must be a whole number, got {value}",
    "float_parsing": "must be a number, got {value}",
    "float_type": "must be a number, got {value}",
    "finite_number": "must be a finite number, not infinity or NaN",
    "bool_type": "must be true or false, got {value}",
}


def message_for(error: Mapping[str, Any], allowed: Iterable[str]) -> str:
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if kind == "extra_forbidden":
        name = clip(str(loc[-1]))
        close = difflib.get_close_matches(name, list(allowed), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (allowed: {', '.join(allowed)})"
        return f"unknown key '{name}'{hint}"
    if kind == "missing":
        return "is required"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"is {len(str(value)):,} characters long; the limit is {limit:,}"
    if (
        (len(loc) >= 2 and loc[-2] == "scores")
        or (len(loc) >= 3 and loc[-3] == "votes")
        or (len(loc) >= 3 and loc[-3] == "settled" and loc[-1] == "value")
    ):
        return f"must be a whole number from {SCORE_MIN} to {SCORE_MAX}, got {shown(value)}"
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(value=shown(value))
    # The rest of pydantic's messages read well once they speak to the user ("must be ...").
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be ", "must be ", 1)


@dataclass(frozen=True)
class Context:
    file: str
    data: Any

    def problem(self, loc: Loc, message: str, where: str | None = None) -> Problem:
        where = where or self.where(loc)
        # A key may be any text a file holds: quoted clipped, like every value.
        parts = [clip(str(p), 30) for p in self.field_loc(loc) if p != "[key]"]
        field = ".".join(parts) or None
        return Problem(self.file, message, line=line_of(self.data, loc), where=where, field=field)

    def where(self, loc: Loc) -> str | None:
        if len(loc) >= 2 and loc[0] == "touchpoints" and isinstance(loc[1], int):
            return touchpoint_label(self.data, loc[1])
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(loc[0], str):
            items = self.data.get(loc[0]) if isinstance(self.data, Mapping) else None
            item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
            ident = item.get("id") if isinstance(item, Mapping) else None
            noun = loc[0].removesuffix("s").replace("_", " ")
            return f'{noun} "{clip(str(ident), 60)}"' if ident else f"{noun} #{loc[1] + 1}"
        return None

    @staticmethod
    def field_loc(loc: Loc) -> Loc:
        return loc[2:] if len(loc) >= 2 and isinstance(loc[1], int) else loc


def raw_touchpoints(data: Any) -> list[tuple[int, Mapping[str, Any]]]:
    """The touchpoints of a document not yet validated: (position, mapping) for every entry
    that is a mapping, so checks can run beside structural problems instead of after them."""
    items = data.get("touchpoints") if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, Mapping)]


def touchpoint_label(data: Any, index: int) -> str:
    items = data.get("touchpoints") if isinstance(data, Mapping) else None
    item = items[index] if isinstance(items, list) and index < len(items) else None
    if isinstance(item, Mapping):
        name = item.get("name") or item.get("id")
        if isinstance(name, str) and name.strip():
            return f'touchpoint "{clip(name.strip(), 60)}"'
    return f"touchpoint #{index + 1}"


def allowed_keys(
    loc: Loc, models: Mapping[str, type[BaseModel]], top: type[BaseModel]
) -> list[str]:
    if len(loc) >= 3 and isinstance(loc[1], int) and str(loc[0]) in models:
        return list(models[str(loc[0])].model_fields)
    return list(top.model_fields)


def validate(
    model: type[BaseModel],
    data: Mapping[str, Any],
    ctx: Context,
    nested: Mapping[str, type[BaseModel]],
) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(ctx.problem(loc, message_for(error, allowed_keys(loc, nested, model))))
        return None, problems
