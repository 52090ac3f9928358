"""The machinery end to end: the report's fixed words (its cover, the running header's sections,
"Page N of M", the outline, the links' descriptions) read back from real German and French PDFs
as a viewer shows them. The rest of the report's text follows in the translation's second phase.
"""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess.cli import cli
from assess.files.loader import bundled_questionnaire

LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR"}
#: What each language's reader sees, written here as a translator would, not from the catalogs.
WORDS = {
    "en": {
        "page": "Page {n} of {total}",
        "footer": "Automate · Assist · Keep human",
        "cover": [
            "Workshop date",
            "Facilitator",
            "Participants",
            "Questionnaire",
            "Report generated",
            "Not yet assessed",
        ],
        "sections": [
            "Executive summary",
            "Where each touchpoint sits",
            "Appendix: how the verdicts are reached",
        ],
        "go": "Go to ",
    },
    "de": {
        "page": "Seite {n} von {total}",
        "footer": "Automatisieren · Unterstützen · Menschlich halten",
        "cover": [
            "Workshoptermin",
            "Moderation",
            "Teilnehmende",
            "Fragebogen",
            "Bericht erstellt",
            "Noch nicht",  # not yet assessed, on two lines
            f"Version {bundled_questionnaire('default').version}",  # German capitalises it
        ],
        "sections": [
            "Management Summary",
            "Wo jeder Touchpoint steht",
            "Anhang: Wie die Einstufungen zustande kommen",
        ],
        "go": "Gehe zu ",
    },
    "fr": {
        "page": "Page {n} sur {total}",
        "footer": "Automatiser · Assister · Garder l’humain",
        "cover": [
            "Date de l’atelier",
            "Animation",
            "Participants",
            "Questionnaire",
            "Rapport généré",
            "Pas encore évalué",
        ],
        "sections": [
            "Synthèse",
            "Où se situe chaque point de contact",
            "Annexe : comment chaque verdict est établi",
        ],
        "go": "Aller à ",
    },
}


@pytest.fixture(scope="module", params=sorted(WORDS))
def report(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, PdfReader, list[str]]:
    code = request.param
    out = tmp_path_factory.mktemp(code) / "demo.pdf"
    result = CliRunner().invoke(cli, ["demo", "--lang", code, "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    return code, reader, page_texts(reader)


def test_every_page_after_the_cover_is_numbered_in_the_language(
    report: tuple[str, PdfReader, list[str]],
) -> None:
    code, _, texts = report
    words = WORDS[code]
    total = len(texts)
    assert words["page"].format(n=1, total=total) not in texts[0]
    for n, text in enumerate(texts[1:], 2):
        assert words["page"].format(n=n, total=total) in text, (n, text[-120:])
        if code != "en":  # no English page label left
            assert f"Page {n} of" not in text
    footer = words["footer"]
    assert all(footer in text for text in texts[1:])  # the running footer


def test_the_cover_reads_in_the_language(report: tuple[str, PdfReader, list[str]]) -> None:
    code, _, texts = report
    for word in WORDS[code]["cover"]:
        assert word in texts[0], word
    # The day the report was made, as the language writes a date.
    today = format_date(dt.date.today(), format="long", locale=LOCALES[code])
    assert today in texts[0]
    if code != "en":
        for english in set(WORDS["en"]["cover"]) - set(WORDS[code]["cover"]):
            assert english not in texts[0], english


def test_sections_head_their_pages_and_the_outline(
    report: tuple[str, PdfReader, list[str]],
) -> None:
    code, reader, texts = report
    outline = [" ".join(i.title.split()) for i in reader.outline if not isinstance(i, list)]
    for section in WORDS[code]["sections"]:
        assert section in outline
        pages = [t for t in texts if t.count(section) >= 2]  # the header and the heading
        assert pages, section


def test_links_are_described_in_the_language(report: tuple[str, PdfReader, list[str]]) -> None:
    code, reader, _ = report
    described = [
        str(a.get_object().get("/Contents"))
        for page in reader.pages
        for a in page.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert described and all(d.startswith(WORDS[code]["go"]) for d in described)


def test_the_pdf_says_its_language(report: tuple[str, PdfReader, list[str]]) -> None:
    code, reader, _ = report
    assert reader.trailer["/Root"]["/Lang"] == code
    xmp = reader.xmp_metadata
    assert xmp is not None and code in (xmp.dc_language or [])
