"""What the phone tests share: questions built from the bundled questionnaire, the app behind an
httpx ASGITransport, and a real server on loopback with phones as httpx clients."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import httpx

from assess.ballot import Choice, Question
from assess.files.loader import bundled_questionnaire
from assess.i18n import ENGLISH, Language
from assess.phones.app import Pulse, build_app
from assess.phones.room import PhoneRoom

T = TypeVar("T")
TOKEN = "k9X2bY7mQ4wZ1vT8rL5nPa"
NAMES = ("Ana", "Ben", "Cy")


def question(touchpoint: str = "Where is my order?", index: int = 0) -> Question:
    """The bundled questionnaire's dimension `index`, asked of `touchpoint`."""
    d = bundled_questionnaire("default").dimensions[index]
    choices = tuple(Choice(n, a.label, a.text) for n, a in d.anchors.items())
    return Question(
        touchpoint, d.id, d.label, d.question, d.help, choices, f"Touchpoint {index + 1} of 4"
    )


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(scenario())  # type: ignore[arg-type]


class Phones:
    """The app for one room, and httpx clients talking to it in-process."""

    def __init__(
        self,
        names: tuple[str, ...] = NAMES,
        open_join: bool = False,
        limit: int = 200,
        language: Language = ENGLISH,
    ) -> None:
        self.room = PhoneRoom(names, open_join=open_join, limit=limit)
        self.app = build_app(self.room, TOKEN, Pulse(), language)

    def client(self, address: str = "192.168.1.50") -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(address, 50000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver")

    async def join(self, client: httpx.AsyncClient, name: str) -> str:
        response = await client.post("/api/join", json={"token": TOKEN, "name": name})
        assert response.status_code == 200, response.text
        return str(response.json()["key"])


def body(response: httpx.Response) -> dict[str, Any]:
    data = json.loads(response.content)
    assert isinstance(data, dict)
    return data


def events(lines: Iterator[str]) -> Iterator[dict[str, Any]]:
    """The states a Server-Sent Events stream carries."""
    for line in lines:
        if line.startswith("data: "):
            yield json.loads(line[len("data: ") :])
