"""What the walk with votes from phones writes (issue 26), driven by scripted answers against a
real phone server on loopback, with phones as httpx clients: "don't know" kept as null, an
earlier vote outside the round still counted (and said at the reveal), a name a phone added
with --open-join, a workshop no phone can join, and the report saying how the votes were
taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from phonewalk import TRIO, Room, option, room
from ruamel.yaml import YAML
from scripted import ENTER, ESC, Script, output

from assess.files.catalogs import language
from assess.files.loader import load_workshop
from assess.i18n import speaking
from assess.method.scoring import assess
from assess.report.html import render_html
from assess.workshop.phonevote import ACCEPT, REVEAL

__all__ = ["room"]  # the fixture, used by name

JUDGEMENT, OFTEN = "how much judgement", "how often"


def _file(tmp_path: Path, text: str = TRIO) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _raw(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _title(options: Any, value: object = REVEAL, width: int = 80) -> str:
    """The title a live option shows now."""
    found = option(options, value)
    assert found.live is not None
    return found.live.title(width)


def test_dont_know_is_kept_as_null_and_an_earlier_vote_outside_the_round_still_counts(
    tmp_path: Path, room: Room
) -> None:
    rest = "scale: 3, emotional_stakes: 2, tech_barrier: 2"  # the team's answers to walk
    text = f"""\
title: Claims journey
participants: [Ana, Ben, Cy, Dan]
touchpoints:
  - name: Report a claim
    votes:
      Ana: {{complexity: 2, {rest}}}
      Dan: {{complexity: 1, {rest}}}
"""
    path = _file(tmp_path, text)
    seen: dict[str, Any] = {}

    def vote(options: Any) -> Any:
        ana, ben, cy = room.join("Ana", "Ben", "Cy")
        seen["cy"] = cy
        assert ana.vote(None) == 200 and ben.vote(4) == 200
        assert _title(options) == "Reveal · 2 of 3 voted (waiting: Cy) · 1 not joined"
        return REVEAL

    def revealed(options: Any) -> Any:
        # Dan's earlier 1 counts beside Ben's 4 (Ana now says she does not know): median 2.5,
        # rounded up toward keeping a person involved.
        assert option(options, ACCEPT).title == (
            "Accept the votes: 3 Some judgement (median 2.5, rounded up)"
        )
        return ENTER

    script = Script(
        [
            ("everyone in?", ENTER),
            (JUDGEMENT, vote),
            ("the votes are in", revealed),
            (OFTEN, ESC),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    tp = _raw(path)["touchpoints"][0]
    votes = {person: ballot["complexity"] for person, ballot in tp["votes"].items()}
    # Don't know: no vote, and Ana's earlier 2 is gone; Dan was not in the round: his stays.
    assert votes == {"Ana": None, "Dan": 1, "Ben": 4}
    assert tp["votes"]["Ana"]["scale"] == 3  # her other answers stay
    loaded = load_workshop(path)
    team = assess(loaded.questionnaire, loaded.workshop).results[0].consensus["complexity"]
    assert (team.value, dict(team.votes)) == (3, {"Dan": 1, "Ben": 4})
    assert loaded.workshop.phone_voters == ["Ana", "Ben"]  # Cy did not vote
    shown = output(s)  # the reveal on the facilitator's screen: every value with its voter
    assert "Revealed · 1 vote · median 4 · spread 0" in shown
    for line in ("4 Expert judgement  Ben", "? Don't know        Ana", "- No vote           Cy"):
        assert f"\n  {line}\n" in shown
    assert "\n  Earlier votes still counted: Dan 1\n" in shown


def test_open_join_adds_a_phones_own_name_to_the_participants(tmp_path: Path, room: Room) -> None:
    path = _file(tmp_path)

    def vote(options: Any) -> Any:
        (zoe,) = room.join("Zoë Ölmez")
        assert zoe.vote(2) == 200
        return REVEAL

    script = Script(
        [
            ("everyone in?", ENTER),
            (JUDGEMENT, vote),
            ("the votes are in", ENTER),
            (OFTEN, ESC),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script, open_join=True)
    s.run()
    s.close()
    loaded = load_workshop(path).workshop
    assert loaded.participants == ["Ana", "Ben", "Cy", "Zoë Ölmez"]
    assert loaded.phone_voters == ["Zoë Ölmez"]
    assert loaded.touchpoints[0].votes == {"Zoë Ölmez": {"complexity": 2}}


def test_a_workshop_without_participants_says_no_phone_can_join(tmp_path: Path, room: Room) -> None:
    path = _file(tmp_path, TRIO.replace("participants: [Ana, Ben, Cy]\n", ""))
    script = Script([("everyone in?", ENTER), (JUDGEMENT, ESC), ("what next?", "quit")])
    s = room.session(path, script)
    s.run()
    s.close()
    said = output(s)
    assert "No participants are listed in claims.yaml, so no phone can join." in said


def test_the_report_says_how_many_voted_blind_from_their_phones(tmp_path: Path) -> None:
    path = _file(
        tmp_path, TRIO.replace("touchpoints:", "phone_voters: [Ana, Ben, Cy]\ntouchpoints:")
    )
    loaded = load_workshop(path)
    said = (
        "3 participants voted blind from their phones: nobody saw another's vote before the reveal."
    )
    html = render_html(assess(loaded.questionnaire, loaded.workshop))
    method = html[html.index('id="method"') :]
    assert said in method  # in the appendix, where the team votes are explained
    with speaking(language("de")):
        german = render_html(assess(loaded.questionnaire, loaded.workshop))
    assert "3 Personen haben verdeckt per Handy abgestimmt" in german
    plain = _file(tmp_path, TRIO)
    loaded = load_workshop(plain)
    assert "blind from their" not in render_html(assess(loaded.questionnaire, loaded.workshop))
