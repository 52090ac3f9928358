"""A team's workshop driven by scripted answers (issue 18): the paths a terminal test would
take minutes to reach. The real terminal is in test_room.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from scripted import ENTER, ESC, Script, output, session
from teamfile import SPLITS, merged_team

from assess.files.loader import load_workshop
from assess.files.storage import Place, parse_place
from assess.workshop import NOTHING, SKIP
from assess.workshop.state import StoppedBroken


def test_a_broken_outside_edit_can_stop_with_the_rooms_version_saved_beside(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntouchpoints:\n  - name: A\n", encoding="utf-8")
    broken = "title: T\ntouchpoints:\n  - name: [A\n"

    def break_it(options: object) -> int:
        path.write_text(broken, encoding="utf-8")
        return 4

    script = Script([("how much judgement", break_it), ("fix the file", "stop")])
    s = session(path, script)
    with pytest.raises(StoppedBroken) as stopped:
        s.run()
    s.close()
    beside = tmp_path / "w.ours.yaml"
    assert f"saved in {beside}" in str(stopped.value)
    assert "w.yaml:4: not valid YAML" in str(stopped.value)
    assert path.read_text(encoding="utf-8") == broken  # their file is left as they saved it
    assert load_workshop(beside).workshop.touchpoints[0].scores == {"complexity": 4}
    assert "answer is kept, not lost." in output(s)


def test_the_settle_pass_starts_where_esc_left_it_after_a_skip(tmp_path: Path) -> None:
    path = merged_team(tmp_path)
    script = Script(
        [
            ("how much judgement", ESC),
            ("what next", "settle"),
            ("settle complexity", SKIP),  # split 1: decide later
            ("settle technology as barrier", ESC),  # split 2
            ("what next", "settle"),
            ("settle technology as barrier", ENTER),  # split 2 again, not split 1
            ("why does the room settle", ENTER),  # the reason is optional (issue 25)
            ("settle emotional stakes", ESC),  # split 3
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    out = output(s)
    assert out.count(f"Split 1 of {SPLITS}") == 1
    assert out.count(f"Split 2 of {SPLITS}") == 2
    menus = [(m, d) for m, d in zip(script.asked, script.defaults, strict=True) if "What" in m]
    assert menus[1] == (
        f"What next? (20 of 20 scored, 20 to walk, {SPLITS} splits to settle)",
        "settle",
    )
    assert menus[2][0].endswith(f"{SPLITS - 1} splits to settle)")
    tp = load_workshop(path).workshop.touchpoints[6]
    assert tp.scores == {} and tp.settled["tech_barrier"].value == 4  # settled (issue 25)


def test_where_the_room_was_is_read_back_and_a_bare_key_is_a_note() -> None:
    assert parse_place('{"touchpoint": "A", "question": 2, "every": true}') == Place(
        "A", 2, None, True
    )
    assert parse_place('{"touchpoint": "A", "note": "half a tho"}') == Place("A", note="half a tho")
    assert parse_place("Where is my order?") == Place("Where is my order?", note="")
    assert parse_place('{"question": 2}') is None
    assert parse_place('{"touchpoint": "A", "question": true}') == Place("A")


KEEP = [("how much judgement", ENTER), ("how often", ENTER), ("feel", ENTER), ("stand", ENTER)]


def test_a_walked_touchpoint_stays_walked_when_renamed_and_the_file_is_unchanged(
    tmp_path: Path,
) -> None:
    path = merged_team(tmp_path)
    before = path.read_bytes()
    script = Script(
        [
            *KEEP,
            ("note", ENTER),
            ("change an answer", ENTER),  # shown: the automate verdict needs a fallback
            ("how much judgement", ESC),  # the walk went on to touchpoint 2 (issue 25)
            ("what next", "quit"),
        ]
    )
    session(path, script).run()
    assert path.read_bytes() == before
    menu = script.options[-1]
    assert menu[0].title == "Continue: Get a quote by phone, at complexity"
    assert script.defaults[-1] == "continue"

    script = Script(
        [
            ("how much judgement", ESC),  # the walk goes on at touchpoint 2
            ("what next", "edit"),
            ("edit which", 0),
            ("edit 'compare tariffs online'", "name"),
            ("new name", "Compare prices online"),
            ("edit 'compare prices online'", NOTHING),
            ("what next", "quit"),
        ]
    )
    s = session(path, script)
    s.run()
    assert "Touchpoint 2 of 20" in output(s)
    assert (
        script.asked[-1] == f"What next? (20 of 20 scored, 19 to walk, {SPLITS} splits to settle)"
    )
    assert script.options[-1][0].title == "Continue: Get a quote by phone, at complexity"
    walked = (tmp_path / ".team.yaml.walked").read_text(encoding="utf-8")
    assert "Compare prices online" in walked and "Compare tariffs online" not in walked


def test_the_summary_says_which_splits_the_room_settled(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from assess.method.scoring import assess
    from assess.workshop.screen import summary_table

    path = merged_team(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "  - name: Smart meter engineer visit\n    stage: Use\n",
        "  - name: Smart meter engineer visit\n    stage: Use\n    scores: {tech_barrier: 4}\n",
    )
    path.write_text(text, encoding="utf-8")
    loaded = load_workshop(path)
    console = Console(file=io.StringIO(), width=80, record=True)
    console.print(summary_table(assess(loaded.questionnaire, loaded.workshop), 80))
    rows = {line.split("│")[1].strip(): line for line in console.export_text().splitlines()[4:-1]}
    assert rows["7"].rstrip(" │").endswith("settled")
    assert "split" not in rows["7"] and "split" in rows["10"]
