"""How far a report's rendering is, page by page, for a progress bar.

Each document of a report (the block sheet, the front matter, the touchpoint parts, the appendix,
the stamp sheet) is rendered by a worker, which tells what it starts (:mod:`assess.pdf.press`):
the document's boxes once its styles are applied, each page as its layout begins, and the
writing of the PDF. The tally adds them up, weighing each by the work it takes, and says where
things stand after each: the share of the work done and how many touchpoints are laid out.

A document's page count is known only once it is laid out, so until then its pages are
estimated (a page per touchpoint, a few for the front matter and the appendix) and the total is
corrected as each document finishes. Before its first page a document's styles and boxes take
about a third of the time its pages take, and writing its PDF about half: measured on a
30-touchpoint part with WeasyPrint 70, and counted from the estimate, so that the share done
never goes back.
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
#: Before the first page (styles, boxes) and after the last (writing the PDF), for each page.
BEFORE, AFTER = 0.35, 0.5
#: Joining the parts, swapping in the blocks and stamping take about this many touchpoint
#: pages' work for every touchpoint (a tenth).
JOIN = 0.1
#: What a worker tells as it renders a document: its boxes are being made, a page is started
#: (with its number), its PDF is being written, its metadata added (most of the PDF is written).
BOXES, PAGE, WRITING, METADATA = "boxes", "page", "writing", "metadata"


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
    boxes: bool = False  # its styles are applied
    started: int = 0  # the last page started; those before it are done
    writing: bool = False  # its pages are laid out and its PDF is being written
    written: float = 0.0  # the share of its PDF written, as far as is known
    pages: int | None = None  # known once rendered

    def work(self) -> tuple[float, float]:
        """Done and total, in touchpoint pages."""
        around = self.expected * (BEFORE + AFTER)
        if self.pages is not None:
            total = around + self.pages
            return total * self.weight, total * self.weight
        laid = self.started if self.writing else max(self.started - 1, 0)
        pages = max(self.expected, laid if self.writing else laid + 1)
        done = laid + self.expected * AFTER * self.written
        if self.started or self.writing:
            done += self.expected * BEFORE
        elif self.boxes:
            done += self.expected * BEFORE / 2
        return done * self.weight, (around + pages) * self.weight

    def laid_touchpoints(self) -> int:
        if self.pages is not None:
            return self.touchpoints
        laid = self.started if self.writing else max(self.started - 1, 0)
        return min(max(laid - self.before, 0), self.touchpoints)


class Tally:
    """The work of every document of one report, as it is done."""

    def __init__(self, progress: Progress, touchpoints: int) -> None:
        self.progress = progress
        self.of = touchpoints
        self.documents: dict[str, _Document] = {}
        self._last: Step | None = None

    def expect(self, name: str, pages: int, touchpoints: int = 0, before: int = 0) -> None:
        """A document to be rendered, of about `pages` pages, holding `touchpoints` touchpoints
        after `before` pages of other matter."""
        kind = name.split(":")[0]
        weight = WEIGHTS.get(kind, 1.0)
        self.documents[name] = _Document(max(pages, 1), weight, touchpoints, before)

    def on_step(self, name: str) -> _Told:
        return _Told(self, name)

    def told(self, name: str, event: str, page: int = 0) -> None:
        """What a worker said of a document: see BOXES, PAGE, WRITING and METADATA."""
        d = self.documents[name]
        if d.pages is not None:
            return
        if event == BOXES:
            d.boxes = True
        elif event == PAGE and page > d.started:
            d.started = page
        elif event == WRITING:
            d.writing = True
        elif event == METADATA:  # most of the PDF is written by then
            d.writing, d.written = True, 0.8
        else:
            return
        self.tell()

    def finished(self, name: str, pages: int | None = None) -> None:
        """A document is rendered (`pages` long), or a step that is not a document (joining
        the parts) is done."""
        document = self.documents[name]
        document.pages = document.expected if pages is None else pages
        self.tell()

    def step(self) -> Step:
        done = total = 0.0
        for d in self.documents.values():
            d_done, d_total = d.work()
            done, total = done + d_done, total + d_total
        touchpoints = sum(d.laid_touchpoints() for d in self.documents.values())
        return Step(round(done, 2), round(total, 2), touchpoints, self.of)

    def tell(self) -> None:
        step = self.step()
        if step != self._last:
            self._last = step
            self.progress.update(step)


@dataclass(frozen=True)
class _Told:
    """What a worker tells of one document as it renders it."""

    tally: Tally
    name: str

    def __call__(self, event: str, page: int = 0) -> None:
        self.tally.told(self.name, event, page)
