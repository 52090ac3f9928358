"""Drive LibreOffice Calc itself, as a person would fill a handout: open a workbook, type into
cells, move or rename sheets, and save it as .xlsx, .ods or CSV, all in one headless soffice.

Run by Debian's /usr/bin/python3 (which has LibreOffice's `uno` module, from python3-uno) with
a JSON list of jobs on standard input; the tests call :func:`run_jobs`. Each job:
{"open": path, "type": [[sheet, "G2", text], ...], "move": [[sheet, position], ...],
 "rename": [[old, new], ...], "save": [[path, "xlsx"|"ods"|"csv"], ...]}.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
SYSTEM_PYTHON = "/usr/bin/python3"
FILTERS = {
    "xlsx": ("Calc MS Excel 2007 XML", None),
    "ods": ("calc8", None),
    # Text CSV, UTF-8 (76), comma (44), double quotes (34), as LibreOffice's dialog saves it.
    "csv": ("Text - txt - csv (StarCalc)", "44,34,76,1,,0,false,true,false,false,false"),
}


def available() -> str | None:
    """Why LibreOffice cannot be driven here, or None when it can."""
    if not Path(SOFFICE).exists():
        return "soffice is not installed (Debian: libreoffice-calc-nogui)"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30, check=False
    )
    if probe.returncode != 0:
        return "LibreOffice's Python bridge is not installed (Debian: python3-uno)"
    return None


def run_jobs(jobs: list[dict[str, Any]], timeout: float = 240) -> None:
    """Run the jobs in one LibreOffice; raises with LibreOffice's own words when one fails."""
    done = subprocess.run(
        [SYSTEM_PYTHON, __file__],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"LibreOffice failed:\n{done.stdout}\n{done.stderr}")


# --- inside /usr/bin/python3, with uno ---------------------------------------------------------


def _prop(name: str, value: Any) -> Any:
    import uno  # type: ignore[import-not-found]

    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe: str) -> Any:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _job(desktop: Any, job: dict[str, Any]) -> None:
    import uno

    url = uno.systemPathToFileUrl(str(Path(job["open"]).resolve()))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
    try:
        sheets = doc.Sheets
        for sheet, cell, text in job.get("type", []):
            target = sheets.getByName(sheet).getCellRangeByName(cell)
            if isinstance(text, int | float):
                target.setValue(text)
            else:
                target.setString(text)  # as typed or picked from the drop-down
        for name, position in job.get("move", []):
            sheets.moveByName(name, position)
        for old, new in job.get("rename", []):
            sheets.getByName(old).setName(new)
        for path, kind in job.get("save", []):
            name, options = FILTERS[kind]
            props = [_prop("FilterName", name), _prop("Overwrite", True)]
            if options:
                props.append(_prop("FilterOptions", options))
            doc.storeToURL(uno.systemPathToFileUrl(str(Path(path).resolve())), tuple(props))
    finally:
        doc.close(True)


def main() -> None:
    jobs = json.load(sys.stdin)
    profile = tempfile.mkdtemp(prefix="assess-lo-")
    pipe = f"assess-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        desktop = _connect(pipe)
        for job in jobs:
            _job(desktop, job)
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice ends
            desktop.terminate()
        office.wait(timeout=30)
    finally:
        if office.poll() is None:
            os.killpg(office.pid, signal.SIGKILL)
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
