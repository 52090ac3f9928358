"""The workshop flow, driven by scripted answers (the real terminal is in test_terminal.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from scripted import ENTER, ESC, Script, output, session

from assess.files.loader import load_workshop
from assess.workshop import BACK, HELP, NOTHING, SKIP, VOTE
from assess.workshop.menu import open_workshop
from assess.workshop.prompts import Option

WORKSHOP = """\
# Kept by hand: this comment must survive every save.
title: Support journey
questionnaire: default
touchpoints:
  - name: Password reset   # the most common contact
    stage: Help
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
  - name: Complaint
    stage: Help
    scores: {complexity: 4}
  - name: Bereavement
    stage: Close
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Path:
    path = tmp_path / "support.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    return path


def test_resume_starts_at_the_first_unanswered_question_and_saves_each_answer(
    workshop: Path,
) -> None:
    # Complaint has only complexity, so the first open question is its scale.
    script = Script(
        [
            ("how often", 2),
            ("how much does the customer feel", 4),
            ("stand between", KeyboardInterrupt()),
        ]
    )
    s = session(workshop, script)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    assert "1 of 3 touchpoints scored" in output(s)
    complaint = load_workshop(workshop).workshop.touchpoints[1]
    assert complaint.scores == {"complexity": 4, "scale": 2, "emotional_stakes": 4}
    text = workshop.read_text(encoding="utf-8")
    assert text.startswith("# Kept by hand: this comment must survive every save.\n")
    assert "  - name: Password reset   # the most common contact\n" in text
    assert "    scores: {complexity: 4, scale: 2, emotional_stakes: 4}\n" in text


def test_scoring_shows_the_verdict_then_takes_a_note_and_a_change(workshop: Path) -> None:
    script = Script(
        [
            ("how often", 2),
            ("feel", 5),
            ("stand between", 5),
            ("note", "Angry customers need a person"),
            # Nothing needs a decision: the walk goes on to Bereavement (issue 25), and Back
            # at its first question opens Complaint's menu.
            ("how much judgement", BACK),
            ("change an answer", 1),  # change scale
            ("how often", 3),
            ("change an answer", NOTHING),
            ("how much judgement", ESC),
            ("what next", "quit"),
        ]
    )
    s = session(workshop, script)
    s.run()
    out = output(s)
    assert "▲ Keep human" in out
    assert "Basis: customer need." in out  # the verdict says what it rests on
    tp = load_workshop(workshop).workshop.touchpoints[1]
    assert tp.scores == {"complexity": 4, "scale": 3, "emotional_stakes": 5, "tech_barrier": 5}
    assert tp.notes == "Angry customers need a person"
    assert "Resume any time with: assess run" in out


def test_back_returns_to_the_previous_question_and_skip_leaves_it_open(workshop: Path) -> None:
    script = Script(
        [
            ("how often", 2),
            ("feel", BACK),
            ("how often", 4),  # corrected on the way back
            ("feel", SKIP),
            ("stand between", 3),
            ("how much judgement", ESC),  # the walk went on to Bereavement (issue 25)
            ("what next", "quit"),
        ]
    )
    s = session(workshop, script)
    s.run()
    tp = load_workshop(workshop).workshop.touchpoints[1]
    assert tp.scores == {"complexity": 4, "scale": 4, "tech_barrier": 3}
    assert "Not yet assessed" in output(s)
    # The skipped touchpoint is not offered first again; the next one is.
    assert "Touchpoint 3 of 3" in output(s)
    menu = script.options[-1]
    assert menu[0].title == "Continue: Bereavement, at complexity"


