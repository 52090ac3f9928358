"""What a workshop session knows and how it saves: the document, its file, and the room.

Every answer is saved the moment it is given. A save is refused when someone else changed the
file meanwhile: the session then reloads their version and asks the question again, so nobody's
work is overwritten. When their version cannot be read (a colleague saved broken YAML), the
room's answer is kept in memory until the file is fixed, or saved beside it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console

from assess.errors import AssessError, OutputError
from assess.files import editing
from assess.files.loader import Loaded, check_workshop
from assess.files.reading import read_text
from assess.files.storage import ChangedOnDisk, Place, WorkshopFile, save_yaml
from assess.files.yamlio import load_data, load_round_trip
from assess.journeys import Workshop
from assess.method.scoring import Assessment, Result, assess
from assess.models import NAME_MAX, Questionnaire
from assess.views.terminal import plain
from assess.workshop.prompts import ESCAPE, Option, Prompter
from assess.workshop.screen import fit

#: What questionary puts before a choice's title (" » 1) "), and after a greyed-out one's.
TITLE_MARGIN = 6


def _fitted(option: Option, room: int) -> Option:
    """An option whose title (and reason for being greyed out) fits one line of `room`."""
    title = fit(option.title, room)
    disabled = option.disabled
    if disabled:
        disabled = fit(disabled, max(room - len(title) - 3, 1))
    return replace(option, title=title, disabled=disabled)


#: A change to the document, applied again to a reloaded one when a save had to wait.
Change = Callable[[Any], None]

#: Writes the PDF report, telling the progress bar how far it is; returns its number of pages.
ReportWriter = Callable[[Assessment, Path, Any], int]


class Back(Exception):
    """The room pressed Esc (or chose Back): return to the menu."""


class Reloaded(Exception):
    """The file was changed elsewhere and has been reloaded: the room gives the answer again."""


class StoppedBroken(OutputError):
    """The file was broken by someone else and the room chose to stop."""


class State:
    def __init__(
        self,
        path: Path,
        prompter: Prompter,
        console: Console,
        write_report: ReportWriter,
        today: dt.date | None = None,
        questionnaire: Path | None = None,
    ) -> None:
        self.path = path
        self.prompter = prompter
        self.console = console
        self.write_report = write_report
        self.today = today or dt.date.today()
        self.doc: Any = None
        self.loaded: Loaded | None = None
        self.file = WorkshopFile(path, questionnaire)
        #: Touchpoints left incomplete with "skip for now" in this sitting; not offered again
        #: until everything else is done.
        self.skipped: set[str] = set()
        #: Whether the file on disk holds anything of this session (for the goodbye message).
        self.saved_anything = False
        #: One line shown at the top of the next touchpoint screen, then dropped.
        self.notice: str | None = None
        #: Touchpoints whose team answers the room has walked through (kept beside the file).
        self.walked: set[str] = set()
        #: Where the room left a walk with Esc: "continue" goes back there.
        self.place: Place | None = None
        #: The split (touchpoint, dimension) where Esc left the settle pass.
        self.settle_from: tuple[str, str] | None = None
        #: Whether the PDF report was written since the last change.
        self.report_current = False
        self._assessment: Assessment | None = None

    # --- the document -----------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        assert self.loaded is not None
        return self.loaded.workshop

    @property
    def questionnaire(self) -> Questionnaire:
        assert self.loaded is not None
        return self.loaded.questionnaire

    def assessment(self) -> Assessment:
        if self._assessment is None:
            self._assessment = assess(self.questionnaire, self.workshop)
        return self._assessment

    def result(self, index: int) -> Result:
        return self.assessment().results[index]

    def read(self) -> None:
        text = read_text(self.path)
        load_data(text, str(self.path))  # bounded and valid YAML before ruamel builds it
        self.doc = load_round_trip(text, str(self.path))
        self.loaded = check_workshop(
            self.doc, str(self.path), self.path.parent, self.file.questionnaire
        )
        self._assessment = None
        self.file.remember()
        self.saved_anything = True
        self.walked = self.file.walked()

    def save(self) -> None:
        """Check the document, then write it atomically. A document that would not load again
        is never written, and neither is one that someone changed on disk meanwhile."""
        self.change(None)

    def change(self, apply: Change | None) -> None:
        """Apply a change to the document and save it. When someone changed the file
        meanwhile, their version is loaded and the room is asked again (Reloaded); when their
        version is broken, the change waits until it is fixed, then is applied to it."""
        if apply is not None:
            apply(self.doc)
        try:
            self.loaded = self.file.save(self.doc)
        except ChangedOnDisk:
            room, broken = self.doc, False
            try:
                self.read()
            except AssessError as exc:
                self._wait_for_a_fix(exc, room)
                broken = True
            if apply is None or not broken:
                self.notice = (
                    f"{self.path.name} was changed outside this session, so it was reloaded "
                    "with those changes; the last answer was not saved. Please give it again."
                )
                raise Reloaded from None
            apply(self.doc)  # the room's answer, kept while the file was broken
            self.loaded = self.file.save(self.doc)
        self._assessment = None
        self.saved_anything = True
        self.report_current = False

    def _wait_for_a_fix(self, problem: AssessError, room: Any) -> None:
        """Someone saved the file broken: say where, keep the room's answer, and try again
        once it is fixed, or save the room's version beside it and stop."""
        options = [
            Option("Try again (the file is fixed)", "retry", key="r"),
            Option("Save our version beside it and stop", "stop", key="s"),
        ]
        while True:
            self.say(
                f"Someone changed the file outside this session and it cannot be read now: "
                f"{problem}. The room's last answer is kept, not lost.",
                "bold red",
            )
            try:
                answer = self.prompter.select("Fix the file, then:", options, default="retry")
            except KeyboardInterrupt:
                self._save_beside(room, problem)
                raise
            if answer != "retry":
                self._save_beside(room, problem)
            try:
                self.read()
                return
            except AssessError as exc:
                problem = exc

    def _save_beside(self, room: Any, problem: AssessError) -> None:
        beside = self.path.with_name(f"{self.path.stem}.ours{self.path.suffix}")
        save_yaml(beside, room)
        raise StoppedBroken(
            f"{problem}\nThe room's version, with its last answer, is saved in {beside}"
        )

    # --- answers ----------------------------------------------------------------------------

    def key_of(self, index: int) -> str:
        return self.workshop.touchpoints[index].key

    def at(self, key: str) -> int:
        """Where a touchpoint is now (the file may have been reloaded); Reloaded when gone."""
        index = self.index_of(key)
        if index is None:
            gone = f"{key!r} is no longer in the file (renamed or removed outside this session)."
            self.notice = f"{self.notice} {gone}" if self.notice else gone
            raise Reloaded
        return index

    def set_score(self, index: int, dimension: str, value: int | None) -> None:
        key, ids = self.key_of(index), self.questionnaire.dimension_ids
        self.change(lambda doc: editing.set_score(doc, self.at(key), dimension, value, ids))

    def set_field(self, index: int, key: str, value: str | float | None) -> None:
        tp = self.key_of(index)
        self.change(lambda doc: editing.set_field(doc, self.at(tp), key, value))
        if key == "name" and tp in self.walked:  # a rename keeps what the room walked
            self.walked = (self.walked - {tp}) | {self.key_of(index)}
            self.file.mark_walked(self.walked)

    def set_input(self, index: int, item: str, option: str | None) -> None:
        key, ids = self.key_of(index), self.questionnaire.input_ids
        self.change(lambda doc: editing.set_input(doc, self.at(key), item, option, ids))

    def scored_count(self) -> int:
        return sum(1 for r in self.assessment().results if r.scored)

    def needs_walk(self, result: Result) -> bool:
        """Scored only by the team's votes on some question, and not yet walked by the room."""
        tp = result.touchpoint
        return (
            result.scored
            and tp.key not in self.walked
            and any(d not in tp.scores for d in result.consensus)
        )

    def mark_walked(self, result: Result) -> None:
        if self.needs_walk(result):
            self.walked = self.walked | {result.touchpoint.key}
            self.file.mark_walked(self.walked)

    def to_walk(self) -> int:
        return sum(1 for r in self.assessment().results if self.needs_walk(r))

    def next_unscored(self) -> int | None:
        """What "continue" opens: a touchpoint with an open question first (one skipped in this
        sitting only when nothing else is left), then, in order, the team's answers the room
        has not yet walked through."""
        results = self.assessment().results
        pending = [i for i, r in enumerate(results) if not r.scored]
        fresh = [i for i in pending if results[i].touchpoint.key not in self.skipped]
        if not fresh and pending:
            self.skipped.clear()  # everything else is done: offer the skipped ones again
            fresh = pending
        if fresh:
            return fresh[0]
        return next((i for i, r in enumerate(results) if self.needs_walk(r)), None)

    def index_of(self, key: str) -> int | None:
        return next((i for i, tp in enumerate(self.workshop.touchpoints) if tp.key == key), None)

    # --- talking to the room ------------------------------------------------------------------

    def say(self, message: str, style: str = "") -> None:
        self.console.print(plain(message, style))

    def select(
        self,
        message: str,
        options: Sequence[Option],
        default: Any = None,
        instruction: str | None = None,
    ) -> Any:
        room = self.console.width - TITLE_MARGIN
        options = [_fitted(o, room) for o in options]
        answer = self.prompter.select(message, options, default=default, instruction=instruction)
        if answer == ESCAPE:
            raise Back
        return answer

    def text(
        self, message: str, default: str = "", required: bool = False, limit: int = NAME_MAX
    ) -> str:
        """What the room typed, at most `limit` characters (the field's limit in the file): a
        longer answer is asked again, its first `limit` characters offered, so nothing that
        would not load is saved and nothing typed is thrown away unseen."""
        while True:
            answer = self.prompter.text(message, default=default, required=required)
            if answer == ESCAPE:
                raise Back
            if len(answer) <= limit:
                return answer
            self.say(
                f"That is {len(answer):,} characters; at most {limit:,} fit here. "
                "Please shorten it.",
                "red",
            )
            default = answer[:limit]

    def confirm(self, message: str, default: bool = True) -> bool:
        return self.prompter.confirm(message, default=default)

    def wrap(self, text: str) -> str:
        """A choice's description, wrapped to the terminal: questionary shows it below the list,
        after "  Description: ", and cuts what does not fit."""
        return textwrap.fill(text, width=max(30, self.console.width - 16), subsequent_indent="  ")
