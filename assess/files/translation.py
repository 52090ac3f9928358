"""A questionnaire's text in another language, as data: the translation file beside it.

``default.de.yaml`` beside ``default.yaml`` holds the German of every text the questionnaire
has, keyed by the ids it already has, so a consultancy translates and versions its method like
the rest of it::

    translation_of: default          # the questionnaire's name
    language: de                     # as in the file's name
    version: "1.2"                   # the questionnaire's version it was written for
    title: ...
    description: ...
    dimensions:
      complexity:
        label: ...
        question: ...
        help: ...
        anchors: {1: {label: ..., text: ...}, ...}
    inputs: {consequence: {label, question, help, options: {reversible: {label, text}}}}
    rules: {volume-must-pay-back: {title, because, evidence}}   # and basis_note, if it has one
    assist_kinds: {agent-assist: {label, summary}}
    verdicts: {automate: {label, summary}}     # and tagline, if it has one
    guidance: {carry-the-volume: ...}
    sources: {huang-rust-2018: ...}
    business_case: {summary, shares: {automate: {basis, evidence}}, priority: {because,
                    bands: {high: {label}}}, build: {basis, run_basis}, representatives}

(Guidance written as lists under an assist kind or a verdict, as questionnaires 1.0 and 1.1 do,
is translated as a list of the same length.)

Only text is translated: ids, weights, thresholds and rules' conditions stay the questionnaire's,
so every verdict is the same in every language. :func:`check` finds every problem (an id the
questionnaire does not have, a text with no translation, a placeholder lost), each with its
file, line and id; :func:`in_language` overlays a translation when a workshop is read in another
language, and says once when there is none (its text then stays in its own language).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import InputError, Problem
from assess.files import resources
from assess.files.problems import Context, as_mapping, shown
from assess.files.reading import read_text
from assess.files.yamlio import load_data
from assess.i18n import LANGUAGES, Language, placeholders
from assess.journeys import Workshop
from assess.models import Questionnaire
from assess.textsafety import clip

#: Where a text is: its keys in the translation file, e.g. ("dimensions", "scale", "label").
Key = tuple[str | int, ...]
#: The keys that say what a translation is, rather than translate a text.
HEADER = ("translation_of", "language", "version")
#: Where a questionnaire came from: a bundled one's name, or its file.
Source = str | Path


def texts(q: Questionnaire) -> dict[Key, str]:
    """Every text of a questionnaire a translation must give, by its keys in the file."""
    found: dict[Key, str] = {("title",): q.title, ("description",): q.description}
    for d in q.dimensions:
        found.update(_fields(("dimensions", d.id), d, "label", "question", "help"))
        for n, a in d.anchors.items():
            found.update(_fields(("dimensions", d.id, "anchors", n), a, "label", "text"))
    for i in q.inputs:
        found.update(_fields(("inputs", i.id), i, "label", "question", "help"))
        for o in i.options:
            found.update(_fields(("inputs", i.id, "options", o.id), o, "label", "text"))
    for r in q.rules:
        found.update(_fields(("rules", r.id), r, "title", "basis_note", "because", "evidence"))
    for k in q.assist_kinds:
        found.update(_fields(("assist_kinds", k.id), k, "label", "summary"))
        found.update(_listed(("assist_kinds", k.id, "guidance"), k.guidance))
    for v, t in q.verdicts.items():
        found.update(_fields(("verdicts", v), t, "label", "tagline", "summary"))
        found.update(_listed(("verdicts", v, "guidance"), t.guidance))
    found.update({("guidance", g.id): g.text for g in q.guidance})
    found.update({("sources", s.id): s.text for s in q.sources})
    if q.business_case is not None:
        found.update(_business_case(q))
    return found


def _fields(key: Key, model: Any, *names: str) -> dict[Key, str]:
    """The texts `names` of `model`; an optional one it does not give (a rule's basis_note, a
    verdict's tagline) is not asked for."""
    return {(*key, name): text for name in names if (text := getattr(model, name)) is not None}


def _listed(key: Key, items: list[str]) -> dict[Key, str]:
    return {(*key, n): text for n, text in enumerate(items)}


def _business_case(q: Questionnaire) -> dict[Key, str]:
    case = q.business_case
    assert case is not None
    found: dict[Key, str] = {("business_case", "summary"): case.summary}
    for verdict in ("automate", "assist", "keep-human"):
        share = case.share(verdict)
        found.update(_fields(("business_case", "shares", verdict), share, "basis", "evidence"))
    if case.priority is not None:
        found[("business_case", "priority", "because")] = case.priority.because
        for band in case.priority.bands:
            found[("business_case", "priority", "bands", band.id, "label")] = band.label
    if case.build is not None:
        found.update(_fields(("business_case", "build"), case.build, "basis", "run_basis"))
    found.update(_fields(("business_case",), case, "representatives"))
    return found


# --- reading and checking a translation ------------------------------------------------------


@dataclass(frozen=True)
class Translation:
    """A checked translation: its language, the texts it gives that fit the questionnaire,
    every problem found (with file, line and id) and what is worth knowing."""

    file: str
    language: str
    texts: dict[Key, str]
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()


def looks_like_translation(data: Any) -> bool:
    return isinstance(data, Mapping) and "translation_of" in data


def _flatten(data: Any, key: Key = ()) -> Iterator[tuple[Key, Any]]:
    """Every leaf of a translation document with its keys; a number written as text ("1")
    is the anchor or position it names."""
    if isinstance(data, Mapping):
        for name, value in data.items():
            if not key and name in HEADER:
                continue
            part: str | int = int(name) if isinstance(name, str) and name.isdigit() else name
            yield from _flatten(value, (*key, part))
    elif isinstance(data, list) and key and key[-1] == "guidance" and len(key) == 3:
        for n, value in enumerate(data):
            yield from _flatten(value, (*key, n))
    else:
        yield key, data


def check(data: Any, file: str, q: Questionnaire, language: str | None = None) -> Translation:
    """Check a translation document against the questionnaire it translates: every problem at
    once, each naming the file, the line and the id. `language` is the one the file's name
    says, if it says one."""
    ctx = Context(file, as_mapping(data, file, "a translation (translation_of, language, ...)"))
    problems, warnings = _header(ctx, q, language)
    wanted = texts(q)
    given: dict[Key, str] = {}
    unknown: set[Key] = set()
    for key, value in _flatten(ctx.data):
        if key not in wanted:
            where, message = _unknown(key, wanted)
            if where not in unknown:  # one problem for an id, not one per text under it
                unknown.add(where)
                problems.append(ctx.problem(where, message))
            continue
        problem = _text_problem(ctx, key, value, wanted[key])
        if problem is None:
            given[key] = value
        else:
            problems.append(problem)
    problems += _missing(ctx, wanted, given, {k for k, _ in _flatten(ctx.data)})
    code = ctx.data.get("language")
    return Translation(
        file,
        code if isinstance(code, str) else "",
        given,
        tuple(sorted(problems, key=lambda p: p.line or 0)),
        tuple(warnings),
    )


def _header(
    ctx: Context, q: Questionnaire, language: str | None
) -> tuple[list[Problem], list[str]]:
    data, problems, warnings = ctx.data, [], []
    if data.get("translation_of") != q.name:
        problems.append(
            ctx.problem(
                ("translation_of",),
                f"translates {shown(data.get('translation_of'))}, but the questionnaire is "
                f"'{clip(q.name)}'",
            )
        )
    code = data.get("language")
    if not isinstance(code, str) or code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        problems.append(ctx.problem(("language",), f"must be one of {known}, got {shown(code)}"))
    elif language is not None and code != language:
        problems.append(
            ctx.problem(("language",), f"is '{code}', but the file's name says '{language}'")
        )
    version = data.get("version")
    if version is not None and str(version) != q.version:
        warnings.append(
            f"written for version {clip(str(version))} of questionnaire {q.name}, which is now "
            f"{q.version}: check the texts that changed"
        )
    return problems, warnings


def _text_problem(ctx: Context, key: Key, value: Any, original: str) -> Problem | None:
    if not isinstance(value, str) or not value.strip():
        return ctx.problem(key, f"must be the translated text, got {shown(value)}")
    expected, got = placeholders(original), placeholders(value)
    if expected != got:
        return ctx.problem(
            key,
            f"placeholders differ: the questionnaire has {', '.join(expected) or 'none'}, the "
            f"translation {', '.join(got) or 'none'}",
        )
    return None


def _unknown(key: Key, wanted: Mapping[Key, str]) -> tuple[Key, str]:
    """The first part of `key` the questionnaire does not have (its keys up to it), and what
    to say about it, with the nearest the questionnaire does have."""
    for depth in range(len(key)):
        siblings = {w[depth] for w in wanted if w[:depth] == key[:depth] and len(w) > depth}
        if key[depth] not in siblings:
            name = clip(str(key[depth]), 40)
            where = ".".join(str(k) for k in key[:depth]) or "the top level"
            close = difflib.get_close_matches(str(key[depth]), [str(s) for s in siblings], n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return key[: depth + 1], f"'{name}' is not in the questionnaire at {where}{hint}"
    return key, "is not a text of the questionnaire (a section, not a text?)"


def _missing(
    ctx: Context, wanted: Mapping[Key, str], given: Mapping[Key, str], present: set[Key]
) -> list[Problem]:
    """The texts with no translation: one problem per id with none of its texts translated
    (naming what it needs), else one per text."""
    absent = [k for k in wanted if k not in given and k not in present]
    whole: dict[Key, list[str]] = {}
    for key in absent:
        owner = key[:2] if len(key) > 2 else key
        if not any(k[: len(owner)] == owner for k in present):
            whole.setdefault(owner, []).append(".".join(str(k) for k in key[len(owner) :]))
    problems = []
    for owner, parts in whole.items():
        fields = ", ".join(dict.fromkeys(p.split(".")[0] for p in parts if p))
        problems.append(
            ctx.problem(owner, f"not translated ({fields})" if fields else "not translated")
        )
    for key in absent:
        owner = key[:2] if len(key) > 2 else key
        if owner not in whole:
            problems.append(
                ctx.problem(key, f"not translated (the questionnaire: '{clip(wanted[key], 50)}')")
            )
    return problems


def read_translation(path: Path, q: Questionnaire) -> Translation:
    file = str(path)
    return check(
        load_data(read_text(path), file), file, q, resources.translation_language(path.name)
    )


# --- applying it -------------------------------------------------------------------------------


def apply(q: Questionnaire, given: Mapping[Key, str], language: str) -> Questionnaire:
    """The questionnaire with the given texts in place of its own: everything else (ids,
    weights, thresholds, conditions) is unchanged, so every verdict is too."""
    data = q.model_dump(by_alias=True)
    data["language"] = language
    for key, text in given.items():
        _put(data, key, text)
    return Questionnaire.model_validate(data)


def _put(data: Any, key: Key, text: str) -> None:
    node = data
    for part in key[:-1]:
        if isinstance(node, list):  # a section of items with ids
            node = next(item for item in node if item.get("id") == part)
        else:
            node = node[part]
    if isinstance(node, list) and not isinstance(key[-1], int):
        item = next(item for item in node if item.get("id") == key[-1])
        item["text"] = text
    else:
        node[key[-1]] = text


# --- finding it --------------------------------------------------------------------------------


def translation_path(source: Source, code: str) -> Path | None:
    """The translation of a questionnaire file into `code`, beside it: my-q.de.yaml."""
    if isinstance(source, str):
        return None
    return source.with_name(f"{source.stem}.{code}{source.suffix}")


#: Bundled translations, read once per process (they never change while it runs).
_bundled: dict[tuple[str, str], Translation | None] = {}


def bundled_translation(name: str, code: str, q: Questionnaire) -> Translation | None:
    """The bundled translation of the bundled questionnaire `name` (which is `q`)."""
    if (name, code) not in _bundled:
        entry = resources.bundled_translations(code).get(name)
        found = None
        if entry is not None:
            file = f"<bundled {name}.{code}>"
            found = check(load_data(entry.read_text(encoding="utf-8"), file), file, q, code)
        _bundled[name, code] = found
    return _bundled[name, code]


def in_language(
    q: Questionnaire, source: Source, language: Language
) -> tuple[Questionnaire, list[str]]:
    """The questionnaire's text in `language`, from the translation beside it, and what the
    reader should know (said once): there is no translation, or it is incomplete."""
    if language.code == q.language:
        return q, []
    name = source if isinstance(source, str) else source.name
    found = _translation(q, source, language.code)
    if found is None:
        where = translation_path(source, language.code)
        beside = f" ({where.name} beside it)" if where else ""
        return q, [
            f"questionnaire {name} has no {language.name} translation{beside}; its text stays "
            f"in {LANGUAGES.get(q.language, q.language)}"
        ]
    notes = []
    if found.problems:
        notes.append(
            f"{found.file} has {len(found.problems)} problem(s); the texts concerned stay in "
            f"{LANGUAGES.get(q.language, q.language)} (see `assess validate {found.file}`)"
        )
    return apply(q, found.texts, language.code), notes


def _translation(q: Questionnaire, source: Source, code: str) -> Translation | None:
    if isinstance(source, str):
        return bundled_translation(source, code, q)
    path = translation_path(source, code)
    if path is None or not path.is_file():
        return None
    try:
        return read_translation(path, q)
    except InputError as exc:  # not even a mapping: nothing of it is used
        return Translation(str(path), code, {}, tuple(exc.problems))


def localised(workshop: Workshop, language: Language) -> Workshop:
    """The workshop with its numbers written for `language`, unless its economics name a
    locale of their own."""
    economics = workshop.economics
    if economics is None or "locale" in economics.model_fields_set:
        return workshop
    return workshop.model_copy(
        update={"economics": economics.model_copy(update={"locale": language.locale})}
    )
