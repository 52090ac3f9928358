"""The phones' HTTP API (issue 26), in-process through httpx's ASGITransport: the state and the
vote, and what a hostile or flooding phone gets (a 4xx, with the room untouched)."""

from __future__ import annotations

import pytest
from phones import TOKEN, Phones, body, question, run

# --- the state and the vote --------------------------------------------------------------------


def test_the_state_shows_the_open_question_and_only_my_vote_until_the_reveal() -> None:
    phones = Phones()
    q = question()

    async def scenario() -> None:
        async with phones.client() as ana, phones.client("192.168.1.51") as ben:
            ka, kb = await phones.join(ana, "Ana"), await phones.join(ben, "Ben")
            waiting = body(await ana.get("/api/state", params={"key": ka}))
            assert waiting["dimension"] is None and waiting["options"] == []
            phones.room.open(q)
            state = body(await ana.get("/api/state", params={"key": ka}))
            assert state["touchpoint"] == q.touchpoint
            assert state["dimension"] == q.dimension
            assert state["question"] == q.question and state["help"] == q.help
            assert [o["value"] for o in state["options"]] == [1, 2, 3, 4, 5]
            assert [o["label"] for o in state["options"]] == [c.label for c in q.choices]
            assert (state["my_vote"], state["cast"], state["voted"]) == (None, False, 0)
            assert state["revealed"] is False and "votes" not in state

            vote = {"key": kb, "dimension": q.dimension, "value": 5}
            assert (await ben.post("/api/vote", json=vote)).status_code == 200
            vote = {"key": ka, "dimension": q.dimension, "value": 2}
            mine = body(await ana.post("/api/vote", json=vote))
            assert (mine["my_vote"], mine["cast"], mine["voted"]) == (2, True, 2)
            # Ben's 5 is in no answer Ana gets before the reveal.
            for answer in (mine, body(await ana.get("/api/state", params={"key": ka}))):
                assert "votes" not in answer and "Ben" not in str(answer)

            reveal = phones.room.reveal()
            assert dict(reveal.votes) == {"Ana": 2, "Ben": 5}
            shown = body(await ana.get("/api/state", params={"key": ka}))
            assert shown["revealed"] is True
            assert shown["votes"] == {"Ana": 2, "Ben": 5}
            assert (shown["median"], shown["spread"], shown["split"]) == (3.5, 3, True)

    run(scenario)


def test_a_vote_can_change_until_the_reveal_and_dont_know_counts() -> None:
    phones = Phones()
    q = question()

    async def scenario() -> None:
        async with phones.client() as ana:
            key = await phones.join(ana, "Ana")
            phones.room.open(q)
            for value in (4, 1, None):
                vote = {"key": key, "dimension": q.dimension, "value": value}
                answer = await ana.post("/api/vote", json=vote)
                assert answer.status_code == 200
                assert (body(answer)["my_vote"], body(answer)["cast"]) == (value, True)
            assert phones.room.tally().voted == ("Ana",)
            assert dict(phones.room.reveal().votes) == {"Ana": None}
            late = {"key": key, "dimension": q.dimension, "value": 3}
            assert (await ana.post("/api/vote", json=late)).status_code == 409
            assert dict(phones.room.reveal().votes) == {"Ana": None}

    run(scenario)


def test_a_vote_for_a_question_no_longer_open_is_409() -> None:
    phones = Phones()
    first, second = question(index=0), question(index=1)

    async def scenario() -> None:
        async with phones.client() as c:
            key = await phones.join(c, "Ana")

            async def vote(dimension: str, **extra: object) -> int:
                sent = {"key": key, "dimension": dimension, "value": 3, **extra}
                return (await c.post("/api/vote", json=sent)).status_code

            assert await vote(first.dimension) == 409  # nothing open yet
            phones.room.open(first)
            stale_round = phones.room.tally().round
            phones.room.open(second)
            assert await vote(first.dimension) == 409
            phones.room.again()  # a fresh blind round on the same question
            assert await vote(second.dimension, round=stale_round) == 409
            assert await vote(second.dimension, round=phones.room.tally().round) == 200
            phones.room.reveal()
            assert await vote(second.dimension) == 409
            phones.room.close()
            assert await vote(second.dimension) == 409

    run(scenario)
    assert phones.room.tally().voted == ()


@pytest.mark.parametrize("value", [0, 6, -1, "3", 3.0, 2.5, True, False, [3], {"v": 3}, 10**30])
def test_a_bad_value_is_400_and_changes_nothing(value: object) -> None:
    phones = Phones()
    q = question()

    async def scenario() -> int:
        async with phones.client() as c:
            key = await phones.join(c, "Ana")
            phones.room.open(q)
            sent = {"key": key, "dimension": q.dimension, "value": value}
            return (await c.post("/api/vote", json=sent)).status_code

    assert run(scenario) == 400
    assert phones.room.tally().voted == ()


