"""Long output for a small screen: a table or a list of lines that would scroll its head off
the screen is shown a page at a time, each page waiting for Enter."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import RenderableType

from assess.i18n import _
from assess.workshop.state import State

#: The lines a table takes besides its rows: title, top border, header, rule, bottom border.
TABLE_FRAME = 5
#: The lines the pause between pages takes: the question and a spare line.
PAUSE = 2


def _top(s: State) -> int:
    """Clear the screen and draw the header; the lines it took."""
    s.console.clear()
    header = s.header()
    if header is None:
        return 0
    s.console.print(header, no_wrap=True, crop=True)
    return 1


def page(s: State, lines: Sequence[RenderableType], last: str | None = None) -> None:
    """Show `lines` (each one screen line); with `last`, wait for Enter at the end."""
    size = max(s.console.height - PAUSE - (1 if s.header() is not None else 0), 3)
    pages = [lines[i : i + size] for i in range(0, len(lines), size)] or [lines]
    for n, chunk in enumerate(pages, 1):
        _top(s)
        for line in chunk:
            s.console.print(line, no_wrap=True, overflow="ellipsis", crop=True)
        if n < len(pages):
            s.text(
                _("Page %(n)s of %(total)s. Enter: next page (Esc: stop)")
                % {"n": n, "total": len(pages)}
            )
        elif last:
            s.text(last)


def page_table(
    s: State, rows: int, table: Callable[[range], RenderableType], after: int, last: str
) -> None:
    """Show a table of `rows` rows. When it fits on screen with the `after` lines that follow,
    at once; otherwise a page at a time, its title and headings on every page, waiting for
    Enter after each (`last` after the last)."""
    height = s.console.height
    if rows + TABLE_FRAME + after <= height:
        s.console.print(table(range(rows)))
        return
    size = max(height - TABLE_FRAME - PAUSE - (1 if s.header() is not None else 0), 1)
    starts = range(0, rows, size)
    for n, start in enumerate(starts, 1):
        _top(s)
        s.console.print(table(range(start, min(start + size, rows))))
        said = {"n": n, "total": len(starts)}
        more = _("Page %(n)s of %(total)s. Enter: next page (Esc: stop)") % said
        s.text(more if n < len(starts) else _("Page %(n)s of %(total)s.") % said + f" {last}")
