"""Text people type into the plan (a KPI's name, an outcome's note, the moves a move comes
after) is written on one line where that reads back as written, and never in a form YAML reads
otherwise: ruamel writes `{note: ?0}` and `[?0]`, which YAML refuses or reads as a mapping."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.files import planedit
from assess.files.yamlio import load_round_trip, yaml_round_trip

#: What a person can type on one line (letters, digits, punctuation, symbols and spaces), often
#: after a character YAML gives a meaning to at the start of plain text.
_TEXT = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), max_size=30)
_INDICATORS = st.sampled_from(["?", "-", ":", "#", "&", "*", "!", "|", ">", "%", "@", "[", "{"])
TYPED = st.one_of(_TEXT, st.tuples(_INDICATORS, _TEXT).map("".join)).map(str.strip).filter(bool)


def _reread(doc: object) -> dict[str, object]:
    buffer = io.StringIO()
    yaml_round_trip().dump(doc, buffer)
    read: dict[str, object] = load_round_trip(buffer.getvalue(), "w.yaml")
    return read


def test_the_notes_that_broke_flow_style_read_back() -> None:
    doc = load_round_trip("title: T\ntouchpoints:\n  - name: A\n  - name: B\n", "w.yaml")
    planedit.add_outcome(doc, 0, {"date": "2027-06", "kpi": 1, "note": "?0"})
    planedit.add_outcome(doc, 0, {"date": "2027-07", "kpi": 2, "note": "fine"})
    planedit.set_after(doc, 1, ["?0", "A"])
    back = _reread(doc)["touchpoints"]
    assert [o["note"] for o in back[0]["outcomes"]] == ["?0", "fine"]  # type: ignore[index]
    assert back[1]["after"] == ["?0", "A"]  # type: ignore[index]
    # What reads back as written stays on one line, as people write it.
    buffer = io.StringIO()
    yaml_round_trip().dump(doc, buffer)
    assert "- {date: 2027-07, kpi: 2, note: fine}" in buffer.getvalue()


@settings(derandomize=True, max_examples=200, deadline=None)
@given(note=TYPED, name=TYPED, unit=TYPED, after=st.lists(TYPED, min_size=1, max_size=3))
def test_any_typed_text_in_the_plan_reads_back_as_typed(
    note: str, name: str, unit: str, after: list[str]
) -> None:
    doc = load_round_trip("title: T\ntouchpoints:\n  - name: A\n", "w.yaml")
    planedit.add_outcome(doc, 0, {"date": "2027-06", "kpi": 1.5, "note": note})
    planedit.set_kpi(doc, 0, {"name": name, "unit": unit, "baseline": 0, "target": 1})
    planedit.set_after(doc, 0, after)
    tp = _reread(doc)["touchpoints"][0]  # type: ignore[index]
    assert tp["outcomes"][0]["note"] == note
    assert (tp["kpi"]["name"], tp["kpi"]["unit"]) == (name, unit)
    assert tp["after"] == after
