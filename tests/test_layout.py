"""Nothing printed over anything else, at any size, in any brand and in every language: real PDFs
written by the command a user runs (60 and 120 touchpoints, the example and a crowded cover,
each with the longest brand name and footer, in English, German and French), read back word by
word with pdfplumber, and their text as poppler shows it."""

from __future__ import annotations

import re
import shutil
import subprocess
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
#: The longest footer a brand file allows, in words as long as real ones.
FOOTER = ("Confidential: prepared for The Drugstore and its Partners " * 5)[:MAX_FOOTER].strip()


def longest_brand() -> str:
    """The longest name and footer a brand file allows, in words as long as real ones."""
    name = ("Harbour & Finch International Consulting Partners " * 5)[:MAX_NAME].strip()
    assert len(name) >= MAX_NAME - 1 and len(FOOTER) >= MAX_FOOTER - 1
    return f"name: '{name}'\nlogo: harbour-finch-logo.svg\naccent: '#1b6e5a'\nfooter: '{FOOTER}'\n"


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


#: What each language's reader sees around the user's text.
WORDS = {
    "en": {
        "page": "Page {n} of {total}",
        "more": "and 4 more",
        "made": "Report generated",
        "summary": "Executive summary",
        "matrix": "Where each touchpoint sits Each marker",
        "journey": "The journey, stage by stage Touchpoints",
    },
    "de": {
        "page": "Seite {n} von {total}",
        "more": "und 4 weitere",
        "made": "Bericht erstellt",
        "summary": "Management Summary",
        "matrix": "Wo jeder Touchpoint steht Jede Markierung",
        "journey": "Die Journey, Phase für Phase Die Touchpoints",
    },
    "fr": {
        "page": "Page {n} sur {total}",
        "more": "et 4 autres",
        "made": "Rapport généré",
        "summary": "Synthèse",
        "matrix": "Où se situe chaque point de contact Chaque marqueur",
        "journey": "Le parcours, étape par étape Les points de contact",
    },
}


@pytest.fixture(scope="module", params=sorted(WORDS))
def reports(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Reports:
    code = request.param
    folder = tmp_path_factory.mktemp(f"layout-{code}")
    shutil.copy(EXAMPLES / "harbour-finch-logo.svg", folder)
    (folder / "brand.yaml").write_text(longest_brand(), encoding="utf-8")
    lang = ["--lang", code]
    made = {}
    for n in (60, 120):
        path = folder / f"long{n}.yaml"
        path.write_text(long_workshop(n), encoding="utf-8")
        brand = ["--brand", str(folder / "brand.yaml")]
        result = CliRunner().invoke(cli, ["report", str(path), *lang, *brand])
        assert result.exit_code == 0, result.output
        made[f"{n} touchpoints"] = path.with_suffix(".pdf")
    crowded = folder / "cover.yaml"
    people = ", ".join(f"Participant number {i} from the team" for i in range(12))
    crowded.write_text(
        f"title: '{LONG_TITLE}'\norganisation: '{LONG_ORGANISATION}'\nfacilitator: Maya\n"
        f"participants: [{people}]\nbrand: brand.yaml\ntouchpoints:\n  - name: A\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["report", str(crowded), *lang])
    assert result.exit_code == 0, result.output
    made["crowded cover"] = crowded.with_suffix(".pdf")
    demo = folder / "demo.pdf"
    result = CliRunner().invoke(
        cli, ["demo", "-o", str(demo), "--brand", str(folder / "brand.yaml"), *lang]
    )
    assert result.exit_code == 0, result.output
    made["branded demo"] = demo
    return code, made


#: A language, and its reports by what they are.
Reports = tuple[str, dict[str, Path]]


@pytest.mark.parametrize(
    "report", ["60 touchpoints", "120 touchpoints", "branded demo", "crowded cover"]
)
def test_no_two_words_are_printed_over_each_other(reports: Reports, report: str) -> None:
    assert overprinted(reports[1][report]) == []


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
def test_every_page_after_the_cover_reads_page_n_of_m(reports: Reports, report: str) -> None:
    code, made = reports
    texts = page_texts(PdfReader(made[report]))
    for number, text in enumerate(texts[1:], 2):
        page = WORDS[code]["page"].format(n=number, total=len(texts))
        assert page in text, (number, text[-160:])


def test_a_crowded_cover_keeps_to_its_page(reports: Reports) -> None:
    code, made = reports
    words = WORDS[code]
    texts = page_texts(PdfReader(made["crowded cover"]))
    assert LONG_TITLE in texts[0]
    assert f"Participant number 7 from the team {words['more']}" in texts[0]
    assert words["made"] in texts[0]
    assert words["summary"] in texts[1] and words["page"].format(n=2, total="") in texts[1]


def test_a_long_footer_is_shortened_with_an_ellipsis_not_hidden(reports: Reports) -> None:
    code, made = reports
    texts = page_texts(PdfReader(made["branded demo"]))
    for number, text in enumerate(texts[1:], 2):
        assert "Confidential: prepared for The Drugstore and its Partners" in text
        # The footer is the brand's text cut short at a word, then an ellipsis: never cut
        # mid-word, never without the ellipsis (a table's heading may come between it and the
        # page number in the text's order).
        footer = re.search(r"(Confidential: prepared for The Drugstore[\w:, ]*?)…", text)
        assert footer, text
        kept = footer.group(1).rstrip()
        assert FOOTER.startswith(kept) and len(kept) < len(FOOTER)
        assert FOOTER[len(kept)] == " "  # cut between words
        assert WORDS[code]["page"].format(n=number, total="") in text
    # The title in the header and the name on the cover are not shortened: they fit.
    title = {"en": "Online pharmacy order journey", "de": "Bestellreise der Online-Apotheke"}
    assert title.get(code, "Parcours de commande de la pharmacie en ligne") in texts[1]


def test_the_matrix_key_continues_rather_than_overprinting(reports: Reports) -> None:
    code, made = reports
    words = WORDS[code]
    texts = page_texts(PdfReader(made["120 touchpoints"]))
    start = next(i for i, t in enumerate(texts) if words["matrix"] in t)
    journey = next(i for i, t in enumerate(texts) if words["journey"] in t)
    key = " ".join(texts[start:journey]) + texts[journey].split(words["journey"])[0]
    for number in range(1, 121):
        assert f"{number}. " in key and f"Touchpoint {number:03d}" in key, number


def body_lines(path: Path) -> list[list[str]]:
    """Each page's lines as poppler lays them out, without the running header and footer."""
    shown = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    pages = [[line for line in page.splitlines() if line.strip()] for page in shown.split("\f")]
    return [page[1:-1] for page in pages if page]


@pytest.mark.parametrize("report", ["60 touchpoints", "120 touchpoints", "branded demo"])
def test_no_page_holds_only_a_line_or_two(reports: Reports, report: str) -> None:
    """A section's last lines never stand alone on a page (the German example's page 2 once
    spilled its last next step onto a page of its own)."""
    pages = body_lines(reports[1][report])
    for number, lines in enumerate(pages[1:], 2):
        assert len(lines) > 2, (number, lines)


def test_the_check_sees_a_page_with_a_line_or_two(tmp_path: Path) -> None:
    from assess.pdf.render import render_pdf

    html = '<p>Header</p><p>One</p><p>Footer</p><p style="break-before: page">Header</p>'
    pdf, _ = render_pdf(f"<html><body>{html}<p>Two</p><p>Footer</p></body></html>")
    (tmp_path / "x.pdf").write_bytes(pdf)
    assert [len(lines) for lines in body_lines(tmp_path / "x.pdf")] == [1, 1]
