"""Hostile bodies and hostile sequences for the phone server (issue 26), property-based with a
fixed seed (tests/conftest.py's profile): whatever a phone sends, it gets a 4xx or a 200 it was
entitled to, the room is untouched otherwise, and before the reveal no answer carries anyone
else's value."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st
from phones import TOKEN, Phones, question, run

from assess.phones.room import PhoneRoom, Refused

Q = question()
ALLOWED = {200, 400, 403, 409, 413, 429}

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
#: Bodies shaped like the real ones, with any value in any field, and some that are not JSON.
vote_bodies = st.fixed_dictionaries(
    {},
    optional={
        "key": json_values | st.just("KEY"),
        "dimension": json_values | st.just(Q.dimension),
        "value": json_values | st.integers(-2, 8),
        "round": json_values | st.integers(0, 3),
    },
)
join_bodies = st.fixed_dictionaries(
    {}, optional={"token": json_values | st.just(TOKEN), "name": json_values | st.just("Cy")}
)
raw_bodies = st.binary(max_size=600) | json_values.map(lambda v: json.dumps(v).encode())


def _send(phones: Phones, path: str, payload: Any, key: str) -> httpx.Response:
    if isinstance(payload, dict) and payload.get("key") == "KEY":
        payload = {**payload, "key": key}  # sometimes the attacker's own, real key
    content = payload if isinstance(payload, bytes) else json.dumps(payload).encode()

    async def scenario() -> httpx.Response:
        async with phones.client("10.9.9.9") as c:
            return await c.post(path, content=content)

    return run(scenario)


def _room_with_a_secret() -> tuple[Phones, str, str]:
    """Ana voted 4 before the attacker (Ben) sends anything; Cy has not joined."""
    phones = Phones()
    ana, _ = phones.room.join("Ana")
    ben, _ = phones.room.join("Ben")
    phones.room.open(Q)
    phones.room.vote(ana, Q.dimension, 4)
    return phones, ana, ben


def _untouched_but_for_ben(phones: Phones, ana: str) -> None:
    view = phones.room.view(ana)
    assert view is not None and view["my_vote"] == 4
    assert phones.room.tally().revealed is False


@given(payload=vote_bodies | raw_bodies)
def test_any_vote_body_gets_a_4xx_or_counts_only_for_its_sender(payload: Any) -> None:
    phones, ana, ben = _room_with_a_secret()
    answer = _send(phones, "/api/vote", payload, ben)
    assert answer.status_code in ALLOWED, answer.status_code
    _untouched_but_for_ben(phones, ana)
    if answer.status_code == 200:
        state = answer.json()
        assert state["name"] == "Ben" and state["cast"] is True
        assert state["my_vote"] in (None, 1, 2, 3, 4, 5)
    else:
        assert phones.room.tally().voted == ("Ana",)
    # Ana's 4 is in no answer: only Ben's own vote may show.
    assert "votes" not in answer.text and "Ana" not in answer.text


@given(payload=join_bodies | raw_bodies)
def test_any_join_body_gets_a_4xx_or_a_key_for_a_listed_name(payload: Any) -> None:
    phones, ana, _ = _room_with_a_secret()
    answer = _send(phones, "/api/join", payload, "")
    assert answer.status_code in ALLOWED, answer.status_code
    _untouched_but_for_ben(phones, ana)
    joined = phones.room.tally().joined
    if answer.status_code == 200:
        assert answer.json()["name"] == "Cy" and joined == ("Ana", "Ben", "Cy")
    else:
        assert joined == ("Ana", "Ben")


@given(key=st.text(max_size=80) | st.just(TOKEN))
def test_any_state_query_without_a_key_is_403(key: str) -> None:
    phones, _, _ = _room_with_a_secret()

    async def scenario() -> httpx.Response:
        async with phones.client("10.9.9.9") as c:
            return await c.get("/api/state", params={"key": key})

    answer = run(scenario)
    assert answer.status_code == 403
    assert answer.json() == {"error": "unknown key", "kind": "bad-key"}  # nothing of the room


# --- the room, in any order of events ----------------------------------------------------------

PEOPLE = ("Ana", "Ben", "Cy", "Dee")
events = st.lists(
    st.one_of(
        st.tuples(st.just("open"), st.integers(0, 3)),
        st.tuples(st.just("vote"), st.sampled_from(PEOPLE), st.none() | st.integers(1, 5)),
        st.tuples(st.just("stale"), st.sampled_from(PEOPLE), st.integers(1, 5)),
        st.just(("again",)),
        st.just(("reveal",)),
        st.just(("close",)),
    ),
    max_size=30,
)


@given(events)
def test_before_the_reveal_each_phone_sees_only_its_own_vote(steps: list[tuple[Any, ...]]) -> None:
    room = PhoneRoom(PEOPLE)
    keys = {name: room.join(name)[0] for name in PEOPLE}
    expected: dict[str, int | None] = {}  # the open round's votes, as they should be
    last_seq = -1
    for step in steps:
        _apply(room, keys, expected, step)
        tally = room.tally()
        assert set(tally.voted) == set(expected)
        for name, key in keys.items():
            view = room.view(key)
            assert view is not None
            # A page tells a late answer from a newer one by this.
            assert view["seq"] >= last_seq
            last_seq = view["seq"]
            assert view["cast"] == (name in expected)
            assert view["my_vote"] == expected.get(name)
            assert view["voted"] == len(expected)
            if not view["revealed"]:
                others = {n: v for n, v in expected.items() if n != name}
                assert "votes" not in view and "median" not in view, others
            else:
                assert view["votes"] == expected


def _apply(
    room: PhoneRoom, keys: dict[str, str], expected: dict[str, int | None], step: tuple[Any, ...]
) -> None:
    tally = room.tally()
    if step[0] == "open":
        room.open(question(index=step[1]))
        expected.clear()
    elif step[0] in ("again", "close"):
        getattr(room, step[0])()
        expected.clear()
    elif step[0] == "reveal":
        if tally.question is not None:
            assert dict(room.reveal().votes) == expected
    elif step[0] == "vote":
        _, name, value = step
        try:
            room.vote(keys[name], tally.question.dimension if tally.question else "x", value)
        except Refused as refused:
            assert refused.kind == "closed"
            assert tally.question is None or tally.revealed
        else:
            expected[name] = value
    else:  # a vote for an earlier round is always refused
        _, name, value = step
        dimension = tally.question.dimension if tally.question else "x"
        try:
            room.vote(keys[name], dimension, value, tally.round - 1)
        except Refused as refused:
            assert refused.kind == "closed"
        else:
            raise AssertionError("a vote for an earlier round was taken")
