"""`assess run` in German, in a real terminal (pexpect, drawn by pyte) at 80x24 and 60x20: the
question and its anchors come from the German questionnaire, the keys, screens, header, menu,
help and confirmations are German, a confirmation takes j as well as y, and no English of the
program or the questionnaire is left on any screen the room sees."""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
from english import english_in
from room import SIZES, Screen

from assess.files.loader import load_workshop

WORKSHOP = """\
title: Schadenmeldung
language: de
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Schaden melden
    stage: Melden
    channel: App
  - name: Rückruf vereinbaren
    stage: Klären
    channel: Telefon
"""
QUESTION = "Wie viel Urteilsvermögen verlangt dieser Touchpoint?"


def _room(tmp_path: Path, size: tuple[int, int], args: list[str] | None = None) -> Screen:
    path = tmp_path / "schaden.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    columns, lines = size
    return Screen(path, columns, lines, args)


def _quit(room: Screen) -> str:
    """Quit from the menu; what the screen says as the program ends."""
    room.press("0", "\r")
    room.child.expect(pexpect.EOF)
    room.stream.feed(room.child.before or "")
    return room.text()


def _german(shown: str) -> None:
    """No English phrase or label of the program or the questionnaire on the screen."""
    assert english_in("de", [shown]) == [], shown


@pytest.mark.parametrize("size", SIZES)
def test_the_walk_asks_in_german(tmp_path: Path, size: tuple[int, int]) -> None:
    room = _room(tmp_path, size)
    try:
        shown = room.wait_for("Touchpoint 1 von 2", "Schaden melden", "Komplexität")
        lines = shown.splitlines()
        assert lines[0].startswith("0/2 · 0 Uneinigkeiten offen"), shown  # the header
        assert "1) Nach Skript" in shown and "Neuartig" in shown  # the anchors, translated
        assert "Hinweis:" in shown  # questionary's "Description:", in German
        assert all(len(line) <= size[0] for line in room.screen.display)
        _german(shown)
        room.press("h", "\r")  # the help
        shown = room.wait_for("Hilfe: Komplexität.", "Denken Sie an den schwierigsten")
        _german(shown)
        if "Enter drücken, um zur Frage zurückzukehren" in shown:  # too long to show beside it
            room.press("\r")
            room.wait_for(QUESTION)
        # Complexity 2, scale 5, stakes 1, barrier 1: each answered once its question is up.
        for key, then in (
            ("2", "▸ Häufigkeit"),
            ("5", "▸ Emotionale Tragweite"),
            ("1", "▸ Technik als Hürde"),
        ):
            room.press(key, "\r")
            _german(room.wait_for(then))
        room.press("1", "\r")
        shown = room.wait_for("● Automatisieren", "Notiz: Warum haben wir so bewertet?")
        _german(shown)
        room.press("\r")  # no note; the verdict needs "a person one step away": the menu
        shown = room.wait_for("Eine Antwort ändern?", "Nein, Einstufung behalten und weiter")
        assert "Zu entscheiden:" in shown
        _german(shown)
        room.press("\x1b")  # Esc: the menu
        shown = room.wait_for("Wie weiter?", "Beenden (alles ist gespeichert)")
        assert "Einen Touchpoint neu bewerten" in shown
        _german(shown)
        said = " ".join(_quit(room).split())
        assert "gespeichert. Jederzeit fortsetzen mit: assess run" in said
    finally:
        room.close()
    assert load_workshop(tmp_path / "schaden.yaml").workshop.touchpoints[0].scores == {
        "complexity": 2,
        "scale": 5,
        "emotional_stakes": 1,
        "tech_barrier": 1,
    }


def test_a_confirmation_takes_j_and_enter(tmp_path: Path) -> None:
    """Clearing an answer asks in German and takes j (or y), then Enter; the French o is no
    answer in German, so Enter after it keeps the answer (no, the safe default)."""
    room = _room(tmp_path, (80, 24))
    try:
        room.wait_for(QUESTION)
        room.press("3", "\r")  # complexity 3, on to scale
        room.wait_for("▸ Häufigkeit")
        room.press("b")  # back to complexity
        room.wait_for("» b)")
        room.press("\r")
        room.wait_for("▸ Komplexität", "3 Etwas Ermessen")
        room.press("c")
        room.wait_for("» c)")  # the clear option, highlighted
        room.press("\r")
        shown = room.wait_for("Antwort zu „Komplexität“ löschen?", "(j/N)")
        _german(shown)
        room.press("o", "\r")  # not a German yes: nothing is cleared, the walk goes on
        room.wait_for("▸ Häufigkeit", "3 Etwas Ermessen")
        room.press("b")
        room.wait_for("» b)")
        room.press("\r")
        room.wait_for("▸ Komplexität", "3 Etwas Ermessen")
        room.press("c")
        room.wait_for("» c)")
        room.press("\r")
        room.wait_for("(j/N)")
        room.press("j")
        room.wait_for("(j/N) J")  # "Ja", where the line runs on
        room.press("\r")
        room.wait_for("▸ Häufigkeit")  # cleared, and on to the next question
        room.press("\x1b")
        room.wait_for("Wie weiter?")
        assert "Jederzeit fortsetzen" in _quit(room)
    finally:
        room.close()
    assert load_workshop(tmp_path / "schaden.yaml").workshop.touchpoints[0].scores == {}


def test_lang_wins_over_the_workshop_s_language(tmp_path: Path) -> None:
    """`assess run --lang fr` walks the German-named workshop in French."""
    room = _room(tmp_path, (80, 24), ["--lang", "fr"])
    try:
        shown = room.wait_for("Point de contact 1 sur 2", "Quel discernement")
        assert "Détail :" in shown or "Détail\u00a0:" in shown
        assert english_in("fr", [shown]) == [], shown
    finally:
        room.close()
