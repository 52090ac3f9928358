"""Whether an output would be one of the inputs: light enough to be asked first, before the
heavier parts of `assess.files` are imported."""

from __future__ import annotations

import os
from pathlib import Path

from assess.errors import UsageProblem


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _resolved(path: Path) -> Path | None:
    """Where `path` leads; None when it cannot be followed (a symlink loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def refuse_inputs(out: Path | None, inputs: tuple[Path | None, ...]) -> None:
    """Refuse an output that is one of the inputs, through any spelling or symlink: said first,
    before anything else about the output."""
    for source in inputs:
        if out is None or source is None:
            continue
        where = _resolved(source)
        if _same_file(out, source) or (where is not None and _resolved(out) == where):
            raise UsageProblem(f"-o {out} is one of the inputs; inputs are never changed")
