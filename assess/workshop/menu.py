"""The session's flow: open or create the workshop, resume where the room stopped, walk on,
then the menu. Every menu choice keeps its number whatever the state (an unavailable one is
shown greyed out), and Esc anywhere returns here. An undo anywhere goes back to where the
undone answer was given. The cursor never starts on the report: a stray Enter renders
nothing."""

from __future__ import annotations

import contextlib

from assess.errors import AssessError
from assess.files.output import summary_sentence
from assess.files.storage import default_report_path
from assess.i18n import N_, _, in_sentence, ngettext
from assess.views.terminal import ProgressBar
from assess.workshop import journey, phonevote, votes, walk
from assess.workshop.opening import add_journey, create, go_back_to, open_workshop, resume
from assess.workshop.pager import page_table
from assess.workshop.prompts import Option
from assess.workshop.screen import summary_table
from assess.workshop.state import Back, Reloaded, State, Undid

#: The menu, in a fixed order with fixed keys.
MENU = (
    ("continue", "1", N_("Continue scoring")),
    ("settle", "2", N_("Settle disagreements")),
    ("rescore", "3", N_("Re-score a touchpoint")),
    ("add", "4", N_("Add a touchpoint")),
    ("edit", "5", N_("Edit a touchpoint (name, stage, channel, description, notes)")),
    ("remove", "6", N_("Remove a touchpoint")),
    ("move", "7", N_("Reorder the touchpoints")),
    ("summary", "8", N_("Show the summary table")),
    ("report", "9", N_("Write the PDF report")),
    ("quit", "0", N_("Quit (everything is saved)")),
)
#: The lines the menu takes below what was shown before it.
MENU_LINES = len(MENU) + 3


def run(s: State) -> None:
    s.file.lock()
    if s.path.exists():
        open_workshop(s)
        if not s.workshop.touchpoints:  # stopped before its journey was chosen
            with contextlib.suppress(Back, Reloaded):
                add_journey(s)
    else:
        try:
            create(s)
        except Back:  # Esc at the title: there is no workshop yet, and nothing was written
            s.say(_("Stopped; nothing was saved."))
            return
    phonevote.start(s)  # with --phones: the server, once the participants are known
    try:
        resume(s)
    except Undid as undid:
        follow(s, undid)
    except Back:
        pass
    except Reloaded:
        warn_reloaded(s)
    menu_loop(s)


def follow(s: State, undid: Undid) -> None:
    """After an undo: back to where the undone answer was given, so the room can give it
    again (a further undo goes further back); then the walk goes on."""
    place: Undid | None = undid
    while place is not None:
        target, place = place.place, None
        try:
            if target is not None:
                go_back_to(s, target)
            walk.walk_on(s)
        except Undid as again:
            place = again
        except Back:
            return
        except Reloaded:
            warn_reloaded(s)
            return


def warn_reloaded(s: State) -> None:
    """Say why the room is back at the menu after an edit made outside the session."""
    if s.notice:
        s.say(s.notice, "bold red")
        s.notice = None


def menu_options(s: State, pending: int | None) -> list[Option]:
    splits = len(votes.split_dimensions(s))
    left = len(votes.unsettled(s))
    none = _("no touchpoints yet") if not s.workshop.touchpoints else None
    settled = _("every split is settled") if splits else _("no split votes")
    unavailable = {
        "continue": None if _continues(s, pending) is not None else _("every touchpoint is scored"),
        "settle": None if left else settled,
        "rescore": none,
        "edit": none,
        "remove": none,
        "move": None if len(s.workshop.touchpoints) > 1 else _("fewer than two touchpoints"),
        "report": none,
    }
    titles = {"continue": _continue_title(s, pending)}
    if left:
        titles["settle"] = ngettext(
            "Settle disagreements (%(left)s of %(n)s split vote left)",
            "Settle disagreements (%(left)s of %(n)s split votes left)",
            splits,
        ) % {"left": left, "n": splits}
    return [
        Option(titles.get(value, _(title)), value, key=key, disabled=unavailable.get(value))
        for value, key, title in MENU
    ]


def _continues(s: State, pending: int | None) -> int | None:
    """The touchpoint "continue" opens: where Esc left a walk, else the next open one."""
    if s.place is not None and (index := s.index_of(s.place.touchpoint)) is not None:
        return index
    return pending


def _continue_title(s: State, pending: int | None) -> str:
    index = _continues(s, pending)
    if index is None:
        return _("Continue scoring")
    result = s.result(index)
    said = {"name": result.touchpoint.name, "n": index + 1}
    if s.place is not None and s.place.question is not None:
        said["question"] = in_sentence(s.questionnaire.dimensions[s.place.question].label)
        return _("Continue: %(name)s, at %(question)s") % said
    if s.needs_walk(result):
        return _("Continue the walk: %(n)s. %(name)s (the team's answers)") % said
    return _("Continue scoring: %(name)s") % said


