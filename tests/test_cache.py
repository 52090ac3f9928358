"""What assess keeps between runs (compiled templates and catalogs, parsed hyphenation
dictionaries): kept in
a folder of the user's own, never trusted from a folder anyone else could write, and never
needed: a damaged or unwritable entry only means the work is done again."""

from __future__ import annotations

import gettext
import io
import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.files import cache, catalogs


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system temporary folder of the test's own, so that the real cache is never touched."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv(cache.OFF, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    return tmp_path


def test_the_folder_is_made_for_the_user_alone(temp: Path) -> None:
    where = cache.folder()
    assert where is not None and where.parent == temp
    assert stat.S_IMODE(where.stat().st_mode) == 0o700
    cache.write("entry", b"kept")
    assert cache.read("entry") == b"kept"
    assert [p.name for p in where.iterdir()] == ["entry"]  # no temporary file left behind


def test_a_folder_others_may_write_to_is_not_used(temp: Path) -> None:
    where = cache.folder()
    assert where is not None
    where.chmod(0o777)
    assert cache.folder() is None
    cache.write("entry", b"planted?")
    assert not (where / "entry").exists()
    assert cache.read("entry") is None


def test_a_link_where_the_folder_should_be_is_not_followed(temp: Path) -> None:
    elsewhere = temp / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    name = f"assess-cache-{os.getuid()}"
    (temp / name).symlink_to(elsewhere)
    assert cache.folder() is None
    cache.write("entry", b"x")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_someone_else_owns_is_not_used(temp: Path) -> None:
    where = cache.folder()
    assert where is not None
    os.chown(where, 65534, 65534)
    assert cache.folder() is None


def test_it_can_be_turned_off(temp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.OFF, "1")
    assert cache.folder() is None
    cache.write("entry", b"x")
    assert list(temp.iterdir()) == []
    monkeypatch.setenv(cache.OFF, "0")
    assert cache.folder() is not None


def test_a_folder_that_cannot_be_made_is_no_error(temp: Path) -> None:
    temp.chmod(0o500)  # root ignores this; then the folder is made and used, which is fine too
    try:
        where = cache.folder()
        cache.write("entry", b"x")
        assert where is None or cache.read("entry") == b"x"
    finally:
        temp.chmod(0o700)


def test_keys_tell_apart_what_entries_were_made_from() -> None:
    assert cache.key("a", 1) != cache.key("a", 2)
    assert cache.key("a", 1) == cache.key("a", 1)
    assert cache.key("ab", "c") != cache.key("a", "bc")


def _run(code: str, temp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(temp)}
    env.pop(cache.OFF, None)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True
    )


HYPHENATE = """
    import pyphen
    from assess.pdf import render
    render.warm(["de"])
    path = pyphen.LANGUAGES[pyphen.language_fallback("de")]
    print(pyphen.hdcache[path].positions("Umsetzungskosten"))
"""


def test_a_parsed_dictionary_is_read_back_and_hyphenates_alike(temp: Path) -> None:
    first = _run(HYPHENATE, temp)
    assert first.returncode == 0, first.stderr
    entries = list((temp / f"assess-cache-{os.getuid()}").glob("hyph-*"))
    assert len(entries) == 1
    again = _run(HYPHENATE, temp)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert first.stdout.strip() not in ("", "[]")


def test_a_damaged_dictionary_entry_is_parsed_again(temp: Path) -> None:
    first = _run(HYPHENATE, temp)
    (entry,) = (temp / f"assess-cache-{os.getuid()}").glob("hyph-*")
    entry.write_bytes(b"\x80\x05not a pickle")
    again = _run(HYPHENATE, temp)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert entry.read_bytes()[:1] == b"\x80" and len(entry.read_bytes()) > 1000  # kept anew


TEMPLATE = """
    from assess.report.words import template
    print(template("stamps.html.j2").render(pieces=[], brand=None, lang="en")[:40])
"""


def test_a_damaged_compiled_template_is_compiled_again(temp: Path) -> None:
    first = _run(TEMPLATE, temp)
    assert first.returncode == 0, first.stderr
    entries = list((temp / f"assess-cache-{os.getuid()}").glob("__jinja_*"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short
    again = _run(TEMPLATE, temp)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_a_read_only_cache_is_no_error(temp: Path) -> None:
    where = cache.folder()
    assert where is not None
    where.chmod(0o500)
    try:
        done = _run(TEMPLATE, temp)
        assert done.returncode == 0, done.stderr
    finally:
        where.chmod(0o700)


# --- compiled catalogs ---------------------------------------------------------------------


def _catalog_entries(temp: Path) -> list[Path]:
    return sorted((temp / f"assess-cache-{os.getuid()}").glob("catalog-*.mo"))


def _fresh_german() -> gettext.NullTranslations:
    catalogs._compiled.cache_clear()
    return catalogs.language("de").translations


def _same_translations(a: gettext.NullTranslations, b: gettext.NullTranslations) -> None:
    assert a._catalog == b._catalog  # type: ignore[attr-defined]
    assert a.ngettext("%(n)s touchpoint", "%(n)s touchpoints", 2) == "%(n)s Touchpoints"
    assert a.gettext("Keep human") == "Menschlich halten"


def test_a_catalog_is_compiled_once_then_read_back_the_same(temp: Path) -> None:
    compiled = gettext.GNUTranslations(
        io.BytesIO(catalogs.compile_catalog("de", catalogs.catalog_file("de").read_text("utf-8")))
    )
    first = _fresh_german()
    (entry,) = _catalog_entries(temp)
    stamp = entry.stat().st_mtime_ns
    again = _fresh_german()
    assert entry.stat().st_mtime_ns == stamp  # read, not written again
    _same_translations(first, compiled)
    _same_translations(again, compiled)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(damage=st.one_of(st.binary(max_size=64), st.integers(0, 400)))
def test_a_damaged_catalog_entry_is_compiled_again(damage: bytes | int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        previous, tempfile.tempdir = tempfile.tempdir, folder
        try:
            good = _fresh_german()
            (entry,) = _catalog_entries(Path(folder))
            whole = entry.read_bytes()
            entry.write_bytes(whole[:damage] if isinstance(damage, int) else damage)
            again = _fresh_german()
            _same_translations(again, good)
            assert entry.read_bytes() == whole  # replaced by a good one
        finally:
            tempfile.tempdir = previous
            catalogs._compiled.cache_clear()


def test_without_the_cache_a_catalog_is_still_compiled(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.OFF, "1")
    german = _fresh_german()
    assert german.gettext("Keep human") == "Menschlich halten"
    assert not (temp / f"assess-cache-{os.getuid()}").exists()
    catalogs._compiled.cache_clear()
