"""A realistic team file, made the way users make one: three people each score a 20-touchpoint
energy journey alone, then `assess merge` joins their files. Some votes split (a spread of two
or more) and one person left a question blank, so a vote is missing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from assess.cli import cli

DIMENSIONS = ("complexity", "scale", "emotional_stakes", "tech_barrier")
#: Each touchpoint with everyone's base answer (complexity, scale, stakes, barrier).
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
#: (person, touchpoint, dimension) -> that person's answer, where it differs from the base;
#: None: left blank.
DIFFERENT: dict[tuple[str, int, str], int | None] = {
    ("Ben", 1, "complexity"): 4,  # a split on touchpoint 2
    ("Cy", 6, "tech_barrier"): 2,  # touchpoint 7
    ("Ana", 8, "emotional_stakes"): 2,  # touchpoint 9
    ("Cy", 9, "complexity"): 2,  # touchpoint 10
    ("Ben", 11, "emotional_stakes"): 2,  # touchpoint 12
    ("Cy", 15, "tech_barrier"): 2,  # touchpoint 16
    ("Ana", 17, "complexity"): 1,  # touchpoint 18
    ("Ben", 17, "complexity"): 5,
    ("Cy", 4, "scale"): 4,  # a one-point difference: not a split
    ("Cy", 0, "scale"): None,  # Cy left the first touchpoint's scale blank
}
PEOPLE = ("Ana", "Ben", "Cy")
SPLITS = 7


def self_assessment(person: str) -> str:
    lines = [
        "title: Energy customer journey",
        "organisation: Northwind Energy",
        f"participants: [{person}]",
        "touchpoints:",
    ]
    for n, (name, stage, *base) in enumerate(JOURNEY):
        answers = {
            d: DIFFERENT.get((person, n, d), value)
            for d, value in zip(DIMENSIONS, base, strict=True)
        }
        given = ", ".join(f"{d}: {v}" for d, v in answers.items() if v is not None)
        lines += [f"  - name: {name}", f"    stage: {stage}", f"    scores: {{{given}}}"]
    return "\n".join(lines) + "\n"


def merged_team(folder: Path, name: str = "team.yaml") -> Path:
    """Write the three people's files into `folder` and merge them with `assess merge`."""
    files = []
    for person in PEOPLE:
        path = folder / f"{person.lower()}.yaml"
        path.write_text(self_assessment(person), encoding="utf-8")
        files.append(str(path))
    out = folder / name
    result = CliRunner().invoke(cli, ["merge", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
