"""Opening a workshop: create a new one (title first, saved at once), or open an existing one
and go back to where the room stopped."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.panel import Panel
from rich.text import Text

from assess.errors import AssessError
from assess.files import editing, resources, translation
from assess.files.loader import bundled_questionnaire, journey_templates, read_questionnaire
from assess.files.storage import Place
from assess.i18n import DEFAULT_LANGUAGE, _, current, ngettext
from assess.method.explain import optional_sentence
from assess.models import LONG_TEXT_MAX, PATH_MAX
from assess.views.terminal import plain
from assess.workshop import after, journey, votes, walk
from assess.workshop.prompts import Option
from assess.workshop.state import Back, State

OTHER_FILE = "__other__"


def untouched(s: State) -> bool:
    """Nothing of the room's yet (a new file, or a team's merged from hand-outs): no answer,
    decision, action or time of the room's, nothing walked."""
    return not s.walked and not any(
        tp.scores or tp.settled or tp.actions or tp.parked or tp.minutes_used
        for tp in s.workshop.touchpoints
    )


def open_workshop(s: State) -> None:
    s.read()
    s.keep_timebox()
    total = len(s.workshop.touchpoints)
    progress = ngettext(
        "%(n)s of %(total)s touchpoint scored", "%(n)s of %(total)s touchpoints scored", total
    ) % {"n": s.scored_count(), "total": total}
    if walk_left := s.to_walk():
        progress += " · " + _("%(n)s with the team's answers to walk through") % {"n": walk_left}
    first = untouched(s)  # the first run of a new file starts it; later runs resume it
    q = s.questionnaire
    said = {"progress": progress, "name": q.name, "version": q.version, "file": s.path.name}
    s.console.print(
        Panel(
            Text.assemble(
                plain(s.workshop.title, "bold"),
                "\n",
                _("%(progress)s · questionnaire %(name)s %(version)s") % said,
            ),
            title=_("Starting workshop") if first else _("Resuming workshop"),
            title_align="left",
            border_style="cyan",
        )
    )
    s.notice = (
        _("Started %(file)s: %(progress)s.") if first else _("Resumed %(file)s: %(progress)s.")
    ) % said


def resume(s: State) -> None:
    """Where the last run stopped comes first (a question, or a note being typed); then the
    first touchpoint still open: an open question, or team answers to walk through."""
    place = s.file.pending()
    s.file.clear_pending()
    if place is not None and go_back_to(s, place) and place.settle:
        return  # back in the settle pass, which the room left: then the menu
    walk.walk_on(s)


def go_back_to(s: State, place: Place) -> bool:
    """Return to `place`: a question, a note, or a split in the settle pass; False when it is
    no longer there to return to."""
    index = s.index_of(place.touchpoint)
    if index is None:
        return False
    if place.settle and place.question is not None:
        s.settle_from = (place.touchpoint, s.questionnaire.dimension_ids[place.question])
        votes.settle(s)
    elif place.question is not None:
        walk.score_touchpoint(
            s, index, resume=not place.every, start=place.question, walking=not place.every
        )
    elif s.result(index).scored and place.note is None:  # an undo: the touchpoint's menu
        with s.on(index):
            after.touchpoint_menu(s, index)
    elif s.result(index).scored:
        with s.on(index):
            after.after_answers(s, index, place.note, walking=True)
    else:
        return False
    return True


def create(s: State) -> None:
    s.console.print(
        Panel(
            plain(
                _("Creating %(path)s. Every answer is saved as you go; Ctrl-C stops at any time.")
                % {"path": s.path}
            ),
            title=_("New workshop"),
            title_align="left",
            border_style="cyan",
        )
    )
    title = s.text(_("Title of the journey you are assessing:"), required=True)
    code = current().code  # a workshop begun in German says so, for the next run and report
    language = "" if code == DEFAULT_LANGUAGE else code
    s.doc = editing.new_document(title, date=s.today.isoformat(), language=language)
    s.save()  # from here on, nothing the room types is lost
    # Esc at any question from here skips it: the workshop exists, the rest can follow.
    for key, question in (
        ("organisation", _("Organisation (optional):")),
        ("facilitator", _("Facilitator (optional):")),
    ):
        _set_meta(s, key, _skippable(partial(s.text, question)) or None)
    people_question = _("Participants, separated by commas (optional):")
    answer = _skippable(lambda: s.text(people_question, limit=LONG_TEXT_MAX)) or ""
    people = [p.strip() for p in answer.split(",") if p.strip()]
    if people:
        s.doc.insert(list(s.doc).index("touchpoints"), "participants", people)
        s.save()
    _set_meta(s, "questionnaire", _skippable(lambda: choose_questionnaire(s)) or "default")
    add_journey(s)
    s.keep_timebox()


