"""The phone server for real (issue 26): Uvicorn in its thread on loopback, phones as httpx
clients following the live stream, the facilitator's side driven through assess.ballot's
VoteRoom, and the hostile cases only a real server shows: a burst of 10,000 requests, a
connection dropped mid-request or mid-stream, a phone that reconnects."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from phones import events, question

from assess.ballot import Tally, VoteRoom
from assess.errors import UsageProblem
from assess.phones import PhoneServer
from assess.phones.app import STREAMS_PER_PHONE

NAMES = ("Ana", "Ben", "Cy")


@pytest.fixture
def server() -> Iterator[PhoneServer]:
    with PhoneServer(NAMES, "127.0.0.1") as running:
        yield running
    assert not running.problems, list(running.problems)  # nothing went wrong inside


class Phone:
    """One phone: an httpx client with its cookie jar, and its live stream when it follows."""

    def __init__(self, server: PhoneServer, name: str | None = None) -> None:
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=5)
        self.server = server
        self.key = ""
        if name is not None:
            answer = self.client.post("/api/join", json={"token": server.token, "name": name})
            assert answer.status_code == 200, answer.text
            self.key = answer.json()["key"]
        self._stream: contextlib.ExitStack | None = None
        self._states: Iterator[dict[str, Any]] | None = None

    def follow(self, with_key: bool = True) -> dict[str, Any]:
        """Open the live stream; returns the first state it sends."""
        self._stream = contextlib.ExitStack()
        params = {"key": self.key} if with_key else {}
        response = self._stream.enter_context(
            self.client.stream("GET", "/api/events", params=params)
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        self._states = events(response.iter_lines())
        return next(self._states)

    def until(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        assert self._states is not None
        for state in self._states:
            if wanted(state):
                return state
        raise AssertionError("the stream ended first")

    def vote(self, dimension: str, value: int | None) -> httpx.Response:
        sent = {"key": self.key, "dimension": dimension, "value": value}
        return self.client.post("/api/vote", json=sent)

    def drop(self) -> None:
        if self._stream is not None:
            self._stream.close()
        self.client.close()


def test_the_server_is_the_walks_vote_room(server: PhoneServer) -> None:
    room: VoteRoom = server  # what cli hands the walk; mypy checks the protocol too
    assert room.address == f"http://127.0.0.1:{server.port}/join/{server.token}"
    assert len(server.token) >= 22  # 16 random bytes: 128 bits
    other = PhoneServer(NAMES, "127.0.0.1")
    assert other.token != server.token  # a fresh secret every run
    other.stop()


def test_votes_are_counted_live_and_revealed_to_every_phone(server: PhoneServer) -> None:
    q = question()
    phones = [Phone(server, name) for name in NAMES]
    for phone in phones:
        assert phone.follow()["dimension"] is None
    opened = server.open(q)
    assert opened.summary() == "0 of 3 voted (waiting: Ana, Ben, Cy)"
    for phone in phones:
        assert phone.until(lambda s: s["dimension"] == q.dimension)["touchpoint"] == q.touchpoint

    seen = server.tally().version
    started = time.monotonic()
    assert phones[1].vote(q.dimension, 2).status_code == 200
    tally = server.wait(seen, timeout=1.0)
    assert time.monotonic() - started < 1.0  # never more than a second behind a phone
    assert tally.summary() == "1 of 3 voted (waiting: Ana, Cy)"
    phones[0].vote(q.dimension, 5)
    phones[2].vote(q.dimension, None)
    assert server.wait(tally.version, 1.0).voted  # woken again
    # The others' phones count the votes, and see no value.
    counted = phones[0].until(lambda s: s["voted"] == 3)
    assert "votes" not in counted and counted["my_vote"] == 5

    reveal = server.reveal()
    assert dict(reveal.votes) == {"Ana": 5, "Ben": 2, "Cy": None}
    assert (reveal.median, reveal.spread, reveal.split) == (3.5, 3, True)
    for phone in phones:
        shown = phone.until(lambda s: s["revealed"])
        assert shown["votes"] == {"Ana": 5, "Ben": 2, "Cy": None}
    server.again()
    for phone in phones:
        fresh = phone.until(lambda s: not s["revealed"])
        assert (fresh["cast"], fresh["voted"]) == (False, 0)
    for phone in phones:
        phone.drop()


def test_on_change_wakes_the_facilitator_in_the_servers_thread(server: PhoneServer) -> None:
    heard: list[tuple[Tally, str]] = []
    got = threading.Event()

    def hear(tally: Tally) -> None:
        heard.append((tally, threading.current_thread().name))
        got.set()

    stop = server.on_change(hear)
    server.open(question())
    ana = Phone(server, "Ana")
    got.clear()
    ana.vote(question().dimension, 3)
    assert got.wait(1.0)
    assert heard[-1][0].voted == ("Ana",)
    assert heard[-1][1] == "assess-phones"  # the callback must only hand the news on
    stop()
    count = len(heard)
    Phone(server, "Ben").vote(question().dimension, 1)
    assert server.tally().voted == ("Ana", "Ben") and len(heard) == count
    ana.drop()


def test_a_phone_that_reconnects_finds_its_question_and_vote_without_joining_twice(
    server: PhoneServer,
) -> None:
    q = question()
    phone = Phone(server, "Ana")
    server.open(q)
    assert phone.vote(q.dimension, 4).status_code == 200
    cookies = phone.client.cookies
    phone.drop()  # screen off, Wi-Fi gone

    again = Phone(server)  # a reload: the page has only its cookie
    again.client.cookies = cookies
    state = again.follow(with_key=False)
    assert (state["dimension"], state["my_vote"], state["cast"]) == (q.dimension, 4, True)
    rejoin = again.client.post("/api/join", json={"token": server.token, "name": "Ana"})
    assert rejoin.status_code == 200 and rejoin.json()["key"] == phone.key
    assert server.tally().joined == ("Ana",)
    again.drop()


def test_stop_ends_every_stream_and_the_thread(server: PhoneServer) -> None:
    phone = Phone(server, "Ana")
    phone.follow()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5
    assert phone.until(lambda s: s["closed"])["closed"] is True
    assert not any(t.name == "assess-phones" for t in threading.enumerate())
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{server.port}/join/{server.token}", timeout=2)
    server.stop()  # twice is fine
    phone.drop()


def _raw(port: int, payload: bytes, expect: int, timeout: float = 60) -> list[int]:
    """Send `payload` (requests, pipelined) and read `expect` answers' status codes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        data = b""
        while data.count(b"HTTP/1.1 ") < expect:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return [int(part[:3]) for part in data.split(b"HTTP/1.1 ")[1:]]


