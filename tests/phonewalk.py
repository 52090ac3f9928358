"""What the tests of the walk with phones share (`assess run --phones`): a session wired to a
real phone server on loopback, as the command line wires it, and phones as httpx clients
speaking the server's HTTP API."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from rich.console import Console
from scripted import Script

from assess.phones import PhoneServer, join_png_path, qr_text, serve_room
from assess.workshop import Session
from assess.workshop.phonescreen import Phones
from assess.workshop.prompts import Option

TRIO = """\
title: Claims journey
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Report a claim
    stage: Claim
  - name: Track the claim
    stage: Claim
"""


class Phone:
    """One person's phone: joins with the token of the join address, then votes."""

    def __init__(self, server: PhoneServer, name: str) -> None:
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=10)
        answer = self.client.post("/api/join", json={"token": server.token, "name": name})
        assert answer.status_code == 200, answer.text
        self.key = str(answer.json()["key"])
        self.name = str(answer.json()["name"])

    def state(self) -> dict[str, Any]:
        answer = self.client.get("/api/state", params={"key": self.key})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert isinstance(data, dict)
        return data

    def vote(self, value: int | None, dimension: str | None = None) -> int:
        """Vote on the open question (or on `dimension`); the status of the answer."""
        asked = dimension or self.state()["dimension"]
        answer = self.client.post(
            "/api/vote", json={"key": self.key, "dimension": asked, "value": value}
        )
        return answer.status_code

    def close(self) -> None:
        self.client.close()


class Room:
    """The servers a test's sessions started, and the phones that joined them."""

    def __init__(self) -> None:
        self.servers: list[PhoneServer] = []
        self.phones: list[Phone] = []

    @property
    def server(self) -> PhoneServer:
        return self.servers[-1]

    def join(self, *names: str) -> list[Phone]:
        joined = [Phone(self.server, name) for name in names]
        self.phones += joined
        return joined

    def session(self, path: Path, script: Script, open_join: bool = False) -> Session:
        def serve(people: Sequence[str]) -> PhoneServer:
            server = serve_room(path, people, "127.0.0.1", open_join=open_join)
            self.servers.append(server)
            return server

        console = Console(file=io.StringIO(), width=200, height=40, force_terminal=False)
        phones = Phones(serve, qr_text, join_png_path(path), open_join)
        return Session(
            path, script, console, lambda *a: 3, today=dt.date(2026, 12, 1), phones=phones
        )

    def stop(self) -> None:
        for phone in self.phones:
            phone.close()
        for server in self.servers:
            server.stop()


@pytest.fixture
def room() -> Iterator[Room]:
    found = Room()
    yield found
    found.stop()


def option(options: Sequence[Option], value: object) -> Option:
    return next(o for o in options if o.value == value)
