"""Each kind of validation error gets a message naming the file, touchpoint, field and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assess.errors import InputError, NotFoundError
from assess.files.loader import load_workshop, parse_workshop

Write = Callable[[str, str], Path]


def problems_in(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_workshop(path)
    return [str(p).replace(str(path.parent) + "/", "") for p in caught.value.problems]


def test_valid_workshop_loads(small_workshop: Path) -> None:
    loaded = load_workshop(small_workshop)
    assert loaded.workshop.title == "Small journey"
    assert [t.name for t in loaded.workshop.touchpoints][:2] == ["Where is my order?", "Diagnosis"]
    assert loaded.workshop.stages == ["Receive", "Care", "Pay"]
    assert loaded.questionnaire.name == "default"


def test_misspelt_dimension(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        title: T
        touchpoints:
          - name: Chat
            scores: {complexity: 1, emotional_stake: 2}
        """,
    )
    assert problems_in(path) == [
        "w.yaml:4: touchpoint \"Chat\", field 'scores.emotional_stake': unknown dimension "
        "'emotional_stake' in questionnaire default; did you mean 'emotional_stakes'?"
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("7", "7"), ("0", "0"), ("'3'", "'3'"), ("2.5", "2.5"), ("true", "true"), ("[1]", "a list")],
)
def test_score_must_be_an_integer_from_1_to_5(write: Write, value: str, shown: str) -> None:
    path = write(
        "w.yaml",
        f"""
        title: T
        touchpoints:
          - name: Chat
            scores:
              complexity: {value}
        """,
    )
    assert problems_in(path) == [
        f"w.yaml:5: touchpoint \"Chat\", field 'scores.complexity': must be a whole number from 1 to 5, got {shown}"
    ]


def test_unknown_key_on_a_touchpoint_suggests_the_right_one(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        title: T
        touchpoints:
          - name: Chat
            chanel: web
        """,
    )
    assert problems_in(path) == [
        "w.yaml:4: touchpoint \"Chat\", field 'chanel': unknown key 'chanel'; did you mean 'channel'?"
    ]


def test_duplicate_touchpoint(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        title: T
        touchpoints:
          - name: Chat
          - name: Call
          - name: Chat
        """,
    )
    assert problems_in(path) == [
        "w.yaml:5: touchpoint \"Chat\", field 'name': duplicate touchpoint: same name as touchpoint #1; "
        "give one of them a unique `id`"
    ]


def test_same_name_with_unique_ids_is_fine(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        title: T
        touchpoints:
          - {id: chat-sales, name: Chat}
          - {id: chat-service, name: Chat}
        """,
    )
    assert len(load_workshop(path).workshop.touchpoints) == 2


def test_touchpoint_without_name_and_missing_title_are_both_reported(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        organisation: Org
        touchpoints:
          - stage: Buy
            scores: {complexity: 9}
        """,
    )
    assert problems_in(path) == [
        "w.yaml: field 'title': is required",
        "w.yaml:3: touchpoint #1, field 'name': is required",
        "w.yaml:4: touchpoint #1, field 'scores.complexity': must be a whole number from 1 to 5, got 9",
    ]


def test_unknown_questionnaire(write: Write) -> None:
    path = write(
        "w.yaml",
        """
        title: T
        questionnaire: defualt
        """,
    )
    [message] = problems_in(path)
    assert message.startswith(
        "w.yaml:2: field 'questionnaire': no bundled questionnaire named 'defualt' and no file "
    )
    assert message.endswith("; did you mean 'default'?")
    far = write("far.yaml", "title: T\nquestionnaire: zzz\n")
    [message] = problems_in(far)
    assert message.endswith("no file zzz; bundled: default")


def test_questionnaire_path_is_relative_to_the_workshop(write: Write, tmp_path: Path) -> None:
    from assess.files import resources

    custom = tmp_path / "qs" / "mine.yaml"
    custom.parent.mkdir()
    text = resources.bundled_questionnaires()["default"].read_text(encoding="utf-8")
    custom.write_text(text.replace("name: default", "name: mine"), encoding="utf-8")
    path = write("w.yaml", "title: T\nquestionnaire: qs/mine.yaml\n")
    assert load_workshop(path).questionnaire.name == "mine"


def test_broken_questionnaire_file_is_reported_with_its_own_name(
    write: Write, tmp_path: Path
) -> None:
    write("bad-q.yaml", "name: bad\nversion: 1\ndimensions: []\n")
    path = write("w.yaml", "title: T\nquestionnaire: bad-q.yaml\n")
    found = problems_in(path)
    assert "bad-q.yaml: field 'title': is required" in found
    assert all(p.startswith("bad-q.yaml") for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "w.yaml: is empty; expected a workshop (title, touchpoints, ...)"),
        ("# only a comment\n", "w.yaml: is empty; expected a workshop (title, touchpoints, ...)"),
        ("- a\n- b\n", "w.yaml:1: expected a workshop (title, touchpoints, ...), got a list"),
        (
            "title: [unclosed\n",
            "w.yaml:2: not valid YAML: did not find expected ',' or ']'",
        ),
        (
            "title: a\ntitle: b\n",
            "w.yaml:2: duplicate key 'title'",
        ),
    ],
)
def test_empty_and_non_yaml_files(write: Write, text: str, expected: str) -> None:
    path = write("w.yaml", text)
    assert problems_in(path) == [expected]


def test_binary_file_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(b"\xff\xfe\x00title")
    with pytest.raises(InputError, match="is not UTF-8 text"):
        load_workshop(path)


def test_missing_file() -> None:
    with pytest.raises(NotFoundError, match=r"nope\.yaml: no such file"):
        load_workshop(Path("nope.yaml"))


def test_parse_workshop_takes_plain_dicts() -> None:
    workshop = parse_workshop(
        {
            "title": "T",
            "date": __import__("datetime").date(2026, 1, 2),
            "touchpoints": [{"name": "A", "stage": "S"}],
        },
        "x",
    )
    assert workshop.date == "2026-01-02"
    assert workshop.touchpoints[0].scores == {}
