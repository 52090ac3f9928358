"""The matrix's geometry: every marker clear of every other and of the threshold labels, its
number inside its shape, never moved across a threshold, and what finds no room listed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.files.loader import bundled_questionnaire
from assess.journeys import Touchpoint, Workshop
from assess.method.scoring import Assessment, assess
from assess.report.chart import (
    CAP_HEIGHT,
    DIGIT_WIDTH,
    FONT_MIN,
    GAP,
    Chart,
    _half_width,
    chart,
    label_box,
    marker_box,
    marker_size,
)

SCORES = st.integers(1, 5)


def _assessment(answers: list[tuple[int, int, int, int]]) -> Assessment:
    q = bundled_questionnaire("default")
    touchpoints = [
        Touchpoint(
            name=f"Touchpoint {n}",
            scores={"complexity": c, "scale": s, "emotional_stakes": e, "tech_barrier": b},
        )
        for n, (c, s, e, b) in enumerate(answers, 1)
    ]
    return assess(q, Workshop(title="T", touchpoints=touchpoints))


def _chart(answers: list[tuple[int, int, int, int]]) -> tuple[Assessment, Chart]:
    a = _assessment(answers)
    return a, chart(a, {r.touchpoint.key: n for n, r in enumerate(a.results, 1)})


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[2] + GAP <= b[0] or b[2] + GAP <= a[0] or a[3] + GAP <= b[1] or b[3] + GAP <= a[1]


def check(a: Assessment, c: Chart) -> None:
    boxes = {p.number: marker_box(p.verdict, p.x, p.y, p.r) for p in c.points}
    # Every touchpoint with a fit is drawn or listed, never both and never lost.
    drawn = sorted(boxes)
    assert sorted(drawn + list(c.unplaced)) == [
        n for n, r in enumerate(a.results, 1) if r.fit is not None
    ]
    for (n, one), (m, other) in itertools.combinations(boxes.items(), 2):
        assert _apart(one, other), (n, m)
    labels = [label_box(c.left + c.plot_w - 4, y - 4, text) for y, text in c.thresholds]
    lines = [y for y, _ in c.thresholds]
    fits = {n: r for n, r in enumerate(a.results, 1)}
    for p in c.points:
        box = boxes[p.number]
        assert all(_apart(box, label) for label in labels), p.number
        assert c.left <= box[0] and box[2] <= c.left + c.plot_w
        assert box[1] >= 0 and box[3] <= c.top + c.plot_h
        # On the same side of every threshold line as its fit.
        true_y = c.top + (100 - (fits[p.number].fit or 0)) / 100 * c.plot_h
        for line in lines:
            assert (p.y - line) * (true_y - line) >= 0 or abs(true_y - line) < 0.5, p.number
        # The number sits inside its shape, at a size that can be read.
        assert p.font >= FONT_MIN
        half = len(str(p.number)) * DIGIT_WIDTH * p.font / 2
        for dy in (p.baseline - p.y - CAP_HEIGHT * p.font, p.baseline - p.y):
            assert _half_width(p.verdict, p.r, dy) >= half, (p.number, p.verdict, p.r, p.font)


@given(st.lists(st.tuples(SCORES, SCORES, SCORES, SCORES), min_size=1, max_size=60))
def test_markers_never_overlap_and_numbers_fit(answers: list[tuple[int, int, int, int]]) -> None:
    check(*_chart(answers))


@pytest.mark.parametrize("count", [60, 120, 300])
def test_a_crowded_matrix_lists_what_it_cannot_place(count: int) -> None:
    # Five answer patterns repeated: many touchpoints on the very same spot.
    answers = [
        ((i % 5) + 1, (i * 2 % 5) + 1, (i * 3 % 5) + 1, (i * 7 % 5) + 1) for i in range(count)
    ]
    a, c = _chart(answers)
    check(a, c)
    assert c.unplaced and len(c.points) >= 30  # six or seven on each crowded spot


def test_a_three_digit_number_gets_a_marker_it_fits_in() -> None:
    for verdict in ("automate", "assist", "keep-human"):
        small, *_ = marker_size(verdict, 1, 7)
        large, font, _ = marker_size(verdict, 1, 107)
        assert large > small and font >= FONT_MIN
