"""The dated plan (issue 28): each move's wave in the plan, its months, what each wave holds, and
what is decided before the first. Pure: an appraisal and the workshop in, a roadmap out.

The moves planned are the automate and assist moves with a wave (sized, under a priority rule).
Each starts from the wave its priority gives (:func:`assess.method.value.plan`). The waves are
then filled in order: a move joins the first wave, from its own on, in which every move it comes
`after` is done (in an earlier wave); a wave holds at most `capacity` moves, the most valuable
first (most expected hours, then the smaller effort, then the file's order), and the others
wait for the next wave. A move placed later than its own wave says why (``capacity``,
``after``): nothing is pushed silently. As the most valuable move is placed first in every
wave, more value for no more effort never lands in a later wave (the priority rule's
monotonicity, kept within capacity), except where `after` or a decision holds a move back.

Wave n runs from ``start + (n - 1) x wave_months`` to the month before wave n + 1 starts, both
inclusive. Decide-first moves (a borderline verdict, a split team) are decided before the first
wave starts: by the month before ``start``. Without a `plan` the waves are the same, undated.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from assess.journeys import Touchpoint, Workshop
from assess.method.span import Span
from assess.method.value import Appraisal, Move
from assess.plans import Plan, month_number, month_text
from assess.textsafety import clip

#: Why a move is in a later wave than its priority gives.
CAPACITY, AFTER = "capacity", "after"
Loc = tuple[str | int, ...]


def identity(text: str) -> str:
    """What makes two names one touchpoint, as the loader counts them: case and surrounding
    space do not count."""
    return text.strip().casefold()


# --- the checks of `after` and `outcomes` (run when a workshop is loaded) ------------------------


@dataclass(frozen=True)
class PlanProblem:
    """A problem with a touchpoint's plan, located in the workshop file."""

    loc: Loc
    message: str


def _index(touchpoints: Sequence[Touchpoint]) -> dict[str, int]:
    """Each touchpoint's position by its name, and by its id where no name is spelled so."""
    found: dict[str, int] = {}
    for i, tp in enumerate(touchpoints):
        found.setdefault(identity(tp.name), i)
    for i, tp in enumerate(touchpoints):
        if tp.id:
            found.setdefault(identity(tp.id), i)
    return found


def _named(tp: Touchpoint) -> str:
    return f"'{clip(tp.name, 60)}'"


def _after_problems(touchpoints: Sequence[Touchpoint]) -> Iterator[PlanProblem]:
    """Every name in `after` is another touchpoint of the workshop, named once."""
    index = _index(touchpoints)
    names = [tp.name for tp in touchpoints]
    for i, tp in enumerate(touchpoints):
        seen: set[int] = set()
        for j, name in enumerate(tp.after):
            loc: Loc = ("touchpoints", i, "after", j)
            found = index.get(identity(name))
            if found is None:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f"; did you mean '{clip(close[0], 60)}'?" if close else ""
                yield PlanProblem(
                    loc,
                    f"'{clip(name, 60)}' is not a touchpoint of this workshop, so "
                    f"{_named(tp)} cannot come after it{hint}",
                )
            elif found == i:
                yield PlanProblem(loc, f"{_named(tp)} cannot come after itself")
            elif found in seen:
                yield PlanProblem(loc, f"names {_named(touchpoints[found])} twice")
            else:
                seen.add(found)


def edges(touchpoints: Sequence[Touchpoint]) -> dict[int, list[tuple[int, int]]]:
    """Each touchpoint's `after`, resolved: position -> [(entry, position of the other)]."""
    index = _index(touchpoints)
    return {
        i: [
            (j, found)
            for j, name in enumerate(tp.after)
            if (found := index.get(identity(name))) is not None and found != i
        ]
        for i, tp in enumerate(touchpoints)
    }


def _cycles(touchpoints: Sequence[Touchpoint]) -> Iterator[PlanProblem]:
    """Each cycle of `after` once, at the entry that closes it, naming the touchpoints in it.
    Depth first without recursion, so a chain of thousands of moves is followed too."""
    graph = edges(touchpoints)
    state: dict[int, int] = {}  # 1: on the path being followed; 2: done
    for root in range(len(touchpoints)):
        if root in state:
            continue
        path, stack = [root], [iter(graph[root])]
        state[root] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            j, other = step
            if state.get(other) == 1:
                yield _cycle(touchpoints, path, path[-1], j, other)
            elif other not in state:
                state[other] = 1
                path.append(other)
                stack.append(iter(graph[other]))


