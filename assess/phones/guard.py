"""What every request passes before the app sees it: a client that floods is slowed (429), a body
over 4 KiB is refused (413), and every answer carries the headers that keep a page to itself.

A pure ASGI middleware, so streams (the phones' live updates) pass through untouched. Each
client has its own allowance (a token bucket): a phone by its key, anything else by its
address. One flooding client spends only its own allowance, never the room's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The largest request body taken, in bytes.
BODY_LIMIT = 4 * 1024
#: The cookie that holds a phone's key.
COOKIE = "assess_key"
#: Sent with every answer. The page needs nothing from anywhere else, and the join address
#: (the token is in it) never leaves in a Referer.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


@dataclass(frozen=True)
class Allowance:
    """A burst of `burst` requests, refilled at `rate` a second."""

    burst: float
    rate: float


#: A phone's own allowance: far more than a person tapping, far less than a script.
PHONE = Allowance(burst=30, rate=10)
#: Requests without a key (the page, its files, joining) by address: a room joining at once
#: from behind one address still gets in.
ADDRESS = Allowance(burst=300, rate=100)
#: How many clients are remembered before idle ones are forgotten.
REMEMBERED = 4096


class Throttle:
    """Token buckets per client."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, who: str, allowance: Allowance) -> bool:
        now = self._clock()
        tokens, then = self._buckets.get(who, (allowance.burst, now))
        tokens = min(allowance.burst, tokens + (now - then) * allowance.rate)
        if len(self._buckets) >= REMEMBERED and who not in self._buckets:
            self._forget_idle(now, allowance)
        if tokens < 1:
            self._buckets[who] = (tokens, now)
            return False
        self._buckets[who] = (tokens - 1, now)
        return True

    def _forget_idle(self, now: float, allowance: Allowance) -> None:
        # A bucket that would be full again holds nothing worth remembering.
        full = [
            who
            for who, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * allowance.rate >= allowance.burst
        ]
        for who in full or list(self._buckets)[: REMEMBERED // 2]:
            del self._buckets[who]


def header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


def cookie_key(scope: Scope) -> str | None:
    raw = header(scope, b"cookie")
    if raw is None:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1"))
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


def query_key(scope: Scope) -> str | None:
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    keys = query.get("key")
    return keys[0] if keys else None


async def answer(send: Send, status: int, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    """An empty answer: a refusal says no more than its status."""
    headers = [(b"content-length", b"0"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


class Guard:
    """Wraps the app: throttles, refuses oversized bodies, adds the security headers."""

    def __init__(self, app: ASGIApp, is_member: Callable[[str], bool]) -> None:
        self.app = app
        self.is_member = is_member
        self.throttle = Throttle()

    def _who(self, scope: Scope) -> tuple[str, Allowance]:
        for key in (query_key(scope), cookie_key(scope)):
            if key and self.is_member(key):
                return "key:" + key, PHONE
        client = scope.get("client")
        return "address:" + (str(client[0]) if client else "?"), ADDRESS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        who, allowance = self._who(scope)
        if not self.throttle.take(who, allowance):
            await answer(secured, 429, [(b"retry-after", b"1")])
            return
        length = header(scope, b"content-length")
        if length is not None:
            if not length.isdigit():
                await answer(secured, 400)
                return
            if int(length) > BODY_LIMIT:
                await answer(secured, 413)
                return
        await self.app(scope, receive, secured)
