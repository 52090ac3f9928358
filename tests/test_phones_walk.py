"""The walk with votes from phones (issue 26), driven by scripted answers against a real phone
server on loopback, with phones as httpx clients: a blind round per question, counted live and
never shown before the reveal; the reveal on the terminal and the phones at once; Enter records
the votes as votes; a split voted on again or settled; the keyboard's own answer; undo, Esc and
Ctrl-C close the round; the note, optional questions and facts stay with the keyboard. What it
writes: test_phones_record.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from phonewalk import TRIO, Room, option, room
from ruamel.yaml import YAML
from scripted import ENTER, ESC, UNDO_KEY, Script, output

from assess.files.loader import load_workshop
from assess.method.scoring import assess
from assess.workshop.phonevote import ACCEPT, AGAIN, DECIDE, JOIN, REVEAL, START
from assess.workshop.prompts import ESCAPE
from assess.workshop.question import SKIP

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


def test_three_phones_vote_blind_then_enter_records_their_votes_and_the_consensus(
    tmp_path: Path, room: Room
) -> None:
    path = _file(tmp_path)
    seen: dict[str, Any] = {}

    def everyone_in(options: Any) -> Any:
        assert _title(options, START) == "Start the walk · 0 of 3 joined (not yet: Ana, Ben, Cy)"
        seen["phones"] = room.join("Ana", "Ben", "cy")  # a name as a phone typed it
        assert _title(options, START) == "Start the walk · 3 joined"
        return START

    def vote_blind(options: Any) -> Any:
        ana, ben, cy = seen["phones"]
        assert cy.name == "Cy"  # the workshop's spelling
        assert _title(options) == "Reveal · 0 of 3 voted (waiting: Ana, Ben, Cy)"
        assert ana.vote(4) == 200 and ben.vote(5) == 200
        assert _title(options) == "Reveal · 2 of 3 voted (waiting: Cy)"
        state = cy.state()  # who has voted, never what
        assert state["voted"] == 2 and "votes" not in state and state["my_vote"] is None
        assert state["touchpoint"] == "Report a claim" and state["dimension"] == "complexity"
        assert state["context"] == "Touchpoint 1 of 2 · Claim"
        assert state["options"][0]["label"] == "Scripted"
        assert cy.vote(2) == 200
        assert _title(options) == "Reveal · 3 of 3 voted"
        return REVEAL

    def revealed(options: Any) -> Any:
        for phone in seen["phones"]:  # on every phone at once
            state = phone.state()
            assert state["revealed"] and state["votes"] == {"Ana": 4, "Ben": 5, "Cy": 2}
        assert option(options, ACCEPT).title == "Accept the votes: 4 Expert judgement (median 4)"
        return ENTER

    def next_question(options: Any) -> Any:
        state = seen["phones"][0].state()
        assert state["dimension"] == "scale" and not state["revealed"]  # a fresh blind round
        return ESCAPE

    script = Script(
        [
            ("everyone in?", everyone_in),
            (JUDGEMENT, vote_blind),
            ("the votes are in", revealed),
            (OFTEN, next_question),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    tp = _raw(path)["touchpoints"][0]
    assert tp["votes"] == {
        "Ana": {"complexity": 4},
        "Ben": {"complexity": 5},
        "Cy": {"complexity": 2},
    }
    assert "scores" not in tp and "settled" not in tp  # votes, not a decision of the room's
    loaded = load_workshop(path)
    assert loaded.workshop.phone_voters == ["Ana", "Ben", "Cy"]
    team = assess(loaded.questionnaire, loaded.workshop).results[0].consensus["complexity"]
    assert (team.value, team.room) == (4, None)
    assert "Enter records nothing" not in "".join(script.asked)
    assert room.server.room.stopped is False  # the command line stops it, not the session
    assert room.server.tally().question is None  # Esc: the phones wait for the next question


def test_a_split_at_the_reveal_is_voted_on_again_then_settled_with_a_reason(
    tmp_path: Path, room: Room
) -> None:
    path = _file(tmp_path)
    seen: dict[str, Any] = {}

    def join(options: Any) -> Any:
        seen["phones"] = room.join("Ana", "Ben")
        return START

    def split(first: int, second: int) -> Any:
        def vote(options: Any) -> Any:
            ana, ben = seen["phones"]
            assert ana.state()["my_vote"] is None  # a fresh round: nobody's earlier vote
            assert ana.vote(first) == 200 and ben.vote(second) == 200
            seen["round"] = ana.state()["round"]
            return REVEAL

        return vote

    def flagged(options: Any) -> Any:
        assert option(options, DECIDE).title.startswith("Settle it now")
        assert seen["phones"][0].state()["split"] is True
        return AGAIN

    def again_is_blind(options: Any) -> Any:
        ana = seen["phones"][0]
        # The round the phone voted in is over: its vote for it is refused.
        answer = ana.client.post(
            "/api/vote",
            json={"key": ana.key, "dimension": "complexity", "value": 3, "round": seen["round"]},
        )
        assert answer.status_code == 409
        return split(1, 4)(options)

    script = Script(
        [
            ("everyone in?", join),
            (JUDGEMENT, split(2, 5)),
            ("the votes are in", flagged),
            (JUDGEMENT, again_is_blind),
            ("the votes are in", DECIDE),
            ("settle complexity", 3),
            ("why does the room settle complexity at 3", "Depends on the product"),
            (OFTEN, ESC),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    tp = _raw(path)["touchpoints"][0]
    assert tp["votes"] == {"Ana": {"complexity": 1}, "Ben": {"complexity": 4}}  # the last round
    assert tp["settled"] == {"complexity": {"value": 3, "reason": "Depends on the product"}}


def test_the_room_can_type_its_own_answer_and_nothing_from_the_phones_is_recorded(
    tmp_path: Path, room: Room
) -> None:
    path = _file(tmp_path)

    def typed(options: Any) -> Any:
        (ana,) = room.join("Ana")
        assert ana.vote(5) == 200
        return 2  # the room's own answer, from the keyboard

    def closed(options: Any) -> Any:
        assert room.server.tally().question is not None
        assert room.server.tally().question.dimension == "scale"  # type: ignore[union-attr]
        return SKIP

    script = Script(
        [
            ("everyone in?", ENTER),
            (JUDGEMENT, typed),
            (OFTEN, closed),
            ("feel", ESC),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    tp = _raw(path)["touchpoints"][0]
    assert tp["scores"] == {"complexity": 2} and "votes" not in tp
    assert "phone_voters" not in _raw(path)


def test_undo_takes_back_the_votes_and_opens_a_fresh_round_on_their_question(
    tmp_path: Path, room: Room
) -> None:
    path = _file(tmp_path)
    seen: dict[str, Any] = {}

    def vote(options: Any) -> Any:
        (seen["ana"],) = room.join("Ana")
        assert seen["ana"].vote(3) == 200
        return REVEAL

    def undone(options: Any) -> Any:
        state = seen["ana"].state()
        assert state["dimension"] == "complexity" and state["my_vote"] is None
        assert not state["revealed"]
        assert "votes" not in _raw(path)["touchpoints"][0]
        return ESCAPE

    script = Script(
        [
            ("everyone in?", ENTER),
            (JUDGEMENT, vote),
            ("the votes are in", ENTER),
            (OFTEN, UNDO_KEY),
            (JUDGEMENT, undone),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    assert "Undone: the votes on complexity on 'Report a claim'" in output(s)


def test_help_and_the_join_code_keep_the_round_and_its_votes(tmp_path: Path, room: Room) -> None:
    path = _file(tmp_path)
    seen: dict[str, Any] = {}

    def vote(options: Any) -> Any:
        (seen["ana"],) = room.join("Ana")
        assert seen["ana"].vote(4) == 200
        seen["round"] = seen["ana"].state()["round"]
        return JOIN

    def kept(answer: Any) -> Any:
        def check(options: Any) -> Any:
            state = seen["ana"].state()
            assert (state["round"], state["my_vote"]) == (seen["round"], 4)
            return answer

        return check

    script = Script(
        [
            ("everyone in?", ENTER),
            (JUDGEMENT, vote),
            ("everyone in?", kept(ENTER)),  # the join code again, for a latecomer
            (JUDGEMENT, "__help__"),
            (JUDGEMENT, kept(REVEAL)),
            ("the votes are in", SKIP),  # skip: nothing recorded
            (OFTEN, ESC),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    assert "votes" not in _raw(path)["touchpoints"][0]


def test_ctrl_c_during_a_round_closes_it_and_resume_opens_the_same_question(
    tmp_path: Path, room: Room
) -> None:
    path = _file(tmp_path)

    def interrupted(options: Any) -> Any:
        (ana,) = room.join("Ana")
        assert ana.vote(4) == 200
        raise KeyboardInterrupt

    s = room.session(path, Script([("everyone in?", ENTER), (JUDGEMENT, interrupted)]))
    with pytest.raises(KeyboardInterrupt):
        s.run()
    s.close()
    assert room.server.tally().question is None
    first = room.server

    def fresh(options: Any) -> Any:
        assert room.server is not first  # a new run: a new server, with a new secret
        assert room.server.token != first.token
        (ana,) = room.join("Ana")
        assert ana.state()["dimension"] == "complexity" and ana.state()["my_vote"] is None
        return ESCAPE

    s = room.session(
        path, Script([("everyone in?", ENTER), (JUDGEMENT, fresh), ("what next?", "quit")])
    )
    s.run()
    s.close()


def test_the_note_optional_questions_and_facts_stay_with_the_keyboard(
    tmp_path: Path, room: Room
) -> None:
    """Four rounds, one per question; then no round is open while the room writes its note,
    answers the optional questions and the facts."""
    path = _file(tmp_path)
    seen: dict[str, Any] = {}
    rounds: list[int] = []

    def vote(value: int) -> Any:
        def give(options: Any) -> Any:
            if "ana" not in seen:
                (seen["ana"],) = room.join("Ana")
            assert seen["ana"].vote(value) == 200
            rounds.append(seen["ana"].state()["round"])
            return REVEAL

        return give

    def closed(answer: Any) -> Any:
        def check(options: Any = ()) -> Any:
            assert room.server.tally().question is None
            assert seen["ana"].state()["dimension"] is None  # "waiting for the next question"
            return answer

        return check

    keep = [
        ("how much judgement", vote(1)),
        ("the votes are in", ENTER),
        ("how often", vote(5)),
        ("the votes are in", ENTER),
        ("feel", vote(1)),
        ("the votes are in", ENTER),
        ("stand", vote(1)),
        ("the votes are in", ENTER),
        ("note", closed("Parcels")),
        ("change an answer?", "__optional__"),  # an automate verdict asks for its fallback
    ]
    script = Script(
        [
            ("everyone in?", ENTER),
            *keep,
            *[("", closed(SKIP)) for _ in range(6)],  # the optional questions
            ("contacts a month", closed(ENTER)),  # the facts
            ("minutes a person", closed(ENTER)),
            ("change an answer?", closed(ESCAPE)),
            ("what next?", "quit"),
        ]
    )
    s = room.session(path, script)
    s.run()
    s.close()
    assert len(set(rounds)) == 4  # a round of its own for each question
    tp = load_workshop(path).workshop.touchpoints[0]
    assert {d: b for d, b in tp.votes["Ana"].items()} == {
        "complexity": 1,
        "scale": 5,
        "emotional_stakes": 1,
        "tech_barrier": 1,
    }
    assert tp.notes == "Parcels"
