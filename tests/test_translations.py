"""A questionnaire's text in another language is data: a translation file beside it, checked by
`assess validate` (every id, no id missing, placeholders intact), overlaid when a workshop is
read in that language, and said once when there is none. Journey templates come in German and
French too."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from assess.cli import cli
from assess.files import resources
from assess.files.catalogs import language
from assess.files.loader import bundled_questionnaire, load_demo
from assess.files.translation import check, in_language, texts
from assess.method.scoring import assess

BUNDLED = Path(str(resources.data_dir("questionnaires")))


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_default_questionnaire_is_translated_whole(code: str) -> None:
    q = bundled_questionnaire("default")
    path = BUNDLED / f"default.{code}.yaml"
    found = check(_yaml(path), str(path), q, code)
    assert found.problems == ()
    assert set(found.texts) == set(texts(q))  # every text, and nothing else
    # A translation, not a copy: the texts a reader sees first all differ from the English.
    english = texts(q)
    for key in [k for k in english if k[0] in ("dimensions", "rules", "guidance")]:
        if key[-1] not in ("evidence",) and len(english[key]) > 12:
            assert found.texts[key] != english[key], key


@pytest.mark.parametrize("code", ["de", "fr"])
def test_a_translated_questionnaire_gives_every_verdict_unchanged(code: str) -> None:
    loaded = load_demo()
    q = loaded.questionnaire
    translated, notes = in_language(q, "default", language(code))
    assert notes == []
    assert translated.language == code
    assert translated.dimension("complexity").label != q.dimension("complexity").label
    before = assess(q, loaded.workshop)
    after = assess(translated, loaded.workshop)
    assert [r.recommendation for r in after.results] == [r.recommendation for r in before.results]
    assert [r.fit for r in after.results] == [r.fit for r in before.results]
    assert [r.rules for r in after.results] == [r.rules for r in before.results]


def test_validate_accepts_the_bundled_translations() -> None:
    files = sorted(str(p) for p in BUNDLED.glob("default.*.yaml"))
    result = CliRunner().invoke(cli, ["validate", *files])
    assert result.exit_code == 0, result.output
    assert "de translation of questionnaire default" in result.output
    assert "fr translation of questionnaire default" in result.output


@pytest.fixture
def own(tmp_path: Path) -> Path:
    """A consultancy's copy of the default questionnaire with its German translation."""
    shutil.copy(BUNDLED / "default.yaml", tmp_path / "ours.yaml")
    text = (BUNDLED / "default.de.yaml").read_text(encoding="utf-8")
    (tmp_path / "ours.de.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_validate_names_a_missing_id_with_its_file_and_line(own: Path) -> None:
    translation = own / "ours.de.yaml"
    _break(translation, "  time-and-authority: Geben", "  # time-and-authority: Geben")
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    line = _line(translation, "guidance:")
    assert f"{translation}:{line}: field 'guidance.time-and-authority': not translated" in (
        result.output
    )


def test_validate_names_a_question_the_translation_lacks_with_what_it_needs(own: Path) -> None:
    """As when the questionnaire gains a question (method 1.3's vulnerability) before its
    translation does."""
    translation = own / "ours.de.yaml"
    text = translation.read_text(encoding="utf-8")
    start, end = text.index("  vulnerability:\n"), text.index("  effort:\n")
    translation.write_text(text[:start] + text[end:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    assert (
        f"{translation}:{_line(translation, 'inputs:')}: field 'inputs.vulnerability': not "
        "translated (label, question, help, options)"
    ) in result.output


def test_validate_asks_for_a_verdicts_tagline_and_a_rules_basis_note(own: Path) -> None:
    """Method 1.3's optional texts are translated like the rest: left out, each is named with
    its file, line and id."""
    translation = own / "ours.de.yaml"
    german = _yaml(translation)
    _break(translation, f"    tagline: {german['verdicts']['keep-human']['tagline']}\n", "")
    note = german["rules"]["vulnerable-customers-keep-people-in-reach"]["basis_note"]
    _break(translation, f"    basis_note: {note}\n", "")
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    keep_human = _line(translation, "  keep-human:")
    english_note = next(
        r.basis_note for r in bundled_questionnaire("default").rules if r.basis_note
    )
    rule = _line(translation, "  vulnerable-customers-keep-people-in-reach:")
    assert (
        f"{translation}:{keep_human}: field 'verdicts.keep-human.tagline': not translated (the "
        "questionnaire: 'Help behind the person')"
    ) in result.output
    # The rule's long id is clipped on screen, not its field or its line.
    said = [line.strip() for line in result.output.splitlines() if "basis_note" in line]
    assert len(said) == 1, result.output
    assert said[0].startswith(f"{translation}:{rule}: field 'rules.vulnerable-customers-")
    assert f".basis_note': not translated (the questionnaire: '{english_note[:40]}" in said[0]


def test_a_questionnaire_without_a_tagline_asks_for_none(own: Path) -> None:
    """Files before method 1.3 have no tagline or basis_note: a translation need not give them,
    and one that gives them where the questionnaire has none is told so."""
    _break(own / "ours.yaml", "    tagline: Help behind the person\n", "")
    q_texts = texts(bundled_questionnaire("default"))
    assert ("verdicts", "keep-human", "tagline") in q_texts
    assert ("verdicts", "assist", "tagline") not in q_texts
    assert ("rules", "harm-needs-a-person", "basis_note") not in q_texts
    translation = own / "ours.de.yaml"
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    assert "ours.de.yaml: 1 problem\n" in result.output, result.output
    assert (
        f"{translation}:{_line(translation, '    tagline:')}: field "
        "'verdicts.keep-human.tagline': 'tagline' is not in the questionnaire at "
        "verdicts.keep-human"
    ) in result.output


@pytest.mark.parametrize("code", ["de", "fr"])
def test_a_translated_tagline_and_basis_note_reach_the_verdict(code: str) -> None:
    """Where many vulnerable customers keep a moment human, its page says the translation's
    tagline and basis note, never the English."""
    loaded = load_demo()
    q = loaded.questionnaire
    translated, _ = in_language(q, "default", language(code))
    own = _yaml(BUNDLED / f"default.{code}.yaml")
    tagline = own["verdicts"]["keep-human"]["tagline"]
    note = own["rules"]["vulnerable-customers-keep-people-in-reach"]["basis_note"]
    touchpoint = loaded.workshop.touchpoints[0].model_copy(
        update={
            "scores": {"complexity": 2, "scale": 4, "emotional_stakes": 2, "tech_barrier": 5},
            "inputs": {"vulnerability": "many"},
        }
    )
    workshop = loaded.workshop.model_copy(update={"touchpoints": [touchpoint]})
    english = assess(q, workshop).results[0]
    result = assess(translated, workshop).results[0]
    assert result.recommendation == english.recommendation == "keep-human"
    assert result.rules == english.rules
    assert "vulnerable-customers-keep-people-in-reach" in result.rules
    assert result.tagline == tagline != english.tagline
    said = " ".join(result.reasons)
    assert note in said and tagline in said
    assert "Help behind the person" not in said and "many customers here are vulnerable" not in said


@pytest.mark.parametrize("code", ["de", "fr"])
def test_the_business_cases_build_and_representatives_are_translated(code: str) -> None:
    """The business case's planning texts (the build effort's basis, the running cost's, the
    sentence on employee representatives) read in the translation; its numbers stay."""
    q = bundled_questionnaire("default")
    assert q.business_case is not None and q.business_case.build is not None
    translated, notes = in_language(q, "default", language(code))
    assert notes == []
    own = _yaml(BUNDLED / f"default.{code}.yaml")["business_case"]
    case = translated.business_case
    assert case is not None and case.build is not None
    assert case.build.basis == own["build"]["basis"] != q.business_case.build.basis
    assert case.build.run_basis == own["build"]["run_basis"] != q.business_case.build.run_basis
    assert case.representatives == own["representatives"] != q.business_case.representatives
    assert case.build.days == q.business_case.build.days
    assert case.build.run_share == q.business_case.build.run_share


def test_validate_names_an_id_the_questionnaire_does_not_have(own: Path) -> None:
    translation = own / "ours.de.yaml"
    _break(translation, "  complaints-need-a-person:\n", "  complaints-need-a-persn:\n")
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    line = _line(translation, "complaints-need-a-persn:")
    assert (
        f"{translation}:{line}: field 'rules.complaints-need-a-persn': "
        "'complaints-need-a-persn' is not in the questionnaire at rules; did you mean "
        "'complaints-need-a-person'?"
    ) in result.output
    # The rule it meant is then missing, said once for the whole rule.
    assert "field 'rules.complaints-need-a-person': not translated (title, because, evidence)" in (
        result.output
    )


def test_validate_names_a_broken_placeholder(own: Path) -> None:
    _break(own / "ours.yaml", "label: Scripted\n", "label: Scripted {level}\n")
    translation = own / "ours.de.yaml"
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    line = _line(translation, "label: Nach Skript")
    assert (
        f"{translation}:{line}: field 'dimensions.complexity.anchors.1.label': placeholders "
        "differ: the questionnaire has {level}, the translation none"
    ) in result.output


def test_validate_refuses_a_translation_of_another_questionnaire_or_language(own: Path) -> None:
    translation = own / "ours.de.yaml"
    _break(translation, "language: de", "language: fr")
    _break(translation, "translation_of: default", "translation_of: other")
    result = CliRunner().invoke(cli, ["validate", str(translation)])
    assert result.exit_code == 1
    assert "field 'translation_of': translates 'other', but the questionnaire is 'default'" in (
        result.output
    )
    assert "field 'language': is 'fr', but the file's name says 'de'" in result.output


def test_a_translation_without_its_questionnaire_says_where_it_belongs(tmp_path: Path) -> None:
    stray = tmp_path / "lost.de.yaml"
    stray.write_text("translation_of: lost\nlanguage: de\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(stray)])
    assert result.exit_code == 1
    assert "the questionnaire is not beside it" in result.output


WORKSHOP = """title: T
questionnaire: ours.yaml
touchpoints:
  - name: Where is my order?
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
"""


def test_an_own_questionnaire_is_read_in_its_translation(own: Path) -> None:
    path = own / "w.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    out = own / "w.html"
    result = CliRunner().invoke(cli, ["report", str(path), "--lang", "de", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.output
    html = out.read_text(encoding="utf-8")
    assert "Expertenurteil" in html and "Expert judgement" not in html


def test_an_own_questionnaire_without_translation_stays_in_its_language_said_once(
    own: Path,
) -> None:
    (own / "ours.de.yaml").unlink()
    path = own / "w.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    out = own / "w.html"
    result = CliRunner().invoke(cli, ["report", str(path), "--lang", "de", "-o", str(out)])
    assert result.exit_code == 0, result.output
    note = (
        "Note: questionnaire ours.yaml has no Deutsch translation (ours.de.yaml beside it); "
        "its text stays in English."
    )
    assert result.output.count(note) == 1, result.output
    assert "Expert judgement" in out.read_text(encoding="utf-8")


def test_a_broken_translation_still_gives_a_report_and_says_so_once(own: Path) -> None:
    _break(own / "ours.de.yaml", "  time-and-authority: Geben", "  # time-and-authority: Geben")
    path = own / "w.yaml"
    path.write_text(WORKSHOP, encoding="utf-8")
    out = own / "w.html"
    result = CliRunner().invoke(cli, ["report", str(path), "--lang", "de", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.count("ours.de.yaml has 1 problem(s)") == 1
    assert "assess validate" in result.output
    assert "Expertenurteil" in out.read_text(encoding="utf-8")


texts_or_junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=12) | st.integers(0, 6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(derandomize=True, max_examples=60)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "translation_of",
                "language",
                "version",
                "title",
                "dimensions",
                "rules",
                "guidance",
                "inputs",
                "sources",
                "business_case",
                "verdicts",
                "junk",
            ]
        ),
        texts_or_junk,
        max_size=8,
    )
)
def test_any_translation_file_is_checked_never_a_traceback(document: dict[str, Any]) -> None:
    q = bundled_questionnaire("default")
    found = check(document, "t.de.yaml", q, "de")
    for problem in found.problems:
        assert problem.file == "t.de.yaml" and problem.message
    if not found.problems:
        assert set(found.texts) == set(texts(q))


# --- journey templates ------------------------------------------------------------------


@pytest.mark.parametrize("code", ["de", "fr"])
@pytest.mark.parametrize("journey", sorted(resources.journey_templates()))
def test_every_journey_template_has_a_german_and_a_french_version(code: str, journey: str) -> None:
    english = resources.journey_templates()[journey]
    translated = resources.journey_templates(code)[journey]
    ours, theirs = _yaml(Path(str(english))), _yaml(Path(str(translated)))
    assert len(theirs["touchpoints"]) == len(ours["touchpoints"])
    stages = lambda doc: list(dict.fromkeys(t.get("stage") for t in doc["touchpoints"]))  # noqa: E731
    assert len(stages(theirs)) == len(stages(ours))
    names = [t["name"] for t in theirs["touchpoints"]]
    assert names != [t["name"] for t in ours["touchpoints"]] or not names


def test_assess_journeys_lists_each_template_once() -> None:
    result = CliRunner().invoke(cli, ["journeys"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(retail-ecommerce)" in result.output
    assert "retail-ecommerce.de" not in result.output and "Handel" not in result.output


@pytest.mark.parametrize(
    ("code", "first"),
    [("de", "Produktsuche"), ("fr", "Recherche de produit"), (None, "Product search")],
)
def test_init_in_a_language_starts_from_its_journey(
    tmp_path: Path, code: str | None, first: str
) -> None:
    path = tmp_path / "w.yaml"
    args = ["init", str(path), "--journey", "retail-ecommerce"] + (["--lang", code] if code else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    doc = _yaml(path)
    assert doc["touchpoints"][0]["name"] == first
    assert doc.get("language") == code
    assert CliRunner().invoke(cli, ["validate", str(path)]).exit_code == 0


def test_bundled_questionnaires_do_not_count_translations() -> None:
    assert list(resources.bundled_questionnaires()) == ["default"]
    assert set(resources.bundled_translations("de")) == {"default"}
    assert re.fullmatch(r"default", next(iter(resources.bundled_translations("fr"))))


def _leaves(data: Any, key: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The keys of every text of a translation document (its header aside)."""
    if isinstance(data, dict):
        return [
            leaf
            for name, value in data.items()
            if key or name not in ("translation_of", "language", "version")
            for leaf in _leaves(value, (*key, str(name)))
        ]
    return [key]


def _at(data: Any, key: tuple[str, ...]) -> Any:
    for part in key[:-1]:
        data = data[part] if part in data else data[int(part)]
    return data


def _names(field: str, dotted: str, whole: bool = False) -> bool:
    """Whether a problem's field names the text `dotted` (or, unless `whole`, the id it belongs
    to); a long id is clipped on screen ("rules.high-stakes-…title")."""
    head, cut, tail = field.partition("…")
    if cut:
        return dotted.startswith(head) and dotted.endswith(tail)
    return dotted == field if whole else dotted.startswith(field)


GERMAN = _yaml(BUNDLED / "default.de.yaml")
TEXTS = _leaves(GERMAN)


@settings(derandomize=True, max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(TEXTS), unique=True, max_size=6),
    st.lists(st.sampled_from(TEXTS), unique=True, max_size=6),
)
def test_a_missing_text_or_a_broken_placeholder_is_named_never_a_traceback(
    missing: list[tuple[str, ...]], broken: list[tuple[str, ...]]
) -> None:
    """Take any texts out of the German translation, and give others a placeholder the
    questionnaire does not have: `validate`'s check names each (the text, or the id all of
    whose texts are missing), and finds nothing else."""
    import copy

    document = copy.deepcopy(GERMAN)
    broken = [key for key in broken if key not in missing]
    for key in missing:
        parent = _at(document, key)
        del parent[key[-1] if key[-1] in parent else int(key[-1])]
    for key in broken:
        parent = _at(document, key)
        name = key[-1] if key[-1] in parent else int(key[-1])
        parent[name] = f"{parent[name]} {{Betrag}}"
    found = check(document, "ours.de.yaml", bundled_questionnaire("default"), "de")
    said = [(p.field or "", p.message) for p in found.problems]
    for key in missing:
        dotted = ".".join(key)
        assert any(
            _names(field, dotted) and "not translated" in message for field, message in said
        ), (dotted, said)
    for key in broken:
        dotted = ".".join(key)
        assert any(
            _names(field, dotted, whole=True)
            and message
            == "placeholders differ: the questionnaire has none, the translation {Betrag}"
            for field, message in said
        ), (dotted, said)
    if not missing and not broken:
        assert found.problems == ()
    assert len(found.problems) <= len(missing) + len(broken)
