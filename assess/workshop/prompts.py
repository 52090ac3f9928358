"""Every interactive question `assess run` asks: the only module that imports questionary.

Each function uses ``unsafe_ask()``: questionary's ``ask()`` swallows Ctrl-C and returns None,
which would look like an answer. Here Ctrl-C raises KeyboardInterrupt, and the caller saves and
says how to resume. Esc answers :data:`ESCAPE` in every prompt, so a room can always step back
to the menu; `u` (in a list) or Ctrl-Z (anywhere) answers :data:`UNDO`. A terminal resized
during a question, or Ctrl-L, answers :class:`Redraw`, carrying what was highlighted or typed,
so the caller draws the whole screen again at the new size and asks again from there.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import questionary
from prompt_toolkit.application import get_app
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.styles import Style
from questionary.prompts.common import InquirerControl

from assess.i18n import N_, _
from assess.views.terminal import MAX_WIDTH
from assess.workshop import yesno

#: For a projector: the highlighted answer is bold and reversed.
STYLE = Style(
    [
        ("qmark", "fg:ansicyan bold"),
        ("question", "bold"),
        ("pointer", "fg:ansicyan bold"),
        ("highlighted", "reverse bold"),
        ("selected", "fg:ansicyan"),
        ("answer", "fg:ansicyan bold"),
        ("instruction", "fg:ansibrightblack"),
        ("disabled", "fg:ansibrightblack italic"),
        ("text", ""),
    ]
)
#: High contrast (`--contrast high`, NO_COLOR): no colour and nothing greyed; what stands out
#: is bold or reversed.
HIGH_CONTRAST = Style(
    [
        ("qmark", "bold"),
        ("question", "bold"),
        ("pointer", "bold"),
        ("highlighted", "reverse bold"),
        ("selected", "bold"),
        ("answer", "bold"),
        ("instruction", ""),
        ("disabled", "italic"),
        ("text", ""),
    ]
)
#: What every prompt answers when the room presses Esc.
ESCAPE = "__escape__"
#: What a prompt answers when the room asks to undo the last saved answer.
UNDO = "__undo__"
#: The key that undoes in a list (Ctrl-Z undoes everywhere, text prompts included).
UNDO_KEY = "u"


@dataclass(frozen=True)
class Redraw:
    """The terminal was resized, or Ctrl-L pressed: draw the screen again and ask again,
    starting from `value` (what was highlighted, or typed so far; None: nothing)."""

    value: Any = None


def columns() -> int:
    """The terminal's width as it is now (not as COLUMNS said at start), at most MAX_WIDTH."""
    try:
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        width = shutil.get_terminal_size().columns
    return min(width or 80, MAX_WIDTH)


#: The default of a question nobody has answered: no answer is highlighted, and Enter alone
#: does nothing until the room picks one with a number or the arrows.
NO_ANSWER = "__no_answer__"
#: What the screen says while nothing is picked.
PICK_FIRST = N_(
    "Nothing picked yet: press a number or the arrows, then Enter (Enter alone records nothing)."
)
#: The hint under a list, by default.
NUMBER_OR_ARROWS = N_("(number or arrows, Enter)")
#: What questionary writes before the highlighted choice's description.
DESCRIPTION = "  Description: "


def laid_out(message: str, instruction: str, columns: int) -> tuple[str, str]:
    """A question and its instruction as a select prompt shows them: on one line when they
    fit, else the question wrapped after whole words and the instruction on its own line."""
    if len(message) + len(instruction) + 4 <= columns:
        return message, instruction
    return "\n  ".join(textwrap.wrap(message, max(columns - 4, 20))), "\n  " + instruction