def next_action(s: State, pending: int | None, escaped: str | None) -> str:
    """Where the menu's cursor starts: the next useful thing (after Esc in the settle pass,
    the settle pass), never Quit after Esc, and never the report: a stray Enter must not
    start a render (the report is offered with y and Enter once everything is done)."""
    if escaped == "settle" and votes.unsettled(s):
        return "settle"
    if _continues(s, pending) is not None:
        return "continue"
    if votes.unsettled(s):
        return "settle"
    return "summary" if s.workshop.touchpoints and (escaped or not s.report_current) else "quit"


def menu_loop(s: State) -> None:
    finished = False  # the summary and the offer of a report come once, when all is done
    escaped: str | None = None  # the choice the room left with Esc
    while True:
        pending = s.next_unscored()
        s.notice = None  # a notice is for the screen it was meant for, never a later one
        s.previous = None  # Back to the touchpoint the walk just left: only within the walk
        finished = _finish(s, pending, finished)
        total = len(s.workshop.touchpoints)
        show_header(s)
        try:
            choice = s.select(
                _("What next? (%(progress)s)") % {"progress": _progress(s, total)},
                menu_options(s, pending),
                default=next_action(s, pending, escaped),
                instruction=_("(number, Enter; u: undo)"),
                backdrop=lambda: show_header(s),
            )
        except Undid as undid:
            follow(s, undid)
            continue
        except Back:
            escaped = "menu"
            continue
        if choice == "quit":
            s.say(_("Saved %(path)s. Resume any time with: assess run %(path)s") % {"path": s.path})
            return
        escaped = None
        try:
            act(s, choice, pending)
        except Undid as undid:
            follow(s, undid)
        except Back:
            escaped = choice
        except Reloaded:
            warn_reloaded(s)


def _finish(s: State, pending: int | None, finished: bool) -> bool:
    """Once everything is walked and settled: the summary, and the report offered (y, then
    Enter). Returns whether that was done, so it comes once."""
    if _continues(s, pending) is not None or votes.unsettled(s):
        return False
    if not finished:
        show_summary(s, after=2)
        if s.workshop.touchpoints and s.confirm(
            _("Write the PDF report now? (y, then Enter; Enter alone: not now)"), default=False
        ):
            report(s)
    return True


def show_header(s: State) -> None:
    """The header above the menu (`7/12 · 3 splits open · 41 min left`), then any notice."""
    header = s.header()
    if header is not None:
        s.console.print(header, no_wrap=True, crop=True)
    if s.notice:
        s.say(s.notice, "cyan")
        s.notice = None


def _progress(s: State, total: int) -> str:
    progress = _("%(n)s of %(total)s scored") % {"n": s.scored_count(), "total": total}
    if left := s.to_walk():
        progress += ", " + _("%(n)s to walk") % {"n": left}
    if left := len(votes.unsettled(s)):
        said = ngettext("%(n)s split to settle", "%(n)s splits to settle", left) % {"n": left}
        progress += ", " + said
    return progress


def go_on(s: State, pending: int | None) -> None:
    """Continue: back to where Esc left a walk, else the next open touchpoint."""
    place = s.place
    if place is None or not go_back_to(s, place):
        s.place = None
        if pending is not None:
            walk.score_touchpoint(s, pending, resume=True, walking=True)
    walk.walk_on(s)


def act(s: State, choice: str, pending: int | None) -> None:
    if choice == "continue":
        go_on(s, pending)
    elif choice == "rescore":
        index = journey.pick_touchpoint(s, _("Re-score which touchpoint?"))
        walk.score_touchpoint(s, index, False)
    elif choice == "settle":
        votes.settle(s)
    elif choice == "add":
        journey.add_touchpoint(s)
    elif choice == "edit":
        journey.edit_touchpoint(s)
    elif choice == "remove":
        journey.remove_touchpoint(s)
    elif choice == "move":
        journey.move_touchpoint(s)
    elif choice == "summary":
        show_summary(s, after=MENU_LINES)
    elif choice == "report":
        report(s)


def show_summary(s: State, after: int) -> None:
    """The summary table, a page at a time when it would not fit with the `after` lines that
    follow it."""
    assessment = s.assessment()
    width = s.console.width
    page_table(
        s,
        len(assessment.results),
        lambda rows: summary_table(assessment, width, rows),
        after + 1,
        _("Enter: go on"),
    )
    s.say(_("Summary: %(verdicts)s.") % {"verdicts": summary_sentence(assessment.summary)})


def report(s: State) -> None:
    """Write the PDF beside the workshop. Never silent: a spinner while it renders. Ctrl-C
    cancels back to the menu and leaves the previous PDF as it was."""

    target = default_report_path(s.path, "pdf")
    try:
        label = _("Writing %(file)s (Ctrl-C cancels)") % {"file": target.name}
        with ProgressBar(s.console, label) as bar:
            pages = s.write_report(s.assessment(), target, bar)
    except KeyboardInterrupt:
        s.say(_("Cancelled. The previous report, if any, is as it was."), "yellow")
        return
    except AssessError as exc:
        s.say(_("The report could not be written: %(problem)s") % {"problem": exc}, "red")
        return
    s.report_current = True
    said = {"file": target.resolve(), "n": pages}
    s.say(
        ngettext("Wrote %(file)s (%(n)s page).", "Wrote %(file)s (%(n)s pages).", pages) % said,
        "green",
    )
