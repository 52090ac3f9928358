"""Team self-assessment: merge individual files into one workshop with everyone's votes.
Pure: people's returned files in, a document out.

Touchpoints are matched by a handout's stable ref first (its hidden column, which a typo in a
name or a sort does not change), then by id, then by name. A touchpoint someone renamed keeps
its votes; the merge says so, and its notes say what they called it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from assess.errors import InputError, Problem
from assess.files import editing, resources
from assess.files.loader import identity
from assess.files.reading import relative_ref
from assess.journeys import Touchpoint
from assess.method.scoring import Judge, assess_touchpoint
from assess.method.valuecheck import KEEP_HUMAN
from assess.team import ballots, carried
from assess.team.ballots import Entry
from assess.team.compare import TouchpointIndex
from assess.team.sheets import Returned
from assess.textsafety import clip


@dataclass
class Merged:
    document: CommentedMap
    people: list[str]
    #: Things the facilitator should know: touchpoints only some people had, metadata that differs.
    report: list[str] = field(default_factory=list)
    #: The questionnaire file the inputs use, when it is not a bundled one.
    questionnaire: Path | None = None


def _rebased_questionnaire(inputs: Sequence[Returned], out_folder: Path) -> tuple[str, Path | None]:
    """The questionnaire reference for the merged file, rebased from the first input's folder to
    the output's, and the file itself when it is not a bundled one."""
    first = inputs[0].loaded
    ref = first.workshop.questionnaire
    if ref in resources.bundled_questionnaires():
        return ref, None
    source = (first.path.parent / ref).resolve()
    return relative_ref(source, out_folder) or str(source), source


def _answered(returned: Returned) -> bool:
    tps = returned.loaded.workshop.touchpoints
    return any(tp.scores or tp.inputs or tp.votes or tp.answer_votes for tp in tps)


def _one_per_person(inputs: Sequence[Returned]) -> tuple[list[Returned], list[str]]:
    """Each person's file once. A handout sent out and never filled in, beside the one that came
    back filled (Ana.xlsx and Ana.ods in one folder), is left out with a note; two files by one
    person that both hold answers are an error."""
    kept: list[Returned] = []
    report = []
    for returned in inputs:
        other = next((k for k in kept if k.person == returned.person), None)
        if other is None:
            kept.append(returned)
            continue
        if _answered(other) == _answered(returned):
            raise InputError(
                [
                    Problem(
                        str(returned.loaded.path),
                        f"is also by {returned.person!r}, like {other.loaded.path}; "
                        "give each file a single, different `participants` entry",
                    )
                ]
            )
        empty, full = (other, returned) if _answered(returned) else (returned, other)
        kept[kept.index(other)] = full
        report.append(
            f"{empty.loaded.path.name} and {full.loaded.path.name} are both by "
            f"{returned.person!r}, and {empty.loaded.path.name} holds no answer: left it out."
        )
    return kept, report


def _metadata_notes(inputs: Sequence[Returned], title: str) -> list[str]:
    """Where the files disagree on the workshop's metadata: the first file's value is kept."""
    report = []
    titles = {r.title for r in inputs if r.title}
    if len(titles) > 1:
        shown = "; ".join(f"{r.loaded.path.name}: {r.title}" for r in inputs if r.title)
        report.append(f"The files disagree on title ({shown}); kept {title!r}.")
    first = inputs[0].loaded.workshop
    for key in ("organisation", "date", "facilitator", "questionnaire"):
        values = {str(v) for r in inputs if (v := getattr(r.loaded.workshop, key))}
        if len(values) > 1:
            kept = getattr(first, key)
            shown = "; ".join(
                f"{r.loaded.path.name}: {getattr(r.loaded.workshop, key)}" for r in inputs
            )
            report.append(f"The files disagree on {key} ({shown}); kept {kept!r}.")
    return report


