"""What the room decided, read back from the leadership PDF (issue 25): a merged team file in
which the room settled one split, agreed actions, parked a question and kept its time. Page 2
and the summary count open splits only and the settled one apart; the lists show it where it
belongs; the actions table, the parking lot and where the time went are in the PDF as the
file says. Read with pdftotext, as a viewer shows the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader
from teamfile import SPLITS, merged_team

from assess.cli import cli
from assess.files import editing
from assess.files.loader import load_workshop
from assess.files.storage import save_workshop
from assess.files.yamlio import load_round_trip

DIMS = ["complexity", "scale", "emotional_stakes", "tech_barrier"]
SETTLED = "Smart meter engineer visit"  # its technology-as-barrier votes split, 2 to 4


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("record")
    path = merged_team(folder)
    doc = load_round_trip(path.read_text(encoding="utf-8"), str(path))
    names = [tp["name"] for tp in doc["touchpoints"]]
    meter, bill = names.index(SETTLED), names.index("Bill much higher than expected")
    editing.set_settled(doc, meter, "tech_barrier", 4, "The engineer is in the home", DIMS)
    editing.add_action(doc, meter, "Brief engineers on the app", "Ana", "2027-01-15")
    editing.add_action(doc, bill, "Draft the high-bill letter", "Ben", None)
    editing.add_parked(doc, bill, "Does the regulator need to see the letter?")
    editing.set_field(doc, meter, "minutes_used", 12.5)
    editing.set_field(doc, bill, "minutes_used", 7)
    editing.set_top(doc, "timebox", "90m")
    editing.set_top(doc, "economics", {"currency": "EUR", "cost_per_hour": 40})
    for i in range(len(names)):
        editing.set_field(doc, i, "volume", 1000)
        editing.set_field(doc, i, "handle_minutes", 6)
    save_workshop(path, doc)
    out = folder / "team.pdf"
    result = CliRunner().invoke(cli, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return path, page_texts(PdfReader(out))


def test_page_two_and_the_summary_count_open_splits_and_the_settled_apart(
    report: tuple[Path, list[str]],
) -> None:
    path, pages = report
    loaded = load_workshop(path)
    assert loaded.workshop.touchpoints[6].settled["tech_barrier"].value == 4
    decision = next(p for p in pages if "The recommendation" in p and "What to decide first" in p)
    assert "The room settled 1 split; it is decided, not open." in decision
    # The settled touchpoint is not among what to decide for its split.
    decide = decision.split("What to decide first")[1].split("Next steps")[0]
    assert "The team is split on" in decide  # other touchpoints' open splits are listed ...
    assert f"{SETTLED}: The team is split" not in decide  # ... but not the settled one
    summary = " ".join(pages).split("Where the team disagrees")[0]
    open_touchpoints = SPLITS - 1  # seven splits on seven touchpoints; the room settled one
    assert f"The team disagrees on {open_touchpoints} touchpoints:" in summary
    assert "The room settled 1 split, on \u201cSmart meter engineer visit\u201d" in summary


def test_the_lists_show_a_settled_split_as_settled_only(report: tuple[Path, list[str]]) -> None:
    _, pages = report
    text = " ".join(pages)
    disagree = text.split("Where the team disagrees")[1].split("Settled in the room")[0]
    assert "Smart meter engineer visit" not in disagree
    assert "Payment plan for arrears" in disagree  # an open one
    settled = text.split("Settled in the room")[1].split("Actions agreed in the room")[0]
    assert "Smart meter engineer visit" in settled
    assert "4: The engineer is in the home" in settled
    page = next(p for p in pages if "The room settled a split." in p)
    assert "settled at 4 (The engineer is in the home)" in page
    assert (
        "The team disagrees." not in page.split("The room settled a split.")[0].split(SETTLED)[-1]
    )


def test_actions_parking_lot_and_time_are_in_the_pdf(report: tuple[Path, list[str]]) -> None:
    _, pages = report
    text = " ".join(pages)
    actions = text.split("Actions agreed in the room")[1]
    # The nearest due date first; an action without one last.
    # The due date as the language writes it (2027-01-15 in the file).
    assert actions.index("Brief engineers on the app Ana 15 Jan 2027") < actions.index(
        "Draft the high-bill letter Ben —"
    )
    assert "7. Smart meter engineer visit" in actions.split("Draft the high-bill")[0]
    appendix = text[text.index("Appendix: how the verdicts are reached") :]
    assert "The parking lot" in appendix
    assert "Does the regulator need to see the letter? 9. Bill much higher than expected" in (
        appendix
    )
    assert "Where the time went" in appendix
    assert "20 min in the room of a 1 h 30 min timebox" in appendix
    # 12.5, half up; a viewer may read the page's footer between a row's two cells
    assert re.search(r"7\. Smart meter engineer visit .{0,60}13 min", appendix)
