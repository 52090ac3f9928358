"""What the facilitator sees of the phones (`assess run --phones`): the join screen, the count
while the room votes blind, and the reveal. Pure: a tally or a reveal in, text out, for a width
(and a height). Names come from phones: each is shown as text, never as markup, with any
control character escaped.

The walk never imports the phone server (an import-linter contract): the command line hands it
a :class:`Phones`, which starts the server once the participants are known, and the walk talks
to the room through :class:`~assess.ballot.VoteRoom`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from assess.ballot import Reveal, Tally, VoteRoom
from assess.i18n import _, ngettext
from assess.method.consensus import Consensus
from assess.models import Dimension
from assess.textsafety import for_terminal
from assess.workshop.prompts import Option

#: Columns between the join code and the words beside it.
GAP = 2
#: The narrowest column of words worth setting beside the code.
BESIDE_MIN = 20


@dataclass(frozen=True)
class Phones:
    """What `assess run --phones` hands the walk."""

    #: Starts the server for these participants (on a new file they are known only after the
    #: opening questions); the caller stops it on every way out.
    serve: Callable[[Sequence[str]], VoteRoom]
    #: The join address as a QR code for the terminal, with a light border this many modules
    #: wide (dark on light whatever the terminal's colours).
    code: Callable[[str, int], Text]
    #: Where the same code is written for a slide (``claims-join.png``).
    slide: Path
    #: Whether a phone may add a name that is not on the workshop's list.
    open_join: bool = False


@dataclass(frozen=True)
class PhoneRound:
    """What a question adds while the room votes on it from phones: the options (reveal, the
    join code), the answer highlighted at first, and the line of keys."""

    options: Sequence[Option]
    default: Any
    instruction: str


def _same(name: str) -> str:
    return name.strip().casefold()


def names(people: Sequence[str], room: int) -> str:
    """`Ana, Ben, Cy` in at most `room` characters where it can: the names that fit, then
    `and 4 more`."""
    shown = [for_terminal(p) for p in people]
    whole = ", ".join(shown)
    if cell_len(whole) <= room or not shown:
        return whole
    for n in range(len(shown) - 1, 0, -1):
        more = _("and %(n)d more") % {"n": len(shown) - n}
        text = f"{', '.join(shown[:n])} {more}"
        if cell_len(text) <= room:
            return text
    return ngettext("%(n)d person", "%(n)d people", len(shown)) % {"n": len(shown)}


def not_joined(tally: Tally, participants: Sequence[str]) -> list[str]:
    joined = {_same(name) for name in tally.joined}
    return [p for p in participants if _same(p) not in joined]


def tally_title(tally: Tally, participants: Sequence[str], width: int) -> str:
    """The reveal option while the room votes: `Reveal · 5 of 8 voted (waiting: Ana, Ben,
    Cy)`, in at most `width` characters; who has voted, never what."""
    head = _("Reveal")
    if not tally.joined:
        nobody = _("nobody has joined yet (j: the join code)")
        return _fit(f"{head} · {nobody}", width)
    count = ngettext(
        "%(voted)d of %(joined)d voted", "%(voted)d of %(joined)d voted", len(tally.voted)
    ) % {"voted": len(tally.voted), "joined": len(tally.joined)}
    text = f"{head} · {count}"
    away = not_joined(tally, participants)
    tail = (
        " · " + ngettext("%(n)d not joined", "%(n)d not joined", len(away)) % {"n": len(away)}
        if away
        else ""
    )
    if tally.waiting:
        frame = _("(waiting: %(names)s)")
        room = width - cell_len(text + tail + frame % {"names": ""}) - 1
        if room < 12:  # the names matter more than who has not joined
            tail, room = "", room + cell_len(tail)
        text += " " + frame % {"names": names(tally.waiting, max(room, 0))}
    return _fit(text + tail, width)


def joined_title(tally: Tally, participants: Sequence[str], width: int) -> str:
    """The join screen's option: `Start · 3 of 8 joined (not yet: Dan, Eve)`."""
    head = _("Start the walk")
    away = not_joined(tally, participants)
    if not participants or not away:
        count = ngettext("%(n)d joined", "%(n)d joined", len(tally.joined)) % {
            "n": len(tally.joined)
        }
        return _fit(f"{head} · {count}", width)
    joined = len(participants) - len(away)
    text = f"{head} · " + ngettext(
        "%(joined)d of %(listed)d joined", "%(joined)d of %(listed)d joined", joined
    ) % {"joined": joined, "listed": len(participants)}
    frame = _("(not yet: %(names)s)")
    room = width - cell_len(text + frame % {"names": ""}) - 1
    return _fit(f"{text} {frame % {'names': names(away, max(room, 0))}}", width)


