"""The phones' HTTP API (issue 26), in-process through httpx's ASGITransport: the page and
joining, as the README documents them, and what a hostile client gets (a 4xx, with the room
untouched). The state and the vote are in test_phones_vote.py."""

from __future__ import annotations

import re
from importlib import resources

import httpx
import pytest
from phones import TOKEN, Phones, body, run

PAGE_FILES = ("phone.html.j2", "phone.css", "phone.js", "icon.svg")


# --- the page --------------------------------------------------------------------------------


def test_the_join_address_serves_the_page_with_its_own_files_only() -> None:
    phones = Phones(names=("Ana", "<script>alert(1)</script>"))

    async def scenario() -> None:
        async with phones.client() as c:
            page = await c.get(f"/join/{TOKEN}")
            assert page.status_code == 200
            assert page.headers["content-type"].startswith("text/html")
            assert page.headers["content-security-policy"] == "default-src 'self'"
            assert page.headers["referrer-policy"] == "no-referrer"
            # The name is text, escaped, never markup.
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
            assert "<script>alert" not in page.text
            for src in re.findall(r'(?:src|href)="([^"]+)"', page.text):
                assert src.startswith(f"/join/{TOKEN}/"), src
                asset = await c.get(src)
                assert asset.status_code == 200, src
                assert asset.headers["content-security-policy"] == "default-src 'self'"

    run(scenario)


def test_nothing_the_page_needs_comes_from_the_internet() -> None:
    folder = resources.files("assess.phones") / "page"
    for name in PAGE_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        # Only the SVG's own XML namespace names an address, and it is never fetched.
        addresses = set(re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", text))
        assert addresses <= {"http://www.w3.org"}, (name, addresses)
        assert "@import" not in text and "url(" not in text, name
    # No inline script, style or handler either: the CSP would refuse them.
    html = (folder / "phone.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"<script>|<style|\sstyle=|\son\w+=", html)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/join",
        "/join/",
        f"/join/{TOKEN[:-1]}",
        f"/join/{TOKEN}x",
        f"/join/{TOKEN.upper()}",
        f"/join/{TOKEN}/phone.py",
        f"/join/{TOKEN}/../../etc/passwd",
        "/join/wrong/phone.js",
        "/api",
        "/api/join",  # GET of a POST path
        "/api/vote",
        "/static/phone.js",
        "/favicon.ico",
        "/join/%00",
    ],
)
def test_any_other_path_or_token_is_404_with_no_detail(path: str) -> None:
    phones = Phones()

    async def scenario() -> httpx.Response:
        async with phones.client() as c:
            return await c.get(path)

    answer = run(scenario)
    assert answer.status_code == 404
    assert answer.content == b""
    assert TOKEN not in answer.text


# --- joining ---------------------------------------------------------------------------------


def test_a_listed_name_joins_and_gets_a_key_as_an_httponly_strict_cookie() -> None:
    phones = Phones()

    async def scenario() -> None:
        async with phones.client() as c:
            answer = await c.post("/api/join", json={"token": TOKEN, "name": " ana "})
            assert answer.status_code == 200
            key = body(answer)["key"]
            assert body(answer)["name"] == "Ana"  # the workshop's spelling
            assert len(key) >= 32
            cookie = answer.headers["set-cookie"]
            assert f"assess_key={key}" in cookie
            assert "HttpOnly" in cookie
            assert "samesite=strict" in cookie.lower()
            assert phones.room.tally().joined == ("Ana",)

    run(scenario)


def test_an_unknown_name_is_403_unless_the_join_is_open() -> None:
    closed, open_ = Phones(), Phones(open_join=True)

    async def scenario() -> None:
        async with closed.client() as c:
            answer = await c.post("/api/join", json={"token": TOKEN, "name": "Dee"})
            assert answer.status_code == 403
            assert closed.room.tally().joined == ()
        async with open_.client() as c:
            answer = await c.post("/api/join", json={"token": TOKEN, "name": "Dee"})
            assert answer.status_code == 200
            assert open_.room.tally().joined == ("Dee",)

    run(scenario)


@pytest.mark.parametrize(
    "sent",
    [
        {"token": "x" * 22, "name": "Ana"},
        {"token": TOKEN.lower(), "name": "Ana"},
        {"name": "Ana"},
        {"token": None, "name": "Ana"},
        {"token": [TOKEN], "name": "Ana"},
    ],
)
def test_a_join_without_the_token_is_refused(sent: dict[str, object]) -> None:
    phones = Phones()

    async def scenario() -> httpx.Response:
        async with phones.client() as c:
            return await c.post("/api/join", json=sent)

    assert run(scenario).status_code == 403
    assert phones.room.tally().joined == ()


@pytest.mark.parametrize(
    "name", ["", "   ", "A" * 201, "Ana\x1b[2J", "Ana\nBen", "Ana\u202eneB", None, 7, ["Ana"]]
)
def test_a_name_no_workshop_file_could_hold_is_400(name: object) -> None:
    phones = Phones(open_join=True)

    async def scenario() -> httpx.Response:
        async with phones.client() as c:
            return await c.post("/api/join", json={"token": TOKEN, "name": name})

    assert run(scenario).status_code == 400
    assert phones.room.tally().joined == ()


def test_a_name_joins_once_and_its_own_phone_gets_its_key_back() -> None:
    phones = Phones()

    async def scenario() -> None:
        async with phones.client() as ana, phones.client("192.168.1.51") as other:
            key = await phones.join(ana, "Ana")
            again = await ana.post("/api/join", json={"token": TOKEN, "name": "Ana"})
            assert again.status_code == 200 and body(again)["key"] == key
            taken = await other.post("/api/join", json={"token": TOKEN, "name": "ANA"})
            assert taken.status_code == 409
            assert "key" not in body(taken)
        assert phones.room.tally().joined == ("Ana",)

    run(scenario)


def test_the_201st_participant_is_refused() -> None:
    phones = Phones(names=(), open_join=True)

    async def scenario() -> None:
        for n in range(200):
            async with phones.client(f"10.0.{n // 100}.{n % 100}") as c:
                await phones.join(c, f"Person {n}")
        async with phones.client("10.0.9.9") as c:
            answer = await c.post("/api/join", json={"token": TOKEN, "name": "One too many"})
        assert answer.status_code == 403
        assert "full" in body(answer)["error"]

    run(scenario)
    assert len(phones.room.tally().joined) == 200
