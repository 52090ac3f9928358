"""The suggested `business_case.shares` as a YAML file for the questionnaire's owner (issue 28).
Pure: the fragment's data in, YAML text out; :mod:`assess.files.storage` writes it.

Every text from a workshop (a journey's title, a touchpoint's name) is a YAML value, written and
escaped by the YAML emitter, never part of a comment. One YAML document per questionnaire that
has a share to suggest.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from assess.files.yamlio import yaml_round_trip
from assess.method.measured import MIN_MOVES

#: The fragment's first line; `assess portfolio` replaces a file that starts with it.
FIRST_LINE = "# Suggested business_case.shares, measured from outcomes"


def header(today: str) -> str:
    return "\n".join(
        [
            f"{FIRST_LINE} (assess portfolio, {today}).",
            "# For the questionnaire's owner to weigh and copy by hand: assess never changes",
            "# a questionnaire by itself. Under business_case.shares, each verdict measured in",
            f"# {MIN_MOVES} moves or more: the lowest, the median and the highest share measured,",
            "# the questionnaire's own basis, and in evidence what the measure rests on. Under",
            "# measured, every outcome counted. Replace those verdicts in the questionnaire's",
            "# business_case.shares (keep-human stays 0), then check it: assess validate FILE.",
            "",
        ]
    )


def fragment_yaml(docs: Sequence[Mapping[str, Any]], today: str) -> str:
    out = io.StringIO()
    out.write(header(today))
    for n, doc in enumerate(docs):
        if n:
            out.write("---\n")
        yaml_round_trip().dump(_plain(doc), out)
    return out.getvalue()


def _plain(value: Any) -> Any:
    """Mappings and lists as the plain types the emitter writes in block style."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
