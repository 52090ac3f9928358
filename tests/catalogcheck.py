"""What the program's catalogs must hold: every message the source marks, translated, with the
same placeholders. Extracted from the source the way `pybabel extract -F babel.cfg` does, so a
string marked today and not yet translated fails the suite."""

from __future__ import annotations

import configparser
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

from assess.i18n import placeholders

ROOT = Path(__file__).resolve().parent.parent


def method_map() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """babel.cfg's sections, as extract_from_dir takes them."""
    parser = configparser.RawConfigParser()
    parser.read(ROOT / "babel.cfg", encoding="utf-8")
    methods, options = [], {}
    for section in parser.sections():
        method, pattern = (part.strip() for part in section.split(":", 1))
        methods.append((pattern, method))
        options[pattern] = dict(parser.items(section))
    return methods, options


#: A message with a context (pgettext) is keyed "context\x04message", as gettext keys it.
CONTEXT = "\x04"


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every message the source marks (its id, or its singular and plural; with its context
    before CONTEXT where it has one), with where."""
    methods, options = method_map()
    found: dict[str | tuple[str, ...], list[str]] = {}
    for filename, line, message, _, context in extract_from_dir(
        ROOT, methods, options, keywords=DEFAULT_KEYWORDS
    ):
        key: str | tuple[str, ...] = message if isinstance(message, str) else tuple(message[:2])
        if context:
            key = (
                f"{context}{CONTEXT}{key}"
                if isinstance(key, str)
                else (
                    f"{context}{CONTEXT}{key[0]}",
                    key[1],
                )
            )
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


def _split(msgid: str) -> tuple[str | None, str]:
    context, _, message = msgid.rpartition(CONTEXT)
    return context or None, message


def _forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def problems(catalog: Catalog, source: Iterable[str | tuple[str, ...]]) -> list[str]:
    """What is wrong with one catalog against the messages of the source: a message missing,
    untranslated or fuzzy, a plural form left empty, a placeholder lost or added, and a message
    the source no longer has (run `pybabel update`)."""
    wanted = list(source)
    found = []
    for key in wanted:
        context, msgid = _split(key if isinstance(key, str) else key[0])
        message = catalog.get(msgid, context=context)
        if message is None:
            found.append(f"missing: {msgid!r}")
            continue
        if message.fuzzy:
            found.append(f"fuzzy (a guess, not a translation): {msgid!r}")
        forms = _forms(message)
        if len(forms) != (catalog.num_plurals if isinstance(key, tuple) else 1):
            found.append(f"wrong number of forms: {msgid!r}")
        ids = [msgid] if isinstance(key, str) else [msgid, key[1]]
        for form in forms:
            if not form.strip():
                found.append(f"not translated: {msgid!r}")
            elif placeholders(form) not in [placeholders(i) for i in ids]:
                found.append(f"placeholders differ: {msgid!r} -> {form!r}")
    ids = {k if isinstance(k, str) else k[0] for k in wanted}
    found += [f"not in the source: {m.id!r}" for m in catalog if m.id and _id(m) not in ids]
    return found


def _id(message: Message) -> str:
    """The key a message has in `extracted`: its id (its singular), after its context."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return f"{message.context}{CONTEXT}{msgid}" if message.context else msgid
