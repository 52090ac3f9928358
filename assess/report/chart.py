"""Where each touchpoint sits in the report's matrix: automation fit (up) against emotional
stakes (right), marker size by scale. Pure geometry, drawn by the template as SVG.

Nothing on the matrix is drawn over anything else: each marker goes to the free place nearest
its true one (sideways within its column first, then a little up or down), clear of the other
markers and of the threshold labels, and each marker's number is set small enough to sit inside
its shape. A marker with no free place near its own is not drawn; the matrix lists it instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from assess.i18n import _
from assess.method.scoring import Assessment
from assess.method.words import number as number_text
from assess.report.pages import Link

#: A box: x0, y0, x1, y1 in the chart's units.
Box = tuple[float, float, float, float]
#: How far each shape reaches from its centre, in radii: left/right, up, down.
REACH = {"automate": (1.0, 1.0, 1.0), "assist": (1.25, 1.25, 1.25)}
TRIANGLE = (1.45, 1.55, 1.0)
#: Space kept free around every marker and label.
GAP = 1.5
#: DejaVu Sans Bold: every digit is this wide (in ems), and capitals this high.
DIGIT_WIDTH, CAP_HEIGHT = 0.696, 0.73
#: The number inside a marker: at most this size, and never smaller than the least size read.
FONT_MAX, FONT_MIN = 9.0, 6.5
#: How far a marker may move up or down from its fit, in chart units (about 12 points of fit),
#: and never across a threshold line: beyond that, it would misstate where the touchpoint sits.
MAX_SHIFT = 40.0
#: Markers this close (chart units) share their search for room: where one found none, a marker
#: as big or bigger finds none either.
SPOT = 4.0
#: Label font size and the width of its characters, in ems (DejaVu Sans, generously).
LABEL_SIZE, LABEL_CHAR = 10.0, 0.62


@dataclass(frozen=True)
class Point:
    number: int
    name: str
    verdict: str
    x: float
    y: float
    r: float
    font: float = FONT_MAX
    baseline: float = 0.0  # where the number's baseline sits


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    points: Sequence[Point]
    x_ticks: Sequence[tuple[float, str]]
    y_ticks: Sequence[tuple[float, str]]
    x_columns: Sequence[float]
    thresholds: Sequence[tuple[float, str]]
    x_label: str
    y_label: str
    unplaced: Sequence[int] = ()  # numbers of the touchpoints with no room on the matrix


def reach(verdict: str) -> tuple[float, float, float]:
    return REACH.get(verdict, TRIANGLE)


def marker_box(verdict: str, x: float, y: float, r: float) -> Box:
    side, up, down = reach(verdict)
    return (x - side * r, y - up * r, x + side * r, y + down * r)


def _half_width(verdict: str, r: float, dy: float) -> float:
    """Half the shape's width at `dy` below its centre (negative: above)."""
    if verdict == "automate":
        return float(max(r * r - dy * dy, 0.0) ** 0.5)
    if verdict == "assist":
        return max(1.25 * r - abs(dy), 0.0)
    # The triangle: a point 1.55 r above the centre, a base 1.0 r below and 2.9 r wide.
    return max(1.45 * r * (dy + 1.55 * r) / (2.55 * r), 0.0) if dy <= r else 0.0


def number_fit(verdict: str, r: float, digits: int) -> tuple[float, float] | None:
    """The largest font size (down to FONT_MIN) at which a number of `digits` sits inside the
    shape, with its baseline's offset from the centre; None if even the least size does not."""
    size = FONT_MAX
    while size >= FONT_MIN:
        half, cap = digits * DIGIT_WIDTH * size / 2, CAP_HEIGHT * size
        # Centred, except in the triangle, where the text sits low in the wide part.
        baseline = cap / 2 if verdict in REACH else min(r - 1.5, 0.62 * r + cap / 2)
        if all(_half_width(verdict, r, dy) - 1.0 >= half for dy in (baseline - cap, baseline)):
            return size, baseline
        size -= 0.25
    return None


def marker_size(verdict: str, scale: int | None, number: int) -> tuple[float, float, float]:
    """Radius, font size and baseline offset: the radius grows with scale, and further where
    the number would not otherwise fit."""
    r = 5.0 + 1.2 * (scale if scale is not None else 3)
    while (found := number_fit(verdict, r, len(str(number)))) is None:
        r += 0.5
    return r, *found


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


