"""The one family of errors the core raises; ``cli.py`` turns them into one-screen messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we know."""

    file: str
    message: str
    line: int | None = None  # 1-based, where the YAML parser knows it
    where: str | None = None  # e.g. 'touchpoint "Where is my order?"' or 'rule "x"'
    field: str | None = None  # e.g. 'scores.complexity'

    def __str__(self) -> str:
        location = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [p for p in (self.where, f"field '{self.field}'" if self.field else None) if p]
        context = ", ".join(parts)
        return (
            f"{location}: {context}: {self.message}" if context else f"{location}: {self.message}"
        )


class AssessError(Exception):
    """Base of every error the user can fix; never shown with a traceback."""


#: How many problems a message lists before it says "and N more": one screen, not a thousand lines.
MAX_SHOWN = 10


def problem_lines(problems: list[Problem], limit: int = MAX_SHOWN) -> list[str]:
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more problems")
    return lines


class InputError(AssessError):
    """One or more problems in a workshop, questionnaire or CSV file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(problem_lines(self.problems)))


class UsageProblem(AssessError):
    """The command line asks for something that cannot be done (exit 2, like click's own)."""


class NotFoundError(AssessError):
    """A named file, questionnaire or journey template does not exist."""


class OutputError(AssessError):
    """A result could not be written; whatever was there before is untouched."""


class RenderError(AssessError):
    """The report could not be rendered."""
