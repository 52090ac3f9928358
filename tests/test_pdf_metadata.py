"""Every PDF assess writes names assess and its version as its Producer and Creator, in the
information dictionary and in the XMP metadata where there is some: the joined report, the
tagged report, the portfolio and the tagged portfolio (WeasyPrint used to name itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from assess import __version__
from assess.cli import cli

JOURNEY = """title: {title}
touchpoints:
  - name: Where is my order
    scores: {{complexity: 1, scale: 5, emotional_stakes: 1, tech_barrier: 1}}
"""


@pytest.mark.parametrize(
    "command",
    [
        ["demo"],
        ["demo", "--accessible"],
        ["portfolio", "a.yaml", "b.yaml"],
        ["portfolio", "a.yaml", "b.yaml", "--accessible"],
    ],
    ids=["report", "report-accessible", "portfolio", "portfolio-accessible"],
)
def test_producer_and_creator_name_assess_and_its_version(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        Path(f"{name}.yaml").write_text(JOURNEY.format(title=f"Journey {name}"), encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, "-o", "out.pdf"])
    assert result.exit_code == 0, result.output
    reader = PdfReader("out.pdf")
    ours = f"assess {__version__}"
    info = reader.metadata
    assert info is not None
    assert info.producer == ours
    assert info.creator == ours
    xmp = reader.xmp_metadata
    if "--accessible" in command or command == ["demo"]:
        assert xmp is not None
    if xmp is not None:
        assert xmp.pdf_producer == ours
        assert xmp.xmp_creator_tool == ours
