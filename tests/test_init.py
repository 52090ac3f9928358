"""`assess init`: a valid workshop at once, from a bundled journey template, never replacing a
file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from assess.cli import cli
from assess.files import resources
from assess.files.loader import load_workshop


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("journey", sorted(resources.journey_templates()))
def test_every_template_makes_a_valid_workshop(tmp_path: Path, journey: str) -> None:
    out = tmp_path / "my_claims-journey.yaml"
    code, said = invoke("init", out, "--journey", journey)
    assert code == 0, said
    loaded = load_workshop(out)
    template = YAML(typ="safe").load(resources.journey_templates()[journey].read_text())
    assert [t.name for t in loaded.workshop.touchpoints] == [
        t["name"] for t in template["touchpoints"]
    ]
    assert loaded.workshop.title == "My claims journey"
    assert invoke("validate", out) == (
        0,
        f"{out}: ok (workshop: {len(template['touchpoints'])} touchpoint"
        f"{'' if len(template['touchpoints']) == 1 else 's'}, questionnaire default)\n",
    )


def test_init_takes_the_metadata_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "team.yaml"
    code, said = invoke(
        "init",
        out,
        "--journey",
        "banking-insurance",
        "--title",
        "Claims 2026",
        "--organisation",
        "Acme Insurance",
        "--participants",
        " Ana, Ben ,,Cy",
        "--questionnaire",
        "default",
    )
    assert code == 0, said
    assert said.startswith(
        f"Wrote {out}: 12 touchpoints from the journey template 'Banking and insurance'.\n"
    )
    w = load_workshop(out).workshop
    assert (w.title, w.organisation, w.participants) == (
        "Claims 2026",
        "Acme Insurance",
        ["Ana", "Ben", "Cy"],
    )
    assert w.date is not None and len(w.date) == 10


def test_blank_is_the_default_and_scores(tmp_path: Path) -> None:
    out = tmp_path / "j.yaml"
    assert invoke("init", out)[0] == 0
    assert load_workshop(out).workshop.touchpoints == []
    assert invoke("score", out, "--format", "json")[0] == 0


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    out = tmp_path / "j.yaml"
    out.write_text("my own notes\n", encoding="utf-8")
    code, said = invoke("init", out, "--journey", "retail-ecommerce")
    assert (code, said) == (
        1,
        f"Error: {out} already exists; init never replaces a file: choose another name, or go "
        f"on with `assess run {out}`\n",
    )
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    assert [p.name for p in tmp_path.iterdir()] == ["j.yaml"]


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (
            ["--journey", "retail"],
            2,
            "Error: --journey: no journey template named 'retail'; did you mean "
            "'retail-ecommerce'?",
        ),
        (
            ["--journey", "banking-insurence"],
            2,
            "Error: --journey: no journey template named 'banking-insurence'; did you mean "
            "'banking-insurance'?",
        ),
        (
            ["--questionnaire", "defualt"],
            1,
            "Error: {out}: field 'questionnaire': no bundled questionnaire named 'defualt' and "
            "no file defualt; did you mean 'default'?",
        ),
    ],
)
def test_a_wrong_name_is_refused_with_a_suggestion_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path("j.yaml")
    assert invoke("init", out, *args) == (code, expected.format(out=out) + "\n")
    assert list(tmp_path.iterdir()) == []


def test_init_writes_only_yaml(tmp_path: Path) -> None:
    code, said = invoke("init", tmp_path / "j.xlsx")
    assert code == 2
    assert said.endswith(
        f"Error: {tmp_path / 'j.xlsx'}: this command writes YAML; name it .yaml or .yml\n"
    )
    assert list(tmp_path.iterdir()) == []
