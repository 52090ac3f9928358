"""What a workshop session knows about the room: the answers it gives (each saved at once and
undoable, see :mod:`assess.workshop.document`), where the walk is, and the room's clock and the
header on every screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from assess.ballot import VoteRoom
from assess.errors import AssessError
from assess.files import editing
from assess.files.storage import Place
from assess.i18n import N_, _, in_sentence, ngettext
from assess.journeys import minutes_of
from assess.method.scoring import Assessment, Result
from assess.workshop.clock import WORTH_SAVING, Clock, pace
from assess.workshop.document import Change, Document, Reloaded, StoppedBroken
from assess.workshop.phonescreen import Phones
from assess.workshop.prompts import Prompter
from assess.workshop.screen import header_text
from assess.workshop.talk import Back, Undid

__all__ = ["Back", "Change", "Reloaded", "ReportWriter", "State", "StoppedBroken", "Undid"]

#: What undoing a field takes back, by the field: "the notes on 'Refund'".
FIELDS = {
    "notes": N_("the notes on %(name)s"),
    "name": N_("the name of %(name)s"),
    "stage": N_("the stage of %(name)s"),
    "channel": N_("the channel of %(name)s"),
    "description": N_("the description of %(name)s"),
    "volume": N_("the volume of %(name)s"),
    "handle_minutes": N_("the handle minutes of %(name)s"),
}
#: Writes the PDF report, telling the progress bar how far it is; returns its number of pages.
ReportWriter = Callable[[Assessment, Path, Any], int]


class State(Document):
    def __init__(
        self,
        path: Path,
        prompter: Prompter,
        console: Console,
        write_report: ReportWriter,
        today: dt.date | None = None,
        questionnaire: Path | None = None,
        timebox: str | None = None,
        clock: Clock | None = None,
        phones: Phones | None = None,
    ) -> None:
        super().__init__(path, prompter, console, questionnaire)
        #: Votes from phones (`assess run --phones`): how to start the server, and the room
        #: once it runs (see :mod:`assess.workshop.phonevote`).
        self.phones = phones
        self.room: VoteRoom | None = None
        self.write_report = write_report
        self.today = today or dt.date.today()
        #: Touchpoints left incomplete with "skip for now" in this sitting; not offered again
        #: until everything else is done.
        self.skipped: set[str] = set()
        #: Where the room left a walk with Esc: "continue" goes back there.
        self.place: Place | None = None
        #: The split (touchpoint, dimension) where Esc left the settle pass.
        self.settle_from: tuple[str, str] | None = None
        #: The timebox given on the command line (as written, and in minutes): it wins over
        #: the file's, and is saved in the file.
        self.timebox_text = timebox
        self.timebox_given = minutes_of(timebox) if timebox else None
        self.clock = clock or Clock()
        #: The touchpoint the walk just left without its menu (nothing needed a decision):
        #: Back at the next one's first question opens it.
        self.previous: str | None = None

    # --- answers ---------------------------------------------------------------------------

    def _what(self, index: int, what: str, question: str = "") -> str:
        """What an answer was, for undo: `what` is a message with %(name)s (the touchpoint)
        and, where it names one, %(question)s."""
        name = repr(self.workshop.touchpoints[index].name)
        return _(what) % {"name": name, "question": question}

    def _dimension(
        self, index: int, dimension: str, what: str = N_("the answer to %(question)s on %(name)s")
    ) -> tuple[Place, str]:
        """Where an answer to `dimension` is given, and what it is, for undo."""
        k = self.questionnaire.dimension_ids.index(dimension)
        label = in_sentence(self.questionnaire.dimensions[k].label)
        return Place(self.key_of(index), k, every=True), self._what(index, what, label)

    def set_score(self, index: int, dimension: str, value: int | None) -> None:
        key, ids = self.key_of(index), self.questionnaire.dimension_ids
        self.change(
            lambda doc: editing.set_score(doc, self.at(key), dimension, value, ids),
            self._dimension(index, dimension),
        )

    def set_settled(
        self, index: int, dimension: str, value: int | None, reason: str | None = None
    ) -> None:
        """The room's decision over the votes on `dimension` (None: back to the votes)."""
        key, ids = self.key_of(index), self.questionnaire.dimension_ids
        self.change(
            lambda doc: editing.set_settled(doc, self.at(key), dimension, value, reason, ids),
            self._dimension(index, dimension),
        )

    def record_votes(self, index: int, dimension: str, cast: Mapping[str, int | None]) -> None:
        """People's votes on `dimension` (None: "don't know", kept as no vote); they reopen it
        (the room decides again over them)."""
        key, ids = self.key_of(index), self.questionnaire.dimension_ids
        self.change(
            lambda doc: editing.record_votes(doc, self.at(key), dimension, cast, ids),
            self._dimension(index, dimension, N_("the votes on %(question)s on %(name)s")),
        )

    def add_action(self, index: int, text: str, owner: str, due: str | None) -> None:
        key = self.key_of(index)
        self.change(
            lambda doc: editing.add_action(doc, self.at(key), text, owner, due),
            (Place(key), self._what(index, N_("the action on %(name)s"))),
        )

    def add_parked(self, index: int, text: str) -> None:
        key = self.key_of(index)
        self.change(
            lambda doc: editing.add_parked(doc, self.at(key), text),
            (Place(key), self._what(index, N_("the parked question on %(name)s"))),
        )

    def set_field(self, index: int, key: str, value: str | float | None) -> None:
        tp = self.key_of(index)
        # Undoing a note goes back to the note; anything else to the touchpoint's menu.
        place = Place(tp, note="") if key == "notes" else Place(tp)
        undo = (place, self._what(index, FIELDS.get(key, N_("the change on %(name)s"))))
        self.change(lambda doc: editing.set_field(doc, self.at(tp), key, value), undo)
        if key == "name" and tp in self.walked:  # a rename keeps what the room walked
            self.walked = (self.walked - {tp}) | {self.key_of(index)}
            self.file.mark_walked(self.walked)

    def set_input(self, index: int, item: str, option: str | None) -> None:
        key, ids = self.key_of(index), self.questionnaire.input_ids
        label = repr(in_sentence(self.questionnaire.optional_input(item).label))
        self.change(
            lambda doc: editing.set_input(doc, self.at(key), item, option, ids),
            (Place(key), self._what(index, N_("the answer to %(question)s on %(name)s"), label)),
        )

    def scored_count(self) -> int:
        return sum(1 for r in self.assessment().results if r.scored)

    def needs_walk(self, result: Result) -> bool:
        """Scored only by the team's votes on some question, and not yet walked by the room."""
        tp = result.touchpoint
        return (
            result.scored
            and tp.key not in self.walked
            and any(d not in tp.scores and d not in tp.settled for d in result.consensus)
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

    def next_in_walk(self) -> int | None:
        """What the walk goes on to: like "continue", but never a touchpoint skipped in this
        sitting (the walk stops at the menu when only those are left)."""
        results = self.assessment().results
        for i, r in enumerate(results):
            if not r.scored and r.touchpoint.key not in self.skipped:
                return i
        return next((i for i, r in enumerate(results) if self.needs_walk(r)), None)

    # --- the room's clock and the header ------------------------------------------------------

    @property
    def timebox(self) -> int | None:
        return self.timebox_given or (self.workshop.timebox if self.loaded else None)

    def keep_timebox(self) -> None:
        """Save the timebox given on the command line in the file, for the next sitting and
        the report."""
        if self.timebox_text and self.workshop.timebox != self.timebox_given:
            text = self.timebox_text
            self.change(lambda doc: editing.set_top(doc, "timebox", text))

    def done_count(self) -> int:
        """Touchpoints scored, with the team's answers (if any) walked."""
        return sum(1 for r in self.assessment().results if r.scored and not self.needs_walk(r))

    def open_splits(self) -> int:
        return sum(len(r.open_splits) for r in self.assessment().results)

    def header(self) -> Text | None:
        """`7/12 · 3 splits open · 41 min left`: on every screen once a workshop is open."""
        if self.loaded is None:
            return None
        total = len(self.workshop.touchpoints)
        clock = None
        if self.timebox is not None:
            used = sum(tp.minutes_used or 0 for tp in self.workshop.touchpoints)
            clock = pace(self.timebox, used + self.clock.running(), 1).words()
            if self.clock.over():
                clock += " · " + _("behind pace")
        return Text(header_text(self.done_count(), total, self.open_splits(), clock), "bold")

    @contextlib.contextmanager
    def on(self, index: int) -> Iterator[None]:
        """The room is on touchpoint `index`: with a timebox, its minutes are kept (and added to
        the file when the room leaves it) and the room is told its pace."""
        key = self.key_of(index)
        if self.timebox is None or self.clock.key is not None:
            yield  # no timebox, or already on a touchpoint (a settle inside a walk)
            return
        used = sum(tp.minutes_used or 0 for tp in self.workshop.touchpoints)
        to_do = max(len(self.workshop.touchpoints) - self.done_count(), 1)
        now = pace(self.timebox, used, to_do)
        self.clock.enter(key, now.each)
        if now.each is not None and now.left > 0:
            said = ngettext(
                "Pace: about %(minutes)s min for each of the %(n)s touchpoint still to do.",
                "Pace: about %(minutes)s min for each of the %(n)s touchpoints still to do.",
                to_do,
            ) % {"minutes": max(round(now.each), 1), "n": to_do}
            self.notice = f"{self.notice} {said}" if self.notice else said
        try:
            yield
        finally:
            self._keep_time()

    def _keep_time(self) -> None:
        spent = self.clock.leave()
        if spent is None or spent[1] < WORTH_SAVING:
            return
        key, minutes = spent
        index = self.index_of(key)
        if index is None:
            return
        total = round((self.workshop.touchpoints[index].minutes_used or 0) + minutes, 1)
        # Kept as it goes; a file changed elsewhere meanwhile is reloaded and asked again by the
        # next answer, and the time is not worth a second try.
        with contextlib.suppress(AssessError, Reloaded):
            self.change(lambda doc: editing.set_field(doc, self.at(key), "minutes_used", total))

    def behind(self) -> str | None:
        return self.clock.behind() if self.timebox is not None else None
