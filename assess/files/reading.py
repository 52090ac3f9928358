"""Reading input files safely: only regular files (a named pipe could block for ever), of a
bounded size, as UTF-8 text; every failure is one message naming the file."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from assess.errors import InputError, NotFoundError, Problem
from assess.textsafety import clip

#: The largest file assess reads. A 100,000-touchpoint workshop is about 19 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The longest path and file name (in bytes) the usual file systems take; a longer one named by a
#: file is refused before the operating system fails on it.
MAX_PATH, MAX_NAME = 4096, 255


def read_text(path: Path, what: str = "file", encoding_hint: str = "") -> str:
    """The text of a regular, UTF-8 file of bounded size; every failure is an InputError
    naming the file. A named pipe or device is refused before it is opened (it could block)."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = encoding_hint or f" ({exc.reason})"
        raise InputError([Problem(str(path), f"is not UTF-8 text{reason}")]) from None


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of a regular file of bounded size; every failure is an InputError naming the
    file. A named pipe or device is refused before it is opened (it could block)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem(str(path), "is a folder, not a file")])
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem(str(path), f"is not a regular {what} (a pipe or a device?)")])
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(
            [
                Problem(
                    str(path),
                    f"is {info.st_size / 2**20:.0f} MB; assess reads files up to "
                    f"{MAX_FILE_BYTES // 2**20} MB",
                )
            ]
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None


class UnusablePath(NotFoundError):
    """A path named in a file that no file system can open: a NUL character, or too long."""


def inside(folder: Path, ref: str) -> Path | None:
    """`folder / ref` if it stays in `folder` (symlinks followed, `..` resolved), else None: a
    path that a file names may not lead the program to read files outside the file's folder.
    Every path a file names passes here, so a path the operating system cannot take (a NUL
    character, a name too long) is refused here once, as :class:`UnusablePath`, for every
    command."""
    if "\0" in ref:
        raise UnusablePath(f"'{clip(ref)}' cannot be a file name: it holds a NUL character")
    path = Path(ref)
    if len(ref) > MAX_PATH or any(len(part.encode()) > MAX_NAME for part in path.parts):
        raise UnusablePath(f"'{clip(ref)}' cannot be a file name: it is too long")
    if path.is_absolute() or not (folder / path).resolve().is_relative_to(folder.resolve()):
        return None
    return folder / path


def relative_ref(source: Path, folder: Path) -> str | None:
    """How a file in `folder` names `source`: its path from there, with forward slashes (it
    may climb out with ``..``); None where there is no such path (another drive on Windows)."""
    try:
        return Path(os.path.relpath(source, folder.resolve())).as_posix()
    except ValueError:
        return None


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def file_fingerprint(path: Path) -> str | None:
    """A hash of the file's bytes, to notice a change made by someone else; None if it is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError([Problem(str(path), _os_reason(exc))]) from None


#: A workshop's own `language:` line, at the top level of the file.
_LANGUAGE_LINE = re.compile(
    rb"""^language:[ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?)""", re.M
)
#: How much of a file the language hint reads: the key is among the first in any workshop
#: assess writes.
_HINT_BYTES = 64 * 1024


def language_hint(path: Path) -> str | None:
    """The language a workshop file names at its top level (`language: de`), read from its
    first lines before it is read and checked, or None. Only a hint, for work that may start
    early (the PDF workers load that language's hyphenation): the file, once read, decides."""
    if not path.is_file():
        return None  # a pipe is never opened here (it could block)
    try:
        with path.open("rb") as file:
            head = file.read(_HINT_BYTES)
    except OSError:
        return None
    found = _LANGUAGE_LINE.search(head)
    return found.group(1).decode("ascii") if found else None
