"""Votes from phones, through the facilitator's real terminal. Run:
python benchmarks/bench_phones_terminal.py

`bench_phones.py` measures the server through the interface the walk uses. This one measures
what the room sees: `assess run WORKSHOP --phones` runs in a pseudo-terminal, read through a
terminal emulator (pyte, answering the program's cursor questions as a terminal does), and
driven with keys as a facilitator would (Enter to start, r to reveal, Enter to accept, Enter at
the note and the touchpoint's menu). The same 50 simulated phones as bench_phones.py (httpx
clients in a process of their own, following the live stream) vote on 20 questions. Two delays,
p50 and p95:

1. from a phone sending its vote to the terminal's screen showing it in the count (`r) Reveal
   · 12 of 50 voted`): per question, the i-th vote sent is counted when the screen first shows
   i or more (votes that cross on the network make this an estimate);
2. from the facilitator's key that opens the next question (Enter on the reveal, or at the
   note or menu that ends a touchpoint) to a phone showing it, and to every phone.

Both include what the walk does on the way: saving the accepted votes to the workshop file,
drawing the screen. The machine is shared and noisy; compare runs on the same machine. Target:
p95 under 250 ms. Times cross the processes through the system's monotonic clock.

`--phones N --questions M` make a smaller run, to check the script works.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pexpect
import pyte
from bench_phones import _spawn

ASSESS = shutil.which("assess", path=str(Path(sys.executable).parent)) or "assess"
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/join/([A-Za-z0-9_-]{22})")
COUNT = re.compile(r"Reveal · (\d+) of (\d+) voted")
#: What the facilitator presses, for what the screen asks.
KEYS = (
    ("the votes are in", "\r"),
    ("Note: why did we score it so?", "\r"),
    ("Change an answer?", "\r"),
    ("Write the PDF report now?", "n\r"),
    ("What next?", "0\r"),
)


def workshop(folder: Path, people: int, questions: int) -> Path:
    names = ", ".join(f"P{n:02d}" for n in range(1, people + 1))
    lines = ["title: Phones benchmark", f"participants: [{names}]", "touchpoints:"]
    lines += [f"  - name: Touchpoint {n + 1}" for n in range(-(-questions // 4))]
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Terminal:
    """`assess run --phones` in a pseudo-terminal, its screen kept by pyte."""

    def __init__(self, path: Path, port: int, columns: int = 120, lines: int = 40) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.Stream(self.screen)
        args = ["run", str(path), "--phones", "--host", "127.0.0.1", "--port", str(port)]
        self.child = pexpect.spawn(
            ASSESS,
            args,
            cwd=str(path.parent),
            env={**os.environ, "TERM": "xterm-256color"},
            dimensions=(lines, columns),
            encoding="utf-8",
            timeout=30,
        )
        self.screen.write_process_input = self.child.send  # type: ignore[method-assign]
        self.keys: list[float] = []

    def read(self, wait: float = 0.002) -> str:
        with contextlib.suppress(pexpect.TIMEOUT):
            self.stream.feed(self.child.read_nonblocking(65536, timeout=wait))
        return "\n".join(self.screen.display)

    def press(self, keys: str) -> None:
        self.keys.append(time.monotonic())
        self.child.send(keys)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def facilitate(term: Terminal, people: int) -> dict[str, Any]:
    """Drive the walk to the end; when each count was first on screen, per question."""
    counts: list[dict[int, float]] = []
    pressed_for = ""
    deadline = time.monotonic() + 600
    while term.child.isalive() and time.monotonic() < deadline:
        shown = term.read()
        now = time.monotonic()
        found = COUNT.search(shown)
        if found and "the votes are in" not in shown:
            if pressed_for == "reveal":
                continue  # the count before the reveal, still on screen
            if not counts or pressed_for not in ("", "count"):
                counts.append({})
                pressed_for = "count"
            counts[-1].setdefault(int(found.group(1)), now)
            if int(found.group(1)) == people:
                term.press("r\r")
                pressed_for = "reveal"
            continue
        if "Everyone in?" in shown and f"{people} joined" in shown and pressed_for == "":
            time.sleep(3.0)  # every phone's stream is open (joining comes before it)
            term.press("\r")
            pressed_for = "start"
            continue
        for asked, keys in KEYS:
            if asked in shown and pressed_for != asked:
                term.press(keys)
                pressed_for = asked
                break
    return {"counts": counts, "keys": term.keys}


def _percentiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = workshop(Path(folder), args.phones, args.questions)
        term = Terminal(path, _free_port())
        deadline = time.monotonic() + 60
        while not (found := ADDRESS.search(term.read(0.05))) and time.monotonic() < deadline:
            pass
        assert found, "the join address never showed"
        base = f"http://127.0.0.1:{found.group(1)}"
        phones = _spawn("phones", base, found.group(2), args.phones, args.questions)
        room = facilitate(term, args.phones)
        term.child.close(force=True)
        out, _ = phones.communicate(timeout=120)
    seen = json.loads(out)

    rounds = sorted({int(k.split("/")[0]) for k in seen["shown"]})[: args.questions]
    to_count, to_show, slowest = [], [], []
    for number, counted in zip(rounds, room["counts"], strict=False):
        sent = sorted(t for k, t in seen["sent"].items() if int(k.split("/")[0]) == number)
        for i, t in enumerate(sent, 1):
            when = [c for n, c in counted.items() if n >= i]
            if when:
                to_count.append(min(when) - t)
        shown = [t for k, t in seen["shown"].items() if int(k.split("/")[0]) == number]
        opened = max((k for k in room["keys"] if k <= min(shown)), default=None)
        if opened is not None:
            to_show += [t - opened for t in shown]
            slowest.append(max(shown) - opened)
    rows = [
        ("a vote to the terminal's count", _percentiles(to_count)),
        ("the facilitator's key to a phone showing the next question", _percentiles(to_show)),
        ("the facilitator's key to every phone showing it", _percentiles(slowest)),
    ]
    print(f"{args.phones} phones, {len(rounds)} questions, through the terminal", end=" ")
    print("(milliseconds; target p95 < 250)")
    if os.environ.get("BENCH_DEBUG"):
        print(json.dumps({"slowest": slowest, "counts": room["counts"]}))
    print("| delay | p50 | p95 |")
    print("|---|---|---|")
    for label, (p50, p95) in rows:
        print(f"| {label} | {p50:.0f} | {p95:.0f} |")


if __name__ == "__main__":
    main()
