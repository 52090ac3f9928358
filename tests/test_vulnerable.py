"""Method 1.3: customers in vulnerable circumstances. The optional question, the guardrail and
its evidence, what it changes over the 625 combinations, and every guarantee kept with it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assess.errors import InputError
from assess.files.loader import parse_questionnaire, read_questionnaire
from assess.journeys import Touchpoint
from assess.method import measures
from assess.method.decision import decide
from assess.method.scoring import Judge, assess_touchpoint
from assess.models import VERDICTS, Questionnaire

ROOT = Path(__file__).parent.parent
DIMS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
ALL = [dict(zip(DIMS, combo, strict=True)) for combo in itertools.product(range(1, 6), repeat=4)]
RANK = {v: i for i, v in enumerate(VERDICTS)}
RULE = "vulnerable-customers-keep-people-in-reach"
MANY = 3  # few, some, many


def old_questionnaire() -> Questionnaire:
    return read_questionnaire(Path(__file__).parent / "data" / "questionnaire-1.2.yaml")


def verdict(q: Questionnaire, answers: dict[str, int]) -> str:
    return decide(q, answers).verdict


def others(q: Questionnaire) -> list[dict[str, int]]:
    """Every answer to the other optional questions that a condition can tell apart."""
    items = [i for i in measures.deciding_inputs(q) if i.id != "vulnerability"]
    groups = [[v for v, _ in measures.answer_groups(q, i)] for i in items]
    return [
        {i.id: v for i, v in zip(items, picked, strict=True) if v is not None}
        for picked in itertools.product(*groups)
    ]


# --- the question --------------------------------------------------------------------------


def test_the_question_is_anchored_like_the_others_and_asked_before_effort(
    questionnaire: Questionnaire,
) -> None:
    item = questionnaire.optional_input("vulnerability")
    assert item.option_ids == ["few", "some", "many"]  # least to most for a person
    assert all(o.label and o.text and "e.g." in o.text for o in item.options)
    # The help says what counts, as the FCA's four drivers do, and where "many" begins.
    for driver in ("health", "life event", "resilience", "capability", "half of UK adults"):
        assert driver in item.help, driver
    ids = questionnaire.input_ids
    assert ids.index("complaint") < ids.index("vulnerability") < ids.index("effort")


def test_the_rules_evidence_is_in_the_questionnaires_sources(questionnaire: Questionnaire) -> None:
    """Each source the guardrail's evidence names is listed, saying what it is."""
    rule = next(r for r in questionnaire.rules if r.id == RULE)
    sources = {s.id: s.text for s in questionnaire.sources}
    cited = {
        "fca-fg21-1": ("FG21/1, 2021", "FG21/1 - Guidance for firms on the fair treatment"),
        "fca-consumer-duty": ("Consumer Duty", "31 July 2023"),
        "ofcom-vulnerable-2022": ("Ofcom", "Treating vulnerable customers fairly"),
        "eaa-2019": ("European Accessibility Act", "applies from 28 June 2025"),
        "ticket-offices-2023": ("ticket offices", "close station ticket offices in England"),
        "spain-banks-2022": ("Spain", "older customers"),
    }
    for source_id, (in_evidence, in_source) in cited.items():
        assert in_evidence in rule.evidence, in_evidence
        assert in_source in sources[source_id], source_id
    # The cut-off is said to be the questionnaire's own, as for every other rule.
    assert "this questionnaire's judgement" in rule.evidence
    assert rule.basis == "need" and rule.then.at_least == "keep-human"


# --- the guardrail -------------------------------------------------------------------------


def test_many_vulnerable_customers_and_technology_in_the_way_stay_with_people_at_any_volume(
    questionnaire: Questionnaire,
) -> None:
    for s in ALL:
        if s["tech_barrier"] < 4:
            continue
        for extra in others(questionnaire):
            answers = {**s, **extra, "vulnerability": MANY}
            assert verdict(questionnaire, answers) == "keep-human", answers
        tp = Touchpoint(name="t", scores=s, inputs={"vulnerability": "many"})
        r = assess_touchpoint(questionnaire, tp)
        basis = next(x for x in r.reasons if x.startswith("Basis:"))
        assert basis.startswith(
            "Basis: customer need. Kept with people because many customers here are vulnerable."
        ), s
        assert RULE in r.rules
        if s["scale"] >= 4:  # the volume rule held, and gave way to the customer's need
            assert any("a guardrail on the customer's need outranks it" in x for x in r.reasons)


