"""Parsing YAML safely and fast.

Two readers:

* :func:`load_data` is the fast path for every command that only reads (validate, score,
  report, merge, compare). It builds plain dicts and lists straight from libyaml's event stream
  (PyYAML's C parser), and each mapping and list knows the line of each entry, so error messages
  can point at it. It reads YAML 1.2's core schema: ``yes`` and ``on`` are text, a date is text,
  and a number typed where text belongs (``name: 1e3``) keeps the characters typed. Its limits
  are checked on the events as the data is built, before any alias is expanded: nesting depth,
  aliases that refer to themselves or expand far beyond what was written ("billion laughs"),
  and merge keys (``<<``), refused so one touchpoint's answers cannot spread into another.
* :func:`yaml_round_trip` is ruamel's round-trip mode, used only where a file people edit is
  changed and saved (``assess run``, merge, import), because it keeps comments and layout. A
  file goes through :func:`load_data` first, so ruamel only ever sees a bounded document.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn, cast

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedError
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.representer import RoundTripRepresenter

from assess.errors import InputError, Problem
from assess.textsafety import clip

#: Deepest nesting of mappings and lists a workshop or questionnaire may have (they need ~6).
MAX_DEPTH = 32
#: How many values a document may hold once aliases are expanded, relative to the values written
#: down (with a floor, so small files may use a few anchors freely).
MAX_EXPANSION = 10
MIN_EXPANDED_NODES = 100_000


# --- the fast reader --------------------------------------------------------------------------


class Lines:
    """Where each key (of a mapping) or item (of a list) starts: ruamel's ``lc`` interface, so
    the code that finds a problem's line works on documents from either reader."""

    __slots__ = ("_at",)

    def __init__(self) -> None:
        self._at: dict[Any, int] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self._at[key], 0

    def item(self, index: int) -> tuple[int, int]:
        return self._at[index], 0


class LinedDict(dict[Any, Any]):
    __slots__ = ("lc",)
    lc: Lines


class LinedList(list[Any]):
    __slots__ = ("lc",)
    lc: Lines


class TypedInt(int):
    """An integer that remembers how it was written, for a field that wants text."""

    source: str

    def __new__(cls, value: int, source: str) -> TypedInt:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj


class TypedFloat(float):
    source: str

    def __new__(cls, value: float, source: str) -> TypedFloat:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj


def as_written(value: Any) -> Any:
    """A scalar as the person typed it, where the reader kept that."""
    return getattr(value, "source", value)


# YAML 1.2 core schema, not PyYAML's 1.1: no yes/no/on/off booleans, no sexagesimal numbers and
# no timestamps (a date a person typed stays the text they typed).
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
#: Plain scalars starting with anything else are text, without trying a pattern.
_MAYBE_NOT_TEXT = frozenset("~nNtTfF-+.0123456789")
_CORE = "tag:yaml.org,2002:"


class _ScalarError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line + 1
        self.message = message


def _number(value: str, line: int, tag: str) -> int | float:
    try:
        if tag == "int":
            if value.startswith("0o"):
                return TypedInt(int(value[2:], 8), value)
            if value.startswith("0x"):
                return TypedInt(int(value[2:], 16), value)
            return TypedInt(int(value), value)
        text = value.lower().replace(".inf", "inf").replace(".nan", "nan")
        return TypedFloat(float(text), value)
    except ValueError:
        what = "a whole number" if tag == "int" else "a number"
        raise _ScalarError(line, f"'{clip(value)}' is not {what}") from None


def _line(event: yaml.Event) -> int:
    """The 0-based line an event starts on (libyaml always knows it)."""
    mark = event.start_mark
    return mark.line if mark is not None else 0


