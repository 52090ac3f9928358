"""A scripted Prompter and session helpers: the whole workshop flow without a terminal."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from assess.method.scoring import Assessment
from assess.workshop import Session
from assess.workshop.prompts import ESCAPE, NO_ANSWER, UNDO, Option

ENTER = object()  # press Enter: accept the default or highlighted answer
ESC = object()  # press Esc
UNDO_KEY = object()  # press u (Ctrl-Z in a text prompt): undo the last saved answer


class Script:
    """A Prompter that answers from a list. Each entry is (expected words in the question,
    answer); the answer may be a callable that picks from the options, or an exception."""

    def __init__(
        self, answers: Sequence[tuple[str, Any]], each: Callable[[str], None] | None = None
    ) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.options: list[list[Option]] = []
        self.defaults: list[Any] = []
        #: Called before every question, e.g. to check the file on disk after each step.
        self.each = each

    def _next(self, message: str, options: Sequence[Option] = (), default: Any = None) -> Any:
        if self.each is not None:
            self.each(message)
        self.asked.append(message)
        self.options.append(list(options))
        self.defaults.append(default)
        assert self.answers, f"no scripted answer left for: {message}"
        expected, answer = self.answers.pop(0)
        assert expected.lower() in message.lower(), (
            f"expected a question about {expected!r}, got {message!r}"
        )
        if isinstance(answer, BaseException):
            raise answer
        if answer is ESC:
            return ESCAPE
        if answer is UNDO_KEY:
            return UNDO
        if callable(answer):
            return answer(options)
        return answer

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        values = [o.value for o in options]
        # As in the terminal, where questionary refuses a list whose shortcuts repeat.
        keys = [o.key for o in options if o.key]
        assert len(keys) == len(set(keys)), (message, keys)
        answer = self._next(message, options, default)
        if answer is ENTER:
            # As in the terminal: Enter alone on a question nobody answered records nothing.
            assert default != NO_ANSWER, f"Enter records nothing on an unanswered {message!r}"
            answer = default if default in values else values[0]
        if answer in (ESCAPE, UNDO):
            return answer
        assert answer in values, (message, answer, values)
        chosen = next(o for o in options if o.value == answer)
        assert not chosen.disabled, (message, answer, chosen.disabled)
        return answer

    def text(self, message: str, default: str = "", required: bool = False) -> str:
        answer = self._next(message, default=default)
        if answer in (ESCAPE, UNDO):
            return str(answer)
        return default if answer is ENTER else str(answer)

    def checkbox(self, message: str, options: Sequence[Option]) -> list[Any]:
        answer = self._next(message, options)
        return [o.value for o in options if o.checked] if answer is ENTER else list(answer)

    def confirm(self, message: str, default: bool = True) -> bool:
        answer = self._next(message, default=default)
        if answer == ESCAPE:  # as the terminal prompter answers Esc at a yes/no question
            return False
        return default if answer is ENTER else bool(answer)


def session(path: Path, script: Script, reports: list[Path] | None = None) -> Session:
    def write_report(assessment: Assessment, out: Path, progress: object = None) -> int:
        (reports if reports is not None else []).append(out)
        return 3

    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    return Session(path, script, console, write_report, today=dt.date(2026, 11, 22))


def output(s: Session) -> str:
    file = s.console.file
    assert isinstance(file, io.StringIO)
    return file.getvalue()