def test_a_person_one_step_away_is_no_substitute_and_few_or_some_change_no_verdict(
    questionnaire: Questionnaire,
) -> None:
    for s in ALL:
        plain = verdict(questionnaire, s)
        for position in (1, 2):  # few, some
            assert verdict(questionnaire, {**s, "vulnerability": position}) == plain, s
        if s["tech_barrier"] >= 4:
            reachable = {**s, "human_fallback": 1, "vulnerability": MANY}
            assert verdict(questionnaire, reachable) == "keep-human", s


def test_the_vulnerability_answer_is_monotonic_over_every_combination(
    questionnaire: Questionnaire,
) -> None:
    """Unanswered, few, some, many: each step keeps the verdict or makes it more human, with
    every other optional answer; and with "many" answered, more complexity, stakes or barrier
    never moves toward automate and more scale never toward keep-human."""
    judge = Judge(questionnaire)
    for s in ALL:
        for extra in others(questionnaire):
            ranks = [
                RANK[judge.decide({**s, **extra, **({"vulnerability": p} if p else {})}).verdict]
                for p in (None, 1, 2, 3)
            ]
            assert ranks == sorted(ranks), (s, extra)
            base = {**s, **extra, "vulnerability": MANY}
            here = RANK[judge.decide(base).verdict]
            for dim in DIMS:
                if s[dim] == 5:
                    continue
                higher = RANK[judge.decide({**base, dim: s[dim] + 1}).verdict]
                assert (higher <= here) if dim == "scale" else (higher >= here), (base, dim)


@given(
    scores=st.tuples(*[st.integers(1, 5)] * 4),
    answers=st.fixed_dictionaries(
        {
            "consequence": st.sampled_from([None, "reversible", "costly", "harmful"]),
            "legal_duty": st.sampled_from([None, "none", "disclosure", "human-decision"]),
            "human_fallback": st.sampled_from([None, "reachable", "unreachable"]),
            "complaint": st.sampled_from([None, "request", "grievance"]),
        }
    ),
    level=st.sampled_from(["few", "some", "many"]),
)
def test_a_touchpoints_vulnerability_answer_never_moves_it_toward_automation(
    questionnaire: Questionnaire,
    scores: tuple[int, int, int, int],
    answers: dict[str, str | None],
    level: str,
) -> None:
    inputs = {k: v for k, v in answers.items() if v is not None}
    tp = Touchpoint(name="t", scores=dict(zip(DIMS, scores, strict=True)), inputs=inputs)
    without = assess_touchpoint(questionnaire, tp)
    answered = assess_touchpoint(
        questionnaire, tp.model_copy(update={"inputs": {**inputs, "vulnerability": level}})
    )
    assert RANK[answered.recommendation] >= RANK[without.recommendation]
    assert answered.inputs["vulnerability"] == level
    label = questionnaire.optional_input("vulnerability").option(level).label.lower()
    said = f"customers in vulnerable circumstances: {label}"
    assert any(said in r for r in answered.reasons)


@given(
    option=st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
    )
)
def test_an_unknown_vulnerability_answer_in_a_file_is_one_clear_error(
    questionnaire: Questionnaire, option: str, tmp_path_factory: Any
) -> None:
    from assess.files.loader import load_workshop

    path = tmp_path_factory.mktemp("w") / "w.yaml"
    value = option.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(
        f'title: T\ntouchpoints:\n  - name: a\n    inputs: {{vulnerability: "{value}"}}\n',
        encoding="utf-8",
    )
    try:
        loaded = load_workshop(path)
    except InputError as e:
        text = str(e)
        assert "w.yaml:4" in text and "inputs.vulnerability" in text, text
        assert "options: few, some, many" in text, text
    else:
        assert loaded.workshop.touchpoints[0].inputs["vulnerability"] in ("few", "some", "many")


