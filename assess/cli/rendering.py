"""Writing a report: the PDF (rendered in parts, or whole and tagged) or the HTML, with its
attachments and a progress bar. Shared by `report`, `demo` and the workshop's menu."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assess.cli.app import echo_err, plural
from assess.i18n import _, current
from assess.report.pages import STYLESHEET

if TYPE_CHECKING:
    from assess.files.brand import Brand
    from assess.method.scoring import Assessment
    from assess.pdf.press import Press
    from assess.pdf.progress import Progress
    from assess.team.compare import Comparison


def write_report(
    assessment: Assessment,
    out: Path,
    fmt: str,
    comparison: Comparison | None = None,
    quiet: bool = False,
    source: tuple[str, bytes] | None = None,
    progress: Progress | None = None,
    brand: Brand | None = None,
    press: Press | None = None,
    accessible: bool = False,
) -> int:
    """Render and write the report; returns its number of pages (0 for HTML). `source` is the
    workshop file as written, attached to the PDF with the results as JSON (None: attach
    nothing). `quiet` leaves the talking to the caller (the workshop session). `press` renders
    the PDF; a caller that makes it before reading the workshop gives the workers a head start.
    `accessible` renders the PDF whole, tagged (PDF/UA-1). It writes in the language of the
    context it is called in (see assess.i18n)."""
    from assess.files.storage import atomic_write

    say = (lambda message: None) if quiet else echo_err
    n = len(assessment.results)
    if fmt == "html":
        from assess.report.html import Renderer

        renderer = Renderer(assessment, comparison=comparison, brand=brand)
        atomic_write(out, renderer.html())
        say(f"Wrote {out} (HTML, {plural(n, 'touchpoint')}).")
        return 0
    from assess.pdf.press import Press
    from assess.pdf.publish import metadata_for, publish_accessible, publish_pdf

    publish = publish_accessible if accessible else publish_pdf

    with contextlib.ExitStack() as stack:
        # The workers start first and load WeasyPrint while this process builds the report.
        if press is None:
            ours = Press(languages=(current().code,), stylesheets=(STYLESHEET,))
            press = stack.enter_context(ours)
        from assess.files import output
        from assess.pdf.info import Attachment
        from assess.report import glyphs
        from assess.report.html import Renderer

        attached = source is not None
        renderer = Renderer(assessment, comparison=comparison, attached=attached, brand=brand)
        found = glyphs.missing(assessment, brand.font if brand else None)
        if found is not None:
            echo_err(glyphs.warning(found))
        attachments = []
        if source is not None:
            name, data = source
            stem = Path(name).stem
            attachments = [
                Attachment(
                    name,
                    data,
                    _("The workshop file this report was made from"),
                    "application/yaml",
                    "Source",
                ),
                Attachment(
                    f"{stem}-results.json",
                    output.to_json(assessment).encode("utf-8"),
                    _("The results as JSON (%(command)s)")
                    % {"command": "assess score --format json"},
                    "application/json",
                    "Data",
                ),
            ]
        metadata = metadata_for(renderer)
        if progress is None and not quiet:
            from assess.views.terminal import ProgressBar, make_console

            label = _("Rendering %(file)s") % {"file": out.name}
            with ProgressBar(make_console(sys.stderr), label) as bar:
                published = publish(press, renderer, metadata, attachments, bar)
        else:
            published = publish(press, renderer, metadata, attachments, progress)
    atomic_write(out, published.pdf)
    say(f"Wrote {out} ({published.pages} pages, {plural(n, 'touchpoint')}).")
    return published.pages


def press_for(
    fmt: str, lang: str | None = None, workshop: Path | None = None
) -> contextlib.AbstractContextManager[Press | None]:
    """For a PDF, the renderer's workers, started before the inputs are read so that they load
    WeasyPrint meanwhile, and the hyphenation of the language the report is likely in (`lang`
    from --lang, else the one `workshop` names, else English); nothing for HTML."""
    if fmt != "pdf":
        return contextlib.nullcontext()
    from assess.files.reading import language_hint
    from assess.pdf.press import Press

    likely = lang or (language_hint(workshop) if workshop else None) or "en"
    return Press(languages=(likely,), stylesheets=(STYLESHEET,))
