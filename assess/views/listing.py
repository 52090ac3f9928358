"""What `assess validate` lists for many files: at most 20 lines, whatever the number of files or
problems, and the counts at the end. Pure: checked files in, lines out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.errors import MAX_SHOWN, Problem, problem_lines
from assess.i18n import ngettext

#: The most lines the listing of one `validate` run takes (the counts come after it).
LISTING_MAX = 2 * MAX_SHOWN


@dataclass(frozen=True)
class Checked:
    """One file as `validate` found it: valid (`what` it is, and warnings), or not (its
    problems, or one message that already names the file)."""

    file: str
    what: str | None = None
    warnings: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.what is not None


@dataclass(frozen=True)
class Line:
    text: str
    error: bool = False  # for standard error (problems, warnings) rather than standard output


def problems_of(n: int) -> str:
    """'1 problem', '12 problems'."""
    return ngettext("%(n)s problem", "%(n)s problems", n) % {"n": f"{n:,}"}


def _valid(c: Checked) -> list[Line]:
    lines = [Line(f"{c.file}: ok ({c.what})")]
    return lines + [Line(f"{c.file}: warning: {w}", error=True) for w in c.warnings]


def _broken(c: Checked, room: int) -> list[Line]:
    """A broken file's lines, its problems cut to fit `room` lines (never below one)."""
    if c.error is not None:
        return [Line(c.error, error=True)]
    problems = list(c.problems)
    fits = len(problems) <= min(MAX_SHOWN, room - 1)
    shown = problem_lines(problems, MAX_SHOWN if fits else max(1, min(MAX_SHOWN, room - 2)))
    head = Line(f"{c.file}: {problems_of(len(problems))}", error=True)
    return [head, *(Line(f"  {line}", error=True) for line in shown)]


def _count(c: Checked) -> int:
    return 1 if c.error is not None else len(c.problems)


def listing(checked: Sequence[Checked], limit: int = LISTING_MAX) -> list[Line]:
    """Every file in order when it all fits in `limit` lines. Otherwise the broken files
    first, as many as fit, then how many more problems there are, and the valid files as one
    count; each line a file gets still names the file."""
    full = [line for c in checked for line in (_valid(c) if c.ok else _broken(c, MAX_SHOWN + 2))]
    if len(full) <= limit:
        return full
    broken = [c for c in checked if not c.ok]
    valid = [c for c in checked if c.ok]
    room = limit - 1 - (1 if valid else 0)  # keep a line for the rest and one for the valid
    lines: list[Line] = []
    listed = 0
    for c in broken:
        entry = _broken(c, room - len(lines))
        if len(lines) + len(entry) > room:
            break
        lines += entry
        listed += 1
    rest = broken[listed:]
    if rest:
        said = {"n": f"{len(rest):,}", "problems": problems_of(sum(_count(c) for c in rest))}
        more = ngettext(
            "... and %(n)s more file with %(problems)s",
            "... and %(n)s more files with %(problems)s",
            len(rest),
        )
        lines.append(Line(more % said, True))
    if valid:
        warned = sum(1 for c in valid if c.warnings)
        said = {"n": f"{len(valid):,}", "warned": f"{warned:,}"}
        if warned:
            ok = ngettext(
                "%(n)s file ok (%(warned)s with warnings: validate them on their own)",
                "%(n)s files ok (%(warned)s with warnings: validate them on their own)",
                len(valid),
            )
        else:
            ok = ngettext("%(n)s file ok", "%(n)s files ok", len(valid))
        lines.append(Line(ok % said))
    return lines
