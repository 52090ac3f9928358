"""Keys a facilitator presses per touchpoint to walk a merged team file, accepting the team's
answers. Run: python benchmarks/bench_keys.py

Three people score a 20-touchpoint journey alone (seven of its answers split by two points or
more); `assess merge` joins their files; then `assess run` walks the merged file with a
prompter that presses Enter at every prompt (keeping the team's answer, no note), as a room
that agrees with its team does. It counts the prompts answered until the walk is done (the
menu's cursor leaves "continue") and prints keys per touchpoint. The figure counts prompts, not
time, so it is the same on any machine.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from rich.console import Console

from assess.cli import cli
from assess.workshop import Session

DIMENSIONS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
#: (name, stage, complexity, scale, emotional stakes, barrier), everyone's base answer.
JOURNEY = [
    ("Compare tariffs online", "Choose", 1, 5, 1, 1),
    ("Get a quote by phone", "Choose", 2, 4, 2, 2),
    ("Switch supplier", "Join", 2, 4, 2, 1),
    ("Set up a direct debit", "Join", 1, 5, 2, 1),
    ("Submit a meter reading", "Use", 1, 5, 1, 1),
    ("Book a smart meter installation", "Use", 2, 4, 1, 2),
    ("Smart meter engineer visit", "Use", 3, 3, 2, 4),
    ("First bill explained", "Pay", 2, 4, 2, 2),
    ("Bill much higher than expected", "Pay", 4, 3, 4, 3),
    ("Payment plan for arrears", "Pay", 4, 3, 5, 4),
    ("Register for priority services", "Care", 3, 2, 5, 4),
    ("Report a power cut", "Care", 2, 3, 4, 2),
    ("Updates during a power cut", "Care", 1, 3, 3, 1),
    ("Moving home", "Change", 2, 4, 2, 2),
    ("Close the account of someone who died", "Change", 3, 2, 5, 5),
    ("Complaint about a wrong bill", "Help", 4, 3, 4, 4),
    ("Tariff renewal reminder", "Stay", 1, 5, 1, 1),
    ("Solar export payment question", "Stay", 3, 2, 2, 2),
    ("Electric car charging tariff", "Stay", 3, 2, 2, 2),
    ("Final bill when leaving", "Leave", 2, 3, 3, 2),
]
#: (person, touchpoint, dimension) -> an answer that differs from the base.
DIFFERENT = {
    ("Ben", 1, "complexity"): 4,
    ("Cy", 6, "tech_barrier"): 2,
    ("Ana", 8, "emotional_stakes"): 2,
    ("Cy", 9, "complexity"): 2,
    ("Ben", 11, "emotional_stakes"): 2,
    ("Cy", 15, "tech_barrier"): 2,
    ("Ana", 17, "complexity"): 1,
    ("Ben", 17, "complexity"): 5,
    ("Cy", 4, "scale"): 4,
}
PEOPLE = ("Ana", "Ben", "Cy")


class Done(Exception):
    """The walk is over: the menu no longer offers to continue it."""


class Enter:
    """A prompter that presses Enter at every prompt and counts the presses."""

    def __init__(self) -> None:
        self.keys = 0

    def select(
        self, message: str, options: Sequence[Any], default: Any = None, instruction: Any = None
    ) -> Any:
        if message.startswith("What next?") and default != "continue":
            raise Done
        self.keys += 1
        values = [o.value for o in options]
        return default if default in values else values[0]

    def text(self, message: str, default: str = "", required: bool = False) -> str:
        self.keys += 1
        return default

    def checkbox(self, message: str, options: Sequence[Any]) -> list[Any]:
        self.keys += 1
        return [o.value for o in options if o.checked]

    def confirm(self, message: str, default: bool = True) -> bool:
        self.keys += 1
        return default


def merged(folder: Path) -> Path:
    files = []
    for person in PEOPLE:
        lines = [f"title: Energy journey\nparticipants: [{person}]\ntouchpoints:"]
        for n, (name, stage, *base) in enumerate(JOURNEY):
            given = ", ".join(
                f"{d}: {DIFFERENT.get((person, n, d), v)}"
                for d, v in zip(DIMENSIONS, base, strict=True)
            )
            lines.append(f"  - name: {name}\n    stage: {stage}\n    scores: {{{given}}}")
        path = folder / f"{person}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(str(path))
    out = folder / "team.yaml"
    result = CliRunner().invoke(cli, ["merge", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = merged(Path(tmp))
        prompter = Enter()
        console = Console(file=io.StringIO(), width=80, height=24)
        session = Session(path, prompter, console, lambda *a: 0, today=dt.date(2026, 12, 1))
        try:
            session.run()
        except Done:
            pass
        finally:
            session.close()
    n = len(JOURNEY)
    print(f"{prompter.keys} keys for {n} touchpoints: {prompter.keys / n:.2f} keys a touchpoint")


if __name__ == "__main__":
    sys.exit(main())
