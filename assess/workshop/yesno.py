"""A yes-or-no question in the room's language: y then Enter (or n then Enter), and the
language's own letters as well (j in German, o in French), as the question's hint shows them.
Enter alone gives the default. A single key never answers, so the Enter that follows out of
habit is part of the answer and never reaches the next prompt.

It is built on prompt_toolkit directly, as questionary builds its own confirm (whose letters
and words are English only); :mod:`assess.workshop.prompts` asks it."""

from __future__ import annotations

from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import FormattedText, to_formatted_text
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.styles import Style

from assess.i18n import _, pgettext


def letters() -> tuple[str, str]:
    """The keys that answer yes and no in the current language: y and n, j and n, o and n."""
    return pgettext("the key that answers yes", "y"), pgettext("the key that answers no", "n")


def hint(default: bool) -> str:
    """'(Y/n)' or '(y/N)' in the current language: the default in capitals."""
    yes, no = letters()
    return f"({yes.upper()}/{no}) " if default else f"({yes}/{no.upper()}) "


class _Asked:
    """What the question shows and holds: the answer given so far, and whether it is done."""

    def __init__(self, message: str, default: bool) -> None:
        self.message, self.default = message, default
        self.answer: bool | None = None
        self.complete = False

    def tokens(self) -> Any:
        shown: list[tuple[str, str]] = [
            ("class:qmark", "?"),
            ("class:question", f" {self.message} "),
        ]
        if not self.complete:
            shown.append(("class:instruction", hint(self.default)))
        if self.answer is not None:
            shown.append(("class:answer", _("Yes") if self.answer else _("No")))
        return to_formatted_text(FormattedText(shown))

    def setter(self, value: bool | None) -> Any:
        def say(event: Any) -> None:
            self.answer = value

        return say

    def enter(self, event: Any) -> None:
        if self.answer is None:
            self.answer = self.default
        self.complete = True
        event.app.exit(result=self.answer)


def _keys(asked: _Asked) -> KeyBindings:
    yes, no = letters()
    bindings = KeyBindings()

    def stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    bindings.add(Keys.ControlQ, eager=True)(stop)
    bindings.add(Keys.ControlC, eager=True)(stop)
    # English letters work in every language, and the language's own beside them.
    for value, keys in ((True, {"y", yes}), (False, {"n", no})):
        for key in sorted({k for letter in keys for k in (letter.lower(), letter.upper())}):
            bindings.add(key)(asked.setter(value))
    bindings.add(Keys.ControlH)(asked.setter(None))
    bindings.add(Keys.ControlM, eager=True)(asked.enter)
    bindings.add(Keys.Any)(lambda event: None)  # nothing else is typed
    return bindings


def question(message: str, default: bool, style: Style) -> Application[Any]:
    """The question as a prompt_toolkit application whose result is True, False or the
    default; Ctrl-C raises KeyboardInterrupt."""
    asked = _Asked(message, default)
    session: PromptSession[Any] = PromptSession(
        asked.tokens, key_bindings=_keys(asked), style=style
    )
    return session.app
