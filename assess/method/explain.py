"""Verdicts in plain words: the reasons a reader sees, and rules described for the appendix, in
the language of the current context (:mod:`assess.i18n`). Pure: text in, text out.

Every reason is a whole sentence of the catalog with named placeholders, so a translation can
order its words as its language does; each is a :class:`Reason`, which also says what kind of
reason it is, so a page finds its basis or puts the deciding guardrail first without reading
its words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from assess.i18n import _, in_sentence, ngettext
from assess.method.consensus import Consensus
from assess.method.decision import Answers, Decision, level, rank
from assess.method.words import join_words, number, verdict_word
from assess.models import AssistKind, Condition, Dimension, Questionnaire, Rule

__all__ = ["Reason", "join_words", "reasons", "team_reasons"]

#: What a reason is about (:attr:`Reason.kind`).
TOWARD_AUTOMATION, TOWARD_PERSON, FIT = "toward-automation", "toward-person", "fit"
DECIDES, HOLDS, OUTRANKED = "decides", "holds", "outranked"
BASIS, ANSWERED, KIND, TAGLINE = "basis", "answered", "kind", "tagline"
CONSENSUS, SPLIT, SETTLED, STRADDLE = "consensus", "split", "settled", "straddle"
NOT_ASSESSED = "not-assessed"
#: The reasons about the team's votes, which a touchpoint page shows in each answer's row.
VOTES = (CONSENSUS, SPLIT, SETTLED)


class Reason(str):
    """A reason as a reader sees it, in the current language, and what it is about (`kind`).
    `detail` is what a page says of it in a line of its own: for the basis, the sentence that
    starts "Rests on"; for the answers that point toward a person, those answers."""

    kind: str
    detail: str

    def __new__(cls, text: str, kind: str, detail: str = "") -> Reason:
        made = super().__new__(cls, text)
        made.kind = kind
        made.detail = detail
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Reason, (str(self), self.kind, self.detail))


def _answer(d: Dimension, score: int) -> str:
    return _("%(question)s %(score)s (%(answer)s)") % {
        "question": in_sentence(d.label),
        "score": score,
        "answer": in_sentence(d.anchors[score].label),
    }


def _range(label: str, low: int | None, high: int | None) -> str:
    said = {"question": label, "low": low, "high": high}
    if low is not None and high is not None:
        return _("%(question)s %(low)s to %(high)s") % said
    if low is not None:
        return _("%(question)s %(low)s or more") % said
    return _("%(question)s %(high)s or less") % said


def describe_condition(questionnaire: Questionnaire, condition: Condition) -> str:
    parts = []
    for key, rng in condition.items():
        label = in_sentence(questionnaire.label_of(key))
        if key in questionnaire.input_ids:
            options = questionnaire.optional_input(key).options
            low, high = rng.min or 1, rng.max or len(options)
            named = [in_sentence(o.label) for o in options[low - 1 : high]]
            parts.append(
                _("%(question)s: %(answers)s")
                % {"question": label, "answers": join_words(named, "or")}
            )
        else:
            parts.append(_range(label, rng.min, rng.max))
    said = parts[0] if parts else ""
    for part in parts[1:]:  # every condition holds: "a and b and c"
        said = _("%(first)s and %(last)s") % {"first": said, "last": part}
    return said


def describe_effect(rule: Rule) -> str:
    """What a rule does, as said inside a sentence: 'never automate', 'keep it human'."""
    if rule.then.at_least:
        return {
            "assist": _("never automate"),
            "keep-human": _("keep it human"),
            "automate": _("no limit"),
        }[rule.then.at_least]
    # A ceiling at assist asks for technology beside the person: never people alone.
    return {
        "automate": _("automate it"),
        "assist": _("not people alone"),
        "keep-human": _("no limit"),
    }[level(rule)]


def _fit_sentence(q: Questionnaire, decision: Decision) -> str:
    said = {
        "fit": decision.fit,
        "automate": number(q.thresholds.automate),
        "assist": number(q.thresholds.assist),
    }
    if decision.base == "automate":
        return (
            _(
                "Automation fit %(fit)s/100 is at or above the automate threshold of %(automate)s, "
                "which alone suggests automate."
            )
            % said
        )
    if decision.base == "assist":
        return (
            _(
                "Automation fit %(fit)s/100 is between the assist threshold of %(assist)s and the "
                "automate threshold of %(automate)s, which alone suggests assist."
            )
            % said
        )
    return (
        _(
            "Automation fit %(fit)s/100 is below the assist threshold of %(assist)s, which alone "
            "suggests keep-human."
        )
        % said
    )


def _carried(decision: Decision) -> bool:
    """Payback the other way: more volume than people alone can carry calls for technology
    beside them (a ceiling), where too little volume holds automation back (a floor)."""
    return rank(decision.verdict) < rank(decision.need_verdict) or any(
        r.basis == "payback" and r.then.at_most and level(r) == decision.verdict
        for r in decision.fired
    )


def _basis_rest(q: Questionnaire, volume: str, decision: Decision) -> str:
    """What follows the basis's first sentence: why it rests where it does."""
    said = {"volume": volume, "need": verdict_word(decision.need_verdict)}
    carried = _carried(decision)
    if decision.basis == "payback" and carried:
        return (
            _(
                "What the customer needs alone would give %(need)s, but with %(volume)s people "
                "alone cannot carry it: technology takes the volume and a person still leads."
            )
            % said
        )
    if decision.basis == "payback":
        return (
            _(
                "The moment itself would allow %(need)s, but with %(volume)s automating it end to "
                "end would not pay back."
            )
            % said
        )
    if decision.basis == "both" and carried:
        return (
            _(
                "What the customer needs gives this verdict, and with %(volume)s people alone "
                "could not carry it either."
            )
            % said
        )
    if decision.basis == "both":
        return (
            _(
                "What the customer needs gives this verdict, and with %(volume)s automating it "
                "would not pay back either."
            )
            % said
        )
    # A need guardrail that keeps the verdict where it is may say why in a sentence of its own.
    notes = [
        r.basis_note
        for r in decision.fired
        if r.basis == "need" and r.basis_note and r.then.at_least and level(r) == decision.verdict
    ]
    unchanged = _("The volume, %(volume)s, does not change this verdict.") % said
    return " ".join([*dict.fromkeys(notes), unchanged])