def _tagged(value: str, line: int, tag: str) -> Any:
    """A scalar with an explicit core tag (!!str, !!int, ...); any other tag is refused."""
    short = tag.removeprefix(_CORE)
    if short == "str":
        return value
    if short in ("int", "float"):
        return _number(value, line, short)
    if short == "null" and value in _NULL:
        return None
    if short == "bool" and value in _BOOL:
        return _BOOL[value]
    raise _ScalarError(line, f"the tag {clip(tag)} is not allowed here")


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    line = _line(event)
    tag = event.tag
    if tag is not None and tag != "!":
        return _tagged(value, line, tag)
    if not event.implicit[0] or not value or value[0] not in _MAYBE_NOT_TEXT:
        return None if event.implicit[0] and value == "" else value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return _number(value, line, "int")
    if _FLOAT.fullmatch(value):
        return _number(value, line, "float")
    return value


class _Frame:
    """A mapping or list being built, with what the events still owe it."""

    __slots__ = ("anchor", "container", "height", "key", "key_line", "line", "start")

    def __init__(
        self, container: LinedDict | LinedList, anchor: str | None, start: int, line: int
    ) -> None:
        self.container = container
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.height = 0  # how many levels are nested below this one
        self.start = start  # the count of values when this container began
        self.line = line  # where it began


_NO_KEY = object()


class _Builder:
    """Plain data from libyaml's events, checked as it is built: nesting depth, aliases that
    refer to themselves, and aliases that expand far beyond what was written."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, expanded size, height
        self.open_anchors: set[str] = set()
        self.written = 0
        self.expanded = 0
        self.root: Any = None
        self.documents = 0

    def fail(self, line: int, message: str) -> NoReturn:
        raise InputError([Problem(self.file, message, line=line + 1)])

    def add(self, value: Any, line: int, size: int = 1, height: int = 0) -> None:
        if len(self.stack) + height > MAX_DEPTH:
            self.fail(line, f"is nested more than {MAX_DEPTH} levels deep")
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.height = max(frame.height, height + 1)
        container = frame.container
        if isinstance(container, LinedList):
            container.lc._at[len(container)] = line
            container.append(value)
        elif frame.key is _NO_KEY:
            if isinstance(value, dict | list):
                self.fail(line, "a key must be text, not a list or mapping")
            if value in container:
                self.fail(line, f"duplicate key '{clip(str(value))}'")
            frame.key, frame.key_line = value, line
        else:
            container.lc._at[frame.key] = frame.key_line
            container[frame.key] = value
            frame.key = _NO_KEY

    def open(self, event: yaml.CollectionStartEvent) -> None:
        line = _line(event)
        if len(self.stack) >= MAX_DEPTH:
            self.fail(line, f"is nested more than {MAX_DEPTH} levels deep")
        is_map = type(event) is yaml.MappingStartEvent
        if event.tag not in (None, "!", _CORE + ("map" if is_map else "seq")):
            self.fail(line, f"the tag {clip(str(event.tag))} is not allowed here")
        container = LinedDict() if is_map else LinedList()
        container.lc = Lines()
        self.stack.append(_Frame(container, event.anchor, self.expanded, line))
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)

    def close(self) -> None:
        frame = self.stack.pop()
        size = self.expanded - frame.start + 1
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, size, frame.height)
        self.add(frame.container, frame.line, height=frame.height)

    def alias(self, event: yaml.AliasEvent) -> None:
        line = _line(event)
        anchor = str(event.anchor)
        if anchor in self.open_anchors:
            self.fail(line, "an alias refers to itself")
        if anchor not in self.anchors:
            self.fail(line, f"the alias *{clip(anchor)} names no anchor")
        value, size, height = self.anchors[anchor]
        self.expanded += size
        limit = max(MIN_EXPANDED_NODES, MAX_EXPANSION * self.written)
        if self.expanded > limit:
            self.fail(
                line,
                f"its aliases expand {self.written:,} written values into more than "
                f"{self.expanded:,}; assess refuses files whose aliases expand beyond {limit:,}",
            )
        self.add(value, line, height=height)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.written += 1
        self.expanded += 1
        line = _line(event)
        in_key = bool(self.stack) and self.stack[-1].key is _NO_KEY
        if in_key and event.implicit[0] and event.value == "<<":
            self.fail(
                line,
                "merge keys (<<) are not allowed: write each touchpoint's fields out, "
                "so one touchpoint's answers cannot spread into another unnoticed",
            )
        try:
            value = _scalar(event)
        except _ScalarError as exc:
            raise InputError([Problem(self.file, exc.message, line=exc.line)]) from None
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1, 0)
        self.add(value, line)

    def event(self, event: yaml.Event | None) -> bool:
        """Take one event; False at the end of the stream."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(cast(yaml.ScalarEvent, event))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.written += 1
            self.expanded += 1
            self.open(cast(yaml.CollectionStartEvent, event))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.close()
        elif kind is yaml.AliasEvent:
            self.alias(cast(yaml.AliasEvent, event))
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(_line(cast(yaml.Event, event)), "holds more than one YAML document")
        elif kind is yaml.StreamEndEvent or event is None:
            return False
        return True


