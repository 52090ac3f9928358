"""The only module that writes files.

Every write is atomic: a temporary file beside the target, flushed to disk, then renamed over
it (or linked into place, when the target must not exist yet), so a failed or interrupted run
never leaves a half-written file and never damages the good one that was there. Before a write,
:func:`guard_output` refuses a target that is one of the command's inputs or a file of another
kind. A workshop open in ``assess run`` is locked, and a change made to it by someone else is
noticed before it could be overwritten.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assess.errors import OutputError, UsageProblem
from assess.files.loader import Loaded, check_workshop
from assess.files.reading import file_fingerprint
from assess.files.sameness import refuse_inputs
from assess.files.spreadsheet import Book, workbook_bytes
from assess.files.yamlio import yaml_round_trip

#: What the first bytes of each kind of output look like (in lower case, as compared), to
#: recognise a file before replacing it.
SIGNATURES = {
    "pdf": (b"%pdf-",),
    "html": (b"<!doctype html", b"<html"),
    "png": (b"\x89png\r\n",),
    # The suggested shares `assess portfolio --suggest-shares` writes (issue 28).
    "shares": (b"# suggested business_case.shares",),
}


def _temp_prefix(path: Path) -> str:
    # The process id lets a later run tell its own temporary files from those of a run that was
    # killed (kill -9 leaves them behind; nothing else can).
    return f".{path.name}.{os.getpid()}."


def remove_stale_temporaries(path: Path) -> None:
    """Remove temporary files a killed run left beside `path`."""
    directory = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in directory.iterdir():
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    entry.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but is someone else's
    return True


def atomic_write(path: Path, data: bytes | str, exclusive: bool = False) -> None:
    """Write `data` to `path` atomically. With `exclusive`, fail if `path` exists, even if
    another process creates it while this one writes (two shells merging into one file)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: folder {directory} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    remove_stale_temporaries(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({_reason(exc)})") from None
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
        if exclusive:
            os.link(tmp, path)  # fails if path exists: creation is exclusive and atomic
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise OutputError(
                f"{path}: already exists (another run wrote it first); add --force to replace it"
            ) from None
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: could not be written ({_reason(exc)})") from None
        raise


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def file_kind(path: Path) -> str | None:
    """'pdf', 'html' or 'png' when the file's first bytes say so, else None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512).lstrip().lower()
    except OSError:
        return None
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return kind
    return None


def guard_output(
    out: Path, inputs: tuple[Path, ...] = (), kind: str | None = None, force: bool = False
) -> None:
    """Refuse to write `out` where it would destroy something: one of the inputs (through any
    spelling or symlink), or an existing file that is not of `kind` (a PDF over a workshop).
    Without `kind`, any existing file is refused unless `force`."""
    refuse_inputs(out, inputs)
    if force or not (out.exists() or out.is_symlink()):
        return
    if out.is_dir():
        raise UsageProblem(f"-o {out} is a folder; give a file name")
    if kind is None:
        raise OutputError(f"{out} already exists; choose another -o or add --force")
    if file_kind(out) != kind:
        raise OutputError(
            f"{out} already exists and is not a {kind.upper()} file; choose another -o, or add "
            "--force to replace it"
        )


def save_yaml(path: Path, document: Any, exclusive: bool = False) -> None:
    """Write a round-trip YAML document, keeping people's comments, key order and layout."""
    buffer = io.StringIO()
    yaml_round_trip().dump(document, buffer)
    atomic_write(path, buffer.getvalue(), exclusive=exclusive)


def save_workbook(path: Path, book: Book, exclusive: bool = False) -> None:
    """Write a spreadsheet (.xlsx) atomically; its texts are text cells, never formulas."""
    atomic_write(path, workbook_bytes(book), exclusive=exclusive)


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents) if it is not there yet."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is a file, not a folder") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({_reason(exc)})") from None


def save_workshop(
    path: Path, document: Any, exclusive: bool = False, questionnaire: Path | None = None
) -> Loaded:
    """Check a workshop document as if it were loaded from `path` (with `questionnaire`, when
    the command was given one), then save it. A document that would not load is never written."""
    loaded = check_workshop(document, str(path), path.parent, questionnaire)
    save_yaml(path, document, exclusive=exclusive)
    return loaded


