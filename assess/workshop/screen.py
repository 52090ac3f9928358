"""What the room sees, as a pure function of the session's state: state in, lines out, for a
given width and height. On a projector at 80x24, and down to 60x20, the touchpoint's name,
"N of M" and the verdict always stay on screen; the reasons and answers are shortened to fit,
never those.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from assess.i18n import _, ngettext
from assess.method.explain import DECIDES, FIT, SETTLED, SPLIT, Reason
from assess.method.scoring import Assessment, Result
from assess.models import VERDICTS, Dimension, Questionnaire
from assess.textsafety import for_terminal
from assess.views.terminal import plain, verdict_text


def current_answer(d: Dimension, result: Result) -> int | None:
    """The answer that counts now: the room's (its decision over the votes, where people
    voted), else the team's consensus."""
    return result.scores.get(d.id)


def header_text(done: int, total: int, open_splits: int, clock: str | None = None) -> str:
    """The line on top of every screen: `7/12 · 3 splits open · 41 min left`."""
    splits = ngettext("%(n)s split open", "%(n)s splits open", open_splits) % {"n": open_splits}
    return " · ".join(part for part in (f"{done}/{total}", splits, clock) if part)


#: The lines a question screen never loses: "Touchpoint N of M", the name, the verdict.
ESSENTIAL_LINES = 3


def fit(text: str, width: int) -> str:
    """`text` in at most `width` characters: cut after a whole word, with "…" where it was cut."""
    if len(text) <= width:
        return text
    cut = text[: max(width - 1, 0)]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ·,;:") + "…"


def describe_answer(
    d: Dimension, result: Result, people: Sequence[str] = (), named: bool = False
) -> str:
    """'4 Expert judgement · votes 2 5 4 3', or 'not yet answered'; `-` for someone among
    `people` (or among those who voted on anything here) who gave no vote on this question.
    `named`: each vote with its voter's name ('Ana 2, Ben 5'), for the question being asked;
    an open split says so."""
    value = current_answer(d, result)
    text = _("not yet answered") if value is None else f"{value} {d.anchors[value].label}"
    team = result.consensus.get(d.id)
    if team:
        voters = list(dict.fromkeys([*people, *result.touchpoint.votes, *team.votes]))
        if named:
            text += " · " + ", ".join(f"{p} {team.votes.get(p, '-')}" for p in voters)
        else:
            votes = " ".join(str(team.votes.get(p, "-")) for p in voters)
            text += " · " + _("votes %(votes)s") % {"votes": votes}
        if team.settled is not None:
            text += " " + _("(settled)")
        elif team.open:
            text += " · " + _("split %(low)s–%(high)s") % {"low": team.low, "high": team.high}
        elif team.room is not None and team.room != team.value:
            text += " " + _("(the room's)")
    return text


def verdict_line(result: Result) -> Text:
    line = verdict_text(result.recommendation)
    said = result.assist_kind.label if result.assist_kind else result.tagline
    if said:
        line.append(f" · {said}", style="bold")
    if result.fit is not None:
        line.append(" · " + _("fit %(fit)s/100") % {"fit": result.fit}, style="")
    if result.borderline:
        line.append(" · " + _("borderline"), style="yellow")
    return line


def decisive_first(result: Result) -> list[Reason]:
    """Reasons with the most decisive first: a guardrail that decided, then the fit, then the
    team's disagreements, then the rest in their order."""
    order = {DECIDES: 0, FIT: 1, SPLIT: 2, SETTLED: 2}
    return sorted(result.reasons, key=lambda reason: order.get(reason.kind, 3))


@dataclass(frozen=True)
class Where:
    """Where the room is: which touchpoint, of how many, which question is open."""

    index: int
    total: int
    current: int | None = None
    show_help: bool = False
    #: How the room can see every reason from here ("m shows all"); None: after the
    #: questions; empty: no way from here, so no hint.
    more: str | None = None
    #: Everyone who takes part, so a missing vote shows as "-".
    people: tuple[str, ...] = ()
    #: The line on top of every screen (`7/12 · 3 splits open · 41 min left`), if any.
    header: str | None = None