def _groups(inputs: Sequence[Returned]) -> list[list[Entry]]:
    """Each touchpoint with every person's copy of it, in order of first appearance: by the
    handout's ref, else by id or name. Two touchpoints of one file are never one: the loader
    told them apart (by id where the name is the same)."""
    groups: list[list[Entry]] = []
    index = TouchpointIndex()
    by_ref: dict[str, int] = {}
    for returned in inputs:
        refs = list(returned.refs)
        for i, tp in enumerate(returned.loaded.workshop.touchpoints):
            ref = identity(refs[i]) if i < len(refs) and refs[i] else None
            found = by_ref.get(ref) if ref else None
            if found is None:
                found = index.find(tp)
            if found is None or any(e.source is returned for e in groups[found]):
                found = len(groups)
                groups.append([])
            index.add(tp, found)
            if ref:
                by_ref.setdefault(ref, found)
            groups[found].append(Entry(returned.person, returned, i))
    return groups


def _questionnaire_notes(original: str, ref: str, questionnaire_file: Path | None) -> list[str]:
    if questionnaire_file is None:
        return []
    report = []
    if ref != original:
        report.append(
            f"The questionnaire path {original!r} is written as {ref!r}, relative to "
            "the merged file's folder."
        )
    if ref.startswith(".."):
        report.append(
            f"The questionnaire is outside the merged file's folder: give it to later commands "
            f"with --questionnaire {questionnaire_file}, or copy it beside the merged file."
        )
    return report


def _name(entries: Sequence[Entry]) -> tuple[str, list[str], list[str]]:
    """The name most people's copies give (the first file's on a tie), a line for the report
    and a line for the notes for each person who called it something else."""
    names = Counter(identity(e.tp.name) for e in entries)
    top = max(names.values())
    kept = next(e.tp.name for e in entries if names[identity(e.tp.name)] == top)
    report, notes = [], []
    for e in entries:
        if identity(e.tp.name) != identity(kept):
            report.append(
                f"{e.person} renamed '{clip(kept)}' to '{clip(e.tp.name)}' "
                f"({e.source.loaded.path.name}); kept its votes under '{clip(kept)}'."
            )
            notes.append(f"{e.person} calls it: {e.tp.name}")
    return kept, report, notes


def _fields(
    entries: Sequence[Entry], named: tuple[str, list[str], list[str]]
) -> tuple[dict[str, Any], list[str]]:
    """The first copy's fields, the name most give (`named`, from :func:`_name`), the facts,
    and everyone's notes."""
    base = entries[0].tp
    fields: dict[str, Any] = {
        k: getattr(base, k) for k in ("id", "stage", "channel", "description")
    }
    fields["name"], report, renamed = named
    facts, differ = ballots.facts(entries)
    fields.update(facts)
    notes = ballots.notes(entries)
    fields["notes"] = "\n".join([*([notes] if notes else []), *renamed]) or None
    return fields, report + differ


def merge(inputs: Sequence[Returned], out_folder: Path = Path(".")) -> Merged:
    inputs, report = _one_per_person(inputs)
    people = [r.person for r in inputs]
    title = next((r.title for r in inputs if r.title), inputs[0].loaded.workshop.title)
    report += _metadata_notes(inputs, title)
    first = inputs[0].loaded.workshop
    q = inputs[0].loaded.questionnaire
    groups = _groups(inputs)
    ref, questionnaire_file = _rebased_questionnaire(inputs, out_folder)
    report += _questionnaire_notes(first.questionnaire, ref, questionnaire_file)
    doc = editing.new_document(
        title,
        organisation=first.organisation or "",
        date=first.date or "",
        facilitator=first.facilitator or "",
        participants=[*people, *_other_voters(inputs, people)],
        questionnaire=ref,
    )
    top, lines = carried.workshop_values(inputs, out_folder)
    report += lines
    for key, value in top.items():
        editing.set_top(doc, key, value)
    names = [_name(entries) for entries in groups]
    merged_names = [n for n, _, _ in names]
    merged_name = _merged_names(groups, merged_names)
    order = carried.order_source(inputs)
    judge = Judge(q)
    for entries, named in zip(groups, names, strict=True):
        fields, notes = _fields(entries, named)
        report += notes
        kept, lines = carried.touchpoint_values(entries, merged_name, order)
        fields.update(kept)
        report += lines
        cast = ballots.ballots(entries, q)
        fields["inputs"], splits = ballots.agreed_inputs(cast, q, fields["name"])
        report += splits
        position = editing.add_touchpoint(doc, fields)
        item = editing.touchpoints(doc)[position]
        if cast:
            item["votes"] = ballots.as_votes(cast, q)
        report += _no_share_where_kept_human(item, entries, judge)
        if len(entries) < len(inputs):
            line = _only_some(entries, inputs, fields["name"])
            if near := _near(entries, groups, merged_names):
                line += (
                    f" Is it '{clip(near)}' under another name? Give both the same name or id "
                    "to merge them."
                )
            report.append(line)
    report += ballots.unanswered(groups, q, people)
    return Merged(doc, people, report, questionnaire_file)


