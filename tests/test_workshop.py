"""The workshop in front of a client: one test per defect found in review, and a matrix of
every menu action, with and without votes, each after a resume, checking the file on disk
after every step. Driven by scripted answers; the real terminal is in test_terminal.py."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from scripted import ENTER, ESC, Script, output, session

from assess.files.loader import load_workshop
from assess.method.scoring import Assessment
from assess.workshop import CLEAR, NOTHING, SKIP, VOTE
from assess.workshop.menu import MENU, menu_options
from assess.workshop.screen import Where, prompt_height, summary_table, touchpoint_screen

TEAM = """\
title: Team journey
participants: [Ana, Ben, Cy]
touchpoints:
  - name: Where is my order?
    stage: Receive
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Complaint about a failed repair
    stage: Help
    votes:
      Ana: {complexity: 4, scale: 2, emotional_stakes: 2, tech_barrier: 5}
      Ben: {complexity: 5, scale: 2, emotional_stakes: 5, tech_barrier: 5}
      Cy: {complexity: 4, scale: 2, emotional_stakes: 5, tech_barrier: 4}
  - name: Bereavement
    stage: Help
"""
SOLO = TEAM.replace("participants: [Ana, Ben, Cy]\n", "").split("    votes:")[0] + (
    "    scores: {complexity: 4, scale: 2, emotional_stakes: 5, tech_barrier: 5}\n"
    "  - name: Bereavement\n    stage: Help\n"
)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return path


def loads(path: Path) -> Callable[[str], None]:
    """A check for every step: the file on disk always loads."""

    def check(message: str) -> None:
        load_workshop(path)

    return check


def complaint(path: Path) -> Any:
    return load_workshop(path).workshop.touchpoints[1]


KEEP = [("how much judgement", ENTER), ("how often", ENTER), ("feel", ENTER), ("stand", ENTER)]


# --- 1 and 2: answers that come from votes ---------------------------------------------------


def test_rescoring_votes_shows_the_consensus_and_enter_keeps_it(team: Path) -> None:
    before = team.read_bytes()
    script = Script(
        [
            # Resume: Bereavement first; Esc to the menu (skipping it would walk on to the
            # Complaint, issue 25).
            ("how much judgement", ESC),
            ("what next", "rescore"),
            ("re-score which", 1),
            *KEEP,
            ("note", ENTER),
            ("change an answer", ENTER),
            ("what next", "quit"),
        ],
        each=loads(team),
    )
    s = session(team, script)
    s.run()
    asked = dict(zip(script.asked, script.defaults, strict=True))
    # The cursor starts on the team's consensus (median, ties toward the human), not on 1.
    assert [asked[q] for q in script.asked[3:7]] == [4, 2, 5, 5]
    assert team.read_bytes() == before  # nothing the team decided changed
    assert "4 Expert judgement · votes 4 5 4" in output(s)


def test_votes_then_skip_at_settle_then_the_change_list_does_not_crash(team: Path) -> None:
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "rescore"),
            ("re-score which", 1),
            ("how much judgement", VOTE),
            ("complexity: votes of ana, ben, cy", "3 - 5"),  # Ben is absent
            # The split is flagged at once (issue 25): later, in the settle pass.
            (
                "settle complexity now",
                lambda options: next(o.value for o in options if o.key == "l"),
            ),
            ("how often", ENTER),
            ("feel", ENTER),
            ("stand", ENTER),
            ("note", ENTER),
            ("change an answer", lambda options: 0),  # complexity
            ("how much judgement", ENTER),
            ("change an answer", ENTER),
            ("what next", "quit"),
        ],
        each=loads(team),
    )
    s = session(team, script)
    s.run()
    tp = complaint(team)
    assert tp.votes["Ana"]["complexity"] == 3 and tp.votes["Cy"]["complexity"] == 5
    assert tp.votes["Ben"]["complexity"] == 5  # absent: the earlier vote is kept
    assert "complexity" not in tp.scores
    titles = [o.title for o in script.options[10]]
    assert "Change complexity (now 5 Novel · votes 3 5 5 · split 3–5)" in titles


# --- 3: skip never erases; clearing asks first -------------------------------------------------


def test_skip_during_a_rescore_keeps_every_saved_answer(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    before = path.read_bytes()
    script = Script(
        [
            ("how much judgement", ESC),  # Bereavement is offered first; Esc: to the menu
            ("what next", "rescore"),
            ("re-score which", 0),
            ("how much judgement", SKIP),
            ("how often", SKIP),
            ("feel", SKIP),
            ("stand", SKIP),
            ("note", ENTER),
            ("change an answer", ENTER),
            ("what next", "quit"),
        ],
        each=loads(path),
    )
    session(path, script).run()
    assert path.read_bytes() == before


def test_clearing_an_answer_is_its_own_choice_and_asks_first(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "rescore"),
            ("re-score which", 0),
            ("how much judgement", CLEAR),
            ("clear the answer to complexity", False),  # asked first: no
            ("how often", CLEAR),
            ("clear the answer to scale", True),
            ("feel", ENTER),
            ("stand", ENTER),
            ("what next", "quit"),
        ],
        each=loads(path),
    )
    s = session(path, script)
    s.run()
    scores = load_workshop(path).workshop.touchpoints[0].scores
    assert scores == {"complexity": 1, "emotional_stakes": 1, "tech_barrier": 1}
    # 14: the reason is said once, not "Not yet assessed: Not yet assessed: ..."
    assert "Not yet assessed: no answer yet for scale." in output(s)
    assert "Not yet assessed: Not yet assessed" not in output(s)


# --- 4: the room always sees where it is, at 80x24 ------------------------------------------------


def test_verdict_and_progress_fit_80x24_with_votes_and_three_guardrails(team: Path) -> None:
    from assess.method.scoring import assess

    loaded = load_workshop(team)
    result = assess(loaded.questionnaire, loaded.workshop).results[1]
    assert len(result.rules) >= 2 and result.consensus
    for prompt in (prompt_height(7), prompt_height(11, 3), 3):
        lines = touchpoint_screen(
            loaded.questionnaire, result, Where(1, 12), width=80, height=24 - prompt
        )
        text = [line.plain for line in lines]
        assert len(text) <= 24 - prompt
        assert all(len(line) <= 80 for line in text)
        assert text[0].startswith("── Touchpoint 2 of 12 · Help")
        assert text[1] == "Complaint about a failed repair"
        assert any(line.startswith("▲ Keep human · Help behind the person · fit ") for line in text)
        assert any("votes 4 5 4" in line for line in text)


# --- 5: the report from the menu ------------------------------------------------------------------


def test_ctrl_c_while_the_report_renders_cancels_back_to_the_menu(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO.split("  - name: Bereavement")[0], encoding="utf-8")
    pdf = path.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 the previous report")
    calls: list[int] = []

    def write_report(assessment: Assessment, out: Path, progress: object = None) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return 9

    script = Script(
        [
            ("write the pdf report now", True),  # everything scored: offered once
            ("what next", "report"),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.write_report = write_report
    s.run()
    out = output(s)
    assert "Cancelled. The previous report, if any, is as it was." in out
    assert f"Wrote {pdf.resolve()} (9 pages)." in out
    assert pdf.read_bytes() == b"%PDF-1.7 the previous report"


# --- 6: nothing typed is lost --------------------------------------------------------------------------


def test_ctrl_c_after_the_title_keeps_what_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    script = Script(
        [
            ("title", "Claims journey"),
            ("organisation", "Acme"),
            ("facilitator", KeyboardInterrupt()),
        ]
    )
    s = session(path, script)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    w = load_workshop(path).workshop
    assert (w.title, w.organisation, w.date) == ("Claims journey", "Acme", "2026-11-22")
    assert s.saved_anything


# --- 7: resume where the room stopped --------------------------------------------------------------------


def test_resume_after_ctrl_c_at_the_note_asks_that_note_again(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    first = Script(
        [
            ("how much judgement", 5),
            ("how often", 1),
            ("feel", 5),
            ("stand", 5),
            ("note", KeyboardInterrupt()),
        ]
    )
    s = session(path, first)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    s.close()
    # Nothing to decide after the note: no touchpoint menu (issue 25).
    second = Script([("note", "A person must break this news")])
    second.answers += [("write the pdf report now", False), ("what next", "quit")]
    session(path, second).run()
    assert second.asked[0].startswith("Note")
    assert load_workshop(path).workshop.touchpoints[2].notes == "A person must break this news"
    assert not (tmp_path / ".solo.yaml.pending").exists()


def test_resume_after_a_skipped_question_asks_only_the_open_ones(tmp_path: Path) -> None:
    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    first = Script(
        [
            ("how much judgement", 5),
            ("how often", SKIP),
            ("feel", 5),
            ("stand", 5),
            ("what next", "quit"),
        ]
    )
    session(path, first).run()
    second = Script([("how often", 1), ("note", ENTER)])  # no menu: nothing to decide
    second.answers += [("write the pdf report now", False), ("what next", "quit")]
    session(path, second).run()
    assert [q.split("?")[0] for q in second.asked[:2]] == [
        "How often does this touchpoint happen",
        "Note: why did we score it so",
    ]


# --- 8: every choice keeps its number ----------------------------------------------------------------


def test_menu_choices_keep_their_keys_whatever_the_state(team: Path, tmp_path: Path) -> None:
    from assess.workshop import Session

    def keys(path: Path) -> dict[str, str | None]:
        s = session(path, Script([]))
        s.read()
        options = menu_options(s, s.next_unscored())
        assert all(o.key for o in options)
        return {o.value: o.key for o in options}

    done = tmp_path / "done.yaml"
    done.write_text(SOLO.split("  - name: Bereavement")[0], encoding="utf-8")
    assert keys(team) == keys(done) == {value: key for value, key, _ in MENU}
    assert Session  # the public name tests and the CLI use


# --- 9: a way back from every sub-flow ----------------------------------------------------------------


@pytest.mark.parametrize("back", [ESC, ""])
def test_add_and_rename_have_a_way_back(team: Path, back: object) -> None:
    before = team.read_bytes()
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "add"),
            ("name of the new touchpoint", back),
            ("what next", "edit"),
            ("edit which", 1),
            ("edit 'complaint", "name"),
            ("new name", back),
            ("what next", "edit"),
            ("edit which", ESC),
            ("what next", "quit"),
        ]
    )
    session(team, script).run()
    assert team.read_bytes() == before


# --- 10: the summary at 80 columns -----------------------------------------------------------------------


def test_the_summary_fits_80_columns_with_whole_words(team: Path) -> None:
    from assess.method.scoring import assess

    loaded = load_workshop(team)
    console = Console(file=io.StringIO(), width=80, record=True)
    console.print(summary_table(assess(loaded.questionnaire, loaded.workshop), 80))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    for name in ("Where is my order?", "Complaint about a failed repair", "Bereavement"):
        assert name in text
    assert "▲ Keep human" in text and "split" in text


# --- 11: a new touchpoint joins its stage --------------------------------------------------------------------


def test_a_touchpoint_added_to_a_stage_lands_at_the_end_of_that_stage(team: Path) -> None:
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "add"),
            ("name of the new touchpoint", "Track a parcel"),
            ("stage", "Receive"),
            ("channel", ""),
            ("description", ""),
            ("score it now", False),
            ("what next", "quit"),
        ]
    )
    session(team, script).run()
    w = load_workshop(team).workshop
    assert [t.name for t in w.touchpoints][:2] == ["Where is my order?", "Track a parcel"]


# --- 12: edits made elsewhere are never lost ---------------------------------------------------------------------


def test_a_hand_edit_during_the_session_is_reloaded_not_overwritten(team: Path) -> None:
    def edit_by_hand(options: object) -> int:
        text = team.read_text(encoding="utf-8").replace("Bereavement", "Bereavement support")
        team.write_text(text, encoding="utf-8")
        return 3

    script = Script(
        [
            ("how much judgement", edit_by_hand),  # someone saves the file meanwhile
            ("what next", "quit"),
        ]
    )
    s = session(team, script)
    s.run()
    w = load_workshop(team).workshop
    assert w.touchpoints[2].name == "Bereavement support"
    assert w.touchpoints[2].scores == {}  # the answer was not written over their change
    assert "was changed outside this session" in output(s)


def test_a_second_session_on_the_same_file_is_refused(team: Path) -> None:
    from assess.errors import OutputError

    first = session(team, Script([]))
    first.file.lock()
    try:
        with pytest.raises(OutputError, match="is open in another assess run"):
            session(team, Script([])).run()
    finally:
        first.close()


# --- 13: vote entry ----------------------------------------------------------------------------------------------


def test_vote_entry_takes_absent_people_and_keeps_the_anchors_in_view(team: Path) -> None:
    script = Script(
        [
            ("how much judgement", VOTE),
            ("complexity: votes of ana, ben, cy", "2 - 3 4"),  # one entry too many: asked again
            ("complexity: votes of ana, ben, cy", "2 - 3"),  # one point apart: no split
            ("how often", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(team, script)
    s.run()
    out = output(s)
    assert "1 Scripted   2 Routine   3 Some judgement" in out
    assert "Give 3 entries" in out
    tp = load_workshop(team).workshop.touchpoints[2]
    assert tp.votes == {"Ana": {"complexity": 2}, "Cy": {"complexity": 3}}
    # Recording votes is no decision of the room's (issue 25): the consensus counts.
    assert tp.scores == {} and tp.settled == {}
    assert "Votes recorded on complexity" in out


# --- the settle pass ------------------------------------------------------------------------------------------------


def test_settle_visits_only_split_dimensions_and_keeps_the_votes(team: Path) -> None:
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "settle"),
            ("settle emotional stakes", 4),
            ("why does the room settle emotional stakes at 4", ENTER),  # no reason given
            ("what next", "quit"),
        ]
    )
    s = session(team, script)
    s.run()
    tp = complaint(team)
    # Recorded as settled beside the votes, apart from the room's own scores (issue 25).
    assert tp.scores == {} and {d: v.value for d, v in tp.settled.items()} == {
        "emotional_stakes": 4
    }
    assert tp.votes["Ana"]["emotional_stakes"] == 2
    assert "Split 1 of 1 · Votes: Ana 2, Ben 5, Cy 5 · spread 3" in output(s)


# --- the matrix: every menu action, with and without votes, after a resume --------------------------------------------


def _actions(votes: bool) -> dict[str, tuple[list[tuple[str, Any]], Callable[[Path], None]]]:
    index = 1  # the Complaint: votes only, or scores only

    def unchanged_except(expected: Callable[[Any], bool]) -> Callable[[Path], None]:
        def check(path: Path) -> None:
            assert expected(load_workshop(path).workshop)

        return check

    return {
        "continue": (
            [
                ("how much judgement", 5),
                ("how often", 1),
                ("feel", 5),
                ("stand", 5),
                ("note", "N"),  # nothing to decide: the walk goes on (issue 25)
                # With votes, the team's answers are still to walk through: no report yet.
                *(
                    [("how much judgement", ESC)]
                    if votes
                    else [("write the pdf report now", False)]
                ),
            ],
            unchanged_except(lambda w: w.touchpoints[2].notes == "N"),
        ),
        "rescore": (
            [("re-score which", index), *KEEP, ("note", ENTER), ("change an answer", ENTER)],
            unchanged_except(lambda w: len(w.touchpoints) == 3),
        ),
        "add": (
            [
                ("name of the new", "New"),
                ("stage", NOTHING),
                ("channel", ""),
                ("description", ""),
                ("score it now", False),
            ],
            unchanged_except(lambda w: w.touchpoints[-1].name == "New"),
        ),
        "edit": (
            [
                ("edit which", index),
                ("edit '", "channel"),
                ("channel", "chat"),
                ("edit '", NOTHING),
            ],
            unchanged_except(lambda w: w.touchpoints[index].channel == "chat"),
        ),
        "remove": (
            [("remove which", index), ("remove '", True)],
            unchanged_except(lambda w: len(w.touchpoints) == 2),
        ),
        "move": (
            [("move which", index), ("to position", 0)],
            unchanged_except(lambda w: w.touchpoints[0].name.startswith("Complaint")),
        ),
        "summary": ([], unchanged_except(lambda w: len(w.touchpoints) == 3)),
        "report": ([], unchanged_except(lambda w: len(w.touchpoints) == 3)),
    }


@pytest.mark.parametrize("votes", [True, False], ids=["votes", "scores"])
@pytest.mark.parametrize(
    "action", ["continue", "rescore", "add", "edit", "remove", "move", "summary", "report"]
)
def test_every_menu_action_after_a_resume(tmp_path: Path, action: str, votes: bool) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(TEAM if votes else SOLO, encoding="utf-8")
    # A first sitting stopped with Ctrl-C; the second resumes, goes to the menu and acts.
    first = Script([("how much judgement", KeyboardInterrupt())])
    s = session(path, first)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    s.close()
    steps, check = _actions(votes)[action]
    script = Script(
        [("how much judgement", ESC), ("what next", action), *steps, ("what next", "quit")],
        each=loads(path),
    )
    reports: list[Path] = []
    session(path, script, reports).run()
    check(path)
    assert not script.answers
    if action == "report":
        assert reports == [path.with_suffix(".pdf")]
    before = path.read_bytes()
    # Esc at the action's first question changes nothing (continue has scored everything:
    # there is nothing left to continue).
    if steps and action != "continue":
        escape = Script(
            [
                ("how much judgement", ESC),
                ("what next", action),
                (steps[0][0], ESC),
                ("what next", "quit"),
            ]
        )
        session(path, escape).run()
        assert path.read_bytes() == before


# --- method 1.1: the optional questions, offered after the four -------------------------------------


def test_optional_questions_are_offered_after_the_verdict_and_can_be_skipped(
    tmp_path: Path,
) -> None:
    from assess.workshop.question import OPTIONAL

    path = tmp_path / "solo.yaml"
    path.write_text(SOLO, encoding="utf-8")
    script = Script(
        [
            # Bereavement: every answer argues for automation ...
            ("how much judgement", 1),
            ("how often", 5),
            ("feel", 1),
            ("stand", 1),
            ("note", ENTER),
            ("change an answer", OPTIONAL),
            ("wrong answer", "harmful"),
            ("law or regulator", ENTER),  # Enter leaves it unanswered
            ("reach a person", ENTER),
            ("complaint", "grievance"),
            ("vulnerable", ENTER),
            ("how big a change", "small"),
            ("contacts a month", "lots"),  # refused, asked again with the reason
            ("must be a whole number", "45,000"),
            ("minutes a person", "6.5"),
            # The first facts in a workshop without economics: the offer to price them.
            ("price them too", False),
            ("change an answer", ENTER),
            ("write the pdf report now", False),
            ("what next", "quit"),
        ],
        each=loads(path),
    )
    s = session(path, script)
    s.run()
    tp = load_workshop(path).workshop.touchpoints[2]
    assert tp.inputs == {"consequence": "harmful", "complaint": "grievance", "effort": "small"}
    assert (tp.volume, tp.handle_minutes) == (45000, 6.5)  # facts, saved as numbers
    # ... but a harmful mistake and a complaint each rule out automation.
    assert s.result(2).recommendation == "assist"
    assert (
        "    inputs: {consequence: harmful, complaint: grievance, effort: small}\n"
        in path.read_text(encoding="utf-8")
    )
    titles = [o.title for o in script.options[5]]
    assert any(t.startswith("Optional questions (0 of 6 answered") for t in titles)


def test_a_workshop_stopped_before_its_journey_is_offered_the_journeys_on_resume(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.yaml"
    first = Script(
        [
            ("title", "Claims journey"),
            ("organisation", "Acme"),
            ("facilitator", ""),
            ("participants", ""),
            ("questionnaire", "default"),
            ("which journey", KeyboardInterrupt()),
        ]
    )
    s = session(path, first)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    s.close()
    second = Script(
        [
            ("which journey", "banking-insurance"),
            ("touchpoints to keep", ENTER),
            ("add a touchpoint of your own", False),
            ("how much judgement", ESC),
            ("what next", "quit"),
        ]
    )
    session(path, second).run()
    w = load_workshop(path).workshop
    assert (w.title, w.organisation) == ("Claims journey", "Acme")
    assert len(w.touchpoints) > 3


def test_a_questionnaire_outside_the_folder_works_when_given_on_the_command_line(
    tmp_path: Path,
) -> None:
    from assess.files import resources
    from assess.workshop import Session

    shared = tmp_path / "shared"
    shared.mkdir()
    q = shared / "team-q.yaml"
    q.write_text(resources.bundled_questionnaires()["default"].read_text(encoding="utf-8"))
    room = tmp_path / "room"
    room.mkdir()
    path = room / "w.yaml"
    path.write_text(
        SOLO.replace("title: Team journey", "title: T\nquestionnaire: ../shared/team-q.yaml")
    )
    script = Script([("how much judgement", 3), ("how often", ESC), ("what next", "quit")])
    s = session(path, script)
    with pytest.raises(Exception, match="leads outside the workshop's folder"):
        s.run()  # a workshop alone may not reach outside its folder
    s.close()
    s = Session(path, script, s.console, lambda *a: 0, questionnaire=q)
    s.run()
    s.close()
    assert load_workshop(path, q).workshop.touchpoints[2].scores == {"complexity": 3}


def test_a_name_typed_as_a_number_is_shown_and_kept_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntouchpoints:\n  - name: 1e3\n    id: 007\n", encoding="utf-8")
    script = Script([("how much judgement", 2), ("how often", ESC), ("what next", "quit")])
    s = session(path, script)
    s.run()
    assert "1e3" in output(s) and "1000.0" not in output(s)
    text = path.read_text(encoding="utf-8")
    assert "  - name: 1e3\n    id: 007\n" in text
    tp = load_workshop(path).workshop.touchpoints[0]
    assert (tp.name, tp.id, tp.scores) == ("1e3", "007", {"complexity": 2})


def test_esc_while_creating_a_workshop_never_crashes(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    s = session(path, Script([("title", ESC)]))
    s.run()  # Esc at the title: stopped, nothing written
    assert "Stopped; nothing was saved." in output(s)
    assert not path.exists()
    s.close()
    script = Script(
        [
            ("title", "Claims journey"),
            ("organisation", ESC),  # skipped, the workshop goes on
            ("facilitator", "Maya"),
            ("participants", ESC),
            ("questionnaire", ESC),  # the default
            ("which journey", ESC),  # no template
            ("add a touchpoint of your own", ESC),
            ("what next", "quit"),
        ]
    )
    session(path, script).run()
    w = load_workshop(path).workshop
    assert (w.title, w.organisation, w.facilitator, w.questionnaire) == (
        "Claims journey",
        None,
        "Maya",
        "default",
    )
    assert w.touchpoints == []