def test_back_is_not_offered_on_the_first_question_and_help_is_shown(workshop: Path) -> None:
    script = Script(
        [
            ("how much judgement", HELP),
            ("how much judgement", 5),
            ("how often", 1),
            ("feel", 5),
            ("stand between", 5),
            ("note", ENTER),  # nothing to decide: no menu for the touchpoint (issue 25)
            ("what next", "quit"),
        ]
    )
    s = session(workshop, script)
    s.skipped.add("Complaint")  # skipped earlier in this sitting: Bereavement comes first
    s.run()
    first_question = script.options[0]
    back = next(o for o in first_question if o.value == BACK)
    assert back.disabled == "this is the first question"  # shown greyed out: keys never shift
    assert [o.title.split(" · ")[0] for o in first_question[:5]] == [
        "Scripted",
        "Routine",
        "Some judgement",
        "Expert judgement",
        "Novel",
    ]
    assert BACK in [o.value for o in script.options[2]]
    assert "Help: Complexity" in output(s)
    assert "Think of the hardest ordinary case" in output(s)
    assert load_workshop(workshop).workshop.touchpoints[2].scores == {
        "complexity": 5,
        "scale": 1,
        "emotional_stakes": 5,
        "tech_barrier": 5,
    }


def test_new_workshop_from_a_journey_template(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"

    def untick_second(options: Sequence[Option]) -> list[Any]:
        return [o.value for i, o in enumerate(options) if i != 1]

    script = Script(
        [
            ("title", "Car buying"),
            ("organisation", "Motors Ltd"),
            ("facilitator", ""),
            ("participants", "Ana, Ben ,"),
            ("questionnaire", "default"),
            ("which journey", "automotive-sales"),
            ("touchpoints to keep", untick_second),
            ("add a touchpoint of your own", True),
            ("name of the new touchpoint", "Configure a car online"),  # taken: asked again
            ("name of the new touchpoint", "Loyalty club"),
            ("stage", "__new_stage__"),
            ("name of the new stage", "Stay"),
            ("channel", "app"),
            ("description", ""),
            ("add a touchpoint of your own", False),
            ("how much judgement", KeyboardInterrupt()),
        ]
    )
    s = session(path, script)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    w = load_workshop(path).workshop
    assert (w.title, w.organisation, w.facilitator, w.participants) == (
        "Car buying",
        "Motors Ltd",
        None,
        ["Ana", "Ben"],
    )
    assert w.date == "2026-11-22"
    names = [t.name for t in w.touchpoints]
    assert len(names) == 11 and "Request a brochure or price" not in names
    assert w.touchpoints[-1].model_dump(exclude_defaults=True) == {
        "name": "Loyalty club",
        "stage": "Stay",
        "channel": "app",
    }
    assert "There is already a touchpoint named 'Configure a car online'" in output(s)


def test_edit_rename_move_remove_and_report(workshop: Path) -> None:
    reports: list[Path] = []
    script = Script(
        [
            ("how often", SKIP),
            ("feel", SKIP),
            ("stand between", SKIP),
            ("how much judgement", ESC),  # the walk went on to Bereavement (issue 25)
            ("what next", "edit"),
            ("edit which", 0),
            ("edit 'password reset'", "channel"),
            ("channel", "web"),
            ("edit 'password reset'", NOTHING),
            ("what next", "edit"),
            ("edit which", 2),
            ("edit 'bereavement'", "name"),
            ("new name", "password reset "),  # the same name, ignoring case: asked again
            ("new name", "Closing an account after a death"),
            ("edit 'closing an account", NOTHING),
            ("what next", "move"),
            ("move which", 2),
            ("to position", 0),
            ("what next", "remove"),
            ("remove which", 2),
            ("remove 'complaint'", True),
            ("what next", "report"),
            ("what next", "quit"),
        ]
    )
    s = session(workshop, script, reports)
    s.run()
    w = load_workshop(workshop).workshop
    assert [t.name for t in w.touchpoints] == ["Closing an account after a death", "Password reset"]
    assert w.touchpoints[1].channel == "web"
    assert reports == [workshop.with_suffix(".pdf")]
    assert "# the most common contact" in workshop.read_text(encoding="utf-8")


def test_all_scored_shows_the_summary_and_offers_the_report(tmp_path: Path) -> None:
    path = tmp_path / "done.yaml"
    path.write_text(
        "title: Done\ntouchpoints:\n  - name: A\n    scores: {complexity: 1, scale: 5, "
        "emotional_stakes: 1, tech_barrier: 1}\n",
        encoding="utf-8",
    )
    reports: list[Path] = []
    # y, then Enter: Enter alone would not render (issue 25).
    script = Script([("write the pdf report now", True), ("what next", ENTER)])
    s = session(path, script, reports)
    s.run()
    assert reports == [tmp_path / "done.pdf"]
    out = output(s)
    assert "● Automate" in out and "Summary: 1 automate, 0 assist, 0 keep human." in out


@pytest.mark.parametrize("width", [80, 120, 160])
def test_choices_fit_the_terminal_width(workshop: Path, width: int) -> None:
    from assess.workshop.walk import ask_dimension

    script = Script([("", SKIP)] * 4)
    s = session(workshop, script)
    s.console = Console(file=io.StringIO(), width=width, height=40)
    open_workshop(s)
    shown = min(width, 120)  # a room's screen uses the width up to 120 columns (issue 25)
    for k, d in enumerate(s.questionnaire.dimensions):
        ask_dimension(s, 1, k)
        options = script.options[-1][:5]
        # "» 1) " and a margin precede each title.
        assert all(len(o.title) + 6 <= shown for o in options)
        assert all(
            o.description and max(len(line) for line in o.description.splitlines()) + 15 <= shown
            for o in options
        )
        # The full anchor wording survives in the description, whatever the width.
        assert [" ".join(o.description.split()) for o in options if o.description] == [
            f"{n} {a.label}: {a.text}" for n, a in d.anchors.items()
        ]


def test_votes_in_the_room_are_votes_and_a_split_is_flagged_at_once(workshop: Path) -> None:
    """Issue 25: recording votes is no decision of the room's (the consensus counts, and a
    one-point spread is never "settled"); a split is flagged the moment it appears, and
    settling it records the value and the room's reason beside the votes."""
    text = workshop.read_text(encoding="utf-8").replace(
        "questionnaire: default", "questionnaire: default\nparticipants: [Ana, Ben, Cy]"
    )
    workshop.write_text(text, encoding="utf-8")
    script = Script(
        [
            ("how often", VOTE),
            ("scale: votes of ana, ben, cy", "1 9"),  # a typo: asked again
            ("scale: votes of ana, ben, cy", "1 4 2"),
            ("settle scale now?", ENTER),  # flagged at once; Enter settles it now
            ("settle scale", ENTER),  # Enter takes the consensus
            ("why does the room settle scale at 2", "Most weeks are quiet"),
            ("feel", VOTE),
            ("emotional stakes: votes", "4,5,5"),  # one point apart: no split, no question
            ("stand between", KeyboardInterrupt()),
        ]
    )
    s = session(workshop, script)
    with pytest.raises(KeyboardInterrupt):
        s.run()
    out = output(s)
    assert "Give 3 entries, one per person in that order" in out
    assert "Votes: Ana 1, Ben 4, Cy 2 · spread 3 — the team disagrees · consensus 2" in out
    tp = load_workshop(workshop).workshop.touchpoints[1]
    assert tp.votes == {
        "Ana": {"scale": 1, "emotional_stakes": 4},
        "Ben": {"scale": 4, "emotional_stakes": 5},
        "Cy": {"scale": 2, "emotional_stakes": 5},
    }
    assert tp.scores == {"complexity": 4}  # the votes count; nothing written as the room's
    assert {d: (v.value, v.reason) for d, v in tp.settled.items()} == {
        "scale": (2, "Most weeks are quiet")
    }
    assert not any("settle emotional stakes" in m.lower() for m in script.asked)


def test_summary_and_report_offer_come_once_when_everything_is_scored(tmp_path: Path) -> None:
    path = tmp_path / "done.yaml"
    path.write_text(
        "title: Done\ntouchpoints:\n  - name: A\n    scores: {complexity: 1, scale: 5, "
        "emotional_stakes: 1, tech_barrier: 1}\n",
        encoding="utf-8",
    )
    script = Script(
        [
            ("write the pdf report now", False),
            ("what next", "edit"),
            ("edit which", 0),
            ("edit 'a'", "name"),
            ("new name", "B"),
            ("edit 'b'", NOTHING),
            ("what next", "quit"),  # no second offer after the rename
        ]
    )
    s = session(path, script)
    s.run()
    assert [m for m in script.asked if "report now" in m] == [
        "Write the PDF report now? (y, then Enter; Enter alone: not now)"
    ]
    assert load_workshop(path).workshop.touchpoints[0].name == "B"