def _crop(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(width, overflow="ellipsis")
    return text


def _wrapped(text: str, width: int, style: str = "", indent: str = "") -> list[Text]:
    lines = textwrap.wrap(
        for_terminal(text), width=width, initial_indent=indent, subsequent_indent="  "
    )
    return [Text(line, style=style) for line in lines] or [Text("")]


def touchpoint_screen(
    q: Questionnaire, result: Result, where: Where, width: int, height: int
) -> list[Text]:
    """The touchpoint's screen in at most `height` lines of at most `width` cells."""
    tp = result.touchpoint
    place = " · ".join(p for p in (tp.stage, tp.channel) if p)
    which = _("Touchpoint %(n)s of %(total)s") % {"n": where.index + 1, "total": where.total}
    title = f"── {which}" + (f" · {place} " if place else " ")
    must: list[Text] = [
        _crop(Text(for_terminal(title).ljust(width, "─"), style="cyan"), width),
        _crop(plain(tp.name, "bold"), width),
    ]
    if where.header is not None:
        must.insert(0, _crop(Text(where.header, style="bold"), width))
    answers = []
    for k, d in enumerate(q.dimensions):
        value = current_answer(d, result)
        line = Text()
        line.append("  ▸ " if k == where.current else "    ", style="cyan bold")
        line.append(f"{d.label:<22}", style="bold" if k == where.current else "")
        named = describe_answer(d, result, where.people, named=k == where.current)
        line.append(for_terminal(named), style="" if value is not None else "dim")
        if k == where.current and line.cell_len > width:  # its votes before the column
            line = _alone(q, result, where, width)
        answers.append(_crop(line, width))
    verdict = [_crop(verdict_line(result), width)] if result.scored else []
    helped = help_lines(q, where, width)
    # Priority: where we are and the verdict always; then help the room asked for (a line at
    # least), the answers (the open question's first); then reasons and the description in
    # what is left.
    if len(must) + len(answers) + len(verdict) + len(helped) > height:
        # Alone, the open question's line needs no column: its votes get the room.
        current = [_alone(q, result, where, width)] if where.current is not None else []
        fits = len(must) + len(verdict) + len(current) + min(len(helped), 1) <= height
        answers = current if fits else []
    fixed = must + answers + verdict
    room = height - len(fixed)
    extra = _cut(helped, room)
    room -= len(extra)
    if result.scored and room > 0:
        extra += _reasons(result, width, room, where.more)
    elif not result.scored and room > 0 and tp.description:
        extra += _wrapped(tp.description, width, "dim")[:1]
    lines = must + answers + verdict + extra
    return lines[: max(height, len(must) + len(verdict))]


def _alone(q: Questionnaire, result: Result, where: Where, width: int) -> Text:
    """The open question's line when it is the only answer shown: 'Complexity: 2 Routine ·
    Ana 2, Ben 4 · split 2–4', without the anchor's name when that would not fit."""
    assert where.current is not None
    d = q.dimensions[where.current]
    named = describe_answer(d, result, where.people, named=True)
    value = current_answer(d, result)
    if len(named) + len(d.label) + 6 > width and value is not None:
        named = named.replace(f"{value} {d.anchors[value].label}", str(value), 1)
    line = Text()
    line.append("  ▸ ", style="cyan bold")
    line.append(f"{d.label}: ", style="bold")
    line.append(for_terminal(named), style="" if value is not None else "dim")
    return _crop(line, width)


def help_lines(q: Questionnaire, where: Where, width: int) -> list[Text]:
    """The open question's help, when the room asked for it."""
    if not where.show_help or where.current is None:
        return []
    d = q.dimensions[where.current]
    return _wrapped(_("Help: %(question)s.") % {"question": d.label} + f" {d.help}", width, "blue")


def _cut(lines: list[Text], room: int) -> list[Text]:
    """At most `room` lines; the last one kept ends with "…" when some were left out."""
    if len(lines) <= room:
        return lines
    kept = lines[: max(room, 0)]
    if kept:
        last = kept[-1]
        words = last.plain.rstrip()
        cut = words[: words.rfind(" ")] if " " in words.strip() else words
        kept[-1] = Text(cut.rstrip() + " …", style=last.style)
    return kept


def _reasons(result: Result, width: int, room: int, how: str | None = None) -> list[Text]:
    reasons = decisive_first(result)
    shown: list[Text] = []
    for n, reason in enumerate(reasons):
        left = len(reasons) - n
        wrapped = _wrapped(reason, width, indent="• ")
        need = len(wrapped) + (1 if left > 1 else 0)  # keep a line for "more" unless last
        if need > room - len(shown):
            if room - len(shown) >= 1:
                if n:
                    words = ngettext("%(n)s more reason", "%(n)s more reasons", left)
                else:
                    words = ngettext("%(n)s reason", "%(n)s reasons", left)
                hint = _(", all shown after the questions") if how is None else how and f": {how}"
                said = words % {"n": left} + hint
                shown.append(_crop(Text(f"… {said}", style="dim"), width))
            break
        shown += wrapped
    return shown


def all_reasons(result: Result, width: int) -> list[Text]:
    lines = [_crop(verdict_line(result), width)]
    for reason in decisive_first(result):
        lines += _wrapped(reason, width, indent="• ")
    for flip in result.borderline:
        said = _("Borderline: %(change)s.") % {"change": flip.message}
        lines += _wrapped(said, width, "yellow", indent="  ")
    return lines


def prompt_height(
    options: int, description_lines: int = 0, question: str = "", width: int = 80
) -> int:
    """Lines a select prompt takes: the question (wrapped to the width), each option, the
    highlighted option's description, and one spare line for the cursor."""
    question_lines = max(1, -(-(len(question) + 4) // max(width, 1)))
    return question_lines + options + description_lines + 1


def summary_table(assessment: Assessment, width: int, rows: range | None = None) -> Table:
    """The summary for the room: one line per touchpoint, whole words, verdict never cut;
    `rows` (default: all) for one page of it."""
    table = Table(title=for_terminal(assessment.workshop.title), title_justify="left", width=width)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Touchpoint"), no_wrap=True, overflow="ellipsis", ratio=1)
    if width >= 100:
        table.add_column(_("Stage"), no_wrap=True, overflow="ellipsis", max_width=18)
    # Fixed widths, so every page of a long table has the same columns.
    widest = max(len(verdict_text(v).plain) for v in VERDICTS)
    table.add_column(_("Verdict"), no_wrap=True, min_width=widest)
    table.add_column(_("Fit"), justify="right", no_wrap=True, min_width=3)
    table.add_column(_("Check"), no_wrap=True)
    results = assessment.results
    for n in rows if rows is not None else range(len(results)):
        r = results[n]
        split = any(c.settled is None for c in r.disagreement)
        settled = bool(r.disagreement) and not split
        flags = [
            word
            for word, on in (
                (_("borderline"), r.borderline),
                (_("split"), split),
                (_("settled"), settled),
            )
            if on
        ]
        row: list[str | Text] = [str(n + 1), plain(r.touchpoint.name)]
        if width >= 100:
            row.append(plain(r.touchpoint.stage))
        row += [
            verdict_text(r.recommendation),
            "" if r.fit is None else str(r.fit),
            Text(" ".join(flags), style="yellow"),
        ]
        table.add_row(*row)
    return table


def vote_legend(d: Dimension, width: int) -> list[Text]:
    """The anchors in one or two lines, to stay on screen while people call out their votes."""
    parts = [f"{n} {a.label}" for n, a in d.anchors.items()]
    return _wrapped("   ".join(parts), width, "dim")
