"""A real, non-editable install: build the wheel, install it into a fresh virtualenv and run
`assess demo` from a folder outside the repository."""

from __future__ import annotations

import io
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_demo_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("assess-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(env_dir / "bin" / "assess"), "demo"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "17 touchpoints" in done.stderr
    reader = PdfReader(io.BytesIO((elsewhere / "assess-demo.pdf").read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Online pharmacy order journey" in text and "Pharmacist consultation" in text
    # The data came from inside the installed package, not from this checkout.
    where = subprocess.run(
        [
            str(python),
            "-c",
            "from assess.files import resources; print(resources.data_dir('questionnaires'))",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env_dir) in where and "_data" in where
    # The catalogs and the questionnaire's translations ship too: a German report, in German.
    german = subprocess.run(
        [str(env_dir / "bin" / "assess"), "demo", "--lang", "de", "-o", "de.pdf"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert german.returncode == 0, german.stderr
    assert "Note:" not in german.stderr  # the questionnaire's German translation was found
    text = " ".join(p.extract_text() for p in PdfReader(elsewhere / "de.pdf").pages)
    assert "Seite" in text and "Expertenurteil" in text
    # The phones' page and its files ship inside the package too, and are served from it.
    served = subprocess.run([str(python), "-c", PHONE_PAGE], cwd=elsewhere, capture_output=True)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == [b"200", b"200", b"200", b"200"]


#: Starts the phone server from the installed package and fetches its page and every file the
#: page names.
PHONE_PAGE = """
import re, urllib.request
from assess.phones import PhoneServer
with PhoneServer(["Ana"], "127.0.0.1") as server:
    page = urllib.request.urlopen(server.address)
    html = page.read().decode()
    print(page.status)
    for path in re.findall(r'(?:src|href)="(/join/[^"]+)"', html):
        print(urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}").status)
"""
