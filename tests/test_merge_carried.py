"""A merge keeps what the files say besides the votes: the workshop's economics, plan,
language, timebox and brand, each touchpoint's plan, business case, outcomes, actions and
parked questions. The first file that gives a value wins, the report names the files that
disagree, and the merged file is read back by the real loader."""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from assess.cli import cli
from assess.files.loader import load_workshop

Write = Callable[[str, str], Path]
LOW = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"
HIGH = "{complexity: 4, scale: 2, emotional_stakes: 4, tech_barrier: 3}"

ANA = f"""\
title: Pharmacy
participants: [Ana]
language: de
timebox: 45
economics:
  currency: EUR
  cost_per_hour: 38
plan:
  start: 2027-01
  capacity: 2
touchpoints:
  - name: Search
    id: S1
    scores: {LOW}
    volume: 12000
    handle_minutes: 4
    share: {{low: 0.3, expected: 0.45, high: 0.6}}
    share_basis: vendor pilot
    build_cost: 15000
    owner: Dana
    kpi: {{name: Self-served searches, unit: "%", baseline: 40, target: 70}}
    actions:
      - {{text: Check the vendor's numbers, owner: Ana, due: 2027-02-01}}
  - name: Order status
    scores: {LOW}
    after: [Search]
    owner: Eli
"""

BEN = f"""\
title: Pharmacy
participants: [Ben]
economics:
  currency: EUR
  cost_per_hour: 42
touchpoints:
  - name: Product search
    id: S1
    scores: {LOW}
    owner: Fay
    actions:
      - {{text: Check the vendor's numbers, owner: Ana, due: 2027-02-01}}
      - {{text: Ask the carrier for data, owner: Ben}}
    parked: ["Who owns search?"]
  - name: Order status
    scores: {HIGH}
    build_cost: 9000
    evidence: estimated
"""

CY = f"""\
title: Pharmacy
participants: [Cy]
touchpoints:
  - name: Product search
    id: S1
    scores: {LOW}
  - name: Order status
    scores: {HIGH}
"""


def _person(write: Write, name: str, person: str, touchpoints: str) -> Path:
    """`name`.yaml: a workshop by `person` alone, with these `touchpoints` (YAML list items)."""
    return write(f"{name}.yaml", f"title: T\nparticipants: [{person}]\ntouchpoints:\n{touchpoints}")


