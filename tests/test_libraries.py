"""WeasyPrint's system libraries load by their own file names, without starting ldconfig or a
compiler for every name tried; where that fails, WeasyPrint is loaded the usual way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, "ASSESS_NO_CACHE": "1"},
    )


def test_the_renderer_loads_without_starting_a_process() -> None:
    done = _run(
        """
        import subprocess
        started = []
        real = subprocess.Popen.__init__
        def noted(self, args, *rest, **named):
            started.append(args)
            real(self, args, *rest, **named)
        subprocess.Popen.__init__ = noted
        from assess.pdf.libraries import load_renderer
        render = load_renderer()
        part = render.render_part("<p>Hello</p>")
        print(len(part.pages), part.pdf[:5].decode(), started)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "%PDF-", "[]"]


def test_where_the_libraries_need_looking_up_they_are_looked_up() -> None:
    """The first import fails (as where a library is only found by looking it up): WeasyPrint
    is imported again the usual way, and its message for the first failure is not shown."""
    done = _run(
        """
        import builtins, ctypes.util
        real_import, failed = builtins.__import__, []
        def once(name, *rest, **named):
            if name.endswith("ffi") and not failed and ctypes.util.find_library("c") is None:
                failed.append(name)
                print("WeasyPrint could not import some external libraries")
                raise OSError("cannot load library 'libpango-1.0-0'")
            return real_import(name, *rest, **named)
        builtins.__import__ = once
        from assess.pdf.libraries import load_renderer
        render = load_renderer()
        builtins.__import__ = real_import
        print(failed != [], len(render.render_part("<p>Hi</p>").pages))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "1"]


def test_a_missing_library_is_still_one_clear_error() -> None:
    done = _run(
        """
        import builtins
        real_import = builtins.__import__
        def never(name, *rest, **named):
            if name.endswith("ffi"):
                raise OSError("cannot load library 'libpango-1.0-0'")
            return real_import(name, *rest, **named)
        builtins.__import__ = never
        from assess.errors import RenderError
        from assess.pdf.press import renderer_module
        try:
            renderer_module()
        except RenderError as exc:
            print("clear:", exc)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("clear: the PDF renderer could not start")
    assert "libpango-1.0-0" in done.stdout