def _cycle(
    touchpoints: Sequence[Touchpoint], path: Sequence[int], i: int, j: int, other: int
) -> PlanProblem:
    ring = [*path[path.index(other) :], other]
    chain = " after ".join(f"'{clip(touchpoints[k].name, 40)}'" for k in ring[:6])
    chain += " after ..." if len(ring) > 6 else ""
    return PlanProblem(
        ("touchpoints", i, "after", j),
        f"{_named(touchpoints[other])} is itself after {_named(touchpoints[i])} "
        f"({chain}): a cycle, so neither can come first; take one of them out of the other's "
        "`after`",
    )


def _outcome_problems(touchpoints: Sequence[Touchpoint]) -> Iterator[PlanProblem]:
    """One outcome a month, and a measured KPI only where the touchpoint says which KPI."""
    for i, tp in enumerate(touchpoints):
        months: set[str] = set()
        for j, outcome in enumerate(tp.outcomes):
            if outcome.date in months:
                yield PlanProblem(
                    ("touchpoints", i, "outcomes", j, "date"),
                    f"a second outcome for {outcome.date}; keep one outcome a month",
                )
            months.add(outcome.date)
            if outcome.kpi is not None and tp.kpi is None:
                yield PlanProblem(
                    ("touchpoints", i, "outcomes", j, "kpi"),
                    "a KPI is measured, but the touchpoint has no `kpi` (name, unit, baseline, "
                    "target) to measure it against",
                )


def plan_problems(workshop: Workshop) -> list[PlanProblem]:
    """Names in `after` that are not touchpoints of the workshop, a touchpoint after itself or
    in a cycle, two outcomes in one month and a KPI measured without its `kpi`."""
    tps = workshop.touchpoints
    problems = [*_after_problems(tps), *_outcome_problems(tps)]
    if not any(p.loc[2] == "after" for p in problems):  # a cycle needs every name known
        problems += _cycles(tps)
    return sorted(problems, key=lambda p: p.loc[1:])


# --- the dated plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """Where a move is in the plan: its wave, its first and last month (month numbers, None
    without a plan's start), and the wave its priority gave with why it is later."""

    wave: int
    start: int | None = None
    end: int | None = None
    pushed_from: int | None = None
    because: tuple[str, ...] = ()

    @property
    def start_text(self) -> str | None:
        return None if self.start is None else month_text(self.start)

    @property
    def end_text(self) -> str | None:
        return None if self.end is None else month_text(self.end)


@dataclass(frozen=True)
class Wave:
    """One wave of the plan: its months, its moves (most valuable first) and their sums. The
    cost, build and net are sums over the moves that have them (None where none has)."""

    number: int
    start: int | None
    end: int | None
    moves: tuple[Move, ...]
    hours_per_year: Span
    fte: Span
    cost_per_year: Span | None
    build_cost: Span | None
    net_per_year: Span | None


@dataclass(frozen=True)
class Roadmap:
    settings: Plan | None
    slots: Mapping[str, Slot]
    waves: tuple[Wave, ...]
    #: Decided before the first wave: every borderline or split verdict.
    decide: tuple[Move, ...]
    #: Each touchpoint's `after`, as the keys of the touchpoints it names.
    after: Mapping[str, tuple[str, ...]]
    #: (a planned move, a touchpoint it is after that is not in the plan).
    loose: tuple[tuple[str, str], ...] = ()

    @property
    def dated(self) -> bool:
        return self.settings is not None

    @property
    def decide_by(self) -> int | None:
        """The month decisions are due by: the one before the first wave starts."""
        return None if self.settings is None else month_number(self.settings.start) - 1

    @property
    def end(self) -> int | None:
        return self.waves[-1].end if self.waves else None

    def slot(self, move: Move) -> Slot | None:
        return self.slots.get(move.result.touchpoint.key)

    def pushed(self) -> list[tuple[Move, Slot]]:
        return [
            (m, s)
            for w in self.waves
            for m in w.moves
            if (s := self.slots[m.result.touchpoint.key]).pushed_from is not None
        ]


def _key(move: Move) -> str:
    return move.result.touchpoint.key


def _ranked(appraisal: Appraisal, moves: Sequence[Move]) -> list[Move]:
    """The most valuable first: most expected hours, then the smaller effort, then file order."""
    rule = appraisal.case.priority if appraisal.case else None
    efforts = list(rule.plan[rule.bands[0].id]) if rule else []
    position = {id(m): n for n, m in enumerate(moves)}

    def rank(m: Move) -> tuple[float, int, int]:
        hours = m.value.hours_per_year.expected if m.value else 0
        effort = efforts.index(m.effort) if m.effort in efforts else len(efforts)
        return (-hours, effort, position[id(m)])

    return sorted(moves, key=rank)


