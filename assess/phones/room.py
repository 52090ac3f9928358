"""The room's state: who joined, the open question, and each person's vote in this round.

Thread-safe: the facilitator's side calls it from the main thread, the web app from the
server's. One lock guards everything; nothing slow happens under it, and callbacks run after it
is released. Before the reveal, what a phone is told carries its own vote and a count, never
anyone else's value.
"""

from __future__ import annotations

import secrets
import statistics
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from assess.ballot import Question, Reveal, Tally
from assess.method.consensus import DISAGREEMENT_SPREAD
from assess.models import NAME_MAX, SCORE_MAX, SCORE_MIN
from assess.textsafety import without_controls

#: The most phones one room takes.
MAX_PARTICIPANTS = 200


class Refused(Exception):
    """A phone asked for something the room does not allow; `kind` says what, for the status."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class _Round:
    question: Question | None = None
    number: int = 0
    revealed: bool = False
    #: Name to value (None: don't know), in the order the votes came.
    ballots: dict[str, int | None] = field(default_factory=dict)
    outcome: Reveal | None = None


def _identity(name: str) -> str:
    return name.strip().casefold()


def clean_name(name: object) -> str:
    """A name a phone typed, checked as the workshop file would take it."""
    if not isinstance(name, str):
        raise Refused("bad-request", "name must be text")
    text = name.strip()
    if not text:
        raise Refused("bad-request", "name is empty")
    if len(text) > NAME_MAX:
        raise Refused("bad-request", f"name is longer than {NAME_MAX} characters")
    cleaned, changed = without_controls(text)
    if changed or "\n" in cleaned or "\t" in cleaned:
        raise Refused("bad-request", "name holds control characters")
    return text


def valid_value(value: object) -> TypeGuard[int | None]:
    """1 to 5, or None for don't know; a boolean or a float is not a score."""
    if value is None:
        return True
    return type(value) is int and SCORE_MIN <= value <= SCORE_MAX