@dataclass(frozen=True)
class Place:
    """Where the room was in a touchpoint: at a question (its position), or typing a note."""

    touchpoint: str
    question: int | None = None
    #: The note as far as it was typed, for a note.
    note: str | None = None
    #: Whether the walk visits every question (a re-score), not only the open ones.
    every: bool = False
    #: In the settle pass, at the split on `question` (a dimension's position).
    settle: bool = False


def parse_place(text: str) -> Place | None:
    """A place written by :meth:`WorkshopFile.mark_pending`; a bare key (as earlier versions
    wrote) is a note not yet answered."""
    try:
        data = json.loads(text)
    except ValueError:
        return Place(text, note="") if text else None
    if not isinstance(data, dict) or not isinstance(data.get("touchpoint"), str):
        return None
    question, note = data.get("question"), data.get("note")
    return Place(
        data["touchpoint"],
        question if isinstance(question, int) and not isinstance(question, bool) else None,
        note if isinstance(note, str) else None,
        data.get("every") is True,
        data.get("settle") is True,
    )


class ChangedOnDisk(OutputError):
    """The file was changed by someone else since this session last read or wrote it."""


class WorkshopFile:
    """A workshop open for editing by one `assess run`: locked against a second run, and saved
    only if nobody changed it on disk since this session last read or wrote it."""

    def __init__(self, path: Path, questionnaire: Path | None = None) -> None:
        self.path = path
        #: The questionnaire given on the command line, if any, used instead of the file's.
        self.questionnaire = questionnaire
        self.lock_path = path.with_name(f".{path.name}.lock")
        self._lock: Any = None
        self.fingerprint: str | None = None

    def lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, the change check still protects the file
            return
        handle = self.lock_path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise OutputError(
                f"{self.path} is open in another assess run"
                + (f" (process {holder})" if holder else "")
                + "; close that one first, or work on a copy"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock = handle

    def unlock(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            self._lock.close()
            self._lock = None

    def remember(self) -> None:
        """Note what the file is now, after this session read it."""
        self.fingerprint = file_fingerprint(self.path)

    def changed_elsewhere(self) -> bool:
        return file_fingerprint(self.path) != self.fingerprint

    @property
    def pending_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.pending")

    def mark_pending(self, place: Place) -> None:
        """Remember where the room was (a question, or a note being typed), so a run stopped
        there goes back to it on resume."""
        atomic_write(self.pending_path, json.dumps(asdict(place), ensure_ascii=False))

    def pending(self) -> Place | None:
        try:
            text = self.pending_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return parse_place(text)

    def clear_pending(self) -> None:
        with contextlib.suppress(OSError):
            self.pending_path.unlink()

    @property
    def walked_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.walked")

    def walked(self) -> set[str]:
        """The touchpoints whose team answers the room has walked through. Kept beside the
        workshop, so walking (and keeping every answer) leaves the workshop file as it was."""
        try:
            data = json.loads(self.walked_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return set()
        return {key for key in data if isinstance(key, str)} if isinstance(data, list) else set()

    def mark_walked(self, keys: Iterable[str]) -> None:
        atomic_write(self.walked_path, json.dumps(sorted(keys), ensure_ascii=False))

    def save(self, document: Any) -> Loaded:
        if self.changed_elsewhere():
            raise ChangedOnDisk(
                f"{self.path} was changed outside this session since it was last saved"
            )
        loaded = save_workshop(self.path, document, questionnaire=self.questionnaire)
        self.remember()
        return loaded


def default_report_path(workshop: Path, fmt: str) -> Path:
    """Beside the workshop, with the same name; a workshop that is itself called x.pdf gets
    x-report.pdf, so the report can never replace it."""
    target = workshop.with_suffix(f".{fmt}")
    if target.name == workshop.name:
        target = workshop.with_name(f"{workshop.stem}-report.{fmt}")
    return target
