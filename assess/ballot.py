"""A blind vote of the room: what the facilitator's side (the walk) and the phone server share.

The two parts never import each other; `assess.cli` builds a server (`assess.phones`) and hands
it to the walk as a :class:`VoteRoom`. Everything that crosses is plain, frozen data: the walk
opens a :class:`Question`, reads a :class:`Tally` (who has voted, never what), and gets every
value only with the :class:`Reveal`. The server never writes the workshop file; the walk
records what the reveal hands it.

Thread safety: the walk calls a room from its own (main) thread while the server answers phones
in another; every method of a room may be called from any thread. Callbacks given to
:meth:`VoteRoom.on_change` run in the thread that made the change (the server's, for a phone's
vote) and must only hand the news on (for prompt_toolkit, ``app.invalidate()``, which is
thread-safe).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Choice:
    """One anchored answer, as a button on the phones."""

    value: int
    label: str
    text: str


@dataclass(frozen=True)
class Question:
    """What the room votes on: one dimension of one touchpoint."""

    touchpoint: str
    dimension: str
    #: The dimension's short name ("Complexity").
    label: str
    question: str
    help: str
    choices: tuple[Choice, ...]
    #: Where the room is, shown above the touchpoint ("Touchpoint 3 of 17 · Receive").
    context: str = ""


@dataclass(frozen=True)
class Tally:
    """Who has voted in the open round, never what they voted."""

    #: Grows with every change a phone or the facilitator makes; :meth:`VoteRoom.wait` takes it.
    version: int
    question: Question | None
    #: Grows with every question opened and every fresh blind round.
    round: int
    #: Everyone whose phone has joined, in the order they joined.
    joined: tuple[str, ...]
    #: Those of them who have voted in this round ("don't know" counts as a vote).
    voted: tuple[str, ...]
    revealed: bool

    @property
    def waiting(self) -> tuple[str, ...]:
        counted = set(self.voted)
        return tuple(name for name in self.joined if name not in counted)

    def summary(self) -> str:
        """``5 of 8 voted (waiting: Ana, Ben, Cy)``. The names are as people typed them:
        escape them for the place they are shown."""
        text = f"{len(self.voted)} of {len(self.joined)} voted"
        return f"{text} (waiting: {', '.join(self.waiting)})" if self.waiting else text


@dataclass(frozen=True)
class Reveal:
    """Every vote of a round with its voter's name, once the facilitator reveals."""

    question: Question
    round: int
    #: Voter to value, in the order they joined; None is "don't know". Who did not vote is
    #: not in it.
    votes: Mapping[str, int | None]
    #: The median and the spread of the values (None when nobody gave one).
    median: float | None
    spread: int | None
    #: Whether the spread is wide enough to discuss (the disagreement the report flags).
    split: bool


class VoteRoom(Protocol):
    """A room voting from phones, driven by the facilitator. Every method is thread-safe."""

    @property
    def address(self) -> str:
        """The join address (``http://192.168.1.20:50123/join/TOKEN``)."""
        ...

    def open(self, question: Question) -> Tally:
        """Open `question` for a blind round; any earlier question closes, its votes dropped."""
        ...

    def tally(self) -> Tally: ...

    def wait(self, version: int, timeout: float) -> Tally:
        """Block until the tally's version is past `version`, or `timeout` seconds pass."""
        ...

    def on_change(self, callback: Callable[[Tally], None]) -> Callable[[], None]:
        """Call `callback` with the new tally after each change (a join, a new voter, a question
        opened, revealed or closed; not a voter changing their mind), in the thread that made
        it; returns the function that stops it."""
        ...

    def reveal(self) -> Reveal:
        """Close the round and show every value, on the phones and to the caller."""
        ...

    def again(self) -> Tally:
        """A fresh blind round on the same question: every vote dropped, phones vote again."""
        ...

    def close(self) -> Tally:
        """No question open: the phones wait for the next one."""
        ...

    def stop(self) -> None:
        """Stop serving; phones see the room closed. Safe to call twice."""
        ...
