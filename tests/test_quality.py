"""The README's test command is the one CI runs, and the code stays lint- and type-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", readme, flags=re.S)
    test_command = next(b.strip() for b in blocks[:2] if "pytest" in b)
    assert test_command in ci
    demo_command = next(b.strip() for b in blocks[:2] if "assess demo" in b)
    assert "pip install ." in demo_command  # a real, non-editable install


@pytest.mark.parametrize(
    "tool",
    [
        ["ruff", "check", "assess", "tests", "benchmarks"],
        ["ruff", "format", "--check", "assess", "tests", "benchmarks"],
        ["mypy"],
    ],
)
def test_lint_and_types_are_clean(tool: list[str]) -> None:
    exe = shutil.which(tool[0], path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip(f"{tool[0]} is not installed")
    done = subprocess.run([exe, *tool[1:]], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_command_and_option_is_in_the_readme() -> None:
    """Docs that cannot drift: each command, and each option a user types, appears in the README."""
    from assess.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"assess {name}" in readme, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help", "--output", "--format"):
                    assert opt in readme, (name, opt)


def test_the_changelog_names_the_questionnaire_version() -> None:
    from assess.files.loader import bundled_questionnaire

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"Method {bundled_questionnaire('default').version}" in changelog


def test_the_parts_keep_their_layers() -> None:
    """import-linter's contracts (pyproject.toml): each part imports only the parts below it,
    and no two modules import each other, counting imports inside functions."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "install the test extra: pip install -e '.[test]'"
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_tree_shows_the_parts() -> None:
    """At most 10 modules directly in assess/, none over 450 lines, each part says its job."""
    package = ROOT / "assess"
    top = sorted(p.name for p in package.glob("*.py"))
    assert len(top) <= 10, top
    for module in package.rglob("*.py"):
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 450, f"{module.relative_to(ROOT)} has {lines} lines"
    for part in (p for p in package.iterdir() if p.is_dir() and not p.name.startswith("_")):
        if part.name == "__pycache__":
            continue
        init = part / "__init__.py"
        assert init.is_file(), part.name
        assert "import" in init.read_text(encoding="utf-8").split('"""')[1], part.name
