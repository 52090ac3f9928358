"""A workshop's touchpoints to results: each touchpoint's answers (the room's, else the team's
consensus) decided, explained and checked for how firm the verdict is. Pure: no I/O, no printing.
The decision itself is :mod:`assess.method.decision`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assess.journeys import Touchpoint, Workshop
from assess.method.consensus import Consensus, team_view
from assess.method.decision import (
    Answers,
    Basis,
    Decision,
    Flip,
    Margin,
    assist_kind,
    decide,
    margin,
    one_point_moves,
)
from assess.method.explain import Reason, not_assessed, reasons, team_reasons
from assess.method.guidance import select
from assess.models import UNSCORED, VERDICTS, AssistKind, Questionnaire

# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """Everything that follows from one set of answers alone."""

    decision: Decision
    kind: AssistKind | None
    reasons: tuple[Reason, ...]
    #: The one-point moves that change the verdict, and how many moves there are.
    flips: tuple[Flip, ...]
    moves: int
    margin: Margin
    #: The evidence is thin: the fit is within the stated margin of a threshold, no guardrail
    #: decided the verdict, and a one-point move would change it.
    thin: bool
    #: The design guidance that fits these answers and this verdict.
    guidance: tuple[str, ...]


class Judge:
    """Decisions with a memory. A large workshop has many touchpoints but few distinct sets of
    answers, so each is decided and explained once."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.keys = [*questionnaire.dimension_ids, *questionnaire.input_ids]
        self._decided: dict[tuple[int | None, ...], Decision] = {}
        self._judged: dict[tuple[int | None, ...], Judgement] = {}
        self._guidance = questionnaire.guidance_items
        # A questionnaire from before method 1.2 keeps every item, as its reports always showed.
        self._limit = questionnaire.guidance_limit if questionnaire.guidance else None

    def _key(self, answers: Answers) -> tuple[int | None, ...]:
        return tuple(answers.get(k) for k in self.keys)

    def decide(self, answers: Answers) -> Decision:
        key = self._key(answers)
        found = self._decided.get(key)
        if found is None:
            found = self._decided[key] = decide(self.questionnaire, answers)
        return found

    def __call__(self, answers: Answers) -> Judgement:
        key = self._key(answers)
        found = self._judged.get(key)
        if found is None:
            found = self._judged[key] = self._judge(answers)
        return found

    def thin(self, answers: Answers) -> bool:
        """Whether the evidence for these answers' verdict is thin (see :class:`Judgement`),
        without explaining the verdict: what counting borderline combinations needs."""
        decision = self.decide(answers)
        flips, _ = self._flips(answers, decision)
        return self._thin(decision, flips, margin(self.questionnaire, decision.fit))

    def _flips(self, answers: Answers, decision: Decision) -> tuple[list[Flip], int]:
        """The one-point moves that change the verdict, and how many moves there are."""
        q = self.questionnaire
        moves = one_point_moves(q, answers)
        flips = []
        for dim, score in moves:
            other = self.decide({**answers, dim: score}).verdict
            if other != decision.verdict:
                flips.append(Flip(dim, q.dimension(dim).label, score, other))
        return flips, len(moves)

    def _thin(self, decision: Decision, flips: list[Flip], found: Margin) -> bool:
        limit = self.questionnaire.thresholds.margin
        return bool(flips and decision.decisive is None and abs(found.points) <= limit)

    def _judge(self, answers: Answers) -> Judgement:
        q = self.questionnaire
        decision = self.decide(answers)
        kind = assist_kind(q, answers, decision) if decision.verdict == "assist" else None
        flips, moves = self._flips(answers, decision)
        found = margin(q, decision.fit)
        return Judgement(
            decision,
            kind,
            tuple(reasons(q, answers, decision, kind)),
            tuple(flips),
            moves,
            found,
            self._thin(decision, flips, found),
            tuple(i.text for i in select(self._guidance, self._limit, answers, decision, kind)),
        )


@dataclass(frozen=True)
class Result:
    touchpoint: Touchpoint
    #: The answers that count, per dimension (the room's score, else the team's consensus).
    scores: Mapping[str, int]
    recommendation: str  # a Verdict, or UNSCORED
    fit: int | None
    reasons: tuple[Reason, ...]
    #: The one-point moves that would change the verdict, listed only when the verdict is
    #: genuinely borderline (close to a threshold with no guardrail deciding, or the team's
    #: votes straddle it).
    borderline: tuple[Flip, ...] = ()
    assist_kind: AssistKind | None = None
    rules: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    #: The team's votes per dimension, where people voted.
    consensus: Mapping[str, Consensus] = field(default_factory=dict)
    #: Answers to optional questions: input id -> option id.
    inputs: Mapping[str, str] = field(default_factory=dict)
    margin: Margin | None = None
    #: (one-point moves that keep the verdict, all one-point moves).
    stability: tuple[int, int] | None = None
    basis: Basis | None = None
    #: Every flip, flagged or not (what stability counts).
    flips: tuple[Flip, ...] = ()
    #: Dimensions whose votes, from lowest to highest, would give another verdict.
    straddled: tuple[str, ...] = ()
    #: The id of the guardrail that moved the verdict away from the fit's, if one did.
    decisive: str | None = None
    #: The design guidance that fits this touchpoint, in the questionnaire's order.
    guidance: tuple[str, ...] = ()
    #: The verdict from need alone (the fit and the need rules), before payback.
    need_verdict: str | None = None
    #: Said beside a verdict without a kind of assistance (keep human: "Help behind the person").
    tagline: str | None = None
    #: Optional questions this verdict needs answered and that are not (input ids): until
    #: they are, the verdict is "decide first".
    open_questions: tuple[str, ...] = ()

    @property
    def disagreement(self) -> tuple[Consensus, ...]:
        """Every split: votes two points apart or more, open or settled by the room."""
        return tuple(c for c in self.consensus.values() if c.disagreement)

    @property
    def open_splits(self) -> tuple[Consensus, ...]:
        """The splits the room has not settled."""
        return tuple(c for c in self.consensus.values() if c.open)

    @property
    def settled_splits(self) -> tuple[Consensus, ...]:
        """The splits the room settled."""
        return tuple(c for c in self.consensus.values() if c.settled is not None)

    @property
    def scored(self) -> bool:
        return self.recommendation != UNSCORED


