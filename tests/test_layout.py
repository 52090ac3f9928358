"""Nothing printed over anything else, at any size and in any brand: real PDFs written by the
command a user runs, read back word by word with pdfplumber, and their text as poppler shows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader
from test_book import long_workshop

from assess.cli import cli
from assess.files.brand import MAX_FOOTER, MAX_NAME

EXAMPLES = Path(__file__).resolve().parent.parent / "questionnaires" / "examples"


def longest_brand() -> str:
    """The longest name and footer a brand file allows, in words as long as real ones."""
    name_limit, footer_limit = MAX_NAME, MAX_FOOTER
    name = ("Harbour & Finch International Consulting Partners " * 5)[:name_limit].strip()
    footer = ("Confidential: prepared for The Drugstore and its Partners " * 5)[:footer_limit]
    assert len(name) >= name_limit - 1 and len(footer.strip()) >= footer_limit - 1
    return (
        f"name: '{name}'\nlogo: harbour-finch-logo.svg\naccent: '#1b6e5a'\n"
        f"footer: '{footer.strip()}'\n"
    )


def overprinted(path: Path, tolerance: float = 0.5) -> list[tuple[int, str, str]]:
    """Pairs of words whose boxes overlap, by page. Words are read in the order they are
    drawn, so two texts drawn over each other stay two words, even on one line."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = sorted(page.extract_words(use_text_flow=True), key=lambda w: w["x0"])
            for i, a in enumerate(words):
                for b in words[i + 1 :]:
                    if b["x0"] >= a["x1"] - tolerance:
                        break
                    high = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    wide = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    if high > tolerance and wide > tolerance:
                        found.append((number, a["text"], b["text"]))
    return found


LONG_TITLE = (
    "Customer journey of the online pharmacy from first search to repeat prescription, "
    "including returns, complaints, loyalty and carers managing medicines"
)
LONG_ORGANISATION = "The Drugstore Group of Companies International, Pharmacy and Wellbeing"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("layout")
    shutil.copy(EXAMPLES / "harbour-finch-logo.svg", folder)
    (folder / "brand.yaml").write_text(longest_brand(), encoding="utf-8")
    made = {}
    for n in (60, 120):
        path = folder / f"long{n}.yaml"
        path.write_text(long_workshop(n), encoding="utf-8")
        result = CliRunner().invoke(cli, ["report", str(path)])
        assert result.exit_code == 0, result.output
        made[f"{n} touchpoints"] = path.with_suffix(".pdf")
    crowded = folder / "cover.yaml"
    people = ", ".join(f"Participant number {i} from the team" for i in range(12))
    crowded.write_text(
        f"title: '{LONG_TITLE}'\norganisation: '{LONG_ORGANISATION}'\nfacilitator: Maya\n"
        f"participants: [{people}]\nbrand: brand.yaml\ntouchpoints:\n  - name: A\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["report", str(crowded)])
    assert result.exit_code == 0, result.output
    made["crowded cover"] = crowded.with_suffix(".pdf")
    demo = folder / "demo.pdf"
    result = CliRunner().invoke(
        cli, ["demo", "-o", str(demo), "--brand", str(folder / "brand.yaml")]
    )
    assert result.exit_code == 0, result.output
    made["branded demo"] = demo
    return made


@pytest.mark.parametrize(
    "report", ["60 touchpoints", "120 touchpoints", "branded demo", "crowded cover"]
)
def test_no_two_words_are_printed_over_each_other(reports: dict[str, Path], report: str) -> None:
    assert overprinted(reports[report]) == []


def test_the_check_sees_words_printed_over_each_other(tmp_path: Path) -> None:
    from assess.pdf.render import render_pdf

    html = (
        '<p style="position: absolute; top: 10mm">Confidential: prepared for</p>'
        '<p style="position: absolute; top: 10mm; left: 30mm">Page 2 of 27</p>'
    )
    pdf, _ = render_pdf(f"<html><body>{html}</body></html>")
    (tmp_path / "x.pdf").write_bytes(pdf)
    assert overprinted(tmp_path / "x.pdf")


@pytest.mark.parametrize("report", ["60 touchpoints", "120 touchpoints", "branded demo"])
def test_every_page_after_the_cover_reads_page_n_of_m(
    reports: dict[str, Path], report: str
) -> None:
    texts = page_texts(PdfReader(reports[report]))
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {len(texts)}" in text, (number, text[-160:])


def test_a_crowded_cover_keeps_to_its_page(reports: dict[str, Path]) -> None:
    texts = page_texts(PdfReader(reports["crowded cover"]))
    assert LONG_TITLE in texts[0] and "Participant number 7 from the team and 4 more" in texts[0]
    assert "Report generated" in texts[0]
    assert "Executive summary" in texts[1] and "Page 2 of" in texts[1]


def test_a_long_footer_is_shortened_with_an_ellipsis_not_hidden(reports: dict[str, Path]) -> None:
    texts = page_texts(PdfReader(reports["branded demo"]))
    for number, text in enumerate(texts[1:], 2):
        assert "Confidential: prepared for The Drugstore and its Partners" in text
        footer = text[text.index("Confidential") : text.index(f"Page {number} of")]
        assert footer.rstrip().endswith("…"), footer
    # The title in the header and the name on the cover are not shortened: they fit.
    assert "Online pharmacy order journey" in texts[1]


def test_the_matrix_key_continues_rather_than_overprinting(reports: dict[str, Path]) -> None:
    texts = page_texts(PdfReader(reports["120 touchpoints"]))
    start = next(i for i, t in enumerate(texts) if "Where each touchpoint sits Each marker" in t)
    journey = next(i for i, t in enumerate(texts) if "The journey, stage by stage Touchpoints" in t)
    key = " ".join(texts[start:journey]) + texts[journey].split("stage by stage Touch")[0]
    for number in range(1, 121):
        assert f"{number}. " in key and f"Touchpoint {number:03d}" in key, number
