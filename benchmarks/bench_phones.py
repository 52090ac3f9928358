"""Votes from phones under load. Run: python benchmarks/bench_phones.py

50 simulated phones (httpx clients in a process of their own, as phones are other devices) join
the phone server on loopback, follow its live stream and vote on 20 questions, each a moment
after it appears. The facilitator's side runs in this process through assess.ballot's
interface, as the walk does: it opens each question, waits on the tally, reveals and moves on.
Two delays are measured, each as p50 and p95:

1. from a phone sending its vote to the facilitator's side counting it (``VoteRoom.wait``);
2. from the facilitator opening the next question to a phone showing it, per phone and until
   every phone shows it (the slowest phone of each question).

The baseline, measured in the same run by the same kind of clients: a plain GET answered by a
bare Starlette app on the same Uvicorn settings. The machine is shared and noisy; the ratio is
what to compare between runs. Target: p95 under 250 ms. Times cross the two processes through
the system's monotonic clock, which both read.

`--phones N --questions M` make a smaller run, to check the script works.

`bench_phones_terminal.py` measures the same through the facilitator's real terminal: `assess
run --phones` in a pseudo-terminal, the count read off its screen, the questions opened by keys.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from assess.ballot import Choice, Question
from assess.files.loader import bundled_questionnaire
from assess.phones import PhoneServer

#: How long a simulated person takes to tap, after the question shows: spread so votes do not
#: all land in the same millisecond.
THINK = (0.05, 0.4)


def question(touchpoint: str, index: int) -> Question:
    d = bundled_questionnaire("default").dimensions[index]
    choices = tuple(Choice(n, a.label, a.text) for n, a in d.anchors.items())
    return Question(touchpoint, d.id, d.label, d.question, d.help, choices)


# --- the phones (a process of their own) --------------------------------------------------


async def _phone(base: str, token: str, name: str, seen: dict[str, Any]) -> None:
    """Join, follow the stream, vote on each new question a moment after it shows."""
    voting: set[asyncio.Task[None]] = set()
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        answer = await client.post("/api/join", json={"token": token, "name": name})
        key = answer.json()["key"]
        async with client.stream("GET", "/api/events", params={"key": key}) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data: "):
                    continue
                state = json.loads(line[len("data: ") :])
                if state["closed"]:
                    break
                here = f"{state['round']}/{name}"
                if state["round"] is None or state["revealed"] or here in seen["shown"]:
                    continue
                seen["shown"][here] = time.monotonic()
                task = asyncio.create_task(_vote(client, key, state, name, seen))
                voting.add(task)
                task.add_done_callback(voting.discard)


async def _vote(
    client: httpx.AsyncClient, key: str, state: dict[str, Any], name: str, seen: dict[str, Any]
) -> None:
    await asyncio.sleep(random.uniform(*THINK))
    seen["sent"][f"{state['round']}/{name}"] = time.monotonic()
    value = random.choice([1, 2, 3, 4, 5, None])
    sent = {"key": key, "dimension": state["dimension"], "value": value, "round": state["round"]}
    answer = await client.post("/api/vote", json=sent)
    assert answer.status_code == 200, answer.text


async def _phones(base: str, token: str, count: int, rounds: int) -> dict[str, Any]:
    seen: dict[str, Any] = {"shown": {}, "sent": {}}
    names = [f"P{n:02d}" for n in range(1, count + 1)]
    await asyncio.gather(*(_phone(base, token, name, seen) for name in names))
    return seen


async def _baseline(base: str, count: int, rounds: int) -> list[float]:
    took: list[float] = []

    async def one() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            for _ in range(rounds):
                await asyncio.sleep(random.uniform(*THINK) / 4)
                start = time.monotonic()
                assert (await client.get("/ping")).status_code == 200
                took.append(time.monotonic() - start)

    await asyncio.gather(*(one() for _ in range(count)))
    return took


def worker(mode: str, base: str, token: str, count: int, rounds: int) -> None:
    random.seed(26)
    if mode == "phones":
        result: Any = asyncio.run(_phones(base, token, count, rounds))
    else:
        result = asyncio.run(_baseline(base, count, rounds))
    print(json.dumps(result))


def _spawn(mode: str, base: str, token: str, count: int, rounds: int) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--worker", mode, base, token, str(count), str(rounds)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


# --- the facilitator's side (this process) --------------------------------------------------


def facilitate(server: PhoneServer, count: int, rounds: int) -> dict[str, Any]:
    """Open each question, count the votes as the walk would, reveal, go on."""
    opened: dict[int, float] = {}
    counted: dict[str, float] = {}
    deadline = time.monotonic() + 60
    while len(server.tally().joined) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # every phone's stream is open
    for n in range(rounds):
        tally = server.open(question(f"Touchpoint {n // 4 + 1}", n % 4))
        opened[tally.round] = time.monotonic()
        version = tally.version
        while len(tally.voted) < count and time.monotonic() < deadline + 60:
            tally = server.wait(version, timeout=5)
            now = time.monotonic()
            version = tally.version
            for name in tally.voted:
                counted.setdefault(f"{tally.round}/{name}", now)
        server.reveal()
        time.sleep(0.1)
    server.close()
    return {"opened": opened, "counted": counted}


def _percentiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def _serve_baseline() -> tuple[uvicorn.Server, threading.Thread, int]:
    app = Starlette(routes=[Route("/ping", lambda request: Response(b"ok"))])
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, http="h11", ws="none", lifespan="off", log_config=None
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, port


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--worker", nargs=5, metavar=("MODE", "BASE", "TOKEN", "N", "M"))
    args = parser.parse_args()
    if args.worker:
        mode, base, token, count, rounds = args.worker
        worker(mode, base, token, int(count), int(rounds))
        return

    names = [f"P{n:02d}" for n in range(1, args.phones + 1)]
    with PhoneServer(names, "127.0.0.1") as server:
        phones = _spawn(
            "phones", f"http://127.0.0.1:{server.port}", server.token, args.phones, args.questions
        )
        room = facilitate(server, args.phones, args.questions)
        server.stop()
        out, _ = phones.communicate(timeout=120)
        problems = list(server.problems)
    seen = json.loads(out)

    bare, thread, port = _serve_baseline()
    base_run = _spawn("baseline", f"http://127.0.0.1:{port}", "-", args.phones, args.questions)
    base_out, _ = base_run.communicate(timeout=120)
    bare.should_exit = True
    thread.join(10)
    baseline = _percentiles(json.loads(base_out))

    to_count = [room["counted"][k] - t for k, t in seen["sent"].items() if k in room["counted"]]
    to_show = [
        t - room["opened"][int(k.split("/")[0])]
        for k, t in seen["shown"].items()
        if int(k.split("/")[0]) in room["opened"]
    ]
    slowest: dict[str, float] = {}
    for k, t in seen["shown"].items():
        number = k.split("/")[0]
        if int(number) in room["opened"]:
            slowest[number] = max(slowest.get(number, 0.0), t - room["opened"][int(number)])
    assert len(to_count) == args.phones * args.questions, "some votes were not counted"
    assert not problems, problems
    rows = [
        ("a vote to the facilitator's count", _percentiles(to_count)),
        ("the next question to a phone showing it", _percentiles(to_show)),
        ("the next question to every phone showing it", _percentiles(list(slowest.values()))),
    ]
    print(f"{args.phones} phones, {args.questions} questions (milliseconds; target p95 < 250)")
    print("| delay | p50 | p95 | baseline p50 / p95 (plain GET) | p95 ratio |")
    print("|---|---|---|---|---|")
    for label, (p50, p95) in rows:
        print(
            f"| {label} | {p50:.0f} | {p95:.0f} | {baseline[0]:.1f} / {baseline[1]:.1f} "
            f"| {p95 / baseline[1]:.1f}x |"
        )


if __name__ == "__main__":
    main()