class _Field:
    """The boxes placed so far, bucketed on a coarse grid, so a thousand markers stay quick."""

    CELL = 24.0

    def __init__(self, bounds: Box, obstacles: Sequence[Box]) -> None:
        self.bounds = bounds
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        for box in obstacles:
            self.add(box)

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.CELL
        for i in range(int((box[0] - GAP) // c), int((box[2] + GAP) // c) + 1):
            for j in range(int((box[1] - GAP) // c), int((box[3] + GAP) // c) + 1):
                yield i, j

    def free(self, box: Box) -> bool:
        x0, y0, x1, y1 = self.bounds
        if box[0] < x0 or box[1] < y0 or box[2] > x1 or box[3] > y1:
            return False
        return not any(
            _overlaps(box, other) for cell in self._cells(box) for other in self.cells[cell]
        )

    def add(self, box: Box) -> None:
        for cell in self._cells(box):
            self.cells[cell].append(box)


@cache
def _offsets(r: float, half: float) -> tuple[tuple[float, float], ...]:
    """Moves from a marker's place, nearest first: sideways within `half` before up or down."""
    step = r / 2
    reach_y = int(MAX_SHIFT // (step / 2))
    across = [k * step for k in range(-int(half // step), int(half // step) + 1)]
    down = [k * step / 2 for k in range(-reach_y, reach_y + 1)]
    return tuple(
        (dx, dy)
        for _, dx, dy in sorted((abs(dx) + 3 * abs(dy), dx, dy) for dx in across for dy in down)
    )


def _candidates(
    x: float, y: float, r: float, half: float, band: tuple[float, float]
) -> Iterator[tuple[float, float]]:
    """Places near (x, y), nearest first, with the centre inside `band`: on the same side of
    every threshold line as the fit."""
    for dx, dy in _offsets(r, half):
        if band[0] <= y + dy <= band[1]:
            yield x + dx, y + dy


def _band(y: float, lines: Sequence[float], bounds: Box) -> tuple[float, float]:
    """Between the threshold lines around `y` (a fit on a line stays on it)."""
    above = max((line for line in lines if line < y), default=bounds[1])
    below = min((line for line in lines if line > y), default=bounds[3])
    return above + 0.5, below - 0.5


@dataclass(frozen=True)
class _Item:
    number: int
    name: str
    verdict: str
    x: float
    y: float
    scale: int | None


def place(
    items: Sequence[_Item],
    half: float,
    bounds: Box,
    obstacles: Sequence[Box],
    lines: Sequence[float] = (),
) -> tuple[list[Point], list[int]]:
    """Each marker at the free place nearest its own; the numbers of those with none."""
    field = _Field(bounds, obstacles)
    placed, unplaced = [], []
    # Where a marker found no room, one as big or bigger a hair away finds none either: a
    # thousand touchpoints on a few spots stay quick.
    # Markers of one spot are placed smallest first, so that after the first finds no room,
    # the rest are known to find none.
    full: dict[tuple[float, int], float] = {}
    sized = [(item, *marker_size(item.verdict, item.scale, item.number)) for item in items]
    sized.sort(key=lambda s: (s[0].x, round(s[0].y / SPOT), s[1], s[0].y, s[0].number))
    for item, r, font, baseline in sized:
        spot = (item.x, round(item.y / SPOT))
        if full.get(spot, float("inf")) <= r:
            unplaced.append(item.number)
            continue
        room = round(max(half - reach(item.verdict)[0] * r, 0.0), 1)  # it stays in its column
        band = _band(item.y, lines, bounds)
        for x, y in _candidates(item.x, item.y, r, room, band):
            box = marker_box(item.verdict, x, y, r)
            if field.free(box):
                field.add(box)
                placed.append(
                    Point(
                        item.number,
                        item.name,
                        item.verdict,
                        round(x, 1),
                        round(y, 1),
                        r,
                        font,
                        round(y + baseline, 1),
                    )
                )
                break
        else:
            full[spot] = min(r, full.get(spot, r))
            unplaced.append(item.number)
    return placed, sorted(unplaced)


def label_box(x_right: float, y_baseline: float, text: str) -> Box:
    """The box of a right-aligned threshold label."""
    width = len(text) * LABEL_CHAR * LABEL_SIZE
    return (x_right - width, y_baseline - LABEL_SIZE * 0.8, x_right, y_baseline + LABEL_SIZE * 0.25)


def chart(assessment: Assessment, numbers: dict[str, int]) -> Chart:
    """Automation fit (up) against emotional stakes (right); marker size grows with scale."""
    width, height, left, top, right, bottom = 640, 380, 56, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    q = assessment.questionnaire
    x_dim = (
        q.dimension("emotional_stakes")
        if "emotional_stakes" in q.dimension_ids
        else q.dimensions[0]
    )
    size_dim = "scale" if "scale" in q.dimension_ids else None

    def x_of(score: float) -> float:
        return left + (score - 0.5) / 5 * plot_w

    def y_of(fit: float) -> float:
        return top + (100 - fit) / 100 * plot_h

    column = plot_w / 5
    t = q.thresholds
    thresholds = [
        (y_of(t.automate), _("automate ≥ %(fit)s") % {"fit": number_text(t.automate)}),
        (y_of(t.assist), _("assist ≥ %(fit)s") % {"fit": number_text(t.assist)}),
    ]
    labels = [label_box(left + plot_w - 4, y - 4, text) for y, text in thresholds]
    items = [
        _Item(
            numbers[r.touchpoint.key],
            r.touchpoint.name,
            r.recommendation,
            x_of(r.scores[x_dim.id]),
            y_of(r.fit),
            r.scores.get(size_dim) if size_dim else None,
        )
        for r in assessment.results
        if r.fit is not None
    ]
    bounds = (left + 1, 1, left + plot_w - 1, top + plot_h - 1)
    lines = [y for y, _ in thresholds]
    points, unplaced = place(items, column / 2 - 2, bounds, labels, lines)
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_w=plot_w,
        plot_h=plot_h,
        points=sorted(points, key=lambda p: -p.r),
        x_ticks=[(x_of(s), f"{s} {x_dim.anchors[s].label}") for s in range(1, 6)],
        x_columns=[left + i * column for i in range(1, 5)],
        y_ticks=[(y_of(v), str(v)) for v in range(0, 101, 20)],
        thresholds=thresholds,
        x_label=x_dim.label,
        y_label=_("Automation fit"),
        unplaced=unplaced,
    )


def marker_links(c: Chart, box: Box, targets: Mapping[int, str]) -> list[Link]:
    """A link on each marker to its touchpoint's page, given where the chart was laid out
    (`box`, in PDF points from the page's top left) and each number's anchor."""
    scale = (box[2] - box[0]) / c.width
    links = []
    for p in c.points:
        x0, y0, x1, y1 = marker_box(p.verdict, p.x, p.y, p.r)
        rect = (box[0] + x0 * scale, box[1] + y0 * scale, box[0] + x1 * scale, box[1] + y1 * scale)
        links.append(Link(targets[p.number], rect))
    return links
