"""The workshop document an `assess run` edits, and how it saves.

Every answer is saved the moment it is given. A save is refused when someone else changed the
file meanwhile: the session then reloads their version and asks the question again, so nobody's
work is overwritten. When their version cannot be read (a colleague saved broken YAML), the
room's answer is kept in memory until the file is fixed, or saved beside it. The answers saved
in this sitting can be undone, one by one, last first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console

from assess.errors import AssessError, OutputError
from assess.files import editing, translation
from assess.files.loader import Loaded, check_workshop
from assess.files.reading import read_text
from assess.files.storage import ChangedOnDisk, Place, WorkshopFile, save_yaml
from assess.files.yamlio import load_data, load_round_trip
from assess.i18n import _, current
from assess.journeys import Workshop
from assess.method.scoring import Assessment, Result, assess
from assess.models import Questionnaire
from assess.workshop.prompts import Option, Prompter
from assess.workshop.talk import Talk, Undid

#: A change to the document, applied again to a reloaded one when a save had to wait.
Change = Callable[[Any], None]
#: How many saved answers undo can take back, one by one.
UNDO_DEPTH = 50


@dataclass(frozen=True)
class Undo:
    """What undo puts back: a touchpoint as it was before an answer, and where it was given."""

    place: Place
    #: What the answer was, for the room: "the answer to complexity on 'Refund'".
    what: str
    item: Any  # the touchpoint's mapping as it was


class Reloaded(Exception):
    """The file was changed elsewhere and has been reloaded: the room gives the answer again."""


class StoppedBroken(OutputError):
    """The file was broken by someone else and the room chose to stop."""


class Document(Talk):
    """The workshop file open in this sitting: read, changed and saved, answer by answer."""

    def __init__(
        self, path: Path, prompter: Prompter, console: Console, questionnaire: Path | None
    ) -> None:
        self.path = path
        self.prompter = prompter
        self.console = console
        self.doc: Any = None
        self.loaded: Loaded | None = None
        self.file = WorkshopFile(path, questionnaire)
        #: Whether the file on disk holds anything of this session (for the goodbye message).
        self.saved_anything = False
        #: One line shown at the top of the next touchpoint screen, then dropped.
        self.notice: str | None = None
        #: Touchpoints whose team answers the room has walked through (kept beside the file).
        self.walked: set[str] = set()
        #: Whether the PDF report was written since the last change.
        self.report_current = False
        self._assessment: Assessment | None = None
        #: The answers undo can take back, the last one last.
        self.undos: list[Undo] = []
        #: The questionnaire as read, and in the sitting's language (translated once).
        self._translated: tuple[Questionnaire, Questionnaire] | None = None
        #: What was said about the translation (once a sitting).
        self._said: set[str] = set()

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
        self.loaded = self._in_language(
            check_workshop(self.doc, str(self.path), self.path.parent, self.file.questionnaire)
        )
        self._assessment = None
        self.file.remember()
        self.saved_anything = True
        self.walked = self.file.walked()

    def save(self) -> None:
        """Check the document, then write it atomically. A document that would not load again
        is never written, and neither is one that someone changed on disk meanwhile."""
        self.change(None)

    def change(self, apply: Change | None, undo: tuple[Place, str] | None = None) -> None:
        """Apply a change to the document and save it. When someone changed the file
        meanwhile, their version is loaded and the room is asked again (Reloaded); when their
        version is broken, the change waits until it is fixed, then is applied to it. With
        `undo` (where the answer is given, and what it is), undo can take it back."""
        before = None
        if undo is not None and (index := self.index_of(undo[0].touchpoint)) is not None:
            before = Undo(undo[0], undo[1], copy.deepcopy(editing.touchpoints(self.doc)[index]))
        if apply is not None:
            apply(self.doc)
        try:
            self.loaded = self._in_language(self.file.save(self.doc))
        except ChangedOnDisk:
            room, broken = self.doc, False
            try:
                self.read()
            except AssessError as exc:
                self._wait_for_a_fix(exc, room)
                broken = True
            if apply is None or not broken:
                self.notice = _(
                    "%(file)s was changed outside this session, so it was reloaded with those "
                    "changes; the last answer was not saved. Please give it again."
                ) % {"file": self.path.name}
                raise Reloaded from None
            apply(self.doc)  # the room's answer, kept while the file was broken
            self.loaded = self._in_language(self.file.save(self.doc))
        self._assessment = None
        self.saved_anything = True
        self.report_current = False
        if before is not None:
            self.undos = [*self.undos[-UNDO_DEPTH + 1 :], before]

    def undo_last(self) -> Undid | None:
        """Put back the touchpoint the last saved answer changed, as it was before it (the time
        the room spent on it stays), and say where that answer was given."""
        while self.undos:
            last = self.undos.pop()
            index = self.index_of(last.place.touchpoint)
            if index is None:
                continue  # renamed or removed since: nothing left to undo there

            def put_back(doc: Any, item: Any = last.item, at: int = index) -> None:
                editing.restore_touchpoint(doc, at, copy.deepcopy(item), keep="minutes_used")

            self.change(put_back)
            self.notice = _("Undone: %(what)s. Give it again, or go on.") % {"what": last.what}
            return Undid(last.place)
        self.notice = _("Nothing to undo yet: no answer was saved in this sitting.")
        return None

    def _wait_for_a_fix(self, problem: AssessError, room: Any) -> None:
        """Someone saved the file broken: say where, keep the room's answer, and try again
        once it is fixed, or save the room's version beside it and stop."""
        options = [
            Option(_("Try again (the file is fixed)"), "retry", key="r"),
            Option(_("Save our version beside it and stop"), "stop", key="s"),
        ]
        while True:
            self.say(
                _(
                    "Someone changed the file outside this session and it cannot be read now: "
                    "%(problem)s. The room's last answer is kept, not lost."
                )
                % {"problem": problem},
                "bold red",
            )
            try:
                answer = self.prompter.select(_("Fix the file, then:"), options, default="retry")
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

    def _in_language(self, loaded: Loaded) -> Loaded:
        """The workshop as the room reads it: the questionnaire's text in the language of the
        sitting (from the translation beside it; said once where there is none), its numbers
        in that language's locale unless its economics name one. The file is never changed."""
        language = current()
        if self._translated is None or self._translated[0] != loaded.questionnaire:
            translated, notes = translation.in_language(
                loaded.questionnaire, loaded.source, language
            )
            self._translated = (loaded.questionnaire, translated)
            for note in notes:
                if note not in self._said:
                    self._said.add(note)
                    self.say(_("Note: %(note)s.") % {"note": note}, "yellow")
        workshop = translation.localised(loaded.workshop, language)
        return replace(loaded, questionnaire=self._translated[1], workshop=workshop)

    def key_of(self, index: int) -> str:
        return self.workshop.touchpoints[index].key

    def at(self, key: str) -> int:
        """Where a touchpoint is now (the file may have been reloaded); Reloaded when gone."""
        index = self.index_of(key)
        if index is None:
            gone = _(
                "%(name)s is no longer in the file (renamed or removed outside this session)."
            ) % {"name": repr(key)}
            self.notice = f"{self.notice} {gone}" if self.notice else gone
            raise Reloaded
        return index

    def index_of(self, key: str) -> int | None:
        return next((i for i, tp in enumerate(self.workshop.touchpoints) if tp.key == key), None)
