"""Two hostile starts that ended in a traceback (issue 25, item 9): every command started with
its standard output closed, as a scheduler may start it, and a workshop path that is a symbolic
link loop. Each is one clear line on standard error and a non-zero exit, through the real
program in its own process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ASSESS = shutil.which("assess", path=str(Path(sys.executable).parent)) or "assess"
WORKSHOP = """\
title: T
touchpoints:
  - name: Order status
    scores: {complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["journeys"],
        ["score", "{w}"],
        ["validate", "{w}"],
        ["demo", "-o", "{d}/x.pdf"],
    ],
)
def test_every_command_started_with_its_output_closed_says_so_in_one_line(
    tmp_path: Path, args: list[str]
) -> None:
    w = tmp_path / "w.yaml"
    w.write_text(WORKSHOP, encoding="utf-8")
    filled = " ".join(a.format(w=w, d=tmp_path) for a in args)
    done = subprocess.run(
        ["bash", "-c", f"{ASSESS} {filled} >&-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines == [
        "Error: standard output is closed; start assess with its output going to a terminal, "
        "a file or /dev/null (> /dev/null)"
    ]
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("args", [["report", "{w}", "--format", "html"], ["score", "{w}"]])
def test_a_workshop_path_that_is_a_symlink_loop_is_one_line(
    tmp_path: Path, args: list[str]
) -> None:
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    w = tmp_path / "a.yaml"
    done = subprocess.run(
        [ASSESS, *(a.format(w=w) for a in args)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {w}: is a symbolic link loop (too many levels of symbolic links)\n"
    )
    assert "Traceback" not in done.stderr


def test_validate_lists_a_symlink_loop_among_its_problems(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    done = subprocess.run(
        [ASSESS, "validate", str(tmp_path / "a.yaml")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "a.yaml: Too many levels of symbolic links" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
