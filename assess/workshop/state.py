"""What a workshop session knows and how it saves: the document, its file, and the room.

Every answer is saved the moment it is given. A save is refused when someone else changed the
file meanwhile: the session then reloads their version and goes back to the menu, so nobody's
work is overwritten.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from assess.files import editing
from assess.files.loader import Loaded, check_workshop
from assess.files.reading import read_text
from assess.files.storage import ChangedOnDisk, WorkshopFile
from assess.files.yamlio import load_data, load_round_trip
from assess.method.scoring import Assessment, Result, assess
from assess.models import NAME_MAX, Questionnaire, Workshop
from assess.views.terminal import plain
from assess.workshop.prompts import ESCAPE, Option, Prompter

#: Writes the PDF report, telling the progress bar how far it is; returns its number of pages.
ReportWriter = Callable[[Assessment, Path, Any], int]


class Back(Exception):
    """The room pressed Esc (or chose Back): return to the menu."""


class Reloaded(Exception):
    """The file was changed elsewhere and has been reloaded: back to the menu."""


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

    def save(self) -> None:
        """Check the document, then write it atomically. A document that would not load again
        is never written, and neither is one that someone changed on disk meanwhile."""
        try:
            self.loaded = self.file.save(self.doc)
        except ChangedOnDisk:
            self.read()
            self.say(
                f"{self.path} was changed outside this session, so it was reloaded with those "
                "changes; the last answer was not saved. Please give it again.",
                "bold red",
            )
            raise Reloaded from None
        self._assessment = None
        self.saved_anything = True

    # --- answers ----------------------------------------------------------------------------

    def set_score(self, index: int, dimension: str, value: int | None) -> None:
        editing.set_score(self.doc, index, dimension, value, self.questionnaire.dimension_ids)
        self.save()

    def set_field(self, index: int, key: str, value: str | float | None) -> None:
        editing.set_field(self.doc, index, key, value)
        self.save()

    def scored_count(self) -> int:
        return sum(1 for r in self.assessment().results if r.scored)

    def next_unscored(self) -> int | None:
        results = self.assessment().results
        pending = [i for i, r in enumerate(results) if not r.scored]
        fresh = [i for i in pending if results[i].touchpoint.key not in self.skipped]
        if not fresh and pending:
            self.skipped.clear()  # everything else is done: offer the skipped ones again
            fresh = pending
        return fresh[0] if fresh else None

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
