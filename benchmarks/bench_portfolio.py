"""How long a board's portfolio takes. Run: python benchmarks/bench_portfolio.py

A portfolio of 50 journeys of 40 touchpoints each (with economics, volumes and handle times), as
JSON and as PDF, against one 40-touchpoint report rendered in the same run: the machine is
shared and noisy, so the ratio is what to compare between runs. Goal: the portfolio PDF takes no
longer than that one report (ratio at most 1).

`--journeys N --touchpoints M --repeat R` make a smaller run, to check the script works.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import timed, workshop_yaml


def priced_workshop(n: int, seed: int) -> str:
    """A generated journey with economics and, on each touchpoint, a volume, a handle time and
    an effort."""
    rng = random.Random(seed)
    lines = workshop_yaml(n, seed).replace(
        "title: Benchmark journey", f"title: Benchmark journey {seed}"
    )
    out = []
    for line in lines.splitlines():
        out.append(line)
        if line.startswith("organisation:"):
            out.append("economics: {currency: EUR, locale: de_DE, cost_per_hour: 40}")
        if line.startswith("    scores:"):
            out.append(f"    volume: {rng.randint(10, 60000)}")
            out.append(f"    handle_minutes: {rng.randint(1, 30)}")
            out.append(f"    inputs: {{effort: {rng.choice(['small', 'medium', 'large'])}}}")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--journeys", type=int, default=50)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    assess = str(Path(sys.executable).with_name("assess"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for j in range(args.journeys):
            path = folder / f"journey-{j + 1:02d}.yaml"
            path.write_text(priced_workshop(args.touchpoints, seed=j + 1), encoding="utf-8")
            files.append(str(path))
        one = files[0]
        base = timed([assess, "report", one, "-o", str(folder / "one.pdf")], args.repeat)
        rows = [
            (
                "portfolio --format json",
                timed([assess, "portfolio", *files, "--format", "json"], args.repeat),
            ),
            (
                "portfolio (PDF)",
                timed(
                    [assess, "portfolio", *files, "-o", str(folder / "board.pdf"), "--force"],
                    args.repeat,
                ),
            ),
        ]
    size = f"{args.journeys} journeys x {args.touchpoints} touchpoints"
    baseline = f"one {args.touchpoints}-touchpoint report"
    print(f"| {size} | time (median of {args.repeat}) | {baseline} | ratio |")
    print("|---|---|---|---|")
    for label, took in rows:
        print(f"| `assess {label}` | {took:.2f} s | {base:.2f} s | {took / base:.2f}x |")


if __name__ == "__main__":
    main()
