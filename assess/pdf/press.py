"""Worker processes that render HTML documents to PDF, started before the report is built.

WeasyPrint works on one core and takes a third of a second of CPU to load. On a machine with
two cores a report renders in two worker processes, and loading WeasyPrint in each would spend
two loads at the busiest moment. So the first worker is forked at once, loads WeasyPrint, and
forks the second from itself: WeasyPrint is loaded once, on one core, while this process reads
the workshop and builds the report's HTML on the other.

:class:`concurrent.futures.ProcessPoolExecutor` cannot fork one worker from another, hence this
small pool. Each worker talks to this process over its own pipe: it says when it is ready,
takes one document at a time, tells the number of each page as it starts laying it out (so a
progress bar moves page by page) and sends back the PDF or the error. Workers ignore Ctrl-C:
this process stops them. A worker that dies (killed, out of memory) is an error, never a hang.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from types import ModuleType
from typing import Any, NoReturn

from assess.errors import RenderError
from assess.pdf.whole import Whole
from assess.report.pages import RenderedPart

Assets = Mapping[str, tuple[bytes, str]]
#: What a worker is given: a task number, the HTML, the assets it may serve, how to write a
#: document rendered whole (None: a part, joined later) and the bundled stylesheet it applies.
Task = tuple[int, str, Assets, Whole | None, str | None]
#: Told each step of a document as it starts (see assess.pdf.progress): an event, a page number.
OnStep = Callable[[str, int], None]
DIED = "a process rendering the PDF stopped unexpectedly (was it out of memory?)"


def workers() -> int:
    """How many parts render at once: one per core, at most two (memory stays flat)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(2, usable or 1))


def renderer_module() -> ModuleType:
    """:mod:`assess.pdf.render`, which loads WeasyPrint and its system libraries."""
    from assess.pdf.libraries import load_renderer

    try:
        renderer = load_renderer()
    except (OSError, ImportError) as exc:  # cffi cannot load Pango, or a library is missing
        raise RenderError(
            f"the PDF renderer could not start ({exc}). WeasyPrint needs Pango: on Debian or "
            "Ubuntu, apt-get install libpango-1.0-0 libpangoft2-1.0-0; or write HTML with "
            "--format html"
        ) from None
    return renderer


def render(
    html: str,
    assets: Assets,
    whole: Whole | None = None,
    on_step: OnStep | None = None,
    stylesheet: str | None = None,
) -> RenderedPart:
    pdf = renderer_module()
    fetcher = pdf.BundledOnlyFetcher(assets)
    part = pdf.render_part(html, fetcher, whole=whole, on_step=on_step, stylesheet=stylesheet)
    return part  # type: ignore[no-any-return]


def _forked_worker(
    connection: Connection, connections: Sequence[Connection], failed: RenderError | None
) -> NoReturn:
    """A worker forked by the first: serve on `connection`, then leave without running the
    parent's clean-up (it is the parent's, not this process's)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    for other in connections:
        if other is not connection:
            other.close()
    code = 0
    try:
        _serve(connection, failed)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _first_worker(
    connections: Sequence[Connection],
    theirs: Sequence[Connection],
    languages: Sequence[str],
    stylesheets: Sequence[str],
) -> None:
    """Load WeasyPrint, the hyphenation of `languages` and the bundled `stylesheets`, fork the
    other workers from here,
    then serve like them. `connections` are the workers' ends of their pipes, `theirs` the
    other ends, which stay with the process that gave the work: closed here, so that a worker
    sees the end when that process leaves."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in theirs:
        end.close()
    failed: RenderError | None = None
    try:
        renderer_module().warm(languages, stylesheets)
    except RenderError as exc:  # told, as a clear message, with the first task
        failed = exc
    children: list[int] = []

    def stop(*_: object) -> None:
        """Stopped by the process that gave the work: stop the other workers first, and wait
        for them, so that none is left behind."""
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        os._exit(1)

    # No stop between a fork and noting the new worker's pid.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, stop)
    for connection in connections[1:]:
        pid = os.fork()
        if pid == 0:  # the new worker: WeasyPrint is already loaded here
            _forked_worker(connection, connections, failed)
        children.append(pid)
        connection.close()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    _serve(connections[0], failed)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _serve(connection: Connection, failed: RenderError | None) -> None:
    with contextlib.suppress(OSError):  # a broken pipe: the process that gave the work is gone
        connection.send(("ready",))
        while True:
            try:
                task = connection.recv()
            except EOFError:  # that process closed its end: no more work
                return
            if task is None:
                return
            number, html, assets, whole, stylesheet = task

            def tell(event: str, page: int, number: int = number) -> None:
                with contextlib.suppress(OSError):  # gone: the next send ends this worker
                    connection.send(("step", number, event, page))

            try:
                if failed is not None:
                    raise failed
                part = render(html, assets, whole, tell, stylesheet)
                connection.send(("done", number, part))
            except RenderError as exc:
                connection.send(("failed", number, exc))
            except Exception as exc:  # anything else, as one clear message
                problem = RenderError(f"the PDF could not be rendered: {exc}")
                connection.send(("failed", number, problem))