def test_a_burst_of_10000_requests_gets_4xx_and_the_room_goes_on(server: PhoneServer) -> None:
    q = question()
    server.open(q)
    ana = Phone(server, "Ana")
    ana.follow()
    hostile = [
        b"GET /api/state?key=guess HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /join/wrongtoken HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /api/vote HTTP/1.1\r\nHost: x\r\nContent-Length: 45\r\n\r\n"
        + b'{"key":"guess","dimension":"x","value":3}    ',
        b'POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: 26\r\n\r\n{"token":"t","name":"Ana"}',
    ]
    burst = b"".join(hostile[n % 4] for n in range(2500))
    codes: list[int] = []
    workers = [
        threading.Thread(target=lambda: codes.extend(_raw(server.port, burst, 2500)))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    time.sleep(0.2)  # in the middle of the burst, Ana votes and the facilitator sees it
    seen = server.tally().version
    started = time.monotonic()
    assert ana.vote(q.dimension, 2).status_code == 200
    assert server.wait(seen, 1.0).voted == ("Ana",)
    assert time.monotonic() - started < 1.0
    for worker in workers:
        worker.join(120)
    assert len(codes) == 10_000
    assert set(codes) <= {403, 404, 429}, set(codes)
    assert codes.count(429) > 5000  # the flooding client was slowed
    assert server.tally().joined == ("Ana",) and server.tally().voted == ("Ana",)
    assert ana.until(lambda s: s["voted"] == 1)["my_vote"] == 2
    ana.drop()


def test_a_connection_dropped_mid_request_or_mid_stream_leaves_the_room_as_it_was(
    server: PhoneServer,
) -> None:
    q = question()
    server.open(q)
    ana = Phone(server, "Ana")
    half = (
        b"POST /api/vote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 200\r\n\r\n" + f'{{"key": "{ana.key}", "dimension": "'.encode()
    )
    for cut in (half, half[:30], b"GET /api/events?key=" + ana.key.encode()):
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(cut)
    # A phone whose Wi-Fi dropped again and again left streams the server still holds: its
    # newest stream always opens, and the oldest ends.
    stale = []
    for _ in range(STREAMS_PER_PHONE + 1):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        sock.sendall(f"GET /api/events?key={ana.key} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert sock.recv(100).startswith(b"HTTP/1.1 200")
        stale.append(sock)
    ended = b""
    while not ended.endswith(b"0\r\n\r\n"):  # the chunked body's end
        chunk = stale[0].recv(65536)
        assert chunk, "the oldest stream was closed, not ended"
        ended += chunk
    for sock in stale:
        sock.close()
    time.sleep(0.3)
    assert ana.follow()["cast"] is False
    assert server.tally().voted == () and server.tally().joined == ("Ana",)
    assert ana.vote(q.dimension, 3).status_code == 200
    ana.drop()


def test_a_port_in_use_or_an_address_not_here_is_one_clear_message() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(UsageProblem, match=rf"cannot listen on 127.0.0.1:{port} \("):
            PhoneServer(NAMES, "127.0.0.1", port)
    with pytest.raises(UsageProblem, match="--host"):
        PhoneServer(NAMES, "192.0.2.250")  # an address this machine does not have
    with pytest.raises(UsageProblem):
        PhoneServer(NAMES, "no such host.invalid")
