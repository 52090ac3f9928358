"""Every interactive question `assess run` asks: the only module that imports questionary.

Each function uses ``unsafe_ask()``: questionary's ``ask()`` swallows Ctrl-C and returns None,
which would look like an answer. Here Ctrl-C raises KeyboardInterrupt, and the caller saves and
says how to resume.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import questionary
from prompt_toolkit.styles import Style

#: High contrast for a projector: the highlighted answer is bold and reversed.
STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "reverse bold"),
        ("selected", "fg:ansicyan"),
        ("answer", "fg:ansicyan bold"),
        ("instruction", "fg:ansibrightblack"),
        ("text", ""),
    ]
)


@dataclass(frozen=True)
class Option:
    title: str
    value: Any
    description: str | None = None
    checked: bool = False


class Prompter(Protocol):
    """What the workshop session needs from a terminal; tests give it scripted answers."""

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any: ...

    def text(self, message: str, default: str = "", required: bool = False) -> str: ...

    def checkbox(self, message: str, options: Sequence[Option]) -> list[Any]: ...

    def confirm(self, message: str, default: bool = True) -> bool: ...


class TerminalPrompter:
    """Questions asked in a real terminal with questionary."""

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        choices = [
            questionary.Choice(o.title, value=o.value, description=o.description) for o in options
        ]
        start = next((c for c, o in zip(choices, options, strict=True) if o.value == default), None)
        return questionary.select(
            message,
            choices=choices,
            default=start,
            style=STYLE,
            qmark="?",
            use_shortcuts=len(choices) <= 10,
            use_jk_keys=False,
            instruction=instruction or "(arrows or number, Enter)",
        ).unsafe_ask()

    def text(self, message: str, default: str = "", required: bool = False) -> str:
        def check(value: str) -> bool | str:
            return bool(value.strip()) or "Please type something (Ctrl-C to stop)."

        answer = questionary.text(
            message, default=default, style=STYLE, validate=check if required else None
        ).unsafe_ask()
        return str(answer).strip()

    def checkbox(self, message: str, options: Sequence[Option]) -> list[Any]:
        choices = [
            questionary.Choice(o.title, value=o.value, checked=o.checked, description=o.description)
            for o in options
        ]
        answer = questionary.checkbox(
            message,
            choices=choices,
            style=STYLE,
            instruction="(Space to tick or untick, a for all, Enter to accept)",
        ).unsafe_ask()
        return list(answer)

    def confirm(self, message: str, default: bool = True) -> bool:
        return bool(questionary.confirm(message, default=default, style=STYLE).unsafe_ask())
