"""Loading WeasyPrint's system libraries (Pango, HarfBuzz, Fontconfig) without asking a compiler.

WeasyPrint tries several names for each library, in an order that suits Windows first. Through
cffi, every name that is not a file's own name is looked up with :func:`ctypes.util.find_library`,
which on Linux starts ``ldconfig`` and then ``gcc`` as subprocesses, name after name: about a
fifth of a second before a report's first page, spent on names that cannot load here (see
WeasyPrint's issue 1125, "Why is weasyprint exec'ing gcc?"). Each list also holds the library's
own file name (``libpango-1.0.so.0``, ``libpango-1.0.dylib``, ``libpango-1.0-0.dll``), which the
system's loader finds at once. So WeasyPrint is imported first with that lookup answering
"not found", and the loader finds each library by its own name; where that fails (a system that
keeps its libraries where only the lookup finds them), it is imported again the usual way.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any


@contextlib.contextmanager
def _no_lookup() -> Iterator[None]:
    """While importing: every name is tried by the system's loader alone, and WeasyPrint's
    own message for a library not found (printed on stdout) is kept out of sight."""
    original = ctypes.util.find_library

    def not_looked_up(name: str) -> Any:
        return None

    ctypes.util.find_library = not_looked_up
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        ctypes.util.find_library = original


def _forget(prefix: str) -> None:
    """Drop what a failed import left half-loaded, so that it runs again from the start."""
    for name in [n for n in sys.modules if n == prefix or n.startswith(prefix + ".")]:
        del sys.modules[name]


def load_renderer() -> ModuleType:
    """:mod:`assess.pdf.render`, with WeasyPrint and its libraries loaded: by their own file
    names if the system's loader finds them, else the way WeasyPrint looks for them. Raises
    OSError or ImportError as WeasyPrint does when a library is missing."""
    try:
        with _no_lookup():
            from assess.pdf import render
    except (OSError, ImportError):
        _forget("weasyprint")
        _forget("assess.pdf.render")
        from assess.pdf import render
    return render
