"""The only module that writes files. Every write is atomic: a temporary file beside the
target, flushed to disk, then renamed over it, so a failed or interrupted run never leaves
a half-written file and never damages the good one that was there."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from assess.errors import OutputError
from assess.loader import Loaded, check_workshop, yaml_round_trip


def atomic_write(path: Path, data: bytes | str) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: folder {directory} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            # Keep the permissions a person gave the file they are overwriting.
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: could not be written ({exc.strerror or exc})") from None
        raise


def save_yaml(path: Path, document: Any) -> None:
    """Write a round-trip YAML document, keeping people's comments, key order and layout."""
    buffer = io.StringIO()
    yaml_round_trip().dump(document, buffer)
    atomic_write(path, buffer.getvalue())


def save_workshop(path: Path, document: Any) -> Loaded:
    """Check a workshop document as if it were loaded from `path`, then save it. A document
    that would not load again is never written."""
    loaded = check_workshop(document, str(path), path.parent)
    save_yaml(path, document)
    return loaded
