"""Start-up, and what assess adds to WeasyPrint. Run: python benchmarks/bench.py

1. `assess --help` against a bare `python -c "import click"` (lazy imports keep it close).
2. `assess report` of 100 touchpoints (the real command: parts rendered side by side, joined and
   stamped) against WeasyPrint alone rendering the same report's HTML in one process.
3. What `assess report --accessible` (the whole report in one pass, tagged PDF/UA-1) costs
   against the default report (parts side by side, joined), end to end.

The report against version 0.1.0 and large reports are in bench_report.py; reading and scoring
large workshops in bench_load.py. Workshops are generated with a fixed seed and realistic
content: descriptions, notes, votes on every third touchpoint.
"""

from __future__ import annotations

import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ["Discover", "Choose", "Order", "Pay", "Receive", "Get help", "Stay"]
CHANNELS = ["web", "app", "chat", "phone", "e-mail", "in person"]
PEOPLE = ["Ana", "Ben", "Cy"]
#: What real workshops hold (the demo's kind of content): a two-sentence description and a
#: three-sentence note per touchpoint, votes from three people on every third one.
DESCRIPTIONS = [
    "Customer looks for a product by name or symptom and narrows the list with filters. Most "
    "visits start here, on a phone, in a few spare minutes.",
    "Customer describes what is wrong and asks which product suits them. The answer may send "
    "them to a pharmacist rather than to the basket.",
    "Customer uploads a prescription and waits for it to be checked. Nothing ships until a "
    "pharmacist has approved it.",
    "A card is declined at checkout and the customer has to try again. Some give up and call, "
    "others leave without a word.",
    "Customer asks where the order is and when it will arrive. The carrier's tracking page "
    "answers most of this already.",
    "A parcel arrives damaged or with an item missing. The customer wants it put right quickly "
    "and without arguing.",
    "An urgent medicine did not arrive and the customer is worried about missing a dose. They "
    "usually phone rather than write.",
    "Customer complains about how they were treated. The complaint often mixes a delivery "
    "problem with a sense of not being heard.",
]
NOTES = [
    "The room agreed this is routine for most customers. Two people worried about older "
    "customers who find filters hard. Keep a phone number visible on the page.",
    "Pharmacists insisted a questionnaire cannot replace a conversation when symptoms are "
    "worrying. The tool may triage, but a person decides. Legal wants the wording reviewed.",
    "Volumes are higher than anyone guessed: the call centre logs them by the hundred every "
    "day. Most are answered by the tracking page. Agents want the carrier's data on screen.",
    "Customers who complain want to be heard before anything else. Scripts make it worse. "
    "The team lead asked for the authority to refund on the spot.",
    "Nobody could say how often this happens; the estimate is a few a week. It matters a lot "
    "to those it happens to. Revisit once the new carrier reports are in.",
]
SCORES = ("complexity", "scale", "emotional_stakes", "tech_barrier")


def workshop_yaml(n: int, seed: int = 7) -> str:
    """A workshop of `n` touchpoints with realistic content: descriptions, notes, and votes
    from three people on every third touchpoint (the room's scores on the rest)."""
    rng = random.Random(seed)
    lines = [
        "title: Benchmark journey",
        "organisation: Bench Ltd",
        f"participants: [{', '.join(PEOPLE)}]",
        "touchpoints:",
    ]
    for i in range(n):
        lines += [
            f"  - name: Touchpoint {i + 1}",
            f"    stage: {STAGES[i * len(STAGES) // n]}",
            f"    channel: {rng.choice(CHANNELS)}",
            f"    description: {json.dumps(rng.choice(DESCRIPTIONS))}",
            f"    notes: {json.dumps(rng.choice(NOTES))}",
        ]
        if i % 3 == 2:
            lines.append("    votes:")
            for person in PEOPLE:
                ballot = ", ".join(f"{d}: {rng.randint(1, 5)}" for d in SCORES)
                lines.append(f"      {person}: {{{ballot}}}")
        else:
            scores = ", ".join(f"{d}: {rng.randint(1, 5)}" for d in SCORES)
            lines.append(f"    scores: {{{scores}}}")
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


ALONE = """
import sys
from pathlib import Path
from weasyprint import HTML
from assess.files.loader import load_workshop
from assess.pdf.render import ASSET_SCHEME, BundledOnlyFetcher
from assess.report.html import render_html
from assess.method.scoring import assess
loaded = load_workshop(Path(sys.argv[1]))
html = render_html(assess(loaded.questionnaire, loaded.workshop))
HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=BundledOnlyFetcher()).write_pdf(sys.argv[2])
"""


def bench_report(folder: Path, n: int, repeat: int = 3) -> tuple[float, float]:
    """Median seconds of `assess report` and of WeasyPrint alone on the same HTML, each in its
    own process, run from `folder` (so `-m` finds the installed assess)."""
    path = folder / f"w{n}.yaml"
    path.write_text(workshop_yaml(n), encoding="utf-8")
    full, alone = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "assess", "report", str(path), "-o", str(folder / "r.pdf")],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", ALONE, str(path), str(folder / "alone.pdf")],
            cwd=folder,
            check=True,
            capture_output=True,
        )
        alone.append(time.perf_counter() - start)
    return statistics.median(full), statistics.median(alone)


def bench_accessible(folder: Path, n: int = 40, repeat: int = 3) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds (the command and its workers) of the default report and of the
    tagged one, median of `repeat`, alternating."""
    path = folder / f"w{n}.yaml"
    path.write_text(workshop_yaml(n), encoding="utf-8")
    runs: dict[str, list[tuple[float, float]]] = {"default": [], "accessible": []}
    for _ in range(repeat):
        for kind, extra in (("default", []), ("accessible", ["--accessible"])):
            command = [sys.executable, "-m", "assess", "report", str(path), "-o", "r.pdf", *extra]
            cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, cwd=folder, check=True, capture_output=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs[kind].append((wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime))
    return {
        kind: (statistics.median(w for w, _ in found), statistics.median(c for _, c in found))
        for kind, found in runs.items()
    }


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
            f"| `assess report`, 100 touchpoints, vs WeasyPrint alone on the same HTML | "
            f"{full:.2f} s vs {alone:.2f} s ({full / alone:.2f}x) | below 1x on two cores |"
        )
        found = bench_accessible(folder)
        (wall, cpu), (tagged_wall, tagged_cpu) = found["default"], found["accessible"]
        print(
            f"| `assess report --accessible`, 40 touchpoints, vs the default report | "
            f"{tagged_wall:.2f} s vs {wall:.2f} s wall ({tagged_wall / wall:.2f}x), "
            f"{tagged_cpu:.2f} s vs {cpu:.2f} s CPU ({tagged_cpu / cpu:.2f}x) | one pass |"
        )
    print(f"\nMeasured {time.strftime('%Y-%m-%d')}; start-up median of 15, reports of 3.")


if __name__ == "__main__":
    main()
