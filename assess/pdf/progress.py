"""How far a report's rendering is, page by page, for a progress bar.

Each document of a report (the block sheet, the front matter, the touchpoint parts, the appendix,
the stamp sheet) is laid out by a worker, which tells the number of each page as it starts it
(:mod:`assess.pdf.press`). The tally adds them up, weighing each page by the work it takes, and
says where things stand after every page: the share of the work done and how many touchpoints
are laid out. A document's page count is known only once it is laid out, so until then its
pages are estimated (a page per touchpoint, a few for the front matter and the appendix) and the
total is corrected as each document finishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

#: Pages expected of the front matter (cover to journey) and of the appendix, before they are
#: laid out; a report's own count replaces these as soon as it is known.
FRONT_PAGES, APPENDIX_PAGES = 5, 5
#: What laying out one page of a document costs, against a touchpoint page: a block of the
#: block sheet is a score row or a guidance box; a piece of the stamp sheet is a line of text.
WEIGHTS = {"blocks": 0.25, "stamps": 0.02}


@dataclass(frozen=True)
class Step:
    """Where the rendering stands: `done` of `total` units of work (a page of a touchpoint is
    one), and `touchpoints` of `of` touchpoints laid out."""

    done: float
    total: float
    touchpoints: int
    of: int


class Progress(Protocol):
    """Told after every page how far a report is; the command line draws it."""

    def update(self, step: Step) -> None: ...


class Silent:
    def update(self, step: Step) -> None:
        pass


@dataclass
class _Document:
    expected: int
    weight: float
    touchpoints: int
    before: int = 0  # pages before the first touchpoint's
    started: int = 0  # the last page started; those before it are done
    pages: int | None = None  # known once laid out


class Tally:
    """The pages of every document of one report, as they are laid out."""

    def __init__(self, progress: Progress, touchpoints: int) -> None:
        self.progress = progress
        self.of = touchpoints
        self.documents: dict[str, _Document] = {}
        self._last: Step | None = None

    def expect(self, name: str, pages: int, touchpoints: int = 0, before: int = 0) -> None:
        """A document to be laid out, of about `pages` pages, holding `touchpoints` touchpoints
        after `before` pages of other matter."""
        kind = name.split(":")[0]
        weight = WEIGHTS.get(kind, 1.0)
        self.documents[name] = _Document(max(pages, 1), weight, touchpoints, before)

    def on_page(self, name: str) -> _Told:
        return _Told(self, name)

    def started(self, name: str, page: int) -> None:
        document = self.documents[name]
        if document.pages is None and page > document.started:
            document.started = page
            self.tell()

    def finished(self, name: str, pages: int) -> None:
        self.documents[name].pages = pages
        self.tell()

    def step(self) -> Step:
        done = total = 0.0
        touchpoints = 0
        for d in self.documents.values():
            laid = d.pages if d.pages is not None else max(d.started - 1, 0)
            expected = d.pages if d.pages is not None else max(d.expected, laid + 1)
            done += laid * d.weight
            total += expected * d.weight
            if d.pages is not None:
                touchpoints += d.touchpoints
            else:
                touchpoints += min(max(laid - d.before, 0), d.touchpoints)
        return Step(round(done, 2), round(total, 2), touchpoints, self.of)

    def tell(self) -> None:
        step = self.step()
        if step != self._last:
            self._last = step
            self.progress.update(step)


@dataclass(frozen=True)
class _Told:
    """What a worker tells of one document: each page it starts."""

    tally: Tally
    name: str

    def __call__(self, page: int) -> None:
        self.tally.started(self.name, page)
