"""Reading YAML files safely and fast.

Two readers, one behaviour:

* :func:`load_data` is the fast path for every command that only reads (validate, score,
  report, merge, compare). It uses libyaml through PyYAML's C parser and builds plain dicts and
  lists that know each key's line, so error messages can point at it.
* :func:`yaml_round_trip` is ruamel's round-trip mode, used only where a file people edit is
  changed and saved (``assess run``), because it keeps comments and layout.

Both read YAML 1.2's core schema: ``yes`` and ``on`` are text, a date is text, and a number a
person typed where text belongs (``name: 1e3``) keeps the characters they typed. Files are
bounded before they are built: size, nesting depth and the expansion of aliases ("billion
laughs") are checked on the parsed node graph, and merge keys (``<<``) are refused so that one
touchpoint's answers cannot silently spread into another.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError as RuamelMarkedError
from ruamel.yaml.error import YAMLError as RuamelError

from assess.errors import InputError, NotFoundError, Problem

#: The largest file assess reads. A 100,000-touchpoint workshop is about 15 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deepest nesting of mappings and lists a workshop or questionnaire may have (they need ~6).
MAX_DEPTH = 32
#: How many nodes a document may hold once aliases are expanded, relative to the nodes written
#: down (with a floor, so small files may use a few anchors freely).
MAX_EXPANSION = 10
MIN_EXPANDED_NODES = 100_000

MERGE_TAG = "tag:yaml.org,2002:merge"


# --- reading bytes ---------------------------------------------------------------------------


def read_text(path: Path, what: str = "file", encoding_hint: str = "") -> str:
    """The text of a regular, UTF-8 file of bounded size; every failure is an InputError
    naming the file. A named pipe or device is refused before it is opened (it could block)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem(str(path), "is a folder, not a file")])
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem(str(path), f"is not a regular {what} (a pipe or a device?)")])
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"is {info.st_size / 2**20:.0f} MB; assess reads files up to "
                    f"{MAX_FILE_BYTES // 2**20} MB",
                )
            ]
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = encoding_hint or f" ({exc.reason})"
        raise InputError([Problem(str(path), f"is not UTF-8 text{reason}")]) from None


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


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


class _FastLoader(yaml.CSafeLoader):
    """libyaml's parser with YAML 1.2 core scalars and line-aware containers."""


# YAML 1.2 core schema, not PyYAML's 1.1 (no yes/no/on/off booleans, no sexagesimal numbers, no
# timestamps: a date a person typed stays the text they typed).
_FastLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (MERGE_TAG, r"^(?:<<)$", ["<"]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    _FastLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _construct_int(loader: _FastLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value).replace("_", "")
    try:
        if text.startswith("0o"):
            value = int(text[2:], 8)
        elif text.startswith("0x"):
            value = int(text[2:], 16)
        else:
            value = int(text)
    except ValueError:
        raise _ScalarError(node, f"'{_clip(node.value)}' is not a whole number") from None
    return TypedInt(value, node.value)


def _construct_float(loader: _FastLoader, node: yaml.ScalarNode) -> float:
    text = str(node.value).lower()
    try:
        value = float(text.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        raise _ScalarError(node, f"'{_clip(node.value)}' is not a number") from None
    return TypedFloat(value, node.value)


def _construct_str(loader: _FastLoader, node: yaml.ScalarNode) -> str:
    return str(node.value)


def _construct_mapping(loader: _FastLoader, node: yaml.MappingNode) -> LinedDict:
    mapping = LinedDict()
    mapping.lc = Lines()
    for key_node, value_node in node.value:
        if key_node.tag == MERGE_TAG:
            raise _ScalarError(
                key_node,
                "merge keys (<<) are not allowed: write each touchpoint's fields out, so one "
                "touchpoint's answers cannot spread into another unnoticed",
            )
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list | dict):
            raise _ScalarError(key_node, "a key must be text, not a list or mapping")
        if key in mapping:
            raise _ScalarError(key_node, f"duplicate key '{_clip(str(key))}'")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lc._at[key] = key_node.start_mark.line
    return mapping


def _construct_list(loader: _FastLoader, node: yaml.SequenceNode) -> LinedList:
    items = LinedList()
    items.lc = Lines()
    for index, child in enumerate(node.value):
        items.append(loader.construct_object(child, deep=True))
        items.lc._at[index] = child.start_mark.line
    return items


def _refuse_tag(loader: _FastLoader, node: yaml.Node) -> None:
    raise _ScalarError(node, f"the tag {_clip(node.tag)} is not allowed here")


_FastLoader.yaml_constructors = {}
_FastLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
_FastLoader.add_constructor(
    "tag:yaml.org,2002:bool", lambda loader, node: node.value.lower() == "true"
)
_FastLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_FastLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_FastLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_FastLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_FastLoader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_FastLoader.add_constructor(None, _refuse_tag)


class _ScalarError(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message


def _clip(text: str, width: int = 40) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def check_bounds(root: yaml.Node, file: str) -> None:
    """Refuse a node graph that is too deep, that refers to itself, or whose aliases expand far
    beyond what was written: counted on the graph, before anything is built."""
    written: set[int] = set()
    expanded: dict[int, int] = {}
    # Iterative post-order walk; `on_path` catches an alias to one of its own ancestors.
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            continue
        if key in expanded:
            continue
        if key in on_path:
            raise InputError(
                [Problem(file, "an alias refers to itself", line=node.start_mark.line + 1)]
            )
        if depth > MAX_DEPTH:
            raise InputError(
                [
                    Problem(
                        file,
                        f"is nested more than {MAX_DEPTH} levels deep",
                        line=node.start_mark.line + 1,
                    )
                ]
            )
        written.add(key)
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))
    limit = max(MIN_EXPANDED_NODES, MAX_EXPANSION * len(written))
    if expanded[id(root)] > limit:
        raise InputError(
            [
                Problem(
                    file,
                    f"its aliases expand {len(written):,} written values into "
                    f"{expanded[id(root)]:,}; assess refuses files whose aliases expand beyond "
                    f"{limit:,}",
                )
            ]
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_data(text: str, file: str) -> Any:
    """Plain data from YAML text, with every problem an InputError naming file and line."""
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        check_bounds(root, file)
        return loader.construct_document(root)
    except _ScalarError as exc:
        raise InputError([Problem(file, exc.message, line=exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark is not None else None
        raise InputError([Problem(file, f"not valid YAML: {what}", line=line)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"not valid YAML: {_clip(str(exc), 80)}")]) from None
    finally:
        loader.dispose()


# --- the round-trip reader --------------------------------------------------------------------


class _TextTimestamps(RoundTripConstructor):
    """Dates stay the text people typed (a date like 2026-02-31 is not an error here)."""


_TextTimestamps.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


def yaml_round_trip() -> YAML:
    """The one YAML configuration used to change and save files people edit by hand."""
    rt = YAML(typ="rt")
    rt.Constructor = _TextTimestamps
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
        raise InputError([Problem(file, f"not valid YAML: {_clip(str(exc), 80)}")]) from None


def file_fingerprint(path: Path) -> str | None:
    """A hash of the file's bytes, to notice a change made by someone else; None if it is gone."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None


__all__ = [
    "MAX_FILE_BYTES",
    "as_written",
    "file_fingerprint",
    "load_data",
    "load_round_trip",
    "read_text",
    "yaml_round_trip",
]
