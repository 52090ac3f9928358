"""Text that came from a user or a file is data. These pure functions make it safe for the
place it goes: a terminal (escape sequences and bidi overrides shown, not obeyed), a
spreadsheet (no cell a spreadsheet would run) and a workshop file (no control characters)."""

from __future__ import annotations

import re

#: Characters a terminal may act on: C0 controls other than newline and tab, DEL, C1 controls,
#: and the bidirectional overrides and isolates that can make text read backwards.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
#: Control characters that have no place in a workshop's text (newlines and tabs do).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: How much of a value a message may quote: enough to recognise it, never a whole file.
QUOTE_WIDTH = 40
#: OWASP's list: a cell starting with one of these is a formula to a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, width: int = QUOTE_WIDTH) -> str:
    """At most `width` characters of `text`, with an ellipsis where it was cut."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def for_terminal(text: str) -> str:
    """Show control characters and bidi overrides as escapes (``\\x1b``, ``\\u202e``)."""
    return _TERMINAL_UNSAFE.sub(_escaped, text)


def for_csv(value: object) -> object:
    """A cell a spreadsheet shows as text: a leading ``'`` before anything it would run as a
    formula. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def without_controls(text: str) -> tuple[str, bool]:
    """Text with control characters removed (line breaks normalised to ``\\n``), and whether
    anything was removed."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _CONTROL.sub("", normalised)
    return cleaned, cleaned != normalised
