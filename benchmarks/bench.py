"""Measure what the issue promises about speed. Run: python benchmarks/bench.py

1. `assess --help` against a bare `python -c "import click"` (lazy imports keep it close).
2. A 100-touchpoint report against WeasyPrint alone rendering the same HTML.
3. 250, 500 and 1,000 touchpoints end to end: time and peak memory, to show no quadratic step.

Prints a Markdown table for the README. Workshops are generated with a fixed seed.
"""

from __future__ import annotations

import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ["Discover", "Choose", "Order", "Pay", "Receive", "Get help", "Stay"]


def workshop_yaml(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["title: Benchmark journey", "organisation: Bench Ltd", "touchpoints:"]
    for i in range(n):
        scores = ", ".join(
            f"{d}: {rng.randint(1, 5)}"
            for d in ("complexity", "scale", "emotional_stakes", "tech_barrier")
        )
        lines += [
            f"  - name: Touchpoint {i + 1}",
            f"    stage: {STAGES[i * len(STAGES) // n]}",
            "    channel: chat",
            f"    description: Generated touchpoint number {i + 1}.",
            f"    scores: {{{scores}}}",
        ]
    return "\n".join(lines) + "\n"


def timed(command: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def bench_help() -> tuple[float, float]:
    assess = str(Path(sys.executable).with_name("assess"))
    click_only = timed([sys.executable, "-c", "import click"], 15)
    help_time = timed([assess, "--help"], 15)
    return click_only, help_time


def bench_report(folder: Path, n: int, repeat: int = 3) -> tuple[float, float]:
    """Median seconds for assess end to end (in-process) and for WeasyPrint alone."""
    from weasyprint import HTML

    from assess.loader import load_workshop
    from assess.pdf import render_pdf
    from assess.report import render_html
    from assess.scoring import assess
    from assess.storage import atomic_write

    path = folder / f"w{n}.yaml"
    path.write_text(workshop_yaml(n), encoding="utf-8")
    render_pdf("<p>warm up</p>")  # load fonts once, as a long-running process would
    full, alone = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        loaded = load_workshop(path)
        html = render_html(assess(loaded.questionnaire, loaded.workshop))
        pdf, _ = render_pdf(html)
        atomic_write(folder / "out.pdf", pdf)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html).write_pdf(folder / "alone.pdf")
        alone.append(time.perf_counter() - start)
    return statistics.median(full), statistics.median(alone)


def bench_large(folder: Path, n: int) -> tuple[float, float, int]:
    """Seconds and peak resident memory (MiB) of `assess report` in its own process."""
    path = folder / f"big{n}.yaml"
    path.write_text(workshop_yaml(n), encoding="utf-8")
    code = (
        "import resource, sys, time; from assess.cli import cli; t = time.perf_counter(); "
        "rc = cli.main(sys.argv[1:], standalone_mode=False); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "report", str(path), "-o", str(folder / "big.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    pages = (
        int(
            subprocess.run(["pdfinfo", str(folder / "big.pdf")], capture_output=True, text=True)
            .stdout.split("Pages:")[1]
            .split()[0]
        )
        if _has("pdfinfo")
        else 0
    )
    return float(out[0]), int(out[1]) / 1024, pages


def _has(tool: str) -> bool:
    return subprocess.run(["which", tool], capture_output=True).returncode == 0


def main() -> None:
    print(
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}\n"
    )
    click_only, help_time = bench_help()
    print("| measure | result | target |")
    print("|---|---|---|")
    print(
        f"| `assess --help` vs `python -c 'import click'` | {help_time * 1000:.0f} ms vs "
        f"{click_only * 1000:.0f} ms ({help_time / click_only:.2f}x) | within 2.5x |"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full, alone = bench_report(folder, 100)
        print(
            f"| 100-touchpoint report vs WeasyPrint alone on the same HTML | {full:.2f} s vs "
            f"{alone:.2f} s ({full / alone:.2f}x) | within 1.3x |"
        )
        for n in (250, 500, 1000):
            seconds, mib, pages = bench_large(folder, n)
            print(
                f"| {n} touchpoints, `assess report` in its own process | {seconds:.1f} s, "
                f"{mib:.0f} MiB peak, {pages} pages | complete, under 1 GiB |"
            )
    print(
        f"\nMeasured {time.strftime('%Y-%m-%d')}. "
        "Peak memory is the process's maximum resident set size."
    )


if __name__ == "__main__":
    main()
