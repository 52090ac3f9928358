"""The leadership report against version 0.1.0, measured side by side in one run.
Run: python benchmarks/bench_report.py  (about five minutes on two cores)
     python benchmarks/bench_report.py --runs 1 --no-long   (a smoke run)

1. `assess report` of a 40-touchpoint workshop: this version in English and in German
   (`--lang de`) and 0.1.0 (built from git history into a temporary folder and run on the same
   installed libraries), alternating, five rounds, timed with nothing else running: the median
   time of each, and the median of each round's ratio to the 0.1.0 run beside it (the machine
   is shared: its speed drifts between rounds, and a ratio taken within a round cancels that),
   with the page counts. Both versions are byte-compiled
   first, as ``pip install`` leaves an installed package: where PYTHONDONTWRITEBYTECODE is set
   (as on some build machines) each run would otherwise compile every module again.
2. 100, 250, 500 and 1,000 touchpoints end to end: wall time, seconds per touchpoint (growth
   should be about linear) and peak memory of the whole command, workers included.

Prints Markdown tables for the README. Workshops are generated with a fixed seed and realistic
content (bench.workshop_yaml: descriptions, notes, votes on every third touchpoint).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import workshop_yaml

ROOT = Path(__file__).resolve().parent.parent
#: The commit that was released as 0.1.0.
VERSION_0_1_0 = "f6d1dd9"
ASSESS = [sys.executable, "-m", "assess"]


def build_0_1_0(folder: Path) -> Path:
    target = folder / "assess-0.1.0"
    target.mkdir()
    archive = subprocess.run(
        ["git", "archive", VERSION_0_1_0], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def byte_compile(folder: Path, env: dict[str, str] | None = None) -> None:
    """Compile the assess that `python -m assess` runs from `folder` (with `env`), as an install
    does; the compiled files are read even where PYTHONDONTWRITEBYTECODE is set."""
    where = subprocess.run(
        [sys.executable, "-c", "import assess, os; print(os.path.dirname(assess.__file__))"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    todo = [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in (Path("/proc") / str(current) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def timed(command: list[str], folder: Path, env: dict[str, str] | None = None) -> float:
    """Wall seconds, with nothing else running in this process: on two cores a memory sampler
    would take CPU from the command it measures. Run from `folder`: `python -m` puts the
    working folder first on the path, so from the repository it would always run this
    version."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode())
    return time.perf_counter() - start


def run(command: list[str], folder: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and the peak memory of the whole process tree, sampled every 0.1 s."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(err.decode())
    return time.perf_counter() - start, peak


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each 40-touchpoint report")
    parser.add_argument("--no-long", action="store_true", help="skip the long reports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old = build_0_1_0(folder)
        old_env = {**os.environ, "PYTHONPATH": str(old)}
        byte_compile(folder)
        byte_compile(folder, old_env)
        w40 = folder / "w40.yaml"
        w40.write_text(workshop_yaml(40), encoding="utf-8")
        report = [*ASSESS, "report", str(w40), "-o"]
        times: dict[str, list[float]] = {"old": [], "en": [], "de": []}
        for _ in range(args.runs):  # alternating, so a busy moment hits all three alike
            times["en"].append(timed([*report, str(folder / "en.pdf")], folder))
            times["de"].append(timed([*report, str(folder / "de.pdf"), "--lang", "de"], folder))
            times["old"].append(timed([*report, str(folder / "old.pdf")], folder, old_env))
        machine = f"{platform.machine()}, {os.cpu_count()} cores"
        print(f"Machine: {machine}, Python {platform.python_version()}")
        print()
        print(
            f"| 40-touchpoint report | time (median of {args.runs}) | ratio to 0.1.0 "
            "(median of the rounds' ratios) | range of the rounds' ratios | pages |"
        )
        print("|---|---|---|---|---|")
        rows = (("assess 0.1.0", "old"), ("this version, English", "en"))
        for label, name in (*rows, ("this version, German", "de")):
            # Each round's ratio against 0.1.0 run beside it: a machine whose speed drifts
            # (shared, noisy) moves both alike, so the ratio holds where the times do not.
            ratios = [took / old for took, old in zip(times[name], times["old"], strict=True)]
            print(
                f"| {label} | {statistics.median(times[name]):.2f} s | "
                f"{statistics.median(ratios):.2f} | {min(ratios):.2f}–{max(ratios):.2f} | "
                f"{pages(folder / f'{name}.pdf')} |"
            )
        print()
        if args.no_long:
            return
        print("| touchpoints | time | per touchpoint | peak memory (all processes) | pages |")
        print("|---|---|---|---|---|")
        for n in (100, 250, 500, 1000):
            path = folder / f"w{n}.yaml"
            path.write_text(workshop_yaml(n), encoding="utf-8")
            out = folder / f"w{n}.pdf"
            took, peak = run([*ASSESS, "report", str(path), "-o", str(out)], folder)
            print(
                f"| {n:,} | {took:.1f} s | {1000 * took / n:.0f} ms | {peak / 2**20:.0f} MiB | "
                f"{pages(out)} |"
            )


if __name__ == "__main__":
    main()
