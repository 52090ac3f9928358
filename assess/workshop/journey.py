"""Changing the journey during a workshop: add, edit, remove and reorder touchpoints. Every
sub-flow has a way back to the menu: Esc, or an empty answer where a name is asked."""

from __future__ import annotations

from assess.files import editing
from assess.i18n import N_, _
from assess.models import LABEL_MAX, LONG_TEXT_MAX, TOUCHPOINT_TEXT_MAX
from assess.textsafety import clip
from assess.views.terminal import verdict_text
from assess.workshop.prompts import Option
from assess.workshop.state import Back, State
from assess.workshop.walk import score_touchpoint

NEW_STAGE = "__new_stage__"
NOTHING = "__nothing__"
#: The fields a room edits, with their names on screen.
FIELDS = {
    "name": N_("Name"),
    "stage": N_("Stage"),
    "channel": N_("Channel"),
    "description": N_("Description"),
    "notes": N_("Notes"),
}


def pick_touchpoint(s: State, message: str) -> int:
    """A touchpoint, by number: in a long list, typing its number filters to it."""
    results = s.assessment().results
    options = [
        Option(f"{i + 1}. {r.touchpoint.name} · {verdict_text(r.recommendation).plain}", i)
        for i, r in enumerate(results)
    ]
    options.append(Option(_("Back to the menu"), NOTHING, key="0"))
    choice = s.select(message, options, default=0)
    if choice == NOTHING:
        raise Back
    return int(choice)


def ask_name(s: State, message: str, default: str = "", exclude: int | None = None) -> str:
    taken = {
        tp.name.strip().casefold() for i, tp in enumerate(s.workshop.touchpoints) if i != exclude
    }
    while True:
        name = s.text(
            _("%(question)s (Enter on an empty line: back)") % {"question": message},
            default=default,
        )
        if not name:
            raise Back
        if name.strip().casefold() not in taken:
            return name
        said = {"name": repr(name)}
        s.say(_("There is already a touchpoint named %(name)s. Choose another name.") % said, "red")


def ask_stage(s: State, default: str | None = None) -> str | None:
    stages = s.workshop.stages
    if not stages:
        return s.text(_("Stage (optional):"), limit=LABEL_MAX) or None
    options = [Option(stage, stage) for stage in stages] + [
        Option(_("A new stage..."), NEW_STAGE),
        Option(_("No stage"), NOTHING),
    ]
    stage = s.select(_("Stage:"), options, default=default or stages[-1])
    if stage == NEW_STAGE:
        return s.text(_("Name of the new stage:"), required=True, limit=LABEL_MAX)
    return None if stage == NOTHING else str(stage)


def add_touchpoint(s: State, offer_scoring: bool = True) -> int:
    """A new touchpoint at the end of its stage (or of the journey). Returns its position."""
    name = ask_name(s, _("Name of the new touchpoint:"))
    stage = ask_stage(s)
    fields = {
        "name": name,
        "stage": stage,
        "channel": s.text(_("Channel (optional, e.g. chat, phone, in person):"), limit=LABEL_MAX)
        or None,
        "description": s.text(_("Description (optional):"), limit=LONG_TEXT_MAX) or None,
    }
    index = editing.add_touchpoint(s.doc, fields, editing.end_of_stage(s.doc, stage))
    s.save()
    s.say(_("Added %(name)s as touchpoint %(n)s.") % {"name": repr(name), "n": index + 1})
    if offer_scoring and s.confirm(_("Score it now?"), default=True):
        score_touchpoint(s, index, resume=True)
    return index


def edit_touchpoint(s: State) -> None:
    index = pick_touchpoint(s, _("Edit which touchpoint?"))
    while True:
        tp = s.workshop.touchpoints[index]
        options = [
            Option(
                _("%(field)s: %(value)s")
                % {"field": _(label), "value": _short(getattr(tp, field))},
                field,
                key=str(n),
            )
            for n, (field, label) in enumerate(FIELDS.items(), 1)
        ]
        options.append(Option(_("Done"), NOTHING, key="0"))
        field = s.select(_("Edit %(name)s:") % {"name": repr(tp.name)}, options, default=NOTHING)
        if field == NOTHING:
            return
        if field == "name":
            s.set_field(index, "name", ask_name(s, _("New name:"), default=tp.name, exclude=index))
        elif field == "stage":
            s.set_field(index, "stage", ask_stage(s, tp.stage))
        else:
            value = s.text(
                _("%(field)s (empty to clear):") % {"field": _(FIELDS[str(field)])},
                default=getattr(tp, field) or "",
                limit=TOUCHPOINT_TEXT_MAX[field],
            )
            s.set_field(index, field, value or None)


def remove_touchpoint(s: State) -> None:
    index = pick_touchpoint(s, _("Remove which touchpoint?"))
    said = {"name": repr(s.workshop.touchpoints[index].name)}
    question = _("Remove %(name)s and its answers? This cannot be undone.") % said
    if s.confirm(question, default=False):
        editing.remove_touchpoint(s.doc, index)
        s.save()
        s.say(_("Removed %(name)s.") % said)


def move_touchpoint(s: State) -> None:
    index = pick_touchpoint(s, _("Move which touchpoint?"))
    names = [tp.name for tp in s.workshop.touchpoints]
    options = [
        Option(
            f"{j + 1}. "
            + (
                _("(here now)") if j == index else _("where %(name)s is") % {"name": repr(names[j])}
            ),
            j,
        )
        for j in range(len(names))
    ]
    question = _("Move %(name)s to position:") % {"name": repr(names[index])}
    target = s.select(question, options, default=index)
    if target != index:
        editing.move_touchpoint(s.doc, index, int(target))
        s.save()


def _short(text: str | None, width: int = 40) -> str:
    return clip(text, width) if text else "-"
