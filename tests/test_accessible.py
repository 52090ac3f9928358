"""`--accessible`: the whole report in one pass as a tagged PDF/UA-1 document, read back with
pypdf: a structure tree in reading order, the document's language, marked content, headings,
tables and lists, and the charts in words (the same facts as the pictures)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader
from ruamel.yaml import YAML

from assess.cli import cli
from assess.files import resources

ROOT = Path(__file__).resolve().parent.parent


def _elements(node: Any) -> Iterator[Any]:
    """Every structure element under `node`, depth first (reading order)."""
    node = node.get_object()
    if not hasattr(node, "get"):
        return
    if node.get("/Type") == "/StructElem" or "/S" in node:
        yield node
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        if hasattr(kid, "get_object"):
            yield from _elements(kid)


@pytest.fixture(scope="module")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, list[Any]]:
    out = tmp_path_factory.mktemp("accessible") / "demo.pdf"
    result = CliRunner().invoke(cli, ["demo", "--accessible", "--lang", "de", "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    return reader, list(_elements(tree))


def test_the_document_is_tagged_in_its_language(tagged: tuple[PdfReader, list[Any]]) -> None:
    reader, _ = tagged
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = reader.xmp_metadata
    assert xmp is not None
    rdf = xmp.rdf_root.toxml()
    assert 'pdfuaid:part="1"' in rdf
    assert "Bestellreise der Online-Apotheke" in rdf  # dc:title, of the German example
    # Every page's content is marked and mapped to the structure tree.
    assert all("/StructParents" in page for page in reader.pages)


def test_headings_tables_and_lists_are_tagged(tagged: tuple[PdfReader, list[Any]]) -> None:
    _, elements = tagged
    kinds = Counter(str(e["/S"]) for e in elements)
    assert kinds["/H1"] == 1  # the title
    assert kinds["/H2"] >= 5  # the sections
    assert kinds["/H3"] >= 17  # a heading for every touchpoint
    assert kinds["/Table"] >= 5 and kinds["/TH"] > 0 and kinds["/TD"] > 0
    assert kinds["/L"] > 0 and kinds["/LI"] > 0
    order = [str(e["/S"]) for e in elements if str(e["/S"]) in ("/H1", "/H2")]
    assert order[0] == "/H1"  # the cover comes first in reading order


def test_the_charts_have_alternative_text_with_their_facts(
    tagged: tuple[PdfReader, list[Any]],
) -> None:
    _, elements = tagged
    figures = [e for e in elements if e["/S"] == "/Figure"]
    alts = [str(e.get("/Alt", "")) for e in figures]
    assert len(figures) == 3 and all(alts), alts  # the matrix, the value chart, the roadmap
    matrix = next(a for a in alts if a.startswith("Matrix"))
    value = next(a for a in alts if a.startswith("Nutzen gegen Aufwand"))
    roadmap = next(a for a in alts if a.startswith("Von Januar 2027"))
    # The matrix: its thresholds and, for each assessed touchpoint, where it sits and why,
    # read from the workshop file and the results, not from the chart.
    # `assess demo --lang de` shows the example written in German.
    german = resources.demo_workshop("de")
    workshop = YAML(typ="safe").load(german.read_text(encoding="utf-8"))
    results = json.loads(CliRunner().invoke(cli, ["score", str(german), "--format", "json"]).output)
    verdicts = {"automate": "Automatisieren", "assist": "Unterstützen"}
    verdicts["keep-human"] = "Menschlich halten"
    assert "Automatisieren ab 70, Unterstützen ab 40" in matrix
    for number, (tp, result) in enumerate(
        zip(workshop["touchpoints"], results["touchpoints"], strict=True), 1
    ):
        scores = result["scores"]  # the answers that count: the room's, settled or the votes'
        if result["recommendation"] == "unscored":
            assert f"{number} {tp['name']}" not in matrix  # not on the matrix either
            continue
        facts = (
            f"{number} {tp['name']}: {verdicts[result['recommendation']]}, Eignung "
            f"{result['fit']}, Emotionale Tragweite {scores['emotional_stakes']}, Häufigkeit "
            f"{scores['scale']}."
        )
        assert facts in matrix
    # The value chart: each sized move's hours a year and effort.
    assert re.search(
        r"9 Wo ist meine Bestellung\?: Automatisieren, [\d.]+ Stunden pro Jahr, Aufwand \w+\.",
        value,
    ), value
    # The roadmap: who decides what comes first, each wave with its moves and their owners.
    assert "Rücksendungen und Erstattungen, entschieden von Leitung Kundenservice" in roadmap
    assert "Zahlung abgelehnt (wer entscheidet, ist noch offen)" in roadmap
    assert "Welle 1, Januar–März 2027" in roadmap
    assert "Wo ist meine Bestellung? (Leitung Kundenservice)" in roadmap


def test_the_running_header_and_page_numbers_are_there_outside_the_structure(
    tagged: tuple[PdfReader, list[Any]],
) -> None:
    reader, _ = tagged
    texts = page_texts(reader)
    total = len(texts)
    assert "Seite" not in texts[0]  # the cover stays clean
    for number, text in enumerate(texts[1:], 2):
        assert f"Seite {number} von {total}" in text
    # After the decision pages (page 2 and the plan's), before the matrix.
    summary = next(i for i, text in enumerate(texts) if "Management Summary" in text)
    plan = next(i for i, text in enumerate(texts) if "Von Januar 2027 bis " in text)
    matrix = next(i for i, text in enumerate(texts) if "Jede Markierung ist ein Touchpoint" in text)
    assert 1 < plan < summary < matrix


def test_the_attachments_travel_with_the_tagged_pdf(tagged: tuple[PdfReader, list[Any]]) -> None:
    reader, _ = tagged
    # The German example's own file, and its results.
    assert set(reader.attachments) == {
        "online-pharmacy.de.yaml",
        "online-pharmacy.de-results.json",
    }


def test_the_default_report_stays_the_fast_joined_one(tmp_path: Path) -> None:
    out = tmp_path / "demo.pdf"
    result = CliRunner().invoke(cli, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = PdfReader(out).trailer["/Root"]
    assert "/StructTreeRoot" not in root
    assert root["/Lang"] == "en"


def test_the_portfolio_can_be_tagged_too(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            f"title: Journey {name}\nlanguage: fr\ntouchpoints:\n  - name: Where is my order?\n"
            "    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}\n",
            encoding="utf-8",
        )
    out = tmp_path / "board.pdf"
    args = ["portfolio", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--accessible"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "fr"  # the journeys' shared language
    assert (
        reader.metadata is not None
        and " ".join(reader.metadata.title.split()) == "Portefeuille : 2 parcours"
    )
