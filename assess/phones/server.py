"""The phone server: Uvicorn in a thread of its own, with its own event loop, while the walk
keeps the main thread (prompt_toolkit). :class:`PhoneServer` is the :class:`~assess.ballot.VoteRoom`
that `cli` hands the walk.

Nothing it logs reaches the terminal the room is watching: while it runs, Uvicorn's and
asyncio's warnings are kept in :attr:`PhoneServer.problems` instead (the terminal is the walk's).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from assess.ballot import Question, Reveal, Tally
from assess.i18n import Language, current
from assess.phones.address import default_host, join_url, listen
from assess.phones.app import Pulse, build_app
from assess.phones.qr import write_join_png
from assess.phones.room import MAX_PARTICIPANTS, PhoneRoom

#: Bits of randomness in the join token (the issue asks for at least 128).
TOKEN_BYTES = 16
#: Seconds to wait for the server to start, and for it to stop.
START_SECONDS = STOP_SECONDS = 10.0
#: At most this many connections at once; more are answered 503 by Uvicorn, not queued. Room
#: for every phone's stream and requests, far below the open files it may have (FILES).
CONCURRENCY = 2000
#: Whose warnings are kept in :attr:`PhoneServer.problems` rather than printed.
LOGGERS = ("uvicorn", "asyncio")
#: Open files the process may have: macOS allows 256 by default, too few for 200 phones.
FILES = 4096


class _Keep(logging.Handler):
    """Keeps what Uvicorn and asyncio warn about while the server runs, off the room's screen."""

    def __init__(self, problems: deque[str]) -> None:
        super().__init__(logging.WARNING)
        self._problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self._problems.append(f"{record.name}: {record.getMessage()}")


def _room_for_every_phone() -> None:
    """Raise the limit on open files (each phone holds a connection or two) toward FILES."""
    try:
        import resource
    except ImportError:  # Windows has no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = FILES if hard == resource.RLIM_INFINITY else min(FILES, hard)
    if soft != resource.RLIM_INFINITY and soft < want:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


class PhoneServer:
    """Serves the phones of one room on `host`:`port` (0: a free port) until :meth:`stop`, its
    page in `language` (default: the current context's, the walk's)."""

    def __init__(
        self,
        participants: Sequence[str],
        host: str,
        port: int = 0,
        open_join: bool = False,
        limit: int = MAX_PARTICIPANTS,
        language: Language | None = None,
    ) -> None:
        self.room = PhoneRoom(participants, open_join=open_join, limit=limit)
        self.token = secrets.token_urlsafe(TOKEN_BYTES)
        self.problems: deque[str] = deque(maxlen=100)
        self._socket: socket.socket = listen(host, port)
        self.host, self.port = host, int(self._socket.getsockname()[1])
        self._pulse = Pulse()
        # The page speaks the language of the walk that starts the server, unless told.
        self._app = build_app(self.room, self.token, self._pulse, language or current())
        self._loop: asyncio.AbstractEventLoop | None = None
        self._uvicorn: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._keep = _Keep(self.problems)
        self._propagated = True
        self.room.watch(self._wake_streams)

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def address(self) -> str:
        return join_url(self.host, self.port, self.token)

    def start(self) -> PhoneServer:
        _room_for_every_phone()
        for name in LOGGERS:
            logging.getLogger(name).addHandler(self._keep)
        self._propagated = logging.getLogger("uvicorn").propagate
        logging.getLogger("uvicorn").propagate = False
        self._thread = threading.Thread(target=self._run, name="assess-phones", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_SECONDS
        while not self._started() and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)  # Uvicorn sets `started` and says nothing else
        if not self._started():
            self.stop()
            raise RuntimeError(f"the phone server did not start ({self._failure!r})")
        return self

    def _started(self) -> bool:
        return self._uvicorn is not None and self._uvicorn.started

    def stop(self) -> None:
        self.room.stop()
        if self._uvicorn is not None:
            self._uvicorn.should_exit = True
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(STOP_SECONDS)
            if self._thread.is_alive() and self._uvicorn is not None:
                self._uvicorn.force_exit = True
                self._thread.join(STOP_SECONDS)
        with contextlib.suppress(OSError):
            self._socket.close()
        if self._keep in logging.getLogger("uvicorn").handlers:
            logging.getLogger("uvicorn").propagate = self._propagated
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(self._keep)

    def __enter__(self) -> PhoneServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # the thread's end: reported by start() or kept
            self._failure = exc
            self.problems.append(f"the server stopped: {exc!r}")

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._loop.set_exception_handler(self._loop_problem)
        config = uvicorn.Config(
            self._app,
            http="h11",
            ws="none",
            lifespan="off",
            log_config=None,
            access_log=False,
            server_header=False,
            limit_concurrency=CONCURRENCY,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
        )
        self._uvicorn = uvicorn.Server(config)
        await self._uvicorn.serve(sockets=[self._socket])

    def _loop_problem(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self.problems.append(f"asyncio: {context.get('message')}: {context.get('exception')!r}")

    def _wake_streams(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._pulse.fire)

    # --- the facilitator's side (assess.ballot.VoteRoom) -------------------------------------

    def open(self, question: Question) -> Tally:
        return self.room.open(question)

    def tally(self) -> Tally:
        return self.room.tally()

    def wait(self, version: int, timeout: float) -> Tally:
        return self.room.wait(version, timeout)

    def on_change(self, callback: Callable[[Tally], None]) -> Callable[[], None]:
        return self.room.on_change(callback)

    def reveal(self) -> Reveal:
        return self.room.reveal()

    def again(self) -> Tally:
        return self.room.again()

    def close(self) -> Tally:
        return self.room.close()


def serve_room(
    workshop: Path,
    participants: Sequence[str],
    host: str | None = None,
    port: int = 0,
    open_join: bool = False,
) -> PhoneServer:
    """Everything `assess run --phones` needs before the walk: a server started on `host`
    (default: the LAN address) and `port` (0: a free one), and the join code written beside
    `workshop` for a slide. The caller stops it (``finally: server.stop()``)."""
    server = PhoneServer(participants, host or default_host(), port, open_join=open_join)
    server.start()
    try:
        write_join_png(workshop, server.address)
    except BaseException:
        server.stop()
        raise
    return server