def _merge(runner: CliRunner, files: list[Path], out: Path) -> list[str]:
    result = runner.invoke(cli, ["merge", *map(str, files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()


def test_the_workshop_and_touchpoint_fields_survive_a_merge(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    files = [write("ana.yaml", ANA), write("ben.yaml", BEN), write("cy.yaml", CY)]
    out = tmp_path / "team.yaml"
    notes = _merge(runner, files, out)
    w = load_workshop(out).workshop
    assert (w.language, w.timebox) == ("de", 45)
    assert w.economics is not None and w.economics.cost_per_hour == 38  # Ana's, the first
    assert w.plan is not None and (w.plan.start, w.plan.capacity) == ("2027-01", 2)
    search, status = w.touchpoints
    assert search.name == "Product search"  # two of three call it so
    assert search.owner == "Dana" and search.kpi is not None and search.kpi.target == 70
    assert search.share is not None and search.share.expected == 0.45
    assert (search.share_basis, search.build_cost) == ("vendor pilot", 15000)
    # Everyone's actions, each once; Ben's parked question.
    assert [a.text for a in search.actions] == [
        "Check the vendor's numbers",
        "Ask the carrier for data",
    ]
    assert search.parked == ["Who owns search?"]
    # Ana's "after: [Search]" names the touchpoint the merge calls "Product search".
    assert status.after == ["Product search"] and status.owner == "Eli"
    assert (status.build_cost, status.evidence) == (9000, "estimated")  # Ben's, the only one
    said = [n.removeprefix("Note: ") for n in notes]
    # Only the fields that differ, and only the files that differ (Cy gives no economics).
    assert (
        "The files disagree on `economics` (ana.yaml: cost_per_hour 38; ben.yaml: "
        "cost_per_hour 42); kept ana.yaml's." in said
    )
    assert not any("cy.yaml" in n for n in said if "disagree" in n)
    assert any(
        "owner of 'Product search' (ana.yaml: Dana; ben.yaml: Fay); kept 'Dana'" in n for n in notes
    )
    # Read back through the commands: the plan and the business case are in the JSON.
    data = json.loads(runner.invoke(cli, ["score", str(out), "--format", "json"]).stdout)
    first = data["touchpoints"][0]
    assert first["owner"] == "Dana" and data["touchpoints"][1]["after"] == ["Product search"]
    assert first["value"]["build_cost"] is not None
    assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0
    # The file keeps each number as its file wrote it (15000, not 15000.0).
    assert "build_cost: 15000\n" in out.read_text(encoding="utf-8")


def test_a_share_the_team_votes_human_is_left_out_and_said(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    """Ana's share on a moment the team's votes keep human would make every later command
    refuse the merged file: it is left out, and the report says whose it was."""
    ana = write("ana.yaml", ANA)
    human = BEN.replace(f"id: S1\n    scores: {LOW}", f"id: S1\n    scores: {HIGH}")
    ben = write("ben.yaml", human)
    cy = write("cy.yaml", CY.replace(f"id: S1\n    scores: {LOW}", f"id: S1\n    scores: {HIGH}"))
    out = tmp_path / "team.yaml"
    notes = _merge(runner, [ana, ben, cy], out)
    search = load_workshop(out).workshop.touchpoints[0]
    assert search.share is None and search.share_basis is None
    assert search.build_cost == 15000  # the rest of the business case stays
    assert any("keep 'Product search' human" in n and "ana.yaml" in n for n in notes)
    data = json.loads(runner.invoke(cli, ["score", str(out), "--format", "json"]).stdout)
    assert data["touchpoints"][0]["recommendation"] == "keep-human"


def test_two_files_that_order_moves_differently_never_make_a_loop(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    one = _person(
        write,
        "ana",
        "Ana",
        f"  - {{name: A, scores: {LOW}}}\n  - {{name: B, scores: {LOW}, after: [A]}}\n",
    )
    two = _person(
        write,
        "ben",
        "Ben",
        f"  - {{name: A, scores: {LOW}, after: [B]}}\n  - {{name: B, scores: {LOW}}}\n",
    )
    out = tmp_path / "team.yaml"
    notes = _merge(runner, [one, two], out)
    a, b = load_workshop(out).workshop.touchpoints
    assert (a.after, b.after) == ([], ["A"])  # Ana's order, whole
    assert (
        "Note: The files disagree on what 'A' comes after (ana.yaml: nothing; ben.yaml: B); "
        "kept ana.yaml's." in notes
    )
    assert runner.invoke(cli, ["score", str(out), "--format", "json"]).exit_code == 0


def test_a_brand_the_merged_file_can_name_is_kept_and_one_it_cannot_is_said(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    (tmp_path / "brand.yaml").write_text("name: Harbour Finch\n", encoding="utf-8")
    ana = write(
        "ana.yaml", f"title: T\nbrand: brand.yaml\ntouchpoints:\n  - {{name: A, scores: {LOW}}}\n"
    )
    ben = write("ben.yaml", f"title: T\ntouchpoints:\n  - {{name: A, scores: {LOW}}}\n")
    beside = tmp_path / "team.yaml"
    _merge(runner, [ana, ben], beside)
    assert load_workshop(beside).workshop.brand == "brand.yaml"
    assert runner.invoke(cli, ["validate", str(beside)]).exit_code == 0
    (tmp_path / "out").mkdir()
    elsewhere = tmp_path / "out" / "team.yaml"
    notes = _merge(runner, [ana, ben], elsewhere)
    assert load_workshop(elsewhere).workshop.brand is None
    assert any("outside the merged file's folder" in n and "--brand" in n for n in notes)


def test_a_csv_row_keeps_its_owner_and_costs(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    sheet = write(
        "cy.csv",
        "name,complexity,scale,emotional_stakes,tech_barrier,owner,build_cost\n"
        "A,1,5,1,1,Gus,4200\n",
    )
    ana = _person(write, "ana", "Ana", f"  - {{name: A, scores: {LOW}}}\n")
    out = tmp_path / "team.yaml"
    _merge(runner, [ana, sheet], out)
    (a,) = load_workshop(out).workshop.touchpoints
    assert (a.owner, a.build_cost) == ("Gus", 4200)
    assert set(a.votes) == {"Ana", "cy"}


NAMES = st.text(
    string.ascii_letters + string.digits + " :#'\"-&*!%@`{}[],|>", min_size=1, max_size=30
)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    owners=st.lists(
        st.one_of(st.none(), NAMES.filter(lambda s: s.strip())), min_size=2, max_size=4
    ),
    costs=st.lists(st.one_of(st.none(), st.integers(0, 10**7)), min_size=2, max_size=4),
)
def test_the_first_owner_and_cost_given_win_whatever_they_are(
    owners: list[str | None], costs: list[int | None], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("merge")
    yaml = YAML()
    files = []
    for i, (owner, cost) in enumerate(zip(owners, costs, strict=False)):
        tp: dict[str, object] = {
            "name": "A",
            "scores": {"complexity": 1, "scale": 5, "emotional_stakes": 1, "tech_barrier": 1},
        }
        if owner is not None:
            tp["owner"] = owner
        if cost is not None:
            tp["build_cost"] = cost
        path = folder / f"p{i}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump({"title": "T", "participants": [f"P{i}"], "touchpoints": [tp]}, handle)
        files.append(path)
    out = folder / "team.yaml"
    result = CliRunner().invoke(cli, ["merge", *map(str, files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (a,) = load_workshop(out).workshop.touchpoints
    used = owners[: len(files)]
    assert a.owner == next((o.strip() for o in used if o is not None), None)
    assert a.build_cost == next((c for c in costs[: len(files)] if c is not None), None)


def test_a_settled_answer_a_case_with_figures_and_a_shared_note_are_kept(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    """A file from an earlier session keeps what its room settled; the business case with
    figures wins over one that gives only its evidence, and the note says what differs; a
    note both copies hold word for word is kept once, though a third file lacks the
    touchpoint."""
    settled = (
        "    settled:\n      emotional_stakes: {value: 3, reason: Stressful but recoverable}\n"
    )
    ana = _person(
        write,
        "ana",
        "Ana",
        f"  - name: A\n    scores: {LOW}\n"
        "    evidence: measured\n    notes: Ask the carrier first.\n" + settled,
    )
    ben = _person(
        write,
        "ben",
        "Ben",
        f"  - name: A\n    scores: {LOW}\n"
        "    build_cost: 50000\n    notes: Ask the carrier first.\n",
    )
    cy = _person(write, "cy", "Cy", f"  - {{name: B, scores: {LOW}}}\n")
    out = tmp_path / "team.yaml"
    notes = _merge(runner, [ana, ben, cy], out)
    a = load_workshop(out).workshop.touchpoints[0]
    assert a.settled["emotional_stakes"].value == 3
    assert a.settled["emotional_stakes"].reason == "Stressful but recoverable"
    assert (a.build_cost, a.evidence) == (50000, None)  # Ben's figures, whole
    assert (
        "Note: The files disagree on the business case of 'A' (ben.yaml: build_cost 50000, "
        "evidence -; ana.yaml: build_cost -, evidence measured); kept ben.yaml's." in notes
    )
    assert a.notes == "Ask the carrier first."  # once, unnamed


def test_a_touchpoint_renamed_in_a_file_without_ids_is_pointed_out(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    ana = _person(
        write,
        "ana",
        "Ana",
        f"  - {{name: Order confirmation, scores: {LOW}}}\n  - {{name: Returns, scores: {LOW}}}\n",
    )
    ben = _person(
        write,
        "ben",
        "Ben",
        f"  - {{name: Order confirmation e-mail, scores: {LOW}}}\n"
        f"  - {{name: Returns, scores: {LOW}}}\n",
    )
    notes = _merge(runner, [ana, ben], tmp_path / "team.yaml")
    assert (
        "Note: Touchpoint 'Order confirmation e-mail' is only in ben.yaml (not in ana.yaml); kept. "
        "Is it 'Order confirmation' under another name? Give both the same name or id to merge "
        "them." in notes
    )
    assert not any("Returns" in n for n in notes)  # in both: nothing to say


def test_voters_in_a_file_besides_its_person_become_participants(
    runner: CliRunner, write: Write, tmp_path: Path
) -> None:
    """A file from an earlier session carries the room's votes: its voters count, so the
    merged workshop names them among its participants (the cover lists them)."""
    ana = _person(
        write,
        "ana",
        "Ana",
        "  - name: A\n"
        "    scores: {complexity: 1, scale: 5, tech_barrier: 1}\n"
        "    votes: {Head of service: {emotional_stakes: 4}, ana: {emotional_stakes: 2}}\n",
    )
    ben = _person(write, "ben", "Ben", f"  - {{name: A, scores: {LOW}}}\n")
    out = tmp_path / "team.yaml"
    _merge(runner, [ana, ben], out)
    w = load_workshop(out).workshop
    assert w.participants == ["Ana", "Ben", "Head of service"]  # "ana" is Ana
    assert "Head of service" in w.touchpoints[0].votes
