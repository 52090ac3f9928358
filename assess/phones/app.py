"""The phones' HTTP API and page (Starlette), exactly as the README documents it:

- ``GET /join/TOKEN``: the page; any other path or token is 404 with no detail.
- ``POST /api/join`` ``{"token", "name"}`` -> ``{"key", "name"}``, and the key as a cookie.
- ``GET /api/state?key=K``: what this phone may see; ``GET /api/events?key=K`` streams it.
- ``POST /api/vote`` ``{"key", "dimension", "value"}`` -> 200 and the new state.

A refusal is a 4xx with ``{"error", "kind"}``. The page is in the room's language (the one the
walk speaks, given when the app is built); the API's own words stay English.

The key may come from the cookie instead, so a reloaded page finds its place again. No
facilitator control is reachable here: the room opens, reveals and closes only through
:class:`~assess.phones.room.PhoneRoom`'s own methods.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any

import jinja2
import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from assess import i18n
from assess.i18n import Language
from assess.phones.guard import BODY_LIMIT, COOKIE, Guard
from assess.phones.room import PhoneRoom, Refused
from assess.phones.words import page_words

#: What each refusal of the room answers.
STATUS = {
    "bad-request": 400,
    "bad-value": 400,
    "bad-key": 403,
    "unknown": 403,
    "full": 403,
    "taken": 409,
    "closed": 409,
}
#: The page's own files, served under the join address (so they too need the token).
ASSETS = {
    "phone.css": "text/css; charset=utf-8",
    "phone.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
}
#: Live streams one phone may hold at once. A phone whose Wi-Fi dropped opens a new stream
#: before the server notices the old one is dead: past this many, its oldest stream ends.
STREAMS_PER_PHONE = 4
#: Seconds between keep-alive comments on a quiet stream: a phone that dropped is noticed.
PING_SECONDS = 15.0
#: How long the cookie lasts: a day of workshop, not longer.
COOKIE_SECONDS = 12 * 3600


class Pulse:
    """Wakes every stream at once. Lives in the server's event loop; fire it from other threads
    with ``loop.call_soon_threadsafe(pulse.fire)``."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def current(self) -> asyncio.Event:
        return self._event

    def fire(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    @staticmethod
    async def wait(event: asyncio.Event, timeout: float) -> bool:
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _refusal(status: int, message: str, kind: str = "bad-request") -> Response:
    """A refusal: what went wrong in words, and its kind for the page (which says it in the
    room's language)."""
    return _json({"error": message, "kind": kind}, status)


async def _read_json(request: Request) -> dict[str, Any] | Response:
    """The body as a JSON object, or the answer that refuses it."""
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > BODY_LIMIT:
                return Response(status_code=413)
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is left to read it
    try:
        data = orjson.loads(bytes(body))
    except orjson.JSONDecodeError:
        return _refusal(400, "the body is not JSON")
    if not isinstance(data, dict):
        return _refusal(400, "the body is not a JSON object")
    return data


def _same(given: str, secret: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), secret.encode("ascii"))


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assess.phones", "page"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    # The page's words in the language of the context it is rendered in (see assess.i18n),
    # whitespace trimmed as `pybabel extract` trims it.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True
    )
    return env


