"""The columns a spreadsheet of touchpoints may have, and how each cell becomes a value. A table,
so a new touchpoint field is one line: a text field in :data:`assess.models.TOUCHPOINT_TEXT_MAX`,
a number in :data:`FACTS` here, a column of the business case in
:data:`assess.team.casecolumns.CASE_COLUMNS`.

Besides these, a sheet may have a column per question of the questionnaire (its id), a note
per question (``complexity note``), the handout's hidden ``ref`` (the touchpoint's stable id)
and ``workshop`` (a CSV handout's workshop title). A header matches ignoring case, spacing
and a trailing remark in brackets ("Handle minutes (if you know)" is ``handle_minutes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from assess.economics import MAX_MINUTES, MAX_VOLUME, amount
from assess.models import TOUCHPOINT_TEXT_MAX, Questionnaire
from assess.team.casecolumns import CASE_COLUMNS, parse_share
from assess.team.plancolumns import PLAN_COLUMNS

TEXT_COLUMNS = tuple(TOUCHPOINT_TEXT_MAX)
#: The hidden column of a handout that names each touchpoint whatever is typed over its name.
REF = "ref"
#: A CSV handout's workshop title, on every row (a workbook keeps it on its About sheet).
WORKSHOP = "workshop"
NOTE = "_note"
#: 45000, 45,000, 45.000 or 45 000 (a spreadsheet's thousands separators); 6, 6.5 or 6,5.
_WHOLE = re.compile(r"\d+|\d{1,3}(?:([,. \u00a0])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")


def parse_number(raw: str, whole: bool) -> int | float:
    """A volume (whole) or a handle time as a spreadsheet or a person writes it, within the
    workshop file's bounds; a ValueError says what is allowed."""
    pattern, low, high = (_WHOLE, 1, MAX_VOLUME) if whole else (_DECIMAL, 0, MAX_MINUTES)
    if not raw.isascii() or not pattern.fullmatch(raw) or len(raw) > 20:
        amount(None, low, high, whole, above=not whole)  # raises the file's own message
    digits = re.sub(r"[,. \u00a0]", "", raw) if whole else raw.replace(",", ".")
    found: int | float = amount(
        int(digits) if whole else float(digits), low, high, whole, not whole
    )
    return found


@dataclass(frozen=True)
class Fact:
    """A number about a touchpoint that is known, not voted on: asked "if you know"."""

    read: Callable[[str], int | float]
    #: The handout's note on the column's header.
    help: str


#: Facts, not votes: each a touchpoint field, how its cell is read, and what it asks.
FACTS: dict[str, Fact] = {
    "volume": Fact(partial(parse_number, whole=True), "Contacts a month, all channels."),
    "handle_minutes": Fact(
        partial(parse_number, whole=False), "Minutes a person spends on one contact today."
    ),
    "staffed_share": Fact(
        parse_share,
        "The share of contacts a person handles today, from 0 to 1 (0.8 or 80%); empty: all.",
    ),
}


def header_key(text: str) -> str:
    """A header as a column's name: "Handle minutes (if you know)" is handle_minutes."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def questions(questionnaire: Questionnaire) -> list[str]:
    """Every question a sheet may answer: the dimensions, then the optional questions."""
    return [*questionnaire.dimension_ids, *questionnaire.input_ids]


def allowed(questionnaire: Questionnaire) -> list[str]:
    """Every column a sheet of touchpoints may have, in a handout's order of kinds."""
    asked = questions(questionnaire)
    return [
        *TEXT_COLUMNS,
        *FACTS,
        *CASE_COLUMNS,
        *PLAN_COLUMNS,
        *asked,
        *(q + NOTE for q in asked),
        REF,
        WORKSHOP,
    ]
