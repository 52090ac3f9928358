"""The command line: the only package that uses click. Each module holds a few commands; they
register themselves on the one group, whose error boundary covers every command.
May import every part."""

from __future__ import annotations

from assess.cli import (  # noqa: F401  (the commands register on import)
    files,
    outcomes,
    portfolio,
    results,
    sheets,
    workshop,
)
from assess.cli.app import cli, main

__all__ = ["cli", "main"]
