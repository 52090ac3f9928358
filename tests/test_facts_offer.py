"""Issue 25, item 3: facts typed in the room reach the report. The first time a fact is typed
in a workshop without economics, `assess run` offers to ask for the currency and the cost of an
hour; refused, the report still gives hours; accepted, the answers are checked and saved. Driven
by scripted answers through the whole session (assess/workshop/facts.py: offer_economics)."""

from __future__ import annotations

from pathlib import Path

from scripted import ENTER, Script, session

from assess.files.loader import load_workshop
from assess.workshop.question import OPTIONAL

JOURNEY = """\
title: Orders
touchpoints:
  - name: Where is my order
    stage: Receive
    scores: {complexity: 1, scale: 5, emotional_stakes: 1}
  - name: Change delivery slot
    stage: Receive
    scores: {complexity: 2, scale: 4, emotional_stakes: 2, tech_barrier: 2}
"""


OPTIONAL_QUESTIONS = [
    ("wrong answer", ENTER),
    ("law or regulator", ENTER),
    ("reach a person", ENTER),
    ("complaint", ENTER),
    ("vulnerable", ENTER),
    ("how big a change", ENTER),
]


def walk_first(*after_facts: tuple[str, object]) -> list[tuple[str, object]]:
    """Answer the first touchpoint's open question, then open its optional questions and type
    its facts."""
    return [
        ("stand", 1),
        ("note", ENTER),
        ("change an answer", OPTIONAL),
        *OPTIONAL_QUESTIONS,
        ("contacts a month", "45.000"),
        ("minutes a person", "6"),
        *after_facts,
        ("change an answer", ENTER),
        ("write the pdf report now", False),
    ]


def run(path: Path, answers: list[tuple[str, object]]) -> Script:
    script = Script([*answers, ("what next", "quit")])
    session(path, script).run()
    return script


def test_accepted_the_currency_and_cost_of_an_hour_are_checked_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    script = run(
        path,
        walk_first(
            ("price them too", True),
            ("currency", "euro"),  # not an ISO code: asked again, saying why
            ("ISO 4217", "gbp"),
            ("cost of an hour", "lots"),
            ("cost of an hour", "-3"),
            ("cost of an hour", "38,50"),
        ),
    )
    asked = [m for m in script.asked if "Cost of an hour" in m]
    assert len(asked) == 3 and "must be" in asked[1] and "from 0 to" in asked[2]
    w = load_workshop(path).workshop
    assert w.economics is not None
    assert (w.economics.currency, w.economics.cost_per_hour) == ("GBP", 38.5)
    assert (w.touchpoints[0].volume, w.touchpoints[0].handle_minutes) == (45000, 6)
    text = path.read_text(encoding="utf-8")
    assert "economics: {currency: GBP, cost_per_hour: 38.5}\ntouchpoints:" in text


def test_refused_nothing_is_priced_and_the_offer_is_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    run(path, walk_first(("price them too", False)))
    assert load_workshop(path).workshop.economics is None
    # The next touchpoint's facts find facts already there: no second offer.
    second = [
        ("write the pdf report now", False),
        ("what next", "rescore"),
        ("re-score which", 1),  # the second (positions count from 0)
        ("how much judgement", ENTER),
        ("how often", ENTER),
        ("feel", ENTER),
        ("stand", ENTER),
        ("note", ENTER),
        ("change an answer", OPTIONAL),
        *OPTIONAL_QUESTIONS,
        ("contacts a month", "4000"),
        ("minutes a person", "4"),
        ("change an answer", ENTER),
    ]
    script = run(path, second)
    assert not any("price them" in m for m in script.asked)
    assert load_workshop(path).workshop.touchpoints[1].volume == 4000


def test_a_workshop_with_economics_is_not_asked(tmp_path: Path) -> None:
    path = tmp_path / "orders.yaml"
    path.write_text(
        JOURNEY.replace(
            "touchpoints:", "economics: {currency: EUR, cost_per_hour: 40}\ntouchpoints:"
        ),
        encoding="utf-8",
    )
    script = run(path, walk_first())
    assert not any("price them" in m for m in script.asked)
