"""What changed in each journey since the last portfolio. Pure: two sets of journeys in, their
changes out.

A journey of this portfolio is the same journey as one of the last if they have the same title
(ignoring case and spacing; where two of the last share it, the one with the same file name),
else the same file name (a journey renamed in its file). Each pair is compared as `assess
compare` compares two files; journeys found in only one of the two are added or dropped. Money
is never converted: a last portfolio priced in another currency is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assess.errors import AssessError
from assess.files.loader import identity
from assess.models import UNSCORED, VERDICTS
from assess.team.compare import Comparison, compare, to_dict
from assess.team.portfolio import Journey, check_currency

BY_TITLE, BY_FILE = "title", "file"


@dataclass(frozen=True)
class JourneySince:
    new: Journey
    old: Journey
    #: BY_TITLE or BY_FILE.
    matched_by: str
    comparison: Comparison


@dataclass(frozen=True)
class Since:
    journeys: tuple[JourneySince, ...]
    added: tuple[Journey, ...]
    dropped: tuple[Journey, ...]
    old: tuple[Journey, ...]
    currency: str | None

    def of(self, journey: Journey) -> JourneySince | None:
        return next((c for c in self.journeys if c.new is journey), None)


def _file_key(j: Journey) -> str:
    return j.file.name.casefold()


def _pair(
    new: Sequence[Journey], old: Sequence[Journey]
) -> tuple[list[tuple[Journey, Journey, str]], set[int]]:
    """Each journey of `new` with its journey of `old`, and the positions of `old` matched."""
    taken: set[int] = set()
    found: dict[int, tuple[Journey, str]] = {}

    def match(key: Callable[[Journey], str], how: str, prefer_file: bool) -> None:
        for n, j in enumerate(new):
            if n in found:
                continue
            same = [i for i, o in enumerate(old) if i not in taken and key(o) == key(j)]
            if not same:
                continue
            files = [i for i in same if _file_key(old[i]) == _file_key(j)] if prefer_file else []
            chosen = (files or same)[0]
            taken.add(chosen)
            found[n] = (old[chosen], how)

    match(lambda j: identity(j.title), BY_TITLE, prefer_file=True)
    match(_file_key, BY_FILE, prefer_file=False)
    pairs = [(j, *found[n]) for n, j in enumerate(new) if n in found]
    return pairs, taken


def since(old: Sequence[Journey], new: Sequence[Journey], currency: str | None) -> Since:
    """The changes of every journey since the last portfolio (`old`). `currency`: this
    portfolio's; a last portfolio in another one is refused."""
    then = check_currency(old)
    if then is not None and currency is not None and then != currency:
        raise AssessError(
            f"the last portfolio is priced in {then} and this one in {currency}; assess "
            "converts no money: compare portfolios in the same currency"
        )
    pairs, taken = _pair(new, old)
    matched = {id(j) for j, _, _ in pairs}
    return Since(
        journeys=tuple(
            JourneySince(j, o, how, compare(o.assessment, j.assessment)) for j, o, how in pairs
        ),
        added=tuple(j for j in new if id(j) not in matched),
        dropped=tuple(o for i, o in enumerate(old) if i not in taken),
        old=tuple(old),
        currency=currency or then,
    )


def verdicts(journeys: Sequence[Journey]) -> dict[str, int]:
    return {v: sum(j.summary[v] for j in journeys) for v in (*VERDICTS, UNSCORED)}


def worth(journeys: Sequence[Journey]) -> float | None:
    """The expected value a year of the priced journeys, summed; None when none is priced."""
    found = [
        j.appraisal.totals.cost_per_year.expected
        for j in journeys
        if j.appraisal.totals is not None and j.appraisal.totals.cost_per_year is not None
    ]
    return round(sum(found), 2) if found else None


def since_dict(s: Since) -> dict[str, Any]:
    now = [c.new for c in s.journeys] + list(s.added)

    def brief(j: Journey) -> dict[str, str]:
        return {"title": j.title, "file": str(j.file)}

    return {
        "files": [str(j.file) for j in s.old],
        "verdicts": {"from": verdicts(s.old), "to": verdicts(now)},
        "value": {"currency": s.currency, "from": worth(s.old), "to": worth(now)},
        "journeys": [
            {
                "title": c.new.title,
                "file": str(c.new.file),
                "old_title": c.old.title,
                "old_file": str(c.old.file),
                "matched_by": c.matched_by,
                "verdicts": {"from": verdicts([c.old]), "to": verdicts([c.new])},
                "changes": to_dict(c.comparison),
            }
            for c in s.journeys
        ],
        "added": [brief(j) for j in s.added],
        "dropped": [brief(j) for j in s.dropped],
    }
