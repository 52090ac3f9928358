"""The walk through one touchpoint: one question per dimension, then what comes after the
answers (:mod:`assess.workshop.after`). Skip never erases: it leaves whatever is on disk. Enter
keeps the current answer (the room's, else the team's consensus), so nothing the team decided
changes unless someone picks a different value. Where people voted, a different value is the
room's decision over the votes; on a split it settles it, and the room may say why."""

from __future__ import annotations

from typing import Any

from assess.files.storage import Place
from assess.workshop import after, phonevote, votes
from assess.workshop.answer import ask_dimension, clear, keep_or_set
from assess.workshop.question import BACK, CLEAR, HELP, SETTLE, SKIP, VOTE
from assess.workshop.screen import current_answer
from assess.workshop.state import Back, Reloaded, State, Undid

__all__ = ["ask_dimension", "score_touchpoint"]


def score_touchpoint(
    s: State, index: int, resume: bool, start: int | None = None, walking: bool = False
) -> None:
    """Walk one touchpoint's questions. With `resume`, only the open ones (Back still reaches
    the others); otherwise, or when none is open, every one. `start` is the question to begin
    at. Esc or Ctrl-C remember where the room was, so it can go straight back there; an edit
    made outside the session asks the same question again. `walking`: in the walk, where the
    touchpoint's menu comes only when something needs a decision."""
    key = s.key_of(index)
    with s.on(index):
        _questions(s, index, resume, start)
        after.after_answers(s, s.at(key), walking=walking)


def walk_on(s: State) -> None:
    """The walk: one touchpoint after another while any is open (an unanswered question, or
    the team's answers to walk through), with no menu between them; Esc brings the menu."""
    while (index := s.next_in_walk()) is not None:
        score_touchpoint(s, index, resume=True, walking=True)


def _questions(s: State, index: int, resume: bool, start: int | None) -> None:
    dims = s.questionnaire.dimensions
    key = s.key_of(index)
    every = not resume or all(current_answer(d, s.result(index)) is not None for d in dims)
    k = start if start is not None else _forward(s, index, -1, every)
    help_open = False
    while k < len(dims):
        try:
            asking = phonevote.ask if s.room is not None else ask_dimension  # a blind round
            answer = asking(s, index, k, first=k == 0, show_help=help_open)
            help_open = answer == HELP
            k = _step(s, index, k, answer, every)
        except Reloaded:
            index = s.at(key)  # their version is loaded: the same question again
        except Undid:
            s.place = Place(key, k, every=every)
            raise
        except Back:
            s.place = Place(key, k, every=every)
            raise
        except KeyboardInterrupt:
            s.file.mark_pending(Place(key, k, every=every))
            raise
    s.place = None


def _forward(s: State, index: int, k: int, every: bool) -> int:
    """The next question after `k`: the next one, or the next open one."""
    if every:
        return k + 1
    dims, result = s.questionnaire.dimensions, s.result(index)
    later = range(k + 1, len(dims))
    return next((j for j in later if current_answer(dims[j], result) is None), len(dims))


def _step(s: State, index: int, k: int, answer: Any, every: bool) -> int:
    """Act on one answer; returns the question to ask next."""
    if answer == HELP:
        return k
    if answer == BACK:
        if k == 0 and s.previous is not None:  # the touchpoint the walk just left
            after.touchpoint_menu(s, s.at(s.previous))
            s.previous = None
            return k
        return max(k - 1, 0)
    if answer == VOTE:
        votes.take_votes(s, index, k)  # settled, or left open, in the vote; on to the next
    elif answer == SETTLE:
        votes.settle_one(s, index, k)
    elif answer == CLEAR:
        clear(s, index, k)
    elif answer != SKIP:
        keep_or_set(s, index, k, int(answer))
    return _forward(s, index, k, every)