def _fit(text: str, width: int) -> str:
    """`text` in at most `width` terminal cells (a wide character takes two), cut with "…"."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip(" ,·") + "…"


# --- the reveal -------------------------------------------------------------------------------


def _value(number: float) -> str:
    return f"{number:g}"


def reveal_head(reveal: Reveal) -> Text:
    """`Revealed · 5 votes · median 3.5 · spread 3 · split`."""
    given = sum(1 for v in reveal.votes.values() if v is not None)
    parts = [_("Revealed"), ngettext("%(n)d vote", "%(n)d votes", given) % {"n": given}]
    if reveal.median is not None and reveal.spread is not None:
        parts.append(_("median %(median)s") % {"median": _value(reveal.median)})
        parts.append(_("spread %(spread)d") % {"spread": reveal.spread})
    line = Text(" · ".join(parts), style="bold")
    if reveal.split:
        line.append(" · " + _("split"), style="bold yellow")
    return line


def reveal_rows(
    reveal: Reveal, d: Dimension, silent: Sequence[str]
) -> list[tuple[str, str, list[str]]]:
    """(mark, what, who) for each value someone gave, lowest first, then "don't know" and
    those who joined but did not vote."""
    rows: list[tuple[str, str, list[str]]] = []
    for value, anchor in d.anchors.items():
        who = [name for name, given in reveal.votes.items() if given == value]
        if who:
            rows.append((str(value), anchor.label, who))
    unsure = [name for name, given in reveal.votes.items() if given is None]
    if unsure:
        rows.append(("?", _("Don't know"), unsure))
    if silent:
        rows.append(("-", _("No vote"), list(silent)))
    return rows


def reveal_lines(
    reveal: Reveal,
    d: Dimension,
    silent: Sequence[str],
    earlier: Mapping[str, int],
    width: int,
    height: int,
) -> list[Text]:
    """The reveal for the facilitator's screen in at most `height` lines (at least two): the
    head, a line per value with its voters' names, the earlier votes that still count (of
    people outside the round), and a split's flag. Where the lines do not fit, the values
    share lines."""
    rows = reveal_rows(reveal, d, silent)
    flag = _split_flag(reveal, width)
    still = []
    if earlier:
        frame = _("Earlier votes still counted: %(votes)s")
        kept = [f"{name} {value}" for name, value in earlier.items()]
        room = width - len(frame % {"votes": ""}) - 2
        still = [Text("  " + frame % {"votes": names(kept, max(room, 8))}, style="dim")]
    lines = [reveal_head(reveal)]
    if 1 + len(rows) + len(still) + len(flag) <= height:
        label_width = max((len(row[1]) for row in rows), default=0)
        for mark, what, who in rows:
            start = f"  {mark} {what:<{label_width}}  "
            style = "dim" if mark == "-" else ""
            lines.append(Text(start + names(who, max(width - len(start), 8)), style=style))
    else:
        said = " · ".join(f"{row[0]} {', '.join(for_terminal(w) for w in row[2])}" for row in rows)
        room = max(height - 1 - len(still) - len(flag), 1)
        wrapped = textwrap.wrap(said, max(width - 2, 10), initial_indent="  ")
        if len(wrapped) > room:
            wrapped = [*wrapped[: room - 1], _fit(wrapped[room - 1] + " …", width)]
        lines += [Text(line) for line in wrapped]
    shown = [*lines, *still, *flag]
    for line in shown:
        line.truncate(width, overflow="ellipsis")
    return shown


def _split_flag(reveal: Reveal, width: int) -> list[Text]:
    if not reveal.split:
        return []
    values = [v for v in reveal.votes.values() if v is not None]
    said = _(
        "Split %(low)d–%(high)d: talk it through, then vote again (a), or settle it now (x). "
        "Enter keeps the votes and leaves the split open."
    ) % {"low": min(values), "high": max(values)}
    return [Text(line, style="yellow") for line in textwrap.wrap(said, max(width, 20))]


def accept_title(found: Consensus | None, d: Dimension) -> str:
    """`Accept the votes: 4 Expert judgement (median 3.5, rounded up)`."""
    if found is None:
        return _("Accept the votes")
    value = f"{found.value} {d.anchors[found.value].label}"
    if found.rounded == "up":
        how = _("median %(median)s, rounded up") % {"median": _value(found.median)}
    elif found.rounded == "down":
        how = _("median %(median)s, rounded down") % {"median": _value(found.median)}
    else:
        how = _("median %(median)s") % {"median": _value(found.median)}
    return _("Accept the votes: %(value)s (%(how)s)") % {"value": value, "how": how}


# --- the join screen ----------------------------------------------------------------------------


def join_words(address: str | None, slide: str, width: int) -> list[str]:
    """What stands beside (or under) the join code, wrapped to `width`; the address among
    them when it is given (else it has a line of its own, whole)."""
    lines = [_("Vote from your phone")]
    if address is None:
        lines += textwrap.wrap(_("Scan the code, or open the address below."), max(width, 10))
    else:
        lines += textwrap.wrap(_("Scan the code, or open:"), max(width, 10))
        lines += textwrap.wrap(address, max(width, 10), break_on_hyphens=False) or [address]
    lines.append("")
    for said in (
        _("Phones on the same Wi-Fi as this laptop."),
        _("The code is also in %(file)s, for a slide.") % {"file": slide},
        _("j at a question shows this again."),
    ):
        lines += textwrap.wrap(said, max(width, 10), break_on_hyphens=False)
    return lines


def join_lines(
    code: Callable[[int], Text], address: str, slide: str, width: int, height: int
) -> list[Text] | None:
    """The join screen in at most `height` lines: the code with the words beside it and the
    address whole under it; else the address among the words, or the words under the code;
    a narrower quiet zone before giving up. None when the code does not fit."""
    whole = Text(address, style="bold")
    for border in (2, 1):
        drawn = list(code(border).split("\n"))
        size = max(line.cell_len for line in drawn)
        beside = width - size - GAP
        if beside >= BESIDE_MIN:
            words = join_words(None, slide, beside)
            if len(address) <= width and max(len(drawn), len(words)) + 1 <= height:
                return [*_side_by_side(drawn, words, size), whole]
            words = join_words(address, slide, beside)
            if max(len(drawn), len(words)) <= height:
                return _side_by_side(drawn, words, size)
        words = join_words(address, slide, width)
        if size <= width and len(drawn) + len(words) <= height:
            return [*drawn, *(Text(w) for w in words)]
    return None


def join_text(address: str, slide: str, width: int) -> list[Text]:
    """The join screen on a terminal too small for the code: the address, and where the code
    is."""
    small = _("This terminal is too small for the code: open the address, or show %(file)s.")
    words = [*join_words(address, slide, width), *textwrap.wrap(small % {"file": slide}, width)]
    return [Text(w) for w in words]


def _side_by_side(drawn: Sequence[Text], words: Sequence[str], size: int) -> list[Text]:
    lines = []
    for n in range(max(len(drawn), len(words))):
        line = drawn[n].copy() if n < len(drawn) else Text()
        if n < len(words) and words[n]:
            line.pad_right(size - line.cell_len + GAP)
            line.append(words[n], style="bold" if n == 0 else "")
        lines.append(line)
    return lines
