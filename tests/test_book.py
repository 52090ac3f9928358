"""A long report is one true document: read back from a real 150-touchpoint PDF, written by the
command a user runs (rendered in parts, side by side, then joined and stamped)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pdftext import page_texts
from pypdf import PdfReader

from assess import __version__
from assess.cli import cli
from assess.report.html import PART_SIZE

STAGES = ["Discover", "Choose", "Order", "Pay", "Receive", "Get help", "Stay"]
SECTIONS = [
    "Executive summary",
    "Where each touchpoint sits",
    "The journey, stage by stage",
    "Touchpoint by touchpoint",
    "Appendix: how the verdicts are reached",
]


def long_workshop(n: int) -> str:
    lines = ["title: Long journey", "organisation: Example Ltd", "touchpoints:"]
    for i in range(n):
        c, s, e, b = (i % 5) + 1, (i * 2 % 5) + 1, (i * 3 % 5) + 1, (i * 7 % 5) + 1
        lines += [
            f"  - name: Touchpoint {i + 1:03d}",
            f"    stage: {STAGES[i * len(STAGES) // n]}",
            f"    scores: {{complexity: {c}, scale: {s}, emotional_stakes: {e}, tech_barrier: {b}}}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, Path, list[str]]:
    folder = tmp_path_factory.mktemp("book")
    path = folder / "long.yaml"
    path.write_text(long_workshop(150), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(path.with_suffix(".pdf"))
    texts = page_texts(reader)
    return reader, path, texts


def test_the_report_was_rendered_in_several_parts() -> None:
    assert PART_SIZE < 150  # so the checks below cross the parts' edges


def test_every_page_after_the_cover_says_page_n_of_m(book: Any) -> None:
    _reader, _, texts = book
    total = len(texts)
    assert total >= 150
    assert "Page 1 of" not in texts[0]
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {total}" in text, number
        assert "Long journey" in text  # the running header


def _appendix(texts: list[str]) -> int:
    """The page the appendix starts on (the contents on the summary page names it too)."""
    return next(n for n, t in enumerate(texts) if SECTIONS[-1] in t and n > 10)


def _destination(reader: PdfReader, annotation: Any) -> int:
    dest = annotation["/Dest"]
    return reader.get_page_number(dest[0].get_object())


def test_every_link_goes_to_the_page_it_names(book: Any) -> None:
    reader, _, texts = book
    links = 0
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            links += 1
            label = str(annotation["/Contents"]).removeprefix("Go to ")
            target = texts[_destination(reader, annotation)]
            name = re.sub(r"^\d+\. ", "", label)
            assert name in target, (label, target[:80])
    # The contents, the journey's index of every touchpoint and the shortlists all link.
    assert links >= 150 + len(SECTIONS) - 1


def test_links_cross_the_parts(book: Any) -> None:
    reader, _, texts = book
    reached = {
        _destination(reader, ref.get_object())
        for page in reader.pages[:10]
        for ref in page.get("/Annots") or []
        if ref.get_object().get("/Subtype") == "/Link"
    }
    # From the front matter, the journey's index reaches touchpoints in the last part, and the
    # contents reaches the appendix, in the last part too.
    appendix = _appendix(texts)
    assert appendix in reached and appendix > len(reader.pages) - 15
    assert sum(1 for page in reached if page > PART_SIZE) >= 40


def test_the_outline_has_every_section_and_every_touchpoint(book: Any) -> None:
    reader, _, texts = book
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == SECTIONS
    children = next(item for item in reader.outline if isinstance(item, list))
    assert len(children) == 150
    for number, item in enumerate(children, 1):
        assert item.title == f"{number}. Touchpoint {number:03d}"
        assert f"Touchpoint {number:03d}" in texts[reader.get_destination_page_number(item)]


def test_the_workshop_and_its_results_are_attached(book: Any) -> None:
    reader, path, _ = book
    attached = {name: data[0] for name, data in reader.attachments.items()}
    assert attached["long.yaml"] == path.read_bytes()
    score = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert json.loads(attached["long-results.json"]) == json.loads(score.output)


def test_metadata_and_language(book: Any) -> None:
    reader, _, texts = book
    meta = reader.metadata
    assert meta.title == "Long journey"
    assert meta.author == "Example Ltd"
    assert meta["/Producer"] == f"assess {__version__}"
    assert "customer experience" in meta["/Keywords"]
    assert meta.creation_date is not None
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "Attached to this PDF" in " ".join(texts[_appendix(texts) :])


def test_archives_and_tools_find_the_metadata_and_the_attachments_described(book: Any) -> None:
    reader, _, _ = book
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Long journey"}
    assert xmp.dc_creator == ["Example Ltd"]
    assert xmp.dc_language == ["en"]
    assert xmp.pdf_producer == f"assess {__version__}"
    assert xmp.xmp_create_date is not None
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    specs = {str(names[i]): names[i + 1].get_object() for i in range(0, len(names), 2)}
    expected = {
        "long.yaml": ("/application/yaml", "/Source", "The workshop file"),
        "long-results.json": ("/application/json", "/Data", "The results as JSON"),
    }
    assert set(specs) == set(expected)
    for name, (mime, relationship, description) in expected.items():
        spec = specs[name]
        assert spec["/UF"] == name and spec["/F"] == name
        assert str(spec["/Desc"]).startswith(description)
        assert spec["/AFRelationship"] == relationship
        stream = spec["/EF"]["/F"].get_object()
        assert stream["/Subtype"] == mime
        assert stream["/Params"]["/Size"] == len(stream.get_data())
    # The catalog lists the same file specifications as the document's associated files.
    assert sorted(ref.idnum for ref in root["/AF"]) == sorted(
        names[i + 1].idnum for i in range(0, len(names), 2)
    )


def test_no_page_holds_only_a_heading(book: Any) -> None:
    _, _, texts = book
    for number, text in enumerate(texts[1:], 2):
        body = re.sub(rf"Page {number} of \d+", "", text)
        for noise in ("Long journey", "Automate · Assist · Keep human", *SECTIONS):
            body = body.replace(noise, "")
        assert len(body.strip()) > 40, (number, text[:120])


def test_no_attachments_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(long_workshop(3), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path), "--no-attachments"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(path.with_suffix(".pdf").read_bytes()))
    assert dict(reader.attachments) == {}
    assert "Attached to this PDF" not in " ".join(p.extract_text() for p in reader.pages)


def test_without_a_terminal_only_the_final_line_is_printed(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(long_workshop(60), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(path)])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()  # one line: no progress, no chatter
    assert line.startswith(f"Wrote {path.with_suffix('.pdf')} (")
    assert line.endswith(" pages, 60 touchpoints).")


def test_a_terminal_sees_a_progress_bar(tmp_path: Path) -> None:
    import os
    import shutil
    import sys

    import pexpect

    path = tmp_path / "w.yaml"
    path.write_text(long_workshop(60), encoding="utf-8")
    assess = shutil.which("assess", path=str(Path(sys.executable).parent)) or "assess"
    child = pexpect.spawn(
        assess,
        ["report", str(path)],
        env={**os.environ, "COLUMNS": "100"},
        encoding="utf-8",
        timeout=120,
    )
    child.expect_exact("touchpoints ·")  # the bar: done of total, elapsed, time left
    child.expect_exact("Wrote ")
    child.expect(pexpect.EOF)


def test_ctrl_c_while_rendering_stops_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "w.yaml"
    path.write_text(long_workshop(150), encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    process = subprocess.Popen(
        [sys.executable, "-m", "assess", "report", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, like a terminal's foreground job
        # As a terminal's foreground job has it, whatever ran the tests: a shell that starts
        # them in the background makes its children ignore Ctrl-C, and they would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(3)  # well into rendering
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the command and its workers
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Stopped; nothing was written." in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no PDF, no temporary file
    time.sleep(0.5)
    leftover = subprocess.run(
        ["pgrep", "-g", str(process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert leftover == []  # no worker process left behind
