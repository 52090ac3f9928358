"""Writes are atomic: an interrupted write never leaves a half-written or damaged file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from assess.errors import OutputError
from assess.files.storage import atomic_write


def test_write_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    atomic_write(target, b"one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"good report")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new report")
    assert target.read_bytes() == b"good report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]  # no temporary file left behind


def test_failed_write_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"good report")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(
        OutputError, match=re.escape("r.pdf: could not be written (No space left on device)")
    ):
        atomic_write(target, b"new report")
    assert target.read_bytes() == b"good report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_permissions_of_an_existing_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "w.yaml"
    target.write_text("a")
    target.chmod(0o640)
    atomic_write(target, "b")
    assert target.stat().st_mode & 0o777 == 0o640


def test_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        atomic_write(tmp_path, b"x")
