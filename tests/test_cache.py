"""What assess keeps between runs (compiled templates, parsed hyphenation dictionaries): kept in
a folder of the user's own, never trusted from a folder anyone else could write, and never
needed: a damaged or unwritable entry only means the work is done again."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assess.files import cache


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system temporary folder of the test's own, so that the real cache is never touched."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv(cache.OFF, raising=False)
    import tempfile

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