class PhoneRoom:
    """The room behind the phones. `participants` are the workshop's; with `open_join`, a phone
    may add a name of its own."""

    def __init__(
        self,
        participants: Sequence[str],
        open_join: bool = False,
        limit: int = MAX_PARTICIPANTS,
    ) -> None:
        self.participants = tuple(participants)
        self.open_join = open_join
        self.limit = limit
        self._listed = {_identity(name): name for name in self.participants}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._keys: dict[str, str] = {}  # key -> name
        self._joined: dict[str, str] = {}  # identity -> name, in the order they joined
        self._round = _Round()
        self._version = 0
        #: Grows with every change at all, so a phone can tell a late answer from a newer one.
        self._changes = 0
        self._stopped = False
        self._tally_listeners: list[Callable[[Tally], None]] = []
        self._phone_listeners: list[Callable[[], None]] = []

    # --- the facilitator's side ---------------------------------------------------------

    def open(self, question: Question) -> Tally:
        with self._lock:
            self._round = _Round(question, self._round.number + 1)
        return self._announce(public=True)

    def again(self) -> Tally:
        with self._lock:
            if self._round.question is not None:
                self._round = _Round(self._round.question, self._round.number + 1)
        return self._announce(public=True)

    def close(self) -> Tally:
        with self._lock:
            self._round = _Round(None, self._round.number + 1)
        return self._announce(public=True)

    def reveal(self) -> Reveal:
        with self._lock:
            now = self._round
            if now.question is None:
                raise ValueError("no question is open to reveal")
            if now.outcome is None:
                now.revealed = True
                now.outcome = _outcome(now, tuple(self._joined.values()))
            outcome = now.outcome
        self._announce(public=True)
        return outcome

    def tally(self) -> Tally:
        with self._lock:
            return self._tally()

    def wait(self, version: int, timeout: float) -> Tally:
        with self._changed:
            self._changed.wait_for(lambda: self._version > version, timeout=timeout)
            return self._tally()

    def on_change(self, callback: Callable[[Tally], None]) -> Callable[[], None]:
        with self._lock:
            self._tally_listeners.append(callback)

        def stop() -> None:
            with self._lock:
                if callback in self._tally_listeners:
                    self._tally_listeners.remove(callback)

        return stop

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
        self._announce(public=True)

    @property
    def stopped(self) -> bool:
        return self._stopped

    # --- the phones' side -----------------------------------------------------------------

    def watch(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every change any phone could see (the server's streams)."""
        with self._lock:
            self._phone_listeners.append(callback)

    def join(self, name: object, holder: str | None = None) -> tuple[str, str]:
        """(key, name) for a phone joining as `name`. `holder` is the key the phone already
        holds (its cookie): a phone that joined keeps its name and key; another phone may not
        take a name already joined."""
        text = clean_name(name)
        identity = _identity(text)
        with self._lock:
            if self._stopped:
                raise Refused("closed", "the room is closed")
            canonical = self._listed.get(identity)
            if canonical is None and not self.open_join:
                raise Refused("unknown", "that name is not on the workshop's list")
            canonical = canonical or text
            if identity in self._joined:
                if holder is not None and self._keys.get(holder) == self._joined[identity]:
                    return holder, self._joined[identity]
                raise Refused("taken", "that name has already joined from another phone")
            if len(self._joined) >= self.limit:
                raise Refused("full", f"the room is full ({self.limit} participants)")
            key = secrets.token_urlsafe(24)
            self._keys[key] = canonical
            self._joined[identity] = canonical
        self._announce(public=True)
        return key, canonical

    def member(self, key: object) -> str | None:
        """The name a key belongs to, or None."""
        if not isinstance(key, str):
            return None
        with self._lock:
            return self._keys.get(key)

    def vote(self, key: object, dimension: object, value: object, round_: object = None) -> None:
        name = self.member(key)
        if name is None:
            raise Refused("bad-key", "unknown key")
        if not valid_value(value):
            raise Refused("bad-value", "value must be 1 to 5, or null for don't know")
        if not isinstance(dimension, str) or (round_ is not None and type(round_) is not int):
            raise Refused("bad-request", "dimension must be text and round a number")
        with self._lock:
            now = self._round
            if (
                now.question is None
                or now.revealed
                or now.question.dimension != dimension
                or (round_ is not None and round_ != now.number)
            ):
                raise Refused("closed", "that question is no longer open")
            counted = name in now.ballots
            now.ballots[name] = value
        # Changing one's mind moves no count: the facilitator is woken only for a new voter.
        self._announce(public=not counted)

    def view(self, key: str) -> dict[str, Any] | None:
        """What the phone holding `key` may see, as the JSON of ``GET /api/state``."""
        with self._lock:
            name = self._keys.get(key)
            if name is None:
                return None
            state = _view(self._round, name, len(self._joined), self._stopped)
            state["seq"] = self._changes
            return state

    def roster(self) -> tuple[str, ...]:
        """The workshop's names, for the join screen."""
        return self.participants

    # --- inside -----------------------------------------------------------------------------

    def _tally(self) -> Tally:
        now = self._round
        joined = tuple(self._joined.values())
        return Tally(
            version=self._version,
            question=now.question,
            round=now.number,
            joined=joined,
            voted=tuple(name for name in joined if name in now.ballots),
            revealed=now.revealed,
        )

    def _announce(self, public: bool) -> Tally:
        with self._changed:
            self._changes += 1
            if public:
                self._version += 1
                self._changed.notify_all()
            tally = self._tally()
            listeners = list(self._tally_listeners) if public else []
            phones = list(self._phone_listeners)
        for hear in phones:
            hear()
        for listener in listeners:
            listener(tally)
        return tally


def _outcome(now: _Round, joined: tuple[str, ...]) -> Reveal:
    assert now.question is not None
    votes = {name: now.ballots[name] for name in joined if name in now.ballots}
    values = [value for value in votes.values() if value is not None]
    spread = max(values) - min(values) if values else None
    return Reveal(
        question=now.question,
        round=now.number,
        votes=votes,
        median=float(statistics.median(values)) if values else None,
        spread=spread,
        split=spread is not None and spread >= DISAGREEMENT_SPREAD,
    )


def _view(now: _Round, name: str, joined: int, stopped: bool) -> dict[str, Any]:
    question = now.question
    cast = name in now.ballots
    state: dict[str, Any] = {
        "name": name,
        "round": now.number if question else None,
        "context": question.context if question else None,
        "touchpoint": question.touchpoint if question else None,
        "dimension": question.dimension if question else None,
        "label": question.label if question else None,
        "question": question.question if question else None,
        "help": question.help if question else None,
        "options": [
            {"value": c.value, "label": c.label, "text": c.text}
            for c in (question.choices if question else ())
        ],
        "my_vote": now.ballots.get(name) if cast else None,
        "cast": cast,
        "voted": len(now.ballots),
        "joined": joined,
        "revealed": now.revealed,
        "closed": stopped,
    }
    if now.revealed and now.outcome is not None:
        state["votes"] = dict(now.outcome.votes)
        state["median"] = now.outcome.median
        state["spread"] = now.outcome.spread
        state["split"] = now.outcome.split
    return state
