"""The report's progress bar moves with the work, page by page, from its first second: every
page a worker starts is told, in order, from before the first page is laid out to the end."""

from __future__ import annotations

import io
import itertools
import time
from pathlib import Path

import pytest
from rich.console import Console
from test_book import long_workshop

from assess.files.loader import check_workshop
from assess.files.yamlio import load_data
from assess.method.scoring import assess
from assess.pdf import press, publish
from assess.pdf.progress import AFTER, BEFORE, BOXES, METADATA, PAGE, WRITING, Step, Tally
from assess.report.html import Renderer
from assess.views.terminal import ProgressBar


class Recorder:
    """A progress display that keeps every step, and when it came."""

    def __init__(self) -> None:
        self.steps: list[tuple[float, Step]] = []

    def update(self, step: Step) -> None:
        self.steps.append((time.perf_counter(), step))


def _record(parallel: int, touchpoints: int, accessible: bool = False) -> tuple[Recorder, int]:
    data = load_data(long_workshop(touchpoints), "w.yaml")
    loaded = check_workshop(data, "w.yaml", Path("."))
    assessment = assess(loaded.questionnaire, loaded.workshop)
    recorder = Recorder()
    with press.Press(parallel) as printer:
        renderer = Renderer(assessment)
        meta = publish.metadata_for(renderer)
        made = (publish.publish_accessible if accessible else publish.publish_pdf)(
            printer, renderer, meta, (), recorder
        )
    return recorder, made.pages


def _in_order(recorder: Recorder, touchpoints: int) -> list[Step]:
    steps = [step for _, step in recorder.steps]
    assert steps[0].done == 0 and steps[0].touchpoints == 0  # drawn before any page is laid out
    for before, after in itertools.pairwise(steps):
        assert after.done >= before.done and after.touchpoints >= before.touchpoints
        assert after.of == touchpoints
    last = steps[-1]
    assert last.done == last.total and last.touchpoints == touchpoints
    return steps


@pytest.mark.parametrize("parallel", [1, 2])
def test_the_bar_moves_page_by_page_in_order(parallel: int) -> None:
    recorder, pages = _record(parallel, 60)
    steps = _in_order(recorder, 60)
    # Not a few jumps: a step for most pages, and touchpoints counted one by one.
    assert len(steps) >= pages
    assert len({s.touchpoints for s in steps}) >= 40
    # The bar moves before the first touchpoint is laid out (the shared blocks, the front
    # matter), so it never sits still while the workers start.
    assert any(s.done > 0 and s.touchpoints == 0 for s in steps)
    # No step is a jump: each moves the bar by less than a tenth of the work.
    assert max(b.done - a.done for a, b in itertools.pairwise(steps)) < steps[-1].total / 10


def test_the_first_steps_come_early() -> None:
    start = time.perf_counter()
    recorder, _ = _record(2, 60)
    end = time.perf_counter()
    times = [t - start for t, step in recorder.steps if step.done > 0]
    # The first page is told within the first fifth of the run, not at the end of a part.
    assert times[0] < (end - start) / 5, (times[0], end - start)


def test_a_tagged_report_is_told_page_by_page_too() -> None:
    recorder, pages = _record(2, 20, accessible=True)
    steps = _in_order(recorder, 20)
    assert len(steps) >= pages - 2


def test_the_total_is_corrected_as_each_document_is_laid_out() -> None:
    recorder = Recorder()
    tally = Tally(recorder, 3)
    tally.expect("front", 2)
    tally.expect("part:0", 3, 3)
    tally.tell()
    part = tally.on_step("part:0")
    part(BOXES)  # styles applied, boxes being made: half the work before the first page
    part(PAGE, 1)
    part(PAGE, 2)  # page 1 is done, page 2 begun
    tally.finished("front", 4)  # the front matter was two pages longer than expected
    part(PAGE, 5)  # a touchpoint took two pages: never more than 3 counted
    part(WRITING)
    part(METADATA)
    tally.finished("part:0", 5)
    steps = [step for _, step in recorder.steps]
    # Each document: BEFORE and AFTER times its expected pages, plus the pages it has.
    around = BEFORE + AFTER
    assert [s.done for s in steps] == pytest.approx(
        [
            0,
            3 * BEFORE / 2,
            3 * BEFORE,
            3 * BEFORE + 1,
            3 * BEFORE + 1 + 2 * around + 4,
            3 * BEFORE + 4 + 2 * around + 4,
            3 * BEFORE + 5 + 2 * around + 4,
            3 * BEFORE + 5 + 3 * AFTER * 0.8 + 2 * around + 4,
            3 * around + 5 + 2 * around + 4,
        ],
        abs=0.01,
    )
    assert [s.touchpoints for s in steps] == [0, 0, 0, 1, 1, 3, 3, 3, 3]
    assert steps[-1].done == steps[-1].total
    assert all(a.done <= b.done for a, b in itertools.pairwise(steps))


def test_the_bar_shows_touchpoints_laid_out_and_moves_with_the_work() -> None:
    console = Console(file=io.StringIO(), width=100, force_terminal=True, record=True)
    bar = ProgressBar(console, "Rendering w.pdf")
    bar.update(Step(0, 50, 0, 40))
    bar.update(Step(25, 50, 12, 40))
    task = bar.progress.tasks[0]
    assert task.percentage == 50
    console.print(bar.progress.get_renderable())
    bar.progress.stop()
    line = console.export_text()
    assert "12/40 touchpoints" in line
