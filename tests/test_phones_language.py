"""The phone's page in the room's language (issue 30 for the phones of issue 26): a German or
French room reads its own words on every phone, the page's and its script's, while the API's
contract (paths, fields, kinds) stays the same in every language."""

from __future__ import annotations

import html
import json
import re

import pytest
from babel.messages.pofile import read_po
from catalogcheck import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from phones import TOKEN, Phones, body, run

from assess.files.catalogs import language
from assess.i18n import speaking
from assess.phones.words import WORDS, page_words


def page_of(code: str, names: tuple[str, ...] = ("Ana", "Ben")) -> str:
    phones = Phones(names=names, open_join=True, language=language(code))

    async def scenario() -> str:
        async with phones.client() as c:
            page = await c.get(f"/join/{TOKEN}")
            assert page.status_code == 200
            return page.text

    return run(scenario)


def words_of(page: str) -> dict[str, str]:
    found = re.search(r'data-words="([^"]*)"', page)
    assert found is not None
    words = json.loads(html.unescape(found.group(1)))
    assert isinstance(words, dict)
    return words


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("en", ["Who are you?", "Waiting for the next question", "Don't know"]),
        ("de", ["Wer sind Sie?", "Warten auf die nächste Frage", "Weiß nicht"]),
        ("fr", ["Qui êtes-vous\u202f?", "En attente de la question suivante", "Je ne sais pas"]),
    ],
)
def test_the_page_and_its_script_speak_the_room_s_language(code: str, said: list[str]) -> None:
    page = page_of(code)
    assert f'<html lang="{code}">' in page
    text = html.unescape(page)
    for phrase in said:
        assert phrase in text, phrase
    words = words_of(page)
    assert set(words) == set(WORDS)
    catalog = None
    if code != "en":
        with (ROOT / "locales" / code / "LC_MESSAGES" / "assess.po").open(encoding="utf-8") as f:
            catalog = read_po(f)
    for name, english in WORDS.items():
        # Each word is the catalog's translation (English: the source), placeholders kept.
        wanted = english if catalog is None else catalog[english].string
        assert words[name] == wanted, name
        assert re.findall(r"%\(\w+\)s", words[name]) == re.findall(r"%\(\w+\)s", english)


def test_no_english_sentence_is_left_on_the_german_page() -> None:
    english = html.unescape(page_of("en"))
    german = html.unescape(page_of("de"))
    for sentence in re.findall(r">([A-Z][a-z][^<>{}]{6,})<", english):
        assert sentence not in german, sentence


def test_a_refusal_names_its_kind_for_the_page_in_every_language() -> None:
    phones = Phones(names=("Ana",), language=language("de"))

    async def scenario() -> None:
        async with phones.client() as c:
            await phones.join(c, "Ana")
        async with phones.client("192.168.1.51") as other:
            taken = await other.post("/api/join", json={"token": TOKEN, "name": "Ana"})
            unknown = await other.post("/api/join", json={"token": TOKEN, "name": "Zoe"})
            stale = await other.post("/api/join", json={"token": "old", "name": "Ana"})
        # The API's words stay English (a contract for programs); the page says them itself.
        assert (taken.status_code, body(taken)["kind"]) == (409, "taken")
        assert (unknown.status_code, body(unknown)["kind"]) == (403, "unknown")
        assert (stale.status_code, body(stale)["kind"]) == (403, "not-this-room")
        assert body(taken)["error"] == "that name has already joined from another phone"

    run(scenario)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_a_name_on_any_language_s_page_is_text_never_markup(name: str) -> None:
    page = page_of("de", names=(name.strip() or "x",))
    shown = name.strip() or "x"
    assert f">{escape(shown)}</button>" in page
    if "<" in shown:
        assert shown not in page


def test_the_script_fills_placeholders_in_every_language() -> None:
    """The script replaces %(name)s with the state's field: every placeholder a translation
    uses is one the script has (the state's fields it passes)."""
    fields = {"voted", "joined", "median", "spread", "name"}
    for code in ("en", "de", "fr"):
        with speaking(language(code)):
            for name, word in page_words().items():
                assert set(re.findall(r"%\((\w+)\)s", word)) <= fields, (code, name)