def _place(
    ranked: Sequence[Move], after: Mapping[str, tuple[str, ...]], capacity: int | None
) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Each move's wave, and why a move waited in a wave it could have joined. A move is ready
    from its priority's wave, or from the wave after the last of the moves it comes after,
    whichever is later; each wave takes the most valuable ready moves, up to capacity. In
    O(n log n): a workshop of thousands of moves at a capacity of one is planned at once."""
    rank = {_key(m): n for n, m in enumerate(ranked)}
    base = {_key(m): m.wave or 1 for m in ranked}
    before = {k: [p for p in after.get(k, ()) if p in rank and p != k] for k in rank}
    waiting_on = {k: len(set(ps)) for k, ps in before.items()}
    followers: dict[str, list[str]] = {k: [] for k in rank}
    for k, ps in before.items():
        for p in set(ps):
            followers[p].append(k)
    ready_at: dict[str, int] = {}
    buckets: dict[int, list[str]] = {}
    for k in rank:
        if not waiting_on[k]:
            ready_at[k] = base[k]
            buckets.setdefault(base[k], []).append(k)
    placed: dict[str, int] = {}
    ready: list[tuple[int, str]] = []
    wave = min(buckets, default=1)
    while buckets or ready:
        for k in buckets.pop(wave, []):
            heapq.heappush(ready, (rank[k], k))
        taken = 0
        while ready and (capacity is None or taken < capacity):
            _, k = heapq.heappop(ready)
            placed[k], taken = wave, taken + 1
            for f in followers[k]:
                waiting_on[f] -= 1
                if not waiting_on[f]:
                    ready_at[f] = max(base[f], *(placed[p] + 1 for p in before[f]))
                    buckets.setdefault(ready_at[f], []).append(f)
        wave = wave + 1 if ready else min(buckets, default=wave + 1)
    assert len(placed) == len(rank), "a cycle in `after` (refused when the workshop is read)"
    held = {
        k: {
            r
            for r, held in ((AFTER, ready_at[k] > base[k]), (CAPACITY, placed[k] > ready_at[k]))
            if held
        }
        for k in rank
    }
    return placed, held


def _sum(spans: Sequence[Span | None]) -> Span | None:
    found = [s for s in spans if s is not None]
    return Span.total(found) if found else None


def _wave(number: int, moves: tuple[Move, ...], months: tuple[int, int] | None) -> Wave:
    values = [m.value for m in moves if m.value is not None]
    cases = [m.case for m in moves if m.case is not None]
    return Wave(
        number,
        months[0] if months else None,
        months[1] if months else None,
        moves,
        Span.total(v.hours_per_year for v in values),
        Span.total(v.fte for v in values),
        _sum([v.cost_per_year for v in values]),
        _sum([c.build_cost for c in cases]),
        _sum([c.net_per_year for c in cases]),
    )


def resolved_after(workshop: Workshop) -> dict[str, tuple[str, ...]]:
    tps = workshop.touchpoints
    return {
        tps[i].key: tuple(tps[other].key for _, other in found) for i, found in edges(tps).items()
    }


def schedule(appraisal: Appraisal, workshop: Workshop) -> Roadmap:
    """The plan: every move with a wave placed by value, capacity and `after`, dated from the
    workshop's `plan` where it has one."""
    settings = workshop.plan
    after = resolved_after(workshop)
    ranked = _ranked(appraisal, [m for m in appraisal.moves if m.wave is not None])
    placed, held = _place(ranked, after, settings.capacity if settings else None)

    def months(wave: int) -> tuple[int, int] | None:
        if settings is None:
            return None
        first = month_number(settings.start) + (wave - 1) * settings.wave_months
        return first, first + settings.wave_months - 1

    slots = {}
    for m in ranked:
        key, wave = _key(m), placed[_key(m)]
        span = months(wave)
        later = wave > (m.wave or 1)
        slots[key] = Slot(
            wave,
            span[0] if span else None,
            span[1] if span else None,
            m.wave if later else None,
            tuple(r for r in (CAPACITY, AFTER) if r in held[key]) if later else (),
        )
    by_wave: dict[int, list[Move]] = {}
    for m in ranked:  # most valuable first, in each wave
        by_wave.setdefault(placed[_key(m)], []).append(m)
    waves = tuple(_wave(n, tuple(by_wave[n]), months(n)) for n in sorted(by_wave))
    loose = tuple((_key(m), p) for m in ranked for p in after.get(_key(m), ()) if p not in placed)
    decide = tuple(m for m in appraisal.moves if m.decide_first and m.result.scored)
    return Roadmap(settings, slots, waves, decide, after, loose)