class PhoneApp:
    """The routes, bound to one room and one run's token."""

    def __init__(self, room: PhoneRoom, token: str, pulse: Pulse, language: Language) -> None:
        self.room = room
        self.token = token
        self.pulse = pulse
        self.language = language
        #: Each phone's open streams, oldest first.
        self.streams: dict[str, list[object]] = {}
        files = resources.files("assess.phones") / "page"
        self.assets = {name: (files / name).read_bytes() for name in ASSETS}
        self.page = _templates().get_template("phone.html.j2")

    @staticmethod
    def key_of(request: Request, data: dict[str, Any] | None = None) -> str:
        """The key a request gives (in its body, else its query), else its cookie's. A key
        given as anything but text is no key."""
        if data is not None and "key" in data:
            given = data["key"]
        elif "key" in request.query_params:
            given = request.query_params["key"]
        else:
            given = request.cookies.get(COOKIE)
        return given if isinstance(given, str) else ""

    async def join_page(self, request: Request) -> Response:
        if not _same(request.path_params["token"], self.token):
            return Response(status_code=404)
        with i18n.speaking(self.language):  # this thread has no language of its own
            html = self.page.render(
                token=self.token,
                names=self.room.roster(),
                open_join=self.room.open_join,
                lang=self.language.code,
                words=orjson.dumps(page_words()).decode("utf-8"),
            )
        return Response(html, media_type="text/html; charset=utf-8")

    async def asset(self, request: Request) -> Response:
        name = request.path_params["asset"]
        if not _same(request.path_params["token"], self.token) or name not in ASSETS:
            return Response(status_code=404)
        return Response(self.assets[name], media_type=ASSETS[name])

    async def join(self, request: Request) -> Response:
        data = await _read_json(request)
        if isinstance(data, Response):
            return data
        token = data.get("token")
        if not isinstance(token, str) or not _same(token, self.token):
            return _refusal(403, "this is not the join address of this room", "not-this-room")
        try:
            key, name = self.room.join(data.get("name"), holder=request.cookies.get(COOKIE))
        except Refused as refused:
            return _refusal(STATUS[refused.kind], refused.message, refused.kind)
        response = _json({"key": key, "name": name})
        response.set_cookie(
            COOKIE, key, max_age=COOKIE_SECONDS, httponly=True, samesite="strict", path="/"
        )
        return response

    async def state(self, request: Request) -> Response:
        view = self.room.view(self.key_of(request))
        return _refusal(403, "unknown key", "bad-key") if view is None else _json(view)

    async def vote(self, request: Request) -> Response:
        data = await _read_json(request)
        if isinstance(data, Response):
            return data
        key = self.key_of(request, data)
        try:
            self.room.vote(key, data.get("dimension"), data.get("value"), data.get("round"))
        except Refused as refused:
            return _refusal(STATUS[refused.kind], refused.message, refused.kind)
        return _json(self.room.view(key))

    async def events(self, request: Request) -> Response:
        key = self.key_of(request)
        if self.room.view(key) is None:
            return _refusal(403, "unknown key", "bad-key")
        mine = self.streams.setdefault(key, [])
        stream = object()
        mine.append(stream)
        if len(mine) > STREAMS_PER_PHONE:
            del mine[0]
            self.pulse.fire()  # the oldest sees it is no longer among them, and ends
        return StreamingResponse(
            self._stream(key, stream),
            media_type="text/event-stream",
            headers={"x-accel-buffering": "no"},
        )

    async def _stream(self, key: str, stream: object) -> AsyncIterator[bytes]:
        try:
            yield b"retry: 1000\n\n"
            last = b""
            while stream in self.streams.get(key, ()):
                woken = self.pulse.current()
                body = orjson.dumps(self.room.view(key))
                if body != last:
                    yield b"data: " + body + b"\n\n"
                    last = body
                if self.room.stopped:
                    return
                if not await Pulse.wait(woken, PING_SECONDS):
                    yield b": ping\n\n"
        finally:
            mine = self.streams.get(key, [])
            if stream in mine:
                mine.remove(stream)
            if not mine:
                self.streams.pop(key, None)


async def _nothing(request: Request, exc: Exception) -> Response:
    """A wrong path or method says no more than its status."""
    status = exc.status_code if isinstance(exc, HTTPException) else 404
    return Response(status_code=404 if status == 405 else status)


def build_app(
    room: PhoneRoom, token: str, pulse: Pulse, language: Language = i18n.ENGLISH
) -> ASGIApp:
    """The whole ASGI app: the routes behind the guard; the page in `language`."""
    phones = PhoneApp(room, token, pulse, language)
    routes = [
        Route("/join/{token}", phones.join_page, methods=["GET"]),
        Route("/join/{token}/{asset}", phones.asset, methods=["GET"]),
        Route("/api/join", phones.join, methods=["POST"]),
        Route("/api/state", phones.state, methods=["GET"]),
        Route("/api/events", phones.events, methods=["GET"]),
        Route("/api/vote", phones.vote, methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _nothing})
    return Guard(app, lambda key: room.member(key) is not None)
