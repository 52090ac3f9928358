"""How long reading and scoring large workshops takes. Run: python benchmarks/bench_load.py

Each figure is the median of a few runs of the real command in its own process, printed with
its ratio to a baseline measured in the same run on the same file: PyYAML's stock C loader
(`yaml.load(text, Loader=yaml.CSafeLoader)`) reading it and doing nothing else. The machine is
shared and noisy; the ratio is what to compare between runs. Goal: 100,000 touchpoints scored
in under 10 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import workshop_yaml

BASELINE = (
    "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"
)


def timed(command: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    assess = str(Path(sys.executable).with_name("assess"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, repeat in ((10_000, 3), (100_000, 1)):
            path = Path(tmp) / f"w{n}.yaml"
            path.write_text(workshop_yaml(n), encoding="utf-8")
            base = timed([sys.executable, "-c", BASELINE, str(path)], repeat)
            for label, args in (
                ("validate", ["validate", str(path)]),
                ("score --format json", ["score", str(path), "--format", "json"]),
                ("score --format csv", ["score", str(path), "--format", "csv"]),
            ):
                took = timed([assess, *args], repeat)
                rows.append((n, label, took, base))
    print("| touchpoints | command | time | libyaml load alone | ratio |")
    print("|---|---|---|---|---|")
    for n, label, took, base in rows:
        print(f"| {n:,} | `assess {label}` | {took:.2f} s | {base:.2f} s | {took / base:.2f}x |")


if __name__ == "__main__":
    main()