class Interrupted(KeyboardInterrupt):
    """Ctrl-C in a text prompt, carrying what had been typed so far, so it can be kept."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed


#: What questionary puts before a choice's title (" » 1) "), and a column to spare: a line
#: that fills the screen's width would move the cursor to the next one.
TITLE_ROOM = 7
#: Lists longer than this are filtered by typing (the numbers in their titles, or a word).
SHORTCUT_LIMIT = 10


@dataclass(frozen=True)
class Live:
    """A title drawn anew while its question is asked, such as the phones' count: `title(width)`
    gives it for a width; `watch(wake)` has `wake()` called, from any thread, after each change,
    and returns the function that stops it."""

    title: Callable[[int], str]
    watch: Callable[[Callable[[], None]], Callable[[], None]]


@dataclass(frozen=True)
class Option:
    title: str
    value: Any
    description: str | None = None
    checked: bool = False
    #: The key that picks this option; it stays the same whatever else is offered.
    key: str | None = None
    #: Shown but not selectable, with this reason, so the other options keep their numbers.
    disabled: str | None = None
    #: A title that changes while the question is asked (`title` is what it was when asked).
    live: Live | None = None


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


def _escapable(
    question: questionary.Question,
    bindings: KeyBindings | None = None,
    now: Callable[[], Any] = lambda: None,
) -> questionary.Question:
    """Esc answers ESCAPE. Arrow keys are parsed into their own keys before bindings see them,
    so only a real Esc press reaches this one. `bindings` win over questionary's own. Ctrl-L,
    or a change of the terminal's size, answers Redraw(now()): what the prompt holds now."""
    bindings = bindings or KeyBindings()

    @bindings.add("escape", eager=True)
    def _escape(event: Any) -> None:
        event.app.exit(result=ESCAPE)

    @bindings.add("c-l", eager=True)
    def _redraw(event: Any) -> None:
        event.app.exit(result=Redraw(now()))

    app = question.application
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, bindings) if b])
    size = app.output.get_size()

    def resized(_: Any) -> None:
        if app.output.get_size() != size and app.future is not None and not app.future.done():
            app.exit(result=Redraw(now()))

    app.before_render += resized
    return question


def _undoable(bindings: KeyBindings, key: str | None) -> KeyBindings:
    """Ctrl-Z, and `key` where given, answer UNDO."""
    keys = ["c-z", *([key] if key else [])]
    for name in keys:
        bindings.add(name, eager=True)(lambda event: event.app.exit(result=UNDO))
    return bindings


def _pointed(question: questionary.Question) -> Callable[[], Any]:
    """What a select prompt has highlighted now (NO_ANSWER: nothing yet)."""
    control = _inquirer(question)

    def now() -> Any:
        if control.pointed_at is None or control.pointed_at < 0:
            return NO_ANSWER
        return control.get_pointed_at().value

    return now


class TerminalPrompter:
    """Questions asked in a real terminal with questionary; `contrast` "high" for a projector
    that washes out colours."""

    def __init__(self, contrast: str = "normal") -> None:
        self.style = HIGH_CONTRAST if contrast == "high" else STYLE

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        # A list is picked by keys when every choice has its own (however long), else by
        # typing to filter once it is long.
        keyed = all(o.key for o in options) and len(options) <= len(InquirerControl.SHORTCUT_KEYS)
        long_list = len(options) > SHORTCUT_LIMIT and not keyed
        choices = [
            questionary.Choice(
                o.title,
                value=o.value,
                description=o.description,
                disabled=o.disabled,
                shortcut_key=False if long_list else (o.key or True),
            )
            for o in options
        ]
        start = next(
            (
                c
                for c, o in zip(choices, options, strict=True)
                if o.value == default and not o.disabled
            ),
            None,
        )
        hint = _("(type a number to filter, arrows, Enter; Esc: back)")
        instruction = instruction or (hint if long_list else _(NUMBER_OR_ARROWS))
        message, instruction = laid_out(message, instruction, columns())
        question = questionary.select(
            message,
            choices=choices,
            default=start,
            style=self.style,
            qmark="?",
            use_shortcuts=not long_list,
            use_search_filter=long_list,
            use_jk_keys=False,
            instruction=instruction,
        )
        bindings = _nothing_picked(question) if default == NO_ANSWER else KeyBindings()
        _described(question)
        taken = {o.key for o in options}
        _undoable(bindings, UNDO_KEY if UNDO_KEY not in taken else None)
        stops = _lively(question, [(c, o.live) for c, o in zip(choices, options, strict=True)])
        try:
            return _escapable(question, bindings, _pointed(question)).unsafe_ask()
        finally:
            for stop in stops:
                stop()

    def text(self, message: str, default: str = "", required: bool = False) -> Any:
        """What was typed (stripped), or UNDO, ESCAPE or a Redraw."""

        def check(value: str) -> bool | str:
            return bool(value.strip()) or _("Please type something (Esc to go back).")

        width = columns()
        if len(message) + 3 > width:  # whole words on each line, not cut mid-word
            message = "\n  ".join(textwrap.wrap(message, max(width - 4, 20)))
        question = questionary.text(
            message, default=default, style=self.style, validate=check if required else None
        )
        bindings = _undoable(KeyBindings(), None)

        @bindings.add("c-c", eager=True)
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=Interrupted(event.app.current_buffer.text))

        typed = question.application.current_buffer
        answer = _escapable(question, bindings, lambda: typed.text).unsafe_ask()
        return answer.strip() if isinstance(answer, str) else answer

    def checkbox(self, message: str, options: Sequence[Option]) -> list[Any]:
        choices = [
            questionary.Choice(o.title, value=o.value, checked=o.checked, description=o.description)
            for o in options
        ]
        question = questionary.checkbox(
            message,
            choices=choices,
            style=self.style,
            instruction=_("(Space to tick or untick, a for all, Enter to accept)"),
        )
        _described(question)
        answer = _escapable(question).unsafe_ask()
        return [] if answer == ESCAPE else list(answer)

    def confirm(self, message: str, default: bool = True) -> Any:
        """y then Enter (or n then Enter, or the language's own letters: see
        :mod:`assess.workshop.yesno`). Enter alone gives `default`. Returns a bool, or a
        Redraw."""
        question = questionary.Question(yesno.question(message, default, self.style))
        answer = _escapable(question).unsafe_ask()
        if isinstance(answer, Redraw):
            return answer
        return False if answer == ESCAPE else bool(answer)