class Press:
    """Renders HTML documents to PDF: in worker processes forked as soon as it is made, or in
    this process on a machine with one core. :meth:`render` queues a document and returns a
    function that waits for its PDF. Leaving the press on an error or Ctrl-C stops the workers
    at once. `languages` are those the documents are likely in: the workers load their
    hyphenation once, before they start (a wrong guess costs time, never a wrong page). With
    `background`, even a single worker is a process of its own where there is a core for it.
    `stylesheets` are bundled stylesheets the documents will name: parsed once, up front."""

    def __init__(
        self,
        parallel: int | None = None,
        languages: Sequence[str] = (),
        background: bool = False,
        stylesheets: Sequence[str] = (),
    ) -> None:
        self.count = workers() if parallel is None else parallel
        self._numbers = itertools.count()
        self._queue: deque[Task] = deque()
        self._results: dict[int, RenderedPart | RenderError] = {}
        self._told: dict[int, OnStep] = {}
        self._starting: list[Connection] = []
        self._idle: list[Connection] = []
        self._busy: dict[Connection, int] = {}
        self._first: Any = None
        # One worker renders in this process, unless asked to work in the `background` (one
        # document, rendered while this process still reads its inputs) on a machine where
        # another core can.
        if self.count > 1 or (background and workers() > 1):
            context = get_context("fork")
            ends = [context.Pipe() for _ in range(self.count)]
            self._first = context.Process(
                target=_first_worker,
                args=(
                    [end for _, end in ends],
                    [end for end, _ in ends],
                    tuple(languages),
                    tuple(stylesheets),
                ),
                daemon=True,
            )
            self._first.start()
            for _, end in ends:
                end.close()
            self._starting = [end for end, _ in ends]

    def render(
        self,
        html: str,
        assets: Assets,
        whole: Whole | None = None,
        on_step: OnStep | None = None,
        stylesheet: str | None = None,
    ) -> Callable[[], RenderedPart]:
        """Queue a document; the function returned waits for its PDF. `on_step` is told each
        step a worker starts (each page with its number), whenever this process hears from
        the workers (when it queues a document or waits for one). `stylesheet` names a bundled
        stylesheet applied to the document, which does not carry it."""
        if self._first is None:
            return lambda: render(html, assets, whole, on_step, stylesheet)
        number = next(self._numbers)
        if on_step is not None:
            self._told[number] = on_step
        self._queue.append((number, html, assets, whole, stylesheet))
        self._dispatch()
        return lambda: self._result(number)

    def _dispatch(self) -> None:
        """Take in what workers have said meanwhile (ready, a page started, a document done),
        and give queued documents to idle ones."""
        for connection in [c for c in self._starting + list(self._busy) if c.poll()]:
            while connection in self._starting or connection in self._busy:
                self._receive(connection)
                if not connection.poll():
                    break
        while self._queue and self._idle:
            connection = self._idle.pop()
            task = self._queue.popleft()
            try:
                connection.send(task)
            except OSError:  # the worker is gone
                raise RenderError(DIED) from None
            self._busy[connection] = task[0]

    def started(self) -> None:
        """Wait until every worker has said it is ready and taken what is queued for it: called
        before work this process does for a while (building a long document), so that no worker
        waits meanwhile for a document already queued."""
        while self._starting:
            for connection in wait(self._starting):
                self._receive(connection)  # type: ignore[arg-type]
        self._dispatch()

    def _receive(self, connection: Connection) -> None:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            raise RenderError(DIED) from None
        if message[0] == "step":  # the worker goes on with the same document
            _, number, event, page = message
            if number in self._told:
                self._told[number](event, page)
            return
        if message[0] == "ready":
            self._starting.remove(connection)
        else:
            _, number, result = message
            del self._busy[connection]
            self._told.pop(number, None)
            self._results[number] = result
        self._idle.append(connection)

    def _result(self, number: int) -> RenderedPart:
        while number not in self._results:
            listening = self._starting + list(self._busy)
            if not listening:
                raise RenderError(DIED)
            for connection in wait(listening):
                self._receive(connection)  # type: ignore[arg-type]
            self._dispatch()
        result = self._results.pop(number)
        if isinstance(result, RenderError):
            raise result
        return result

    def __enter__(self) -> Press:
        return self

    def __exit__(self, error: type[BaseException] | None, *rest: object) -> None:
        if self._first is None:
            return
        if error is not None:  # nothing more is wanted from the workers: stop them now
            self._first.terminate()  # the first worker stops the others it forked
        for connection in self._starting + self._idle + list(self._busy):
            connection.close()  # a worker waiting for work sees the end and leaves
        self._first.join()
