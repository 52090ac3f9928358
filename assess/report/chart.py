"""Where each touchpoint sits in the report's matrix: automation fit (up) against emotional
stakes (right), marker size by scale. Pure geometry, drawn by the template as SVG."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from assess.method.scoring import Assessment, Result


@dataclass(frozen=True)
class Point:
    number: int
    name: str
    verdict: str
    x: float
    y: float
    r: float


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
    points = []
    by_column: dict[int, list[Result]] = defaultdict(list)
    for r in assessment.results:
        if r.fit is not None:
            by_column[r.scores[x_dim.id]].append(r)
    for score, members in by_column.items():
        placed = _spread(
            [
                (
                    numbers[r.touchpoint.key],
                    y_of(r.fit or 0),
                    5 + 1.2 * (r.scores[size_dim] if size_dim else 3),
                )
                for r in members
            ],
            x_of(score),
            column / 2,
        )
        for r, (x, y, radius) in zip(members, placed, strict=True):
            points.append(
                Point(
                    numbers[r.touchpoint.key],
                    r.touchpoint.name,
                    r.recommendation,
                    round(x, 1),
                    round(y, 1),
                    radius,
                )
            )
    t = q.thresholds
    return Chart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_w=plot_w,
        plot_h=plot_h,
        points=sorted(points, key=lambda p: -p.r),  # big markers first, so small ones stay visible
        x_ticks=[(x_of(s), f"{s} {x_dim.anchors[s].label}") for s in range(1, 6)],
        x_columns=[left + i * column for i in range(1, 5)],
        y_ticks=[(y_of(v), str(v)) for v in range(0, 101, 20)],
        thresholds=[
            (y_of(t.automate), f"automate ≥ {t.automate:g}"),
            (y_of(t.assist), f"assist ≥ {t.assist:g}"),
        ],
        x_label=x_dim.label,
        y_label="Automation fit",
    )


#: More markers than this within reach of each other cannot fit side by side in one column.
MAX_NEIGHBOURS = 48


def _spread(
    items: list[tuple[int, float, float]], centre: float, half: float
) -> list[tuple[float, float, float]]:
    """Place markers of one column so they do not hide each other: each goes to the free spot
    nearest the column's centre line. Only neighbours within reach are checked, so a thousand
    touchpoints stay fast; when a column is full, markers overlap rather than leave it."""
    order = sorted(range(len(items)), key=lambda i: items[i][1])
    placed: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * len(items)
    reach = 2 * max((r for _, _, r in items), default=0) + 2
    recent: list[tuple[float, float, float]] = []
    for i in order:
        _, y, r = items[i]
        # Markers come in order of height, so those placed too far above can never touch this
        # one; and a column holds only so many side by side, so a bounded window is enough.
        recent = [p for p in recent[-MAX_NEIGHBOURS:] if y - p[1] < reach]
        x = centre
        for k in range(int(half // (r + 1)) * 2 + 1):
            offset = (k + 1) // 2 * (r + 1.5) * (1 if k % 2 else -1)
            if abs(offset) > half - r:
                continue
            candidate = centre + offset
            if all(
                (candidate - px) ** 2 + (y - py) ** 2 >= (r + pr + 1.5) ** 2
                for px, py, pr in recent
            ):
                x = candidate
                break
        placed[i] = (x, y, r)
        recent.append(placed[i])
    return placed