def _inquirer(question: questionary.Question) -> InquirerControl:
    control: InquirerControl = next(
        w.content
        for w in question.application.layout.find_all_windows()
        if isinstance(w.content, InquirerControl)
    )
    return control


def _lively(
    question: questionary.Question, choices: Sequence[tuple[questionary.Choice, Live | None]]
) -> list[Callable[[], None]]:
    """Draw each live choice's title anew at every render, and render again after each change
    it reports (from any thread: prompt_toolkit's invalidate is thread-safe). Returns the
    functions that stop the watching."""
    live = [(choice, found) for choice, found in choices if found is not None]
    if not live:
        return []
    control = _inquirer(question)
    draw: Any = control.text

    def tokens() -> Any:
        width = min(get_app().output.get_size().columns, MAX_WIDTH) - TITLE_ROOM
        for choice, found in live:
            choice.title = found.title(max(width, 10))
        return draw() if callable(draw) else draw

    control.text = tokens
    app = question.application
    return [found.watch(app.invalidate) for _, found in live]


def _described(question: questionary.Question) -> None:
    """The highlighted choice's description under the list, introduced in the current
    language (questionary writes "Description:" in English)."""
    control = _inquirer(question)
    draw: Any = control.text
    said = "  " + _("Description:") + " "

    def tokens() -> Any:
        drawn = draw() if callable(draw) else draw
        return [
            (t[0], said + t[1][len(DESCRIPTION) :], *t[2:]) if t[1].startswith(DESCRIPTION) else t
            for t in drawn
        ]

    control.text = tokens


def _nothing_picked(question: questionary.Question) -> KeyBindings:
    """No answer highlighted until the room picks one, a line that says so, and an Enter that
    does nothing until then. questionary always points at a choice, so the list is drawn with
    the pointer parked outside it (-1) until a number or an arrow moves it."""
    control = _inquirer(question)
    control.pointed_at = -1
    draw: Callable[[], Any] = control._get_choice_tokens

    def tokens() -> Any:
        if control.pointed_at >= 0:
            return draw()
        control.show_description = False
        try:
            drawn = list(draw())
        finally:
            control.show_description = True
        width = get_app().output.get_size().columns
        said = textwrap.fill(
            _("Description:") + " " + _(PICK_FIRST), width - 2, subsequent_indent="  "
        )
        return [*drawn, ("", "\n"), ("class:instruction", f"  {said}")]

    control.text = tokens
    bindings = KeyBindings()

    @bindings.add("up", eager=True)
    def _up(event: Any) -> None:
        if control.pointed_at < 0:  # from nothing picked, up goes to the last choice
            control.pointed_at = 0
        control.select_previous()
        while not control.is_selection_valid():
            control.select_previous()

    @bindings.add("enter", eager=True)
    def _enter(event: Any) -> None:
        if control.pointed_at >= 0:
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

    return bindings