def _no_share_where_kept_human(
    item: CommentedMap, entries: Sequence[Entry], judge: Judge
) -> list[str]:
    """Take out a `share` the team's votes make meaningless: where the merged votes keep the
    moment human, a share would count savings where the customer needs a person, and every
    later command would refuse the file. The report says whose it was; their file keeps it."""
    if "share" not in item:
        return []
    try:
        touchpoint = Touchpoint.model_validate(dict(item))
    except ValidationError:  # not for this check to say: the loader names it, field by field
        return []
    if assess_touchpoint(judge.questionnaire, touchpoint, judge).recommendation != KEEP_HUMAN:
        return []
    del item["share"]
    item.pop("share_basis", None)
    source = next(e for e in entries if e.tp.share is not None).source.loaded.path.name
    return [
        f"The team's votes keep '{clip(touchpoint.name)}' human, and keeping a moment human "
        f"saves nothing: left out the share {source} gives it (the file keeps it)."
    ]


def _merged_names(
    groups: Sequence[Sequence[Entry]], names: Sequence[str]
) -> Callable[[Entry, str], str | None]:
    """What a name (or id) in a person's file stands for in the merged file: the merged name
    of the touchpoint it names there."""
    found: dict[tuple[int, str], str] = {}
    for entries, name in zip(groups, names, strict=True):
        for e in entries:
            for said in (e.tp.id, e.tp.name):
                if said:
                    found.setdefault((id(e.source), identity(said)), name)
    return lambda entry, said: found.get((id(entry.source), identity(said)))


def _other_voters(inputs: Sequence[Returned], people: Sequence[str]) -> list[str]:
    """Whoever votes in a file besides its person (a file from an earlier session, with the
    room's votes): a participant of the merged workshop too, so that the cover names everyone
    whose vote counts."""
    known = {identity(p) for p in people}
    found: list[str] = []
    for returned in inputs:
        for tp in returned.loaded.workshop.touchpoints:
            for name in [*tp.votes, *tp.answer_votes]:
                if identity(name) not in known:
                    known.add(identity(name))
                    found.append(name)
    return found


def _near(
    entries: Sequence[Entry], groups: Sequence[Sequence[Entry]], names: Sequence[str]
) -> str | None:
    """The merged name of a touchpoint that is in none of the files `entries` come from and
    whose name is close to theirs: most likely the same one, renamed in a file without ids."""
    own = {id(e.source) for e in entries}
    others = [
        name
        for group, name in zip(groups, names, strict=True)
        if group is not entries and not own & {id(e.source) for e in group}
    ]
    close = difflib.get_close_matches(entries[0].tp.name, others, n=1, cutoff=0.6)
    return close[0] if close else None


def _only_some(entries: Sequence[Entry], inputs: Sequence[Returned], name: str) -> str:
    having = [e.source.loaded.path.name for e in entries]
    missing = [r.loaded.path.name for r in inputs if r.loaded.path.name not in having]
    return (
        f"Touchpoint '{clip(name)}' is only in {', '.join(having)} "
        f"(not in {', '.join(missing)}); kept."
    )
