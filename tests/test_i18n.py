"""The program's own text in German and French: complete catalogs, plural forms as each language
counts, a language chosen per command that never leaks into another, and numbers that follow it."""

from __future__ import annotations

import contextvars
import threading
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalogcheck import ROOT, extracted, problems
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import cli
from assess.files.catalogs import catalog_file, language
from assess.i18n import (
    ENGLISH,
    LANGUAGES,
    UnknownLanguage,
    _,
    current,
    language_code,
    ngettext,
    speaking,
)


@pytest.fixture(scope="module")
def source() -> dict[str | tuple[str, ...], list[str]]:
    return extracted()


def test_the_source_marks_the_report_s_fixed_words(
    source: dict[str | tuple[str, ...], list[str]],
) -> None:
    assert "Page %(page)s of %(pages)s" in source  # the running footer
    assert "Automate" in source and "Executive summary" in source
    assert ("and %(num)s more", "and %(num)s more") in source  # a plural, from a template
    assert any("report.html.j2" in where for where in source["Workshop date"])


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_message_is_translated_with_its_placeholders(
    code: str, source: dict[str | tuple[str, ...], list[str]]
) -> None:
    path = ROOT / "locales" / code / "LC_MESSAGES" / "assess.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=code)
    found = problems(catalog, source)
    assert found == [], f"{path}: run pybabel update and translate:\n" + "\n".join(found)


def test_the_check_fails_on_a_missing_message_or_placeholder() -> None:
    """The test above can fail: a catalog missing a message, with a placeholder lost, with an
    untranslated plural form or with a message the source no longer has is caught."""
    catalog = Catalog(locale="de")
    catalog.add("Page %(page)s of %(pages)s", "Seite %(page)s")
    catalog.add(("%(n)s item", "%(n)s items"), ("%(n)s Eintrag", ""))
    catalog.add("Gone", "Weg")
    source = ["Page %(page)s of %(pages)s", ("%(n)s item", "%(n)s items"), "Executive summary"]
    found = problems(catalog, source)
    assert "missing: 'Executive summary'" in found
    assert any(p.startswith("placeholders differ: 'Page") for p in found)
    assert "not translated: '%(n)s item'" in found
    assert "not in the source: 'Gone'" in found


def test_the_catalogs_ship_as_po_and_compile_when_first_used() -> None:
    assert catalog_file("de").is_file() and catalog_file("fr").is_file()
    assert not list((ROOT / "locales").rglob("*.mo"))  # nothing binary to drift from its source
    german = language("de")
    assert german.gettext("Page %(page)s of %(pages)s") == "Seite %(page)s von %(pages)s"
    assert language("DE-ch") is german  # read once per process
    assert language("en") is ENGLISH


@pytest.mark.parametrize(
    ("code", "counts"),
    [
        ("en", {0: "and 0 more", 1: "and 1 more", 2: "and 2 more"}),
        ("de", {0: "und 0 weitere", 1: "und 1 weitere", 2: "und 2 weitere"}),
        # French counts 0 and 1 as singular.
        (
            "fr",
            {0: "et 0 autre", 1: "et 1 autre", 2: "et 2 autres", 1_000_000: "et 1000000 autres"},
        ),
    ],
)
def test_plurals_follow_each_language(code: str, counts: dict[int, str]) -> None:
    with speaking(language(code)):
        for n, expected in counts.items():
            assert ngettext("and %(num)s more", "and %(num)s more", n) % {"num": n} == expected


def test_a_language_is_set_for_one_block_and_never_leaks() -> None:
    assert current() is ENGLISH
    seen: list[str] = []
    with speaking(language("fr")):
        assert _("Executive summary") == "Synthèse"
        with speaking(language("de")):
            assert _("Executive summary") == "Management Summary"
        assert current().code == "fr"
        # A new thread starts in a context of its own: English, unless given a copy.
        plain = threading.Thread(target=lambda: seen.append(_("Executive summary")))
        copied = contextvars.copy_context()
        carried = threading.Thread(target=copied.run, args=(lambda: seen.append(current().code),))
        for thread in (plain, carried):
            thread.start()
            thread.join()
    assert seen == ["Executive summary", "fr"]
    assert current() is ENGLISH


@settings(derandomize=True)
@given(st.text(max_size=30))
def test_any_language_name_is_one_of_three_or_one_clear_error(text: str) -> None:
    try:
        code = language_code(text)
    except UnknownLanguage as exc:
        assert "choose en (English), de (Deutsch) or fr (français)" in str(exc)
    else:
        assert code in LANGUAGES
        assert text.strip()[:2].lower() == code


def test_an_unknown_language_on_the_command_line_names_those_there_are(
    small_workshop: Path,
) -> None:
    result = CliRunner().invoke(cli, ["report", str(small_workshop), "--lang", "es"])
    assert result.exit_code == 2
    assert "'es' is not a language assess writes" in result.output
    assert "en (English), de (Deutsch) or fr (français)" in result.output
    assert not small_workshop.with_suffix(".pdf").exists()


def test_an_unknown_language_in_a_workshop_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: T\nlanguage: klingon\ntouchpoints: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: field 'language': 'klingon' is not a language assess writes" in result.output
    assert "Traceback" not in result.output


PRICED = """
title: Priced
economics: {{currency: EUR, cost_per_hour: 40{locale}}}
touchpoints:
  - name: Where is my order?
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
    volume: 45000
    handle_minutes: 6
"""


@pytest.mark.parametrize(
    ("lang", "locale", "money"),
    [
        # 1,080,000 a year, rounded for a board to two significant figures (issue 27)
        ("en", "", "€1.1m"),  # en_GB
        ("de", "", "1,1 Mio. €"),  # the language's locale
        ("fr", "", "1,1 M €"),
        ("de", ", locale: en_GB", "€1.1m"),  # the workshop's own locale wins
    ],
)
def test_numbers_follow_the_language_unless_the_workshop_names_a_locale(
    tmp_path: Path, lang: str, locale: str, money: str
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(PRICED.format(locale=locale), encoding="utf-8")
    out = tmp_path / "w.html"
    result = CliRunner().invoke(cli, ["report", str(path), "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert money.replace("\u202f", " ") in html.replace("\u202f", " ").replace("\u00a0", " ")
    assert f'<html lang="{lang}">' in html


def test_the_workshop_s_language_is_the_default_and_lang_wins(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(PRICED.format(locale="") + "language: fr\n", encoding="utf-8")
    for args, lang in (([], "fr"), (["--lang", "de"], "de")):
        out = tmp_path / f"{lang}.html"
        result = CliRunner().invoke(cli, ["report", str(path), "-o", str(out), *args])
        assert result.exit_code == 0, result.output
        assert f'<html lang="{lang}">' in out.read_text(encoding="utf-8")


def test_a_method_number_follows_the_language_each_time_it_is_written() -> None:
    """The method's numbers are remembered once written (a large workshop writes the same few
    again and again), per language: never the last language's."""
    from assess.method.words import number

    written = []
    for code in ("en", "de", "fr", "en", "de"):
        with speaking(language(code)):
            written.append((number(62.5), number(3), number(1200.25)))
    assert written[0] == written[3] == ("62.5", "3", "1,200.25")
    assert written[1] == written[4] == ("62,5", "3", "1.200,25")
    assert written[2] == ("62,5", "3", "1\u202f200,25")
