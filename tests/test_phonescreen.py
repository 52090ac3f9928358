"""What the facilitator sees of the phones, and what a phone's name does to the workshop file
(issue 26): any name a phone may join with (with --open-join, anything the server takes) is
shown as text within the screen's width, and its votes land in the file under that name and
load back as given. Property-based, with the names the network can send."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonewalk import TRIO
from rich.cells import cell_len
from rich.console import Console
from scripted import Script

from assess.ballot import Choice, Question, Reveal, Tally
from assess.files.loader import bundled_questionnaire, load_workshop
from assess.phones.qr import qr_text
from assess.phones.room import Refused, clean_name
from assess.workshop import Session
from assess.workshop.phonescreen import join_lines, joined_title, reveal_lines, tally_title
from assess.workshop.phonevote import record

TRICKY = [
    "?0",
    "- x",
    "null",
    "123",
    "yes",
    "[a]",
    "#x",
    "a: b",
    "&anchor",
    "*alias",
    "'q'",
    "[bold]Ana[/bold]",
    "<script>",
    "\u202eevil",
    "Zoë",
    "李",
    "a" * 200,
]


def _clean(name: str) -> bool:
    try:
        clean_name(name)
    except Refused:
        return False
    return True


NAMES = (
    st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=60))
    .filter(_clean)
    .map(str.strip)
)
PEOPLE = st.lists(NAMES, min_size=1, max_size=8, unique_by=str.casefold)
VALUES = st.one_of(st.none(), st.integers(1, 5))


def _question() -> Question:
    d = bundled_questionnaire("default").dimensions[0]
    choices = tuple(Choice(n, a.label, a.text) for n, a in d.anchors.items())
    return Question("Refund", d.id, d.label, d.question, d.help, choices)


def _reveal(votes: dict[str, int | None]) -> Reveal:
    values = [v for v in votes.values() if v is not None]
    spread = max(values) - min(values) if values else None
    median = sorted(values)[len(values) // 2] if values else None
    return Reveal(
        _question(),
        1,
        votes,
        None if median is None else float(median),
        spread,
        spread is not None and spread >= 2,
    )


@given(people=PEOPLE, voted=st.integers(0, 8), width=st.integers(20, 120))
def test_the_count_fits_its_line_and_shows_names_as_text(
    people: list[str], voted: int, width: int
) -> None:
    tally = Tally(1, _question(), 1, tuple(people), tuple(people[:voted]), False)
    for line in (tally_title(tally, people, width), joined_title(tally, [*people, "Dan"], width)):
        assert cell_len(line) <= width  # a wide character takes two cells
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in line)
    said = tally_title(tally, people, 1000)
    waiting = people[voted:]
    if waiting and all(c.isprintable() and c != "\u202e" for c in "".join(waiting)):
        assert f"(waiting: {', '.join(waiting)})" in said  # literally, [bold] and all


@given(
    votes=st.dictionaries(NAMES, VALUES, min_size=1, max_size=8),
    width=st.integers(40, 120),
    height=st.integers(2, 12),
)
def test_the_reveal_fits_the_screen_and_names_every_voter(
    votes: dict[str, int | None], width: int, height: int
) -> None:
    d = bundled_questionnaire("default").dimensions[0]
    lines = reveal_lines(_reveal(votes), d, ["Gus"], {"Dan": 2}, width, height)
    assert all(line.cell_len <= width for line in lines)
    assert lines[0].plain.startswith("Revealed · ")
    roomy = reveal_lines(_reveal(votes), d, [], {}, 1000, 100)
    shown = "\n".join(line.plain for line in roomy)
    for name in votes:
        if name.isprintable() and "\u202e" not in name:
            assert name in shown


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(names=PEOPLE, values=st.lists(VALUES, min_size=8, max_size=8))
def test_any_name_a_phone_joins_with_lands_in_the_file_and_loads_back(
    tmp_path: Path, names: list[str], values: list[int | None]
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(TRIO, encoding="utf-8")
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    s = Session(path, Script([]), console, lambda *a: 3, today=dt.date(2026, 12, 1))
    s.read()
    votes = dict(zip(names, values, strict=False))
    record(s, 0, 0, _reveal(votes))
    loaded = load_workshop(path).workshop
    assert {p: b["complexity"] for p, b in loaded.touchpoints[0].votes.items()} == votes
    assert loaded.phone_voters == names
    assert loaded.participants[:3] == ["Ana", "Ben", "Cy"]
    assert set(names) <= set(loaded.participants)


def test_the_join_screen_keeps_the_code_whole_down_to_60x20() -> None:
    url = "http://192.168.178.24:50123/join/k9X2bY7mQ4wZ1vT8rL5nPa"
    wide = join_lines(lambda b: qr_text(url, b), url, "claims-join.png", 80, 20)
    assert wide is not None and wide[-1].plain == url  # the address whole, under the code
    assert all(line.cell_len <= 80 for line in wide)
    small = join_lines(lambda b: qr_text(url, b), url, "claims-join.png", 60, 18)
    assert small is not None and len(small) <= 18
    assert all(line.cell_len <= 60 for line in small)
    assert join_lines(lambda b: qr_text(url, b), url, "claims-join.png", 30, 40) is None