def basis_sentence(q: Questionnaire, answers: Answers, decision: Decision) -> Reason:
    """Whether the verdict rests on the customer's need for a person, on whether automating
    pays back, or on both: a reason ("Basis: payback. ..."), whose detail is the line a
    touchpoint page shows ("Rests on payback. ...")."""
    payback = [d for d in q.dimensions if d.role == "payback"]
    volume = join_words([_answer(d, answers[d.id]) for d in payback]) or _("volume")
    rest = _basis_rest(q, volume, decision)
    if decision.basis == "payback":
        lead, page = _("Basis: payback."), _("Rests on payback.")
    elif decision.basis == "both":
        lead = _("Basis: customer need and payback.")
        page = _("Rests on customer need and payback.")
    else:
        lead, page = _("Basis: customer need."), _("Rests on customer need.")
    return Reason(f"{lead} {rest}", BASIS, f"{page} {rest}")


def _guardrail(q: Questionnaire, rule: Rule, decision: Decision) -> Reason:
    said = {
        "rule": rule.title,
        "when": describe_condition(q, rule.when),
        "effect": describe_effect(rule),
        "base": verdict_word(decision.base),
        "verdict": verdict_word(decision.verdict),
    }
    if rule is decision.decisive:
        text = _(
            "Guardrail \u201c%(rule)s\u201d decides (%(when)s): %(effect)s, so %(base)s becomes "
            "%(verdict)s."
        )
        return Reason(f"{text % said} {rule.because}", DECIDES)
    if rule.then.at_most and rank(decision.verdict) > rank(level(rule)):
        text = _(
            "Guardrail \u201c%(rule)s\u201d holds (%(when)s), but a guardrail on the customer's "
            "need outranks it."
        )
        return Reason(text % said, OUTRANKED)
    return Reason(
        _("Guardrail \u201c%(rule)s\u201d also holds (%(when)s): %(effect)s.") % said, HOLDS
    )


