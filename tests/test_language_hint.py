"""The language a workshop names, read from its first lines before the PDF workers start, so that
they load that language's hyphenation once (issue 30's speed). Only a hint: the file, once read,
decides, so a wrong or odd hint must never stop or change a report."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdftext import page_texts
from pypdf import PdfReader

from assess.files.catalogs import language
from assess.files.loader import load_demo
from assess.files.reading import language_hint
from assess.i18n import speaking
from assess.method.scoring import assess
from assess.pdf import press, publish
from assess.report.html import Renderer


def test_the_top_level_language_is_the_hint(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: Bestellung\nlanguage: de\ntouchpoints: []\n", encoding="utf-8")
    assert language_hint(path) == "de"
    path.write_text("title: T\nlanguage: 'fr-CH'  # the room's\n", encoding="utf-8")
    assert language_hint(path) == "fr-CH"


def test_a_language_inside_something_else_is_no_hint(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "title: T\neconomics:\n  language: de\ntouchpoints:\n  - {name: 'language: fr'}\n",
        encoding="utf-8",
    )
    assert language_hint(path) is None
    assert language_hint(tmp_path / "missing.yaml") is None
    assert language_hint(tmp_path) is None


@settings(
    derandomize=True, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_short_code_or_none(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(head)
    found = language_hint(path)
    assert found is None or (found.isascii() and 2 <= len(found) <= 12 and "\n" not in found)


def test_the_workers_lay_out_alike_whatever_language_they_expected() -> None:
    """A German report rendered by workers that loaded German hyphenation up front, by workers
    that expected French and a code no dictionary has, and in this process: the same pages."""
    with speaking(language("de")):
        loaded = load_demo("de")
        demo = assess(loaded.questionnaire, loaded.workshop)
        texts = []
        for parallel, expected in ((2, ("de",)), (2, ("fr", "xx")), (1, ())):
            with press.Press(parallel, languages=expected) as printer:
                renderer = Renderer(demo)
                made = publish.publish_pdf(printer, renderer, publish.metadata_for(renderer))
            texts.append(page_texts(PdfReader(io.BytesIO(made.pdf))))
    assert texts[0] == texts[1] == texts[2]
    assert any("Seite" in page for page in texts[0])
