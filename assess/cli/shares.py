"""`assess portfolio --suggest-shares FILE` (issue 28): the shares the journeys' outcomes
measured, written as a suggested `business_case.shares` for the questionnaire's owner. Never
a change to a questionnaire: a file beside them, for a person to weigh and copy by hand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import OUTPUT_FILE, echo_err, plural

if TYPE_CHECKING:
    from assess.team.portfolio import Portfolio

SUGGEST_SHARES = click.option(
    "--suggest-shares",
    "shares_file",
    type=OUTPUT_FILE,
    metavar="FILE.yaml",
    help="Also write the shares the journeys' outcomes measured as a suggested "
    "business_case.shares for the questionnaire's owner (a YAML file; never a change to a "
    "questionnaire). Replaces an earlier suggestion; any other file only with --force.",
)


def guard_shares(path: Path, inputs: tuple[Path, ...], target: Path | None, force: bool) -> None:
    from assess.errors import UsageProblem
    from assess.files.storage import guard_output

    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageProblem(f"--suggest-shares {path}: name it .yaml")
    if target is not None and path.resolve() == target.resolve():
        raise UsageProblem(f"--suggest-shares {path} is the portfolio's own output")
    guard_output(path, inputs, kind="shares", force=force)


def write_shares(board: Portfolio, path: Path) -> None:
    import datetime as dt

    from assess.files.sharesfragment import fragment_yaml
    from assess.files.storage import atomic_write
    from assess.method.measured import MIN_MOVES, fragment
    from assess.team.portfolio import measured

    today = dt.date.today().isoformat()
    docs = fragment(measured(board), today)
    if not docs:
        echo_err(
            f"No verdict's share was measured in {MIN_MOVES} moves or more yet: nothing to "
            f"suggest, {path} not written."
        )
        return
    atomic_write(path, fragment_yaml(docs, today))
    verdicts = sum(len(d["business_case"]["shares"]) for d in docs)
    echo_err(
        f"Wrote {path}: a suggested business_case.shares for {plural(verdicts, 'verdict')}, "
        "for the questionnaire's owner to weigh (no questionnaire was changed)."
    )
