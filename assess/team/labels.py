"""What a spreadsheet cell says to a question, and the labels a handout's drop-downs offer.
Pure: text in, an answer or a ValueError that lists the accepted labels out.

A cell answers a dimension with its number ("3"), its drop-down label ("3 - Some judgement")
or the label alone ("some judgement"), and an optional question with its option's label
("Harmful or irreversible") or id ("harmful"). Case and spacing do not count, as Calc's
drop-down accepts "3 - some judgement". A cell dragged down with the fill handle counts its
number up and keeps the label ("2 - Scripted", where 2 is Routine): number and label then
disagree, and that is said, never guessed.
"""

from __future__ import annotations

import re

from assess.models import SCORE_MAX, SCORE_MIN, Dimension, OptionalInput
from assess.textsafety import clip, for_terminal

#: A number, then a dash, colon or full stop and a label: "3 - Some judgement", "3: some".
_NUMBERED = re.compile(r"\+?(\d{1,4})(?:\s*[-\u2010-\u2015:.]\s*(\S.*))?", re.DOTALL)


def answer_label(score: int, dimension: Dimension) -> str:
    """What a drop-down shows for an answer: its number and its anchor's label."""
    return f"{score} - {dimension.anchors[score].label}"


def answer_labels(dimension: Dimension) -> list[str]:
    return [answer_label(score, dimension) for score in sorted(dimension.anchors)]


def key(text: str) -> str:
    """Text as labels are compared: case, spacing and dashes do not count."""
    text = re.sub(r"[\u2010-\u2015]", "-", text.casefold())
    return " ".join(re.sub(r"\s*-\s*", " - ", text).split())


def read_answer(raw: str, dimension: Dimension) -> int:
    """The score a cell gives a dimension; a ValueError says why not and what is accepted."""
    text = raw.strip()
    by_label = {key(a.label): score for score, a in dimension.anchors.items()}
    numbered = _NUMBERED.fullmatch(text)
    if numbered is None:
        found = by_label.get(key(text))
        if found is None:
            raise ValueError(_accepted(dimension, f"got '{shown(text)}'"))
        return found
    digits, label = numbered.group(1), (numbered.group(2) or "").strip()
    number = int(digits)
    if str(number) != digits or not SCORE_MIN <= number <= SCORE_MAX:
        raise ValueError(_accepted(dimension, f"got '{shown(text)}'"))
    if not label:
        return number
    meant = by_label.get(key(label))
    if meant is None:
        raise ValueError(_accepted(dimension, f"got '{shown(text)}'"))
    if meant != number:
        raise ValueError(
            f"number {number} and label '{shown(label)}' disagree ({number} is "
            f"'{dimension.anchors[number].label}', '{shown(label)}' is {meant}); was the cell "
            "dragged down with the fill handle? Choose the answer again from the list"
        )
    return number


def _accepted(dimension: Dimension, got: str) -> str:
    labels = ", ".join(f"'{label}'" for label in answer_labels(dimension))
    return f"must be one of {labels} (or the number {SCORE_MIN} to {SCORE_MAX}), {got}"


def read_option(raw: str, question: OptionalInput) -> str:
    """The option id a cell gives an optional question, by the option's label or id."""
    text = key(raw.strip())
    for option in question.options:
        if text in (key(option.label), key(option.id)):
            return option.id
    labels = ", ".join(f"'{o.label}'" for o in question.options)
    raise ValueError(f"must be one of {labels}, or left empty; got '{shown(raw.strip())}'")


def shown(text: str) -> str:
    """A cell's text quoted on one line: a line break or tab in it is shown escaped."""
    return clip(for_terminal(text.replace("\n", "\\n").replace("\t", "\\t")))