def load_data(text: str | bytes, file: str) -> Any:
    """Plain data from YAML text, with every problem an InputError naming file and line."""
    parser = yaml.CSafeLoader(text)
    builder = _Builder(file)
    try:
        get = parser.get_event
        while builder.event(get()):
            pass
        return builder.root
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark is not None else None
        raise InputError([Problem(file, f"not valid YAML: {what}", line=line)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"not valid YAML: {clip(str(exc), 80)}")]) from None
    finally:
        parser.dispose()


# --- the round-trip reader --------------------------------------------------------------------


class _TextTimestamps(RoundTripConstructor):
    """Dates stay the text people typed (a date like 2026-02-31 is not an error here), and so
    do numbers typed where text belongs (a name 1e3, an id 007)."""


_TextTimestamps.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


def _remembering(construct: Any) -> Any:
    """A number constructor that also keeps the text typed, where ruamel's number can hold it
    (its own types for 007, 1e3 or 0x1F; a plain 12 reads back as the same text anyway)."""

    def wrapped(constructor: RoundTripConstructor, node: Any) -> Any:
        value = construct(constructor, node)
        if hasattr(value, "__dict__"):
            value.source = node.value
        return value

    return wrapped


for _tag, _construct in (
    ("tag:yaml.org,2002:int", RoundTripConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", RoundTripConstructor.construct_yaml_float),
):
    _TextTimestamps.add_constructor(_tag, _remembering(_construct))


_BREAKS = ("\x85", "\u2028", "\u2029")  # NEL, line and paragraph separators


class _EscapedBreaks(RoundTripRepresenter):
    """Text holding a character YAML may read as a line break is written double-quoted, where it
    is escaped; single-quoted, it folded to a space ('a\\x85b' read back 'a b' after a merge)."""

    def represent_str(self, data: Any) -> Any:
        if any(c in data for c in _BREAKS):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)


_EscapedBreaks.add_representer(str, _EscapedBreaks.represent_str)


def yaml_round_trip() -> YAML:
    """The one YAML configuration used to change and save files people edit by hand."""
    rt = YAML(typ="rt")
    rt.Constructor = _TextTimestamps
    rt.Representer = _EscapedBreaks
    rt.preserve_quotes = True
    rt.width = 100
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def load_round_trip(text: str, file: str) -> Any:
    """ruamel's editable document for a file that has already passed :func:`load_data` (so it
    is bounded); its syntax errors are reported the same way."""
    try:
        return yaml_round_trip().load(text)
    except RuamelMarkedError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            [Problem(file, f"not valid YAML: {exc.problem or 'invalid YAML'}", line=line)]
        ) from None
    except (RuamelError, ValueError, RecursionError) as exc:
        raise InputError([Problem(file, f"not valid YAML: {clip(str(exc), 80)}")]) from None


__all__ = ["as_written", "load_data", "load_round_trip", "yaml_round_trip"]
