"""Team self-assessment: each person's votes become one answer per dimension. Pure.

The consensus is the median of the votes. With an even number of votes the median can fall
between two points; the half point then goes to the side that protects the human: up for a
dimension where a higher answer argues for a person, down where it argues for automation.

The room may decide over the votes (`settled` on the touchpoint, with an optional reason); its
decision wins over the consensus. Where the votes split (two points apart or more) that
decision is what "settled" means; a split the room has not decided is open. Accepting the
consensus is not a decision: it is the votes. Files written by 0.2.0 kept the room's decision
in `scores` beside the votes, and are read so: a `scores` value on a dimension people voted on
is the room's decision there, without a reason.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from assess.i18n import _, ngettext
from assess.journeys import Touchpoint
from assess.method.words import number
from assess.models import Dimension, Questionnaire

#: A spread of this many points or more between votes is flagged as disagreement.
DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class Consensus:
    dimension: str
    label: str
    votes: Mapping[str, int]
    median: float
    value: int
    #: "up" or "down" when an even number of votes left a half point to round.
    rounded: str | None
    #: The room's decision over the votes, which wins over `value`; None: the votes count.
    room: int | None = None
    #: Why the room decided so, when it said.
    reason: str | None = None

    @property
    def low(self) -> int:
        return min(self.votes.values())

    @property
    def high(self) -> int:
        return max(self.votes.values())

    @property
    def disagreement(self) -> bool:
        """The votes split: two points apart or more (open or settled)."""
        return self.high - self.low >= DISAGREEMENT_SPREAD

    @property
    def settled(self) -> int | None:
        """What the room settled a split at; None for an open split, or where votes agree."""
        return self.room if self.disagreement else None

    @property
    def open(self) -> bool:
        """A split the room has not settled."""
        return self.disagreement and self.room is None

    @property
    def score(self) -> int:
        return self.value if self.room is None else self.room

    def describe_votes(self) -> str:
        return ", ".join(f"{person} {score}" for person, score in self.votes.items())

    def explain(self) -> str:
        """The answer that counts and where it comes from, in a sentence of the current
        language."""
        said = {
            "question": self.label,
            "votes": self.describe_votes(),
            "consensus": self.value,
            "median": number(self.median),
        }
        if self.settled is not None:
            n = len(self.votes)
            return ngettext(
                "%(question)s %(value)s is the room's decision on a split; the %(n)s vote was "
                "%(votes)s (consensus %(consensus)s).",
                "%(question)s %(value)s is the room's decision on a split; the %(n)s votes were "
                "%(votes)s (consensus %(consensus)s).",
                n,
            ) % {**said, "value": self.settled, "n": n}
        if self.room is not None and self.room != self.value:
            return _(
                "%(question)s %(value)s is the room's answer over the team's consensus "
                "%(consensus)s (%(votes)s)."
            ) % {**said, "value": self.room}
        said["value"] = self.value
        if self.rounded == "up":
            return (
                _(
                    "%(question)s %(value)s is the team's consensus, the median of %(votes)s; the "
                    "median %(median)s is rounded up, toward keeping a person involved."
                )
                % said
            )
        if self.rounded == "down":
            return (
                _(
                    "%(question)s %(value)s is the team's consensus, the median of %(votes)s; the "
                    "median %(median)s is rounded down, toward keeping a person involved."
                )
                % said
            )
        return _("%(question)s %(value)s is the team's consensus, the median of %(votes)s.") % said


def consensus(
    dimension: Dimension,
    votes: Mapping[str, int | None],
    settled: int | None = None,
    reason: str | None = None,
) -> Consensus | None:
    """The team's answer from `votes`, with the room's decision over them (`settled`, which
    counts as settling only where the votes split) and its reason."""
    cast = {person: score for person, score in votes.items() if score is not None}
    if not cast:
        return None
    median = statistics.median(cast.values())
    rounded = None
    value = int(median)
    if median != int(median):
        # Protect the human: round toward the answer that argues for a person.
        if dimension.direction == "human":
            value, rounded = math.ceil(median), "up"
        else:
            value, rounded = math.floor(median), "down"
    return Consensus(
        dimension.id,
        dimension.label,
        cast,
        median,
        value,
        rounded,
        settled,
        reason if settled is not None else None,
    )


def room_decision(touchpoint: Touchpoint, dimension: str) -> tuple[int | None, str | None]:
    """The room's decision over the votes on `dimension`, and its reason: `settled`, else (as
    0.2.0 wrote it) `scores`."""
    found = touchpoint.settled.get(dimension)
    if found is not None:
        return found.value, found.reason
    return touchpoint.scores.get(dimension), None


def team_view(questionnaire: Questionnaire, touchpoint: Touchpoint) -> dict[str, Consensus]:
    """The consensus on every dimension that has at least one vote."""
    view = {}
    for d in questionnaire.dimensions:
        votes = {person: ballot.get(d.id) for person, ballot in touchpoint.votes.items()}
        found = consensus(d, votes, *room_decision(touchpoint, d.id))
        if found is not None:
            view[d.id] = found
    return view