def _skippable(ask: Callable[[], str]) -> str | None:
    """An answer, or None when the room pressed Esc."""
    try:
        return ask()
    except Back:
        return None


def add_journey(s: State) -> None:
    """The starting journey's touchpoints (Esc: none), then any of the room's own."""
    try:
        touchpoints = choose_journey(s)
    except Back:
        touchpoints = []
    for fields in touchpoints:
        editing.add_touchpoint(s.doc, fields)
    s.save()
    said = {"path": s.path, "n": len(touchpoints)}
    s.say(
        ngettext(
            "Saved %(path)s with %(n)s touchpoint.",
            "Saved %(path)s with %(n)s touchpoints.",
            len(touchpoints),
        )
        % said
    )
    try:
        while s.confirm(_("Add a touchpoint of your own?"), default=not touchpoints):
            journey.add_touchpoint(s, offer_scoring=False)
    except Back:
        pass


def _set_meta(s: State, key: str, value: str | None) -> None:
    if value:
        keys = list(s.doc)
        s.doc.insert(keys.index("date") if "date" in keys else len(keys), key, value)
        s.save()


def choose_questionnaire(s: State) -> str:
    options = []
    for name in resources.bundled_questionnaires():
        # Its title and description in the room's language, where it is translated.
        q, _notes = translation.in_language(bundled_questionnaire(name), name, current())
        title = _("%(name)s: %(title)s (version %(version)s)") % {
            "name": name,
            "title": q.title,
            "version": q.version,
        }
        about = f"{q.description} {optional_sentence(q)}".strip()
        options.append(Option(title, name, s.wrap(about)))
    options.append(Option(_("Another questionnaire file..."), OTHER_FILE))
    while True:
        choice = s.select(_("Questionnaire:"), options, default="default")
        if choice != OTHER_FILE:
            return str(choice)
        typed = s.text(_("Path to the questionnaire (YAML):"), required=True, limit=PATH_MAX)
        path = Path(typed).expanduser()
        try:
            read_questionnaire(path)
            relative = os.path.relpath(path.resolve(), s.path.resolve().parent)
        except AssessError as exc:
            s.say(_("That questionnaire cannot be used: %(problem)s") % {"problem": exc}, "red")
            continue
        if relative.startswith(".."):
            s.say(_("Keep the questionnaire in the workshop's folder (or below it)."), "red")
            continue
        return relative


def choose_journey(s: State) -> list[dict[str, str | None]]:
    code = current().code
    # In another language, its own templates (every bundled one is translated).
    templates = journey_templates(None if code == DEFAULT_LANGUAGE else code) or journey_templates()
    options = [
        Option(
            ngettext(
                "%(name)s (%(n)s touchpoint)", "%(name)s (%(n)s touchpoints)", len(t.touchpoints)
            )
            % {"name": t.name, "n": len(t.touchpoints)},
            key,
            t.description,
        )
        for key, t in templates.items()
    ]
    key = s.select(_("Start from which journey?"), options, default="blank")
    template = templates[key]
    if not template.touchpoints:
        return []
    keep = s.prompter.checkbox(
        _("Touchpoints to keep:"),
        [
            Option(f"{t.name}  ·  {t.stage or ''}", i, t.description, checked=True)
            for i, t in enumerate(template.touchpoints)
        ],
    )
    return [template.touchpoints[i].model_dump() for i in sorted(keep)]
