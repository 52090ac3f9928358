"""A folder for what assess can make again but need not make every time: the templates Jinja
has compiled and the hyphenation dictionaries the PDF workers have parsed (the German one takes
most of a second to parse, and a thirtieth of one to read back).

The folder is the user's own, in the system's temporary folder, as Jinja keeps its own: made
readable and writable by the user alone, and not used at all if anyone else owns it, if it is
a link, or if others may write to it (what is read back from it is run, or unpickled). Every
entry is named after what it was made from, so a changed template or dictionary, or another
version of Python, gets an entry of its own. Nothing here is ever needed: where the folder
cannot be used, or an entry cannot be read or written, the work is simply done again.
``ASSESS_NO_CACHE=1`` turns the folder off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

#: Set to 1 (or anything but 0 or empty) to keep nothing between runs.
OFF = "ASSESS_NO_CACHE"


def folder() -> Path | None:
    """The cache folder, made if missing; None where it is turned off or cannot be trusted."""
    if os.environ.get(OFF, "") not in ("", "0"):
        return None
    uid = os.getuid() if hasattr(os, "getuid") else None
    name = f"assess-cache-{uid}" if uid is not None else "assess-cache"
    path = Path(tempfile.gettempdir()) / name
    try:
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        found = path.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):  # a link or a file where the folder should be
        return None
    if uid is not None and (found.st_uid != uid or stat.S_IMODE(found.st_mode) & 0o077):
        return None
    return path


def key(*parts: object) -> str:
    """A name for an entry made from `parts` (what it was made from, and how)."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:40]


def read(name: str) -> bytes | None:
    """An entry's bytes, or None if there is none (or it cannot be read)."""
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep an entry, whole or not at all: written beside it, then renamed over it, so that
    another run reading it at the same moment never sees half of it."""
    where = folder()
    if where is None:
        return
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, where / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
