"""The options of `assess portfolio` that a user types as text: the cover's title, organisation
and date, the locale its numbers are written in, and the last portfolio to compare with. Each
bad value is one usage error naming the option (exit 2), its text shown, never obeyed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from assess.textsafety import clip, for_terminal

#: Endings of the workshop files a folder given to --compare is read for.
WORKSHOP_ENDINGS = (".yaml", ".yml")


def _shown(text: str) -> str:
    return for_terminal(clip(text, 40))


class CoverText(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """A line of the cover (its title, the organisation): one line of plain text, at most as
    long as a workshop's title."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from assess.models import NAME_MAX
        from assess.textsafety import without_controls

        raw = str(value)
        cleaned, changed = without_controls(raw.replace("\n", " ").replace("\t", " "))
        if changed:
            self.fail(f"'{_shown(raw)}' holds a control character; give plain text", param, ctx)
        text = " ".join(cleaned.split())
        if not text:
            self.fail("is empty; give the text, or leave the option out", param, ctx)
        if len(text) > NAME_MAX:
            self.fail(f"takes up to {NAME_MAX} characters; this one has {len(text):,}", param, ctx)
        return text


class CoverDate(click.ParamType):  # type: ignore[type-arg]
    """The cover's date, written YYYY-MM-DD."""

    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if len(text) != len("2027-03-01"):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"'{_shown(text)}' is not a date written YYYY-MM-DD, such as 2027-03-01")


class LocaleName(click.ParamType):  # type: ignore[type-arg]
    """A locale Babel knows (en_GB, de_DE, fr-CH), as Babel names it."""

    name = "locale"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from babel import Locale, UnknownLocaleError

        text = str(value).strip().replace("-", "_")
        try:
            return str(Locale.parse(text))
        except (UnknownLocaleError, ValueError, TypeError):
            self.fail(
                f"'{_shown(text)}' is not a locale; give one such as en_GB, de_DE or fr_FR",
                param,
                ctx,
            )


def _is_workshop(path: Path) -> bool:
    """A YAML file in a folder is a workshop if it has touchpoints and no dimensions (a
    questionnaire); a brand file has neither. A file that is not valid YAML is named."""
    from assess.files.reading import read_text
    from assess.files.yamlio import load_data

    data = load_data(read_text(path), str(path))
    return isinstance(data, dict) and "touchpoints" in data and "dimensions" not in data


def old_workshops(paths: tuple[Path, ...]) -> tuple[list[Path], list[Path]]:
    """The last portfolio's workshop files: each file given, and each folder's workshops
    (`*.yaml` and `*.yml` directly in it, by name); and the YAML files in those folders that
    are not workshops (a questionnaire, a brand file), which are left out."""
    from assess.errors import UsageProblem

    found: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        files = sorted(
            p for p in path.iterdir() if p.suffix.lower() in WORKSHOP_ENDINGS and p.is_file()
        )
        workshops = [p for p in files if _is_workshop(p)]
        if not workshops:
            raise UsageProblem(
                f"--compare {path}: the folder holds no workshop file (*.yaml with "
                "touchpoints); give the folder of the last portfolio's journeys"
            )
        found += workshops
        skipped += [p for p in files if p not in workshops]
    return found, skipped
