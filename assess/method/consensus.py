"""Team self-assessment: each person's votes become one answer per dimension. Pure.

The consensus is the median of the votes. With an even number of votes the median can fall
between two points; the half point then goes to the side that protects the human: up for a
dimension where a higher answer argues for a person, down where it argues for automation.
Explicit `scores` on a touchpoint are the room's decision and win over the consensus.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from assess.journeys import Touchpoint
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
    #: The score the room settled on, which wins over `value`; None when none was given.
    settled: int | None

    @property
    def low(self) -> int:
        return min(self.votes.values())

    @property
    def high(self) -> int:
        return max(self.votes.values())

    @property
    def disagreement(self) -> bool:
        return self.high - self.low >= DISAGREEMENT_SPREAD

    @property
    def score(self) -> int:
        return self.value if self.settled is None else self.settled

    def describe_votes(self) -> str:
        return ", ".join(f"{person} {score}" for person, score in self.votes.items())

    def explain(self) -> str:
        label = self.label.lower()
        n = len(self.votes)
        if self.settled is not None:
            return (
                f"The room settled {label} at {self.settled}; the {n} vote{'s' if n != 1 else ''} "
                f"were {self.describe_votes()} (consensus {self.value})."
            )
        median = f"{self.median:g}"
        votes = self.describe_votes()
        text = f"{self.label} {self.value} is the team's consensus, the median of {votes}"
        if self.rounded:
            text += (
                f"; the median {median} is rounded {self.rounded}, toward keeping a person involved"
            )
        return text + "."


def consensus(
    dimension: Dimension, votes: Mapping[str, int | None], settled: int | None
) -> Consensus | None:
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
    return Consensus(dimension.id, dimension.label, cast, median, value, rounded, settled)


def team_view(questionnaire: Questionnaire, touchpoint: Touchpoint) -> dict[str, Consensus]:
    """The consensus on every dimension that has at least one vote."""
    view = {}
    for d in questionnaire.dimensions:
        votes = {person: ballot.get(d.id) for person, ballot in touchpoint.votes.items()}
        found = consensus(d, votes, touchpoint.scores.get(d.id))
        if found is not None:
            view[d.id] = found
    return view
