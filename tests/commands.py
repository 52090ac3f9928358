"""Running a command as a user would, for the tests of hostile and accidental input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from assess.cli import cli

Write = Callable[[str, str], Path]
SCORED = "{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def clean_exit(result: Result, code: int) -> None:
    """The exit code wanted, and the program ended by itself: no traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