def reasons(
    q: Questionnaire, answers: Answers, decision: Decision, kind: AssistKind | None
) -> Iterable[Reason]:
    need = [d for d in q.dimensions if d.role == "need"]
    toward_auto = [_answer(d, answers[d.id]) for d in need if d.toward_automation(answers[d.id])]
    toward_human = [_answer(d, answers[d.id]) for d in need if d.toward_person(answers[d.id])]
    if toward_auto:
        listed = join_words(toward_auto)
        said = _("Points toward automation: %(answers)s.") % {"answers": listed}
        yield Reason(said, TOWARD_AUTOMATION, listed)
    if toward_human:
        listed = join_words(toward_human)
        said = _("Points toward a person: %(answers)s.") % {"answers": listed}
        yield Reason(said, TOWARD_PERSON, listed)
    yield Reason(_fit_sentence(q, decision), FIT)
    for rule in decision.fired:
        yield _guardrail(q, rule, decision)
    yield basis_sentence(q, answers, decision)
    answered = [
        _("%(question)s: %(answer)s")
        % {
            "question": in_sentence(i.label),
            "answer": in_sentence(i.options[answers[i.id] - 1].label),
        }
        for i in q.inputs
        if i.id in answers
    ]
    if answered:
        listed = join_words(answered)
        yield Reason(_("Optional questions answered: %(answers)s.") % {"answers": listed}, ANSWERED)
    if kind is not None:
        said = _("Kind of assistance: %(kind)s.") % {"kind": in_sentence(kind.label)}
        yield Reason(f"{said} {kind.summary}", KIND)
    meaning = q.verdicts[decision.verdict]
    if kind is None and meaning.tagline:
        yield Reason(f"{sentence(meaning.tagline)} {meaning.summary}", TAGLINE)


def not_assessed(q: Questionnaire, missing: Sequence[str]) -> Reason:
    labels = ", ".join(in_sentence(q.dimension(m).label) for m in missing)
    said = _("Not yet assessed: no answer yet for %(questions)s.") % {"questions": labels}
    return Reason(said, NOT_ASSESSED)


def sentence(text: str) -> str:
    """`text` ending as a sentence ends: with its own stop, or a full stop added."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def settled_sentence(c: Consensus) -> Reason:
    """A split the room settled, with its reason when the room gave one."""
    said = {"question": in_sentence(c.label), "low": c.low, "high": c.high, "value": c.settled}
    if c.reason:
        text = _(
            "The team disagreed on %(question)s (votes from %(low)s to %(high)s); the room "
            "settled it at %(value)s: %(reason)s"
        ) % {**said, "reason": sentence(c.reason)}
    else:
        text = (
            _(
                "The team disagreed on %(question)s (votes from %(low)s to %(high)s); the room "
                "settled it at %(value)s."
            )
            % said
        )
    return Reason(text, SETTLED)


def _split(c: Consensus) -> Reason:
    said = {
        "question": in_sentence(c.label),
        "low": c.low,
        "high": c.high,
        "votes": c.describe_votes(),
    }
    text = _("The team disagrees on %(question)s: votes from %(low)s to %(high)s (%(votes)s).")
    return Reason(text % said, SPLIT)


def team_reasons(team: Mapping[str, Consensus], straddled: Sequence[str] = ()) -> list[Reason]:
    found = [Reason(c.explain(), CONSENSUS) for c in team.values()]
    found += [_split(c) if c.open else settled_sentence(c) for c in team.values() if c.disagreement]
    found += [
        Reason(
            _(
                "The votes on %(question)s straddle this verdict: with the lowest or the highest "
                "vote it would be a different one."
            )
            % {"question": in_sentence(team[d].label)},
            STRADDLE,
        )
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