@pytest.mark.parametrize("key", ["", "guess", "A" * 32, None, 123, ["k"], TOKEN])
def test_a_bad_or_guessed_key_is_403(key: object) -> None:
    phones = Phones()
    q = question()

    async def scenario() -> None:
        async with phones.client() as ana, phones.client("192.168.1.66") as stranger:
            await phones.join(ana, "Ana")
            phones.room.open(q)
            sent = {"key": key, "dimension": q.dimension, "value": 3}
            assert (await stranger.post("/api/vote", json=sent)).status_code == 403
            assert (await stranger.get("/api/state", params={"key": str(key)})).status_code == 403
            assert (await stranger.get("/api/state")).status_code == 403

    run(scenario)
    assert phones.room.tally().voted == ()


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"not json", b"[1, 2]", b'"text"', b"null", b"\xff\xfe", b'{"key": NaN}'],
)
def test_malformed_json_is_400(raw: bytes) -> None:
    phones = Phones()

    async def scenario() -> None:
        async with phones.client() as c:
            for path in ("/api/join", "/api/vote"):
                answer = await c.post(
                    path, content=raw, headers={"content-type": "application/json"}
                )
                assert answer.status_code == 400, path

    run(scenario)
    assert phones.room.tally().joined == ()


def test_a_body_over_4_kib_is_refused_however_it_is_sent() -> None:
    phones = Phones(open_join=True)

    async def chunks(data: bytes):  # type: ignore[no-untyped-def]
        for start in range(0, len(data), 1000):
            yield data[start : start + 1000]

    async def scenario() -> None:
        async with phones.client() as c:
            padding = "x" * (4096 - len(f'{{"token": "{TOKEN}", "name": "Ana", "p": ""}}'))
            fits = f'{{"token": "{TOKEN}", "name": "Ana", "p": "{padding}"}}'.encode()
            assert len(fits) == 4096
            over = fits[:-2] + b'x"}'
            answer = await c.post("/api/join", content=over)
            assert answer.status_code == 413  # said by its Content-Length
            answer = await c.post("/api/join", content=chunks(over))  # chunked: counted
            assert answer.status_code == 413
            assert phones.room.tally().joined == ()
            assert (await c.post("/api/join", content=fits)).status_code == 200

    run(scenario)


def test_no_facilitator_control_is_reachable_over_http() -> None:
    phones = Phones()
    q = question()

    async def scenario() -> None:
        async with phones.client() as c:
            key = await phones.join(c, "Ana")
            phones.room.open(q)
            before = phones.room.tally()
            for path in ("/api/reveal", "/api/open", "/api/close", "/api/again", "/api/stop"):
                for method in ("GET", "POST"):
                    answer = await c.request(method, path, json={"key": key, "token": TOKEN})
                    assert answer.status_code == 404, (method, path)
            # The known endpoints ignore fields they do not take.
            sent = {"key": key, "dimension": q.dimension, "value": 3, "revealed": True}
            assert (await c.post("/api/vote", json=sent)).status_code == 200
            assert phones.room.tally().revealed is False
            assert phones.room.tally().round == before.round

    run(scenario)


def test_a_flooding_phone_is_slowed_and_the_room_is_not() -> None:
    phones = Phones()
    q = question()

    async def scenario() -> None:
        async with phones.client() as flood, phones.client("192.168.1.51") as ben:
            kf, kb = await phones.join(flood, "Ana"), await phones.join(ben, "Ben")
            phones.room.open(q)
            codes = []
            for _ in range(200):
                answer = await flood.get("/api/state", params={"key": kf})
                codes.append(answer.status_code)
            assert codes.count(429) > 100
            assert set(codes) == {200, 429}
            refused = await flood.get("/api/state", params={"key": kf})
            assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
            vote = {"key": kb, "dimension": q.dimension, "value": 4}
            assert (await ben.post("/api/vote", json=vote)).status_code == 200

    run(scenario)
    assert phones.room.tally().voted == ("Ben",)


def test_a_reveal_of_dont_knows_has_no_median_and_no_split() -> None:
    phones = Phones()
    q = question()
    ana, _ = phones.room.join("Ana")
    phones.room.join("Ben")
    empty = phones.room.open(q)
    assert empty.summary() == "0 of 2 voted (waiting: Ana, Ben)"
    phones.room.vote(ana, q.dimension, None)
    reveal = phones.room.reveal()
    assert dict(reveal.votes) == {"Ana": None}  # Ben gave nothing: not in the votes at all
    assert (reveal.median, reveal.spread, reveal.split) == (None, None, False)
    assert phones.room.reveal() is reveal  # revealing twice changes nothing
    state = phones.room.view(ana)
    assert state is not None
    assert (state["median"], state["spread"], state["split"]) == (None, None, False)
