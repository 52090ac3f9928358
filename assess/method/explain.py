"""Verdicts in plain words: the reasons a reader sees, and rules described for the appendix.
Pure: text in, text out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from assess.i18n import ngettext
from assess.method.consensus import Consensus
from assess.method.decision import Answers, Decision, level, rank
from assess.models import AssistKind, Condition, Dimension, Questionnaire, Rule


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _answer(d: Dimension, score: int) -> str:
    return f"{d.label.lower()} {score} ({d.anchors[score].label.lower()})"


def describe_condition(questionnaire: Questionnaire, condition: Condition) -> str:
    parts = []
    for key, rng in condition.items():
        label = questionnaire.label_of(key).lower()
        if key in questionnaire.input_ids:
            options = questionnaire.optional_input(key).options
            low, high = rng.min or 1, rng.max or len(options)
            named = [o.label.lower() for o in options[low - 1 : high]]
            parts.append(f"{label}: {join_words(named, 'or')}")
        elif rng.min is not None and rng.max is not None:
            parts.append(f"{label} {rng.min} to {rng.max}")
        elif rng.min is not None:
            parts.append(f"{label} {rng.min} or more")
        else:
            parts.append(f"{label} {rng.max} or less")
    return " and ".join(parts)


def describe_effect(rule: Rule) -> str:
    if rule.then.at_least:
        return {
            "assist": "never automate",
            "keep-human": "keep it human",
            "automate": "no limit",
        }[rule.then.at_least]
    # A ceiling at assist asks for technology beside the person: never people alone.
    return {"automate": "automate it", "assist": "not people alone", "keep-human": "no limit"}[
        level(rule)
    ]


#: The first words of the reason that states a verdict's basis; the report finds it by them.
BASIS = "Basis: "
#: The first words of the reason that lists the optional questions answered (a touchpoint page
#: shows them in a line of their own).
ANSWERED = "Optional questions answered: "


def _band(q: Questionnaire, base: str) -> str:
    t = q.thresholds
    return {
        "automate": f"at or above the automate threshold of {t.automate:g}",
        "assist": (
            f"between the assist threshold of {t.assist:g} "
            f"and the automate threshold of {t.automate:g}"
        ),
        "keep-human": f"below the assist threshold of {t.assist:g}",
    }[base]


def basis_sentence(q: Questionnaire, answers: Answers, decision: Decision) -> str:
    """Whether the verdict rests on the customer's need for a person, on whether automating
    pays back, or on both; always the first words of one reason, so readers can find it."""
    payback = [d for d in q.dimensions if d.role == "payback"]
    volume = join_words([_answer(d, answers[d.id]) for d in payback]) or "volume"
    # Payback works both ways: too little volume holds automation back (a floor), and more
    # volume than people alone can carry calls for technology beside them (a ceiling).
    carried = rank(decision.verdict) < rank(decision.need_verdict) or any(
        r.basis == "payback" and r.then.at_most and level(r) == decision.verdict
        for r in decision.fired
    )
    if decision.basis == "payback" and carried:
        return (
            f"{BASIS}payback. What the customer needs alone would give "
            f"{decision.need_verdict}, but with {volume} people alone cannot carry it: "
            "technology takes the volume and a person still leads."
        )
    if decision.basis == "payback":
        return (
            f"{BASIS}payback. The moment itself would allow {decision.need_verdict}, but with "
            f"{volume} automating it end to end would not pay back."
        )
    if decision.basis == "both":
        why = (
            "people alone could not carry it either"
            if carried
            else "automating it would not pay back either"
        )
        return (
            f"{BASIS}customer need and payback. What the customer needs gives this verdict, "
            f"and with {volume} {why}."
        )
    # A need guardrail that keeps the verdict where it is may say why in a sentence of its own.
    notes = [
        r.basis_note
        for r in decision.fired
        if r.basis == "need" and r.basis_note and r.then.at_least and level(r) == decision.verdict
    ]
    said = "".join(f" {n}" for n in dict.fromkeys(notes))
    return f"{BASIS}customer need.{said} The volume, {volume}, does not change this verdict."


def reasons(
    q: Questionnaire, answers: Answers, decision: Decision, kind: AssistKind | None
) -> Iterable[str]:
    need = [d for d in q.dimensions if d.role == "need"]
    toward_auto = [_answer(d, answers[d.id]) for d in need if d.toward_automation(answers[d.id])]
    toward_human = [_answer(d, answers[d.id]) for d in need if d.toward_person(answers[d.id])]
    if toward_auto:
        yield f"Points toward automation: {join_words(toward_auto)}."
    if toward_human:
        yield f"Points toward a person: {join_words(toward_human)}."
    yield (
        f"Automation fit {decision.fit}/100 is {_band(q, decision.base)}, which alone "
        f"suggests {decision.base}."
    )
    for rule in decision.fired:
        when = describe_condition(q, rule.when)
        if rule is decision.decisive:
            yield (
                f"Guardrail \u201c{rule.title}\u201d decides ({when}): {describe_effect(rule)}, "
                f"so {decision.base} becomes {decision.verdict}. {rule.because}"
            )
        elif rule.then.at_most and rank(decision.verdict) > rank(level(rule)):
            yield (
                f"Guardrail \u201c{rule.title}\u201d holds ({when}), but a guardrail on the "
                "customer's need outranks it."
            )
        else:
            effect = describe_effect(rule)
            yield f"Guardrail \u201c{rule.title}\u201d also holds ({when}): {effect}."
    yield basis_sentence(q, answers, decision)
    answered = [
        f"{i.label.lower()}: {i.options[answers[i.id] - 1].label.lower()}"
        for i in q.inputs
        if i.id in answers
    ]
    if answered:
        yield f"{ANSWERED}{join_words(answered)}."
    if kind is not None:
        yield f"Kind of assistance: {kind.label.lower()}. {kind.summary}"
    meaning = q.verdicts[decision.verdict]
    if kind is None and meaning.tagline:
        yield f"{meaning.tagline}. {meaning.summary}"


def not_assessed(q: Questionnaire, missing: Sequence[str]) -> str:
    labels = ", ".join(q.dimension(m).label.lower() for m in missing)
    return f"Not yet assessed: no answer yet for {labels}."


def sentence(text: str) -> str:
    """`text` ending as a sentence ends: with its own stop, or a full stop added."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def settled_sentence(c: Consensus) -> str:
    """A split the room settled, with its reason when the room gave one."""
    text = (
        f"The team disagreed on {c.label.lower()} (votes from {c.low} to {c.high}); "
        f"the room settled it at {c.settled}"
    )
    return f"{text}: {sentence(c.reason)}" if c.reason else f"{text}."


def team_reasons(team: Mapping[str, Consensus], straddled: Sequence[str] = ()) -> list[str]:
    found = [c.explain() for c in team.values()]
    found += [
        f"The team disagrees on {c.label.lower()}: "
        f"votes from {c.low} to {c.high} ({c.describe_votes()})."
        if c.open
        else settled_sentence(c)
        for c in team.values()
        if c.disagreement
    ]
    found += [
        f"The votes on {team[d].label.lower()} straddle this verdict: with the lowest or the "
        "highest vote it would be a different one."
        for d in straddled
    ]
    return found


def optional_sentence(questionnaire: Questionnaire) -> str:
    """How many optional questions the questionnaire asks, counted from it ("" for none)."""
    n = len(questionnaire.inputs)
    if not n:
        return ""
    return ngettext(
        "%(n)d optional question sharpens the verdict where the evidence says it matters.",
        "%(n)d optional questions sharpen the verdict where the evidence says they matter.",
        n,
    ) % {"n": n}