# --- the guarantees, and what 1.3 changes ----------------------------------------------------


def test_every_guardrail_decides_at_least_once_and_borderline_stays_under_a_quarter(
    questionnaire: Questionnaire,
) -> None:
    assert measures.warnings(questionnaire) == []  # every rule changes a verdict somewhere
    answered = measures.answered_shares(questionnaire)
    assert answered[RULE].flagged > 0
    assert measures.borderline_share(questionnaire).flagged <= 625 // 4
    judge = Judge(questionnaire)  # ... and with "many" answered on every touchpoint
    flagged = sum(judge({**s, "vulnerability": MANY}).thin for s in ALL)
    assert flagged <= 625 // 4


def test_what_1_3_changes_over_the_625_combinations(questionnaire: Questionnaire) -> None:
    """Without the new answer nothing moves (seeds, the demo and files written for 1.2 keep
    their verdicts); with "many", exactly the moments where technology is in the way and 1.2
    did not already keep them human move, all to keep human; the CHANGELOG and the README give
    the same count."""
    old = old_questionnaire()
    for s in ALL:
        for extra in others(old):
            assert verdict(questionnaire, {**s, **extra}) == verdict(old, {**s, **extra})
    moved = {
        tuple(s.values()): (verdict(old, s), verdict(questionnaire, {**s, "vulnerability": MANY}))
        for s in ALL
        if verdict(questionnaire, {**s, "vulnerability": MANY}) != verdict(old, s)
    }
    expected = {
        tuple(s.values()) for s in ALL if s["tech_barrier"] >= 4 and verdict(old, s) != "keep-human"
    }
    assert set(moved) == expected
    assert {to for _, to in moved.values()} == {"keep-human"}
    assert measures.answered_shares(questionnaire)[RULE].flagged == len(moved)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    figure = f"{len(moved)} of the 625 combinations"
    assert figure in changelog and figure in readme


def test_the_readmes_method_figures_are_computed(questionnaire: Questionnaire) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### How a verdict is reached") : readme.index("### The report")]
    borderline = measures.borderline_share(questionnaire)
    shares = measures.rule_shares(questionnaire)
    guardrails = measures.guardrail_share(questionnaire, shares)
    payback = sum(s.flagged for r, s in shares.items() if _basis(questionnaire, r) == "payback")
    said = re.sub(r"\s+", " ", section)
    assert f"That is {borderline.flagged} of the 625 combinations" in said
    assert f"({round(borderline.percent)}%)" in said
    assert f"guardrails decide {guardrails.flagged} of the 625 combinations" in said
    assert f"({round(guardrails.percent)}%)" in said
    assert f"the payback rules decide {payback}" in said


def _basis(q: Questionnaire, rule_id: str) -> str:
    return next(r.basis for r in q.rules if r.id == rule_id)


def test_a_need_floor_at_keep_human_must_not_be_a_payback_rule(q_data: dict[str, Any]) -> None:
    """Made a payback rule, the guardrail would contradict the volume ceiling: the loader says
    so, as need outranks payback only one way."""
    rule = next(r for r in q_data["rules"] if r["id"] == RULE)
    rule["basis"] = "payback"
    try:
        parse_questionnaire(q_data, "q.yaml")
    except InputError as e:
        assert "contradict" in str(e)
    else:
        raise AssertionError("a payback floor above a payback ceiling was accepted")


def test_a_basis_note_that_would_never_be_said_is_an_error(q_data: dict[str, Any]) -> None:
    volume = next(r for r in q_data["rules"] if r["id"] == "volume-calls-for-technology")
    volume["basis_note"] = "Carried by technology."
    try:
        parse_questionnaire(q_data, "q.yaml")
    except InputError as e:
        assert str(e) == (
            "q.yaml: rule \"volume-calls-for-technology\", field 'basis_note': a basis_note is "
            "said only for a need rule that sets a floor (at_least): this one would never be shown"
        )
    else:
        raise AssertionError("a basis_note on a payback ceiling was accepted")
