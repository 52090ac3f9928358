"""The press that renders the PDF: workers started before the inputs are read, stopped at once
when a run fails, and the running header and page numbers stamped from one small sheet."""

from __future__ import annotations

import io
import multiprocessing
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.errors import RenderError
from assess.files.loader import load_demo
from assess.method.scoring import assess
from assess.pdf import press, publish
from assess.report.html import Renderer
from assess.report.pages import Bookmark, PageInfo
from assess.report.stamps import (
    DIGITS,
    Piece,
    anchor,
    placements,
    sections_of,
    sheet_pieces,
)
from assess.report.words import page_words

#: The words around the numbers of "Page 2 of 12", as the English sheet draws them.
PAGE, OF = page_words()[0], page_words()[2]


def _sheet(pieces: list[Piece], widths: dict[str, float]) -> list[PageInfo]:
    """A rendered sheet as far as placing needs it: each piece's box, right-aligned at 500."""
    return [
        PageInfo(595, 842, {anchor(i): (500 - widths.get(p.text, 7.0), 0, 500, 9)})
        for i, p in enumerate(pieces)
    ]


def test_page_numbers_are_put_together_from_their_pieces() -> None:
    pieces = sheet_pieces("Title", ["Intro", "Body"], "Footer")
    widths = {PAGE: 20.0, OF: 11.0, **{d: 5.0 + int(d) / 10 for d in DIGITS}}
    sections = ["", "Intro", "Intro", "Body"] + ["Body"] * 8  # 12 pages
    placed = placements(sections, pieces, _sheet(pieces, widths))
    assert len(placed) == 12
    assert placed[0] == []  # the cover stays clean
    texts = [[pieces[i].text for p in page for i, _ in p.pieces] for page in placed]
    assert texts[1] == ["Title", "Footer", "Intro", PAGE, "2", OF, "1", "2"]
    assert texts[11][-6:] == [PAGE, "1", "2", OF, "1", "2"]
    number = placed[11][-1].pieces
    # Each piece is moved left by the widths of the pieces after it, so they end at the margin.
    after = [widths[pieces[i].text] for i, _ in number]
    assert [shift for _, shift in number] == pytest.approx(
        [-sum(after[k + 1 :]) for k in range(len(after))]
    )


def test_a_page_before_any_section_has_no_section_in_its_header() -> None:
    pieces = sheet_pieces("Title", ["Body"], "Footer")
    placed = placements(["", "", "Body"], pieces, _sheet(pieces, {}))
    assert [pieces[p.pieces[0][0]].slot for p in placed[1]] == ["title", "footer", "number"]


def test_one_core_and_two_make_the_same_document() -> None:
    loaded = load_demo()
    demo = assess(loaded.questionnaire, loaded.workshop)
    texts = []
    for parallel in (1, 2):
        with press.Press(parallel) as printer:
            renderer = Renderer(demo)
            made = publish.publish_pdf(printer, renderer, publish.metadata_for(renderer))
        texts.append(page_texts(PdfReader(io.BytesIO(made.pdf))))
    assert texts[0] == texts[1]
    assert f"Page {len(texts[0])} of {len(texts[0])}" in texts[0][-1]


def test_a_bad_workshop_stops_the_waiting_workers_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: Bad\ntouchpoints: [{name: X, scores: {complexity: 9}}]\n")
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["report", str(path)])
    took = time.perf_counter() - started
    assert result.exit_code == 1, result.output
    assert "complexity" in result.output and "Traceback" not in result.output
    assert multiprocessing.active_children() == []  # the worker forked at the start is gone
    assert took < 5
    assert not path.with_suffix(".pdf").exists()


def test_a_renderer_that_cannot_start_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> object:
        raise RenderError("the PDF renderer could not start (cannot load library 'pango-1.0-0')")

    # Workers are forked from this process, so they inherit the broken loader.
    monkeypatch.setattr(press, "renderer_module", missing)
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntouchpoints: [{name: X}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: the PDF renderer could not start")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.yaml"]
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def killed(html: str, assets: object, *rest: object) -> object:
        os._exit(9)  # as if the kernel had killed it for memory

    monkeypatch.setattr(press, "render", killed)
    path = tmp_path / "w.yaml"
    path.write_text("title: T\ntouchpoints: [{name: X}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 1
    assert "a process rendering the PDF stopped unexpectedly" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.yaml"]
    assert multiprocessing.active_children() == []


def test_a_long_text_is_offered_cut_at_words_with_an_ellipsis() -> None:
    from assess.report.stamps import FITS, MAX_CUTS, shortened

    assert shortened("Short footer") == ["Short footer"]
    text = "Confidential: prepared for The Drugstore and its Partners, " * 3
    versions = shortened(text.strip())
    assert versions[0] == text.strip() and len(versions) <= MAX_CUTS + 1
    assert [len(v) for v in versions] == sorted((len(v) for v in versions), reverse=True)
    for v in versions[1:]:
        assert v.endswith("…") and not v.endswith((" …", ",…", ":…"))
        assert text.startswith(v[:-1])  # a prefix of the text, cut between words
        assert text[len(v) - 1] in " ,:"
    # A name with no spaces is cut inside the word rather than not at all.
    word = "Kundenzufriedenheitsrückmeldungsbearbeitungsprozess" * 2
    assert len(word) > FITS and len(shortened(word)) > 3


def test_the_footer_and_title_leave_room_for_the_page_number_and_section() -> None:
    footer = "Confidential: prepared for The Drugstore and its Partners " * 2
    pieces = sheet_pieces("Title", ["Intro", "A much longer section name"], footer.strip())
    # A sheet where every character is 5 points wide; left pieces start at 50, right ones end
    # at 545 (a page 595 wide with margins of 50).
    boxes = {}
    for i, p in enumerate(pieces):
        width = 5.0 * len(p.text)
        right = p.slot in ("section", "number")
        boxes[i] = (545 - width, 0, 545, 9) if right else (50, 0, 50 + width, 9)
    sheet = [PageInfo(595, 842, {anchor(i): boxes[i]}) for i in range(len(pieces))]
    placed = placements(["", "Intro"] + ["Intro"] * 98, pieces, sheet)  # 100 pages
    number_width = 5.0 * len(f"{PAGE}100{OF}100")
    for page in placed[1:]:
        title, chosen = (pieces[p.pieces[0][0]] for p in page[:2])
        assert title.text == "Title"
        assert chosen.slot == "footer" and chosen.text.endswith("…")
        assert 50 + 5.0 * len(chosen.text) <= 545 - number_width - 12
        # and it is the longest that fits
        longer = [p for p in pieces if p.slot == "footer" and len(p.text) > len(chosen.text)]
        assert all(50 + 5.0 * len(p.text) > 545 - number_width - 12 for p in longer)


def test_a_page_where_a_section_begins_mid_page_hands_it_to_the_pages_after() -> None:
    """The header names the first section on a page, else the last one begun before it."""

    def page(*labels: str) -> PageInfo:
        marks = tuple(Bookmark(2, label, 100.0 * n) for n, label in enumerate(labels))
        return PageInfo(595.0, 842.0, bookmarks=(Bookmark(3, "a touchpoint", 0.0), *marks))

    pages = [page(), page("Summary"), page("Matrix", "Journey"), page(), page("Method")]
    assert sections_of(pages, 2) == ["", "Summary", "Matrix", "Journey", "Method"]