@dataclass(frozen=True)
class Assessment:
    workshop: Workshop
    questionnaire: Questionnaire
    results: tuple[Result, ...]
    summary: Mapping[str, int] = field(default_factory=dict)


def effective_scores(
    questionnaire: Questionnaire, touchpoint: Touchpoint, team: Mapping[str, Consensus]
) -> dict[str, int]:
    """The answers that count: where people voted, the room's decision over the votes, else
    their consensus; elsewhere the room's own answer."""
    scores = {}
    for d in questionnaire.dimensions:
        explicit = touchpoint.scores.get(d.id)
        if d.id in team:
            scores[d.id] = team[d.id].score
        elif explicit is not None:
            scores[d.id] = explicit
    return scores


def open_questions(
    questionnaire: Questionnaire, verdict: str, inputs: Mapping[str, str]
) -> tuple[str, ...]:
    """The optional questions `verdict` needs answered that are not."""
    return tuple(
        i.id for i in questionnaire.inputs if verdict in i.needed_for and i.id not in inputs
    )


def input_positions(questionnaire: Questionnaire, inputs: Mapping[str, str]) -> dict[str, int]:
    """Answered optional inputs (input id -> option id) as positions (1 = the first option)."""
    found = {}
    for key, option in inputs.items():
        if key in questionnaire.input_ids:
            ids = questionnaire.optional_input(key).option_ids
            if option in ids:
                found[key] = ids.index(option) + 1
    return found


def assess_touchpoint(
    questionnaire: Questionnaire, touchpoint: Touchpoint, judged: Judge | None = None
) -> Result:
    judge = judged or Judge(questionnaire)
    team = team_view(questionnaire, touchpoint)
    scores = effective_scores(questionnaire, touchpoint, team)
    inputs = {k: v for k, v in touchpoint.inputs.items() if k in questionnaire.input_ids}
    missing = tuple(d.id for d in questionnaire.dimensions if d.id not in scores)
    if missing:
        return Result(
            touchpoint=touchpoint,
            scores=scores,
            recommendation=UNSCORED,
            fit=None,
            reasons=(not_assessed(questionnaire, missing), *team_reasons(team)),
            missing=missing,
            consensus=team,
            inputs=inputs,
        )
    answers = {**scores, **input_positions(questionnaire, touchpoint.inputs)}
    found = judge(answers)
    decision = found.decision
    # Votes straddle the verdict where the lowest or the highest vote on a dimension the room
    # has not settled would give another one.
    straddle = tuple(
        Flip(c.dimension, c.label, vote, other)
        for c in team.values()
        if c.room is None
        for vote in sorted({c.low, c.high})
        if (other := judge.decide({**answers, c.dimension: vote}).verdict) != decision.verdict
    )
    flagged = tuple(dict.fromkeys((*(found.flips if found.thin else ()), *straddle)))
    return Result(
        touchpoint=touchpoint,
        scores=scores,
        recommendation=decision.verdict,
        fit=decision.fit,
        reasons=(*found.reasons, *team_reasons(team, [f.dimension for f in straddle])),
        borderline=flagged,
        assist_kind=found.kind,
        rules=tuple(r.id for r in decision.fired),
        consensus=team,
        inputs=inputs,
        margin=found.margin,
        stability=(found.moves - len(found.flips), found.moves),
        basis=decision.basis,
        flips=found.flips,
        straddled=tuple(dict.fromkeys(f.dimension for f in straddle)),
        decisive=decision.decisive.id if decision.decisive else None,
        guidance=found.guidance,
        need_verdict=decision.need_verdict,
        tagline=None if found.kind else questionnaire.verdicts[decision.verdict].tagline,
        open_questions=open_questions(questionnaire, decision.verdict, inputs),
    )


def assess(
    questionnaire: Questionnaire, workshop: Workshop, judge: Judge | None = None
) -> Assessment:
    """Every touchpoint of `workshop`, judged by `questionnaire`. `judge` (of the same
    questionnaire) carries decisions over from other workshops: a portfolio's journeys share
    most sets of answers."""
    judged = judge if judge is not None and judge.questionnaire == questionnaire else None
    judged = judged or Judge(questionnaire)
    results = tuple(assess_touchpoint(questionnaire, t, judged) for t in workshop.touchpoints)
    summary = {v: 0 for v in (*VERDICTS, UNSCORED)}
    for r in results:
        summary[r.recommendation] += 1
    return Assessment(
        workshop=workshop, questionnaire=questionnaire, results=results, summary=summary
    )
