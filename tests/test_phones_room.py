"""`assess run --phones` as a room uses it (issue 26): the facilitator's terminal in a
pseudo-terminal drawn by a terminal emulator (pexpect + pyte), phones as real browsers (headless
Chromium at 360x640) and httpx clients on loopback. The join code on the terminal reads back
as the join address; the count on the terminal follows the phones live; `r` reveals on the
terminal and every phone at once; Enter writes the votes by name; a split is voted on again
and settled; Ctrl-C during a round, then resume."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pexpect
import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image
from room import Screen, linger
from ruamel.yaml import YAML
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from test_phones_browser import WIDTH, _fits_a_phone, _options, _tap, _text, _until, browser

from assess.cli import cli
from assess.files.loader import load_workshop
from assess.method.scoring import assess

__all__ = ["browser"]  # the fixture, used by name

PHONES = ["--phones", "--host", "127.0.0.1"]
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/join/[A-Za-z0-9_-]{22}")
WORKSHOP = """\
title: Claims journey
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Report a claim
    stage: Claim
  - name: Track the claim
    stage: Claim
"""


def _workshop(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    return path


def _rgb(colour: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if re.fullmatch(r"[0-9a-fA-F]{6}", colour):
        return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))
    return default


def code_on_screen(room: Screen) -> list[str]:
    """What a phone camera reads off the terminal: each cell drawn as pixels, its upper half in
    the character's colour and its lower half in the background's (the code's cells), in the
    emulator's colours (an unset colour: a dark terminal's)."""
    screen = room.screen
    scale = 6
    image = Image.new("RGB", (screen.columns * scale, screen.lines * 2 * scale), (30, 30, 30))
    for y in range(screen.lines):
        for x in range(screen.columns):
            cell = screen.buffer[y][x]
            if cell.data != "▀":
                continue
            for half, colour in enumerate((cell.fg, cell.bg)):
                top = (2 * y + half) * scale
                box = (x * scale, top, (x + 1) * scale, top + scale)
                image.paste(_rgb(colour, (30, 30, 30)), box)
    return [found.text for found in zxingcpp.read_barcodes(image)]


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _phone(address: str, name: str) -> tuple[httpx.Client, str]:
    base, token = address.split("/join/")
    client = httpx.Client(base_url=base, timeout=10)
    answer = client.post("/api/join", json={"token": token, "name": name})
    assert answer.status_code == 200, answer.text
    return client, str(answer.json()["key"])


def _vote(phone: tuple[httpx.Client, str], value: int | None) -> dict[str, Any]:
    client, key = phone
    state = client.get("/api/state", params={"key": key}).json()
    answer = client.post(
        "/api/vote", json={"key": key, "dimension": state["dimension"], "value": value}
    )
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert isinstance(data, dict)
    return data


def _state(phone: tuple[httpx.Client, str]) -> dict[str, Any]:
    client, key = phone
    data = client.get("/api/state", params={"key": key}).json()
    assert isinstance(data, dict)
    return data


def _counted_within(room: Screen, text: str, act: Callable[[], object], limit: float) -> float:
    """Do `act` (a phone's tap), then the seconds until the terminal shows `text`, which it
    must within `limit` seconds, with no key pressed."""
    started = time.monotonic()
    act()
    room.wait_for(text, timeout=limit + 5)
    took = time.monotonic() - started
    assert took <= limit, f"the terminal showed {text!r} {took:.2f} s after the phone"
    return took


def _join_in_browser(page: WebDriver, address: str, name: str) -> None:
    page.get(address)
    _until(lambda: page.find_element(By.ID, "join").is_displayed())
    buttons = page.find_elements(By.CSS_SELECTOR, "button.name")
    _tap(page, next(b for b in buttons if b.text == name))
    _until(lambda: _text(page, "me") == name)


def test_three_people_vote_blind_from_browsers_and_a_phone_and_enter_records_their_votes(
    tmp_path: Path, browser: Callable[..., WebDriver]
) -> None:
    path = _workshop(tmp_path)
    room = Screen(path, 80, 24, args=PHONES)
    try:
        shown = room.wait_for("Everyone in?", "Start the walk · 0 of 3 joined")
        lines = shown.splitlines()
        assert lines[0].startswith("0/2 · 0 splits open")  # the header, as on every screen
        found = ADDRESS.search(shown)
        assert found is not None, shown
        address = found.group()
        assert address in lines  # whole, on a line of its own
        # The code on the terminal and the one beside the workshop, for a slide, both open it.
        assert code_on_screen(room) == [address]
        png = Image.open(tmp_path / "claims-join.png")
        assert [r.text for r in zxingcpp.read_barcodes(png)] == [address]

        ana = browser()
        _join_in_browser(ana, address, "Ana")
        room.wait_for("Start the walk · 1 of 3 joined (not yet: Ben, Cy)")  # live, no key
        room.press("\r")
        room.wait_for("▸ Complexity", "r) Reveal · 0 of 1 voted (waiting: Ana) · 2 not joined")

        _until(lambda: _text(ana, "touchpoint") == "Report a claim")
        assert _text(ana, "ask") == "How much judgement does handling this touchpoint take?"
        _fits_a_phone(ana)
        taps = [
            _counted_within(
                room, "1 of 1 voted · 2 not joined", lambda: _tap(ana, _options(ana)[3]), 1.0
            )
        ]

        ben = browser()
        _join_in_browser(ben, address, "Ben")
        room.wait_for("1 of 2 voted (waiting: Ben) · 1 not joined")
        _until(lambda: _text(ben, "status-sub") == "1 of 2 voted")
        # Another browser sees the count, never a value, before the reveal.
        assert "Ana" not in ben.find_element(By.TAG_NAME, "body").text
        state = ben.execute_async_script(
            "const done = arguments[0];"
            "fetch('/api/state').then(r => r.json()).then(done, e => done(String(e)));"
        )
        assert state["voted"] == 1 and "votes" not in state and state["my_vote"] is None
        assert "4 Expert" not in room.text().split("? How much")[0]  # nor does the terminal

        cy = _phone(address, "Cy")
        taps.append(_counted_within(room, "2 of 3 voted (waiting: Ben)", lambda: _vote(cy, 2), 1.0))
        taps.append(
            _counted_within(room, "Reveal · 3 of 3 voted", lambda: _tap(ben, _options(ben)[4]), 1.0)
        )

        room.press("r", "\r")  # r: reveal, on the terminal and every phone at once
        shown = room.wait_for("Revealed · 3 votes · median 4 · spread 3 · split", "Ana")
        assert "\n  2 Routine           Cy\n" in shown
        assert "\n  4 Expert judgement  Ana\n" in shown
        assert "\n  5 Novel             Ben\n" in shown
        assert "Split 2–5: talk it through, then vote again (a), or settle it now (x)." in shown
        assert "» y) Accept the votes: 4 Expert judgement (median 4)" in shown
        for page in (ana, ben):
            _until(lambda page=page: "Revealed" in _text(page, "status-text"))
            assert _text(page, "status-text") == "Revealed · median 4 · spread 3"
            voters = [o.find_element(By.CLASS_NAME, "voters").text for o in _options(page)]
            assert voters == ["", "Cy", "", "Ana", "Ben"]
        assert _state(cy)["votes"] == {"Ana": 4, "Ben": 5, "Cy": 2}
        ben.save_screenshot(str(tmp_path / "phone-revealed.png"))

        room.press("\r")  # Enter: the votes, as votes
        shown = room.wait_for("▸ Scale", "The votes from phones on complexity are recorded")
        assert "Ana 4, Ben 5, Cy 2" in shown
        _until(lambda: _text(ana, "ask") == "How often does this touchpoint happen?")
        ana.save_screenshot(str(tmp_path / "phone-360x640.png"))
        assert ana.get_window_size()["width"] >= WIDTH
        room.press("\x1b")
        room.wait_for("What next?")
        room.press("0", "\r")
        room.child.expect(pexpect.EOF)
        room.child.close()
        assert room.child.exitstatus == 0
    finally:
        room.close()
    tp = _yaml(path)["touchpoints"][0]
    assert tp["votes"] == {
        "Ana": {"complexity": 4},
        "Ben": {"complexity": 5},
        "Cy": {"complexity": 2},
    }
    assert "scores" not in tp and "settled" not in tp
    loaded = load_workshop(path)
    team = assess(loaded.questionnaire, loaded.workshop).results[0].consensus["complexity"]
    assert (team.median, team.value, team.open) == (4, 4, True)  # a split, left open
    assert loaded.workshop.phone_voters == ["Ana", "Ben", "Cy"]
    _until(lambda: ana.find_element(By.ID, "closed").is_displayed())  # "The vote is over"
    with pytest.raises(httpx.TransportError):  # the server stopped with the run
        _state(cy)
    print(f"tap to terminal count: {', '.join(f'{t:.2f}' for t in taps)} s")


def test_a_split_is_flagged_voted_on_again_and_settled_at_60x20(tmp_path: Path) -> None:
    path = _workshop(tmp_path)
    room = Screen(path, 60, 20, args=PHONES)
    try:
        room.wait_for("Everyone in?")
        linger(room, 0.5)
        (address,) = code_on_screen(room)  # at 60x20 the code still fits, and reads
        assert ADDRESS.fullmatch(address)
        ana, ben = _phone(address, "Ana"), _phone(address, "Ben")
        room.wait_for("2 of 3 joined (not yet: Cy)")
        room.press("\r")
        room.wait_for("▸ Complexity", "0 of 2 voted (waiting: Ana, Ben)")
        _vote(ana, 1)
        _vote(ben, 5)
        room.wait_for("2 of 2 voted")
        room.press("\r")  # Enter on the open round reveals too
        shown = room.wait_for("Revealed · 2 votes · median 3 · spread 4 · split", "Split 1–5")
        lines = shown.splitlines()
        assert lines[0].startswith("0/2 · 0 splits open")
        assert "── Touchpoint 1 of 2 · Claim" in shown and "Report a claim" in lines
        assert all(len(line) <= 60 for line in room.screen.display)
        assert _state(ana)["split"] is True
        round_before = _state(ana)["round"]

        room.press("a", "\r")  # vote again: a fresh blind round
        room.wait_for("0 of 2 voted (waiting: Ana, Ben)")
        fresh = _state(ana)
        assert fresh["round"] > round_before and fresh["my_vote"] is None
        assert not fresh["revealed"] and "votes" not in fresh
        _vote(ana, 2)
        _vote(ben, 4)
        room.wait_for("2 of 2 voted")
        room.press("r", "\r")
        room.wait_for("Revealed · 2 votes · median 3 · spread 2 · split", "Split 2–4")
        room.press("x", "\r")  # settle now, at a value the room decides
        room.wait_for("Settle complexity: what does the room decide?")
        room.press("3", "\r")
        room.wait_for("Why does the room settle complexity at 3?")
        room.press("Depends on the product\r")
        room.wait_for("▸ Scale")
        room.press("\x1b")
        room.wait_for("What next?")
        room.press("0", "\r")
        room.child.expect(pexpect.EOF)
    finally:
        room.close()
    tp = _yaml(path)["touchpoints"][0]
    assert tp["votes"] == {"Ana": {"complexity": 2}, "Ben": {"complexity": 4}}  # round two
    assert tp["settled"] == {"complexity": {"value": 3, "reason": "Depends on the product"}}


def test_ctrl_c_during_an_open_round_then_resume_asks_the_same_question(tmp_path: Path) -> None:
    path = _workshop(tmp_path)
    room = Screen(path, 80, 24, args=PHONES)
    try:
        shown = room.wait_for("Everyone in?")
        first = ADDRESS.search(shown)
        assert first is not None
        ana = _phone(first.group(), "Ana")
        room.press("\r")
        room.wait_for("▸ Complexity")
        _vote(ana, 3)
        room.wait_for("1 of 1 voted")
        room.press("\r")
        room.wait_for("Revealed · 1 vote")
        room.press("\r")
        room.wait_for("▸ Scale", "0 of 1 voted (waiting: Ana)")
        _vote(ana, 5)
        room.wait_for("1 of 1 voted")
        room.child.sendcontrol("c")  # during an open round
        room.child.expect_exact("Saved. Resume with: assess run")
        room.child.expect_exact("--phones")
        room.child.expect(pexpect.EOF)
        room.child.close()
        assert room.child.exitstatus == 130
    finally:
        room.close()
    with pytest.raises(httpx.TransportError):  # the server stopped with the run
        _state(ana)
    assert _yaml(path)["touchpoints"][0]["votes"] == {"Ana": {"complexity": 3}}

    room = Screen(path, 80, 24, args=PHONES)
    try:
        shown = room.wait_for("Everyone in?")
        again = ADDRESS.search(shown)
        assert again is not None and again.group() != first.group()  # a fresh secret
        base, old_token = again.group().split("/join/")[0], first.group().split("/join/")[1]
        assert httpx.get(f"{base}/join/{old_token}").status_code == 404  # the old code: nothing
        ana = _phone(again.group(), "Ana")
        room.press("\r")
        shown = room.wait_for("▸ Scale", "0 of 1 voted (waiting: Ana)")
        assert "Touchpoint 1 of 2" in shown
        assert _state(ana)["dimension"] == "scale" and _state(ana)["my_vote"] is None
        _vote(ana, 4)
        room.wait_for("1 of 1 voted")
        room.press("\r")
        room.wait_for("Revealed · 1 vote · median 4")
        room.press("\r")
        room.wait_for("▸ Emotional stakes")
        room.press("\x1b")
        room.wait_for("What next?")
        room.press("0", "\r")
        room.child.expect(pexpect.EOF)
    finally:
        room.close()
    assert _yaml(path)["touchpoints"][0]["votes"] == {"Ana": {"complexity": 3, "scale": 4}}


def test_phone_options_without_phones_or_a_terminal_are_one_clear_line(tmp_path: Path) -> None:
    path = _workshop(tmp_path)
    before = path.read_bytes()
    runner = CliRunner()
    for args, said in (
        (["--host", "127.0.0.1"], "Error: --host goes with --phones (votes from phones)"),
        (["--open-join"], "Error: --open-join goes with --phones (votes from phones)"),
        (["--phones", "--port", "70000"], "Invalid value for '--port'"),
    ):
        result = runner.invoke(cli, ["run", str(path), *args])
        assert result.exit_code == 2 and said in result.output, result.output
    result = runner.invoke(cli, ["run", str(path), "--phones"], input="")
    assert result.exit_code == 1
    assert result.output.startswith("Error: assess run asks questions, so it needs an interactive")
    assert path.read_bytes() == before and not (tmp_path / "claims-join.png").exists()


def test_an_address_this_computer_cannot_listen_on_is_said_before_anything_is_asked(
    tmp_path: Path,
) -> None:
    path = _workshop(tmp_path)
    before = path.read_bytes()
    room = Screen(path, 80, 24, args=["--phones", "--host", "203.0.113.7"])  # not this machine
    try:
        room.child.expect(pexpect.EOF)
        room.child.close()
        said = room.child.before or ""
    finally:
        room.close()
    assert room.child.exitstatus == 2
    assert "cannot listen on 203.0.113.7:0" in said and "give another --host or --port" in said
    assert "Traceback" not in said
    assert path.read_bytes() == before and not (tmp_path / "claims-join.png").exists()
