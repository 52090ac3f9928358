"""The interactive workshop behind `assess run`: walks a room through every touchpoint.

Every answer is saved to the workshop file the moment it is given, so a closed laptop, a crash
or Ctrl-C loses nothing. Questions go through a :class:`~assess.prompts.Prompter` and output
through a rich Console, so tests can drive the whole flow with scripted answers.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from assess import editing, resources
from assess.errors import AssessError
from assess.loader import (
    Loaded,
    bundled_questionnaire,
    check_workshop,
    journey_templates,
    read_questionnaire,
)
from assess.models import Dimension, Questionnaire, Workshop
from assess.output import summary_sentence
from assess.prompts import Option, Prompter
from assess.scoring import Assessment, Result, assess
from assess.storage import ChangedOnDisk, WorkshopFile
from assess.terminal import plain, results_table, verdict_text
from assess.yamlio import load_data, load_round_trip, read_text

HELP, SKIP, BACK, VOTE = "__help__", "__skip__", "__back__", "__vote__"
OTHER_FILE = "__other__"
NEW_STAGE = "__new_stage__"
#: questionary turns a choice whose value is None into its title, so "nothing" needs a sentinel.
NOTHING = "__nothing__"

ReportWriter = Callable[[Assessment, Path], None]


class Reloaded(Exception):
    """The file was changed elsewhere and has been reloaded: back to the menu."""


class Session:
    def __init__(
        self,
        path: Path,
        prompter: Prompter,
        console: Console,
        write_report: ReportWriter,
        today: dt.date | None = None,
    ) -> None:
        self.path = path
        self.ask = prompter
        self.console = console
        self.write_report = write_report
        self.today = today or dt.date.today()
        self.doc: Any = None
        self.loaded: Loaded | None = None
        #: Touchpoints left incomplete with "skip for now" in this sitting; not offered again
        #: until everything else is done.
        self.skipped: set[str] = set()
        #: Shown at the top of the next touchpoint screen, then dropped.
        self.notice: Panel | None = None
        self.file = WorkshopFile(path)
        #: Whether the file on disk holds anything of this session (for the goodbye message).
        self.saved_anything = False

    # --- state ----------------------------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        assert self.loaded is not None
        return self.loaded.workshop

    @property
    def questionnaire(self) -> Questionnaire:
        assert self.loaded is not None
        return self.loaded.questionnaire

    def assessment(self) -> Assessment:
        return assess(self.questionnaire, self.workshop)

    def result(self, index: int) -> Result:
        return self.assessment().results[index]

    def say(self, message: str, style: str = "") -> None:
        self.console.print(plain(message, style))

    def save(self) -> None:
        """Check the document, then write it atomically. A document that would not load again
        is never written, and neither is one that someone changed on disk meanwhile: the
        session then reloads their version and goes back to the menu."""
        try:
            self.loaded = self.file.save(self.doc)
        except ChangedOnDisk:
            self.read()
            self.say(
                f"{self.path} was changed outside this session, so it was reloaded with those "
                "changes; the last answer was not saved. Please give it again.",
                "red",
            )
            raise Reloaded from None
        self.saved_anything = True

    def close(self) -> None:
        self.file.unlock()

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

    # --- the flow -------------------------------------------------------------------------

    def run(self) -> None:
        self.file.lock()
        if self.path.exists():
            self.open()
        else:
            self.create()
        try:
            if (pending := self.next_unscored()) is not None:
                self.score_touchpoint(pending, resume=True)
        except Reloaded:
            pass
        self.menu_loop()

    def read(self) -> None:
        text = read_text(self.path)
        load_data(text, str(self.path))  # bounded and valid YAML before ruamel builds it
        self.doc = load_round_trip(text, str(self.path))
        self.loaded = check_workshop(self.doc, str(self.path), self.path.parent)
        self.file.remember()
        self.saved_anything = True

    def open(self) -> None:
        self.read()
        total = len(self.workshop.touchpoints)
        self.notice = Panel(
            Text.assemble(
                plain(self.workshop.title, "bold"),
                "\n",
                f"{self.scored_count()} of {total} touchpoints scored · "
                f"questionnaire {self.questionnaire.name} {self.questionnaire.version}",
            ),
            title="Resuming workshop",
            title_align="left",
            border_style="cyan",
        )
        self.console.print(self.notice)

    def create(self) -> None:
        self.console.print(
            Panel(
                plain(
                    f"Creating {self.path}. Every answer is saved as you go; "
                    "Ctrl-C stops at any time."
                ),
                title="New workshop",
                title_align="left",
                border_style="cyan",
            )
        )
        title = self.ask.text("Title of the journey you are assessing:", required=True)
        organisation = self.ask.text("Organisation (optional):")
        facilitator = self.ask.text("Facilitator (optional):")
        people = self.ask.text("Participants, separated by commas (optional):")
        questionnaire = self.choose_questionnaire()
        touchpoints = self.choose_journey()
        self.doc = editing.new_document(
            title,
            organisation=organisation,
            facilitator=facilitator,
            participants=[p.strip() for p in people.split(",") if p.strip()],
            questionnaire=questionnaire,
            date=self.today.isoformat(),
            touchpoints=touchpoints,
        )
        self.save()
        self.say(f"Saved {self.path} with {len(touchpoints)} touchpoints.")
        while self.ask.confirm("Add a touchpoint of your own?", default=not touchpoints):
            self.add_touchpoint(offer_scoring=False)

    def choose_questionnaire(self) -> str:
        options = []
        for name in resources.bundled_questionnaires():
            q = bundled_questionnaire(name)
            title = f"{name}: {q.title} (version {q.version})"
            options.append(Option(title, name, self.wrap(q.description)))
        options.append(Option("Another questionnaire file...", OTHER_FILE))
        while True:
            choice = self.ask.select("Questionnaire:", options, default="default")
            if choice != OTHER_FILE:
                return str(choice)
            answer = self.ask.text("Path to the questionnaire (YAML):", required=True)
            path = Path(answer).expanduser()
            try:
                read_questionnaire(path)
            except AssessError as exc:
                self.say(f"That questionnaire cannot be used: {exc}", "red")
                continue
            try:
                return os.path.relpath(path.resolve(), self.path.resolve().parent)
            except ValueError:  # another drive on Windows
                return str(path.resolve())

    def choose_journey(self) -> list[dict[str, str | None]]:
        templates = journey_templates()
        options = [
            Option(f"{t.name} ({len(t.touchpoints)} touchpoints)", key, t.description)
            for key, t in templates.items()
        ]
        key = self.ask.select("Start from which journey?", options, default="blank")
        template = templates[key]
        if not template.touchpoints:
            return []
        keep = self.ask.checkbox(
            "Touchpoints to keep:",
            [
                Option(f"{t.name}  ·  {t.stage or ''}", i, t.description, checked=True)
                for i, t in enumerate(template.touchpoints)
            ],
        )
        return [template.touchpoints[i].model_dump() for i in sorted(keep)]

    def menu_loop(self) -> None:
        finished = False  # the summary and the offer of a report come once, when all is scored
        while True:
            pending = self.next_unscored()
            if pending is not None:
                finished = False
            elif not finished:
                finished = True
                self.show_summary()
                if self.workshop.touchpoints and self.ask.confirm(
                    "Write the PDF report now?", default=True
                ):
                    self.report()
            choice = self.ask.select(
                f"What next? ({self.scored_count()} of {len(self.workshop.touchpoints)} scored)",
                self.menu_options(pending),
                default="continue" if pending is not None else "quit",
            )
            if choice == "quit":
                self.console.print(
                    f"Saved {self.path}. Resume any time with: assess run {self.path}"
                )
                return
            try:
                self.act(choice, pending)
            except Reloaded:
                continue

    def act(self, choice: str, pending: int | None) -> None:
        if choice == "continue" and pending is not None:
            self.score_touchpoint(pending, resume=True)
        elif choice == "rescore":
            index = self.pick_touchpoint("Re-score which touchpoint?")
            if index is not None:
                self.score_touchpoint(index, resume=False)
        else:
            {
                "add": self.add_touchpoint,
                "edit": self.edit_touchpoint,
                "rename": self.rename_touchpoint,
                "remove": self.remove_touchpoint,
                "move": self.move_touchpoint,
                "summary": self.show_summary,
                "report": self.report,
            }[choice]()

    def menu_options(self, pending: int | None) -> list[Option]:
        options = []
        if pending is not None:
            name = self.workshop.touchpoints[pending].name
            options.append(Option(f"Continue scoring: {name}", "continue"))
        options += [
            Option("Re-score a touchpoint", "rescore"),
            Option("Add a touchpoint", "add"),
            Option("Edit a touchpoint (stage, channel, description, notes)", "edit"),
            Option("Rename a touchpoint", "rename"),
            Option("Remove a touchpoint", "remove"),
            Option("Reorder the touchpoints", "move"),
            Option("Show the summary table", "summary"),
            Option("Write the PDF report", "report"),
            Option("Quit (everything is saved)", "quit"),
        ]
        return options

    # --- scoring --------------------------------------------------------------------------

    def score_touchpoint(self, index: int, resume: bool) -> None:
        dims = self.questionnaire.dimensions
        tp = self.workshop.touchpoints[index]
        missing = [k for k, d in enumerate(dims) if tp.scores.get(d.id) is None]
        k = missing[0] if resume and missing else 0
        help_open = False
        while k < len(dims):
            self.screen(index, current=k, show_help=help_open)
            answer = self.ask_dimension(index, k)
            help_open = answer == HELP
            if answer == HELP:
                continue
            if answer == VOTE:
                answer = self.take_votes(index, k)
            if answer == BACK:
                k -= 1
            elif answer == SKIP:
                self.set_score(index, dims[k].id, None)
                k += 1
            else:
                self.set_score(index, dims[k].id, int(answer))
                k += 1
        self.screen(index)
        result = self.result(index)
        if not result.scored:
            self.skipped.add(tp.key)
            self.say(result.reasons[0], "yellow")
            return
        self.show_verdict(index)
        note = self.ask.text(
            "Note: why did we score it so? (optional, Enter to keep)",
            default=self.workshop.touchpoints[index].notes or "",
        )
        editing.set_field(self.doc, index, "notes", note or None)
        self.save()
        while True:
            scores = self.workshop.touchpoints[index].scores
            options = [Option("No, keep this verdict", NOTHING)] + [
                Option(f"Change {d.label.lower()} (now {_answer(d, scores[d.id])})", k)
                for k, d in enumerate(dims)
            ]
            change = self.ask.select("Change an answer?", options, default=NOTHING)
            if change == NOTHING:
                return
            self.screen(index, current=change)
            answer = self.ask_dimension(index, change, allow_back=False)
            if answer not in (HELP, SKIP, BACK):
                self.set_score(index, dims[change].id, int(answer))
            self.screen(index)
            self.show_verdict(index)

    def ask_dimension(self, index: int, k: int, allow_back: bool = True) -> Any:
        d = self.questionnaire.dimensions[k]
        current = self.workshop.touchpoints[index].scores.get(d.id)
        options = self.anchor_options(d)
        options.append(Option("Show help for this question", HELP))
        options.append(Option("Record each person's vote", VOTE))
        options.append(Option("Skip for now", SKIP))
        if allow_back and k > 0:
            options.append(Option("Back to the previous question", BACK))
        return self.ask.select(
            d.question,
            options,
            default=current,
            instruction=f"({k + 1} of {len(self.questionnaire.dimensions)})",
        )

    def anchor_options(self, d: Dimension) -> list[Option]:
        # Choices must fit the terminal: the full anchor wording shows below the list for the
        # highlighted answer.
        room = max(30, self.console.width - 10)
        options = []
        for score, anchor in d.anchors.items():
            title = f"{anchor.label} · {anchor.text}"
            if len(title) > room:
                title = title[: room - 1].rstrip() + "…"
            full = self.wrap(f"{score} {anchor.label}: {anchor.text}")
            options.append(Option(title, score, full))
        return options

    def take_votes(self, index: int, k: int) -> Any:
        """Quick entry of everyone's vote, then the facilitator settles the score, starting from
        the consensus. Returns the settled answer (or SKIP/BACK, as from the question)."""
        d = self.questionnaire.dimensions[k]
        people = list(self.workshop.participants)
        if not people:
            names = self.ask.text("Who votes? Names separated by commas:", required=True)
            people = [n.strip() for n in names.split(",") if n.strip()]
        while True:
            raw = self.ask.text(
                f"{d.label}: votes of {', '.join(people)}, in that order (e.g. "
                f"{' '.join(str(n % 5 + 1) for n in range(len(people)))}):",
                required=True,
            )
            digits = raw.replace(",", " ").split()
            if len(digits) == len(people) and all(x in {"1", "2", "3", "4", "5"} for x in digits):
                break
            self.say(
                f"Give {len(people)} numbers from 1 to 5, one per person, separated by spaces.",
                "red",
            )
        for person, vote in zip(people, digits, strict=True):
            editing.set_vote(
                self.doc, index, person, d.id, int(vote), self.questionnaire.dimension_ids
            )
        self.save()
        found = self.result(index).consensus[d.id]
        style = "yellow" if found.disagreement else "green"
        spread = f"spread {found.high - found.low}" + (
            " — the team disagrees" if found.disagreement else ""
        )
        self.console.print(
            plain(
                f"Votes: {found.describe_votes()} · {spread} · consensus "
                f"{found.value}"
                + (
                    f" (median {found.median:g}, rounded {found.rounded} to protect the human)"
                    if found.rounded
                    else ""
                ),
                style=style,
            )
        )
        options = [*self.anchor_options(d), Option("Skip for now", SKIP)]
        return self.ask.select(
            f"Settle {d.label.lower()} (Enter takes the consensus):", options, default=found.value
        )

    def wrap(self, text: str) -> str:
        """A choice's description, wrapped to the terminal: questionary shows it below the list,
        after "  Description: ", and cuts what does not fit."""
        return textwrap.fill(text, width=max(30, self.console.width - 16), subsequent_indent="  ")

    def set_score(self, index: int, dimension: str, value: int | None) -> None:
        editing.set_score(self.doc, index, dimension, value, self.questionnaire.dimension_ids)
        self.save()

    def screen(self, index: int, current: int | None = None, show_help: bool = False) -> None:
        """Redraw the touchpoint's screen: where it sits, its answers so far, and which question
        is open. On a projector the room sees one touchpoint at a time, always tidy."""
        tp = self.workshop.touchpoints[index]
        total = len(self.workshop.touchpoints)
        where = " · ".join(p for p in (tp.stage, tp.channel) if p)
        self.console.clear()
        if self.notice is not None:
            self.console.print(self.notice)
            self.notice = None
        title = f"Touchpoint {index + 1} of {total}" + (f" · {where}" if where else "")
        self.console.print(Rule(plain(title), align="left", style="cyan"))
        self.console.print(plain(tp.name, "bold"))
        if tp.description:
            self.console.print(plain(tp.description, "dim"))
        for k, d in enumerate(self.questionnaire.dimensions):
            score = tp.scores.get(d.id)
            line = Text("  ▸ " if k == current else "    ", style="cyan bold")
            line.append(f"{d.label:<22}", style="bold" if k == current else "")
            line.append(_answer(d, score), style="" if score is not None else "dim")
            self.console.print(line, no_wrap=True, overflow="ellipsis")
        self.console.print()
        if show_help and current is not None:
            d = self.questionnaire.dimensions[current]
            self.console.print(
                Panel(
                    plain(d.help),
                    title=plain(f"Help: {d.label}"),
                    title_align="left",
                    border_style="blue",
                )
            )

    def show_verdict(self, index: int) -> None:
        r = self.result(index)
        head = verdict_text(r.recommendation)
        if r.assist_kind:
            head.append(f" · {r.assist_kind.label}", style="bold")
        head.append(f"   automation fit {r.fit}/100", style="dim")
        body: list[Any] = [head, Text()]
        body += [plain(f"• {reason}") for reason in r.reasons]
        if r.borderline:
            flips = "; ".join(f.message for f in r.borderline)
            body += [Text(), Text(f"Borderline: this verdict {flips}.", style="yellow")]
        self.console.print(
            Panel(
                Group(*body),
                title=plain(self.workshop.touchpoints[index].name),
                title_align="left",
                border_style="green",
            )
        )

    # --- editing the journey ----------------------------------------------------------------

    def pick_touchpoint(self, message: str) -> int | None:
        results = self.assessment().results
        options = [
            Option(f"{i + 1}. {r.touchpoint.name} · {verdict_text(r.recommendation).plain}", i)
            for i, r in enumerate(results)
        ]
        options.append(Option("Back to the menu", NOTHING))
        choice = self.ask.select(message, options, default=0)
        return None if choice == NOTHING else int(choice)

    def ask_name(self, message: str, default: str = "", exclude: int | None = None) -> str:
        taken = {tp.name for i, tp in enumerate(self.workshop.touchpoints) if i != exclude}
        while True:
            name = self.ask.text(message, default=default, required=True)
            if name not in taken:
                return name
            self.say(f"There is already a touchpoint named {name!r}. Choose another name.", "red")

    def ask_stage(self, default: str | None = None) -> str | None:
        stages = self.workshop.stages
        if not stages:
            return self.ask.text("Stage (optional):") or None
        options = [Option(s, s) for s in stages] + [
            Option("A new stage...", NEW_STAGE),
            Option("No stage", NOTHING),
        ]
        stage = self.ask.select("Stage:", options, default=default or stages[-1])
        if stage == NEW_STAGE:
            return self.ask.text("Name of the new stage:", required=True)
        return None if stage == NOTHING else str(stage)

    def add_touchpoint(self, offer_scoring: bool = True) -> None:
        name = self.ask_name("Name of the new touchpoint:")
        fields = {
            "name": name,
            "stage": self.ask_stage(),
            "channel": self.ask.text("Channel (optional, e.g. chat, phone, in person):") or None,
            "description": self.ask.text("Description (optional):") or None,
        }
        index = editing.add_touchpoint(self.doc, fields)
        self.save()
        self.say(f"Added {name!r} as touchpoint {index + 1}.")
        if offer_scoring and self.ask.confirm("Score it now?", default=True):
            self.score_touchpoint(index, resume=True)

    def edit_touchpoint(self) -> None:
        index = self.pick_touchpoint("Edit which touchpoint?")
        if index is None:
            return
        while True:
            tp = self.workshop.touchpoints[index]
            field = self.ask.select(
                f"Edit {tp.name!r}:",
                [
                    Option(f"Stage: {tp.stage or '-'}", "stage"),
                    Option(f"Channel: {tp.channel or '-'}", "channel"),
                    Option(f"Description: {_short(tp.description)}", "description"),
                    Option(f"Notes: {_short(tp.notes)}", "notes"),
                    Option("Done", NOTHING),
                ],
                default=NOTHING,
            )
            if field == NOTHING:
                return
            value = (
                self.ask_stage(tp.stage)
                if field == "stage"
                else self.ask.text(
                    f"{field.capitalize()} (empty to clear):", default=getattr(tp, field) or ""
                )
            )
            editing.set_field(self.doc, index, field, value or None)
            self.save()

    def rename_touchpoint(self) -> None:
        index = self.pick_touchpoint("Rename which touchpoint?")
        if index is None:
            return
        old = self.workshop.touchpoints[index].name
        editing.set_field(
            self.doc, index, "name", self.ask_name("New name:", default=old, exclude=index)
        )
        self.save()

    def remove_touchpoint(self) -> None:
        index = self.pick_touchpoint("Remove which touchpoint?")
        if index is None:
            return
        name = self.workshop.touchpoints[index].name
        if self.ask.confirm(
            f"Remove {name!r} and its answers? This cannot be undone.", default=False
        ):
            editing.remove_touchpoint(self.doc, index)
            self.save()
            self.say(f"Removed {name!r}.")

    def move_touchpoint(self) -> None:
        index = self.pick_touchpoint("Move which touchpoint?")
        if index is None:
            return
        names = [tp.name for tp in self.workshop.touchpoints]
        options = [
            Option(
                f"{j + 1}. {'(here now)' if j == index else 'where ' + repr(names[j]) + ' is'}", j
            )
            for j in range(len(names))
        ]
        target = self.ask.select(f"Move {names[index]!r} to position:", options, default=index)
        if target != index:
            editing.move_touchpoint(self.doc, index, target)
            self.save()

    # --- results ----------------------------------------------------------------------------

    def show_summary(self) -> None:
        assessment = self.assessment()
        self.console.print(results_table(assessment))
        self.say(f"Summary: {summary_sentence(assessment.summary)}.")

    def report(self) -> None:
        target = self.path.with_suffix(".pdf")
        try:
            self.write_report(self.assessment(), target)
        except AssessError as exc:
            self.say(f"The report could not be written: {exc}", "red")


def _short(text: str | None, width: int = 40) -> str:
    if not text:
        return "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _answer(d: Dimension, score: int | None) -> str:
    return "not yet answered" if score is None else f"{score} {d.anchors[score].label}"
