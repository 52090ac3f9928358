"""What a report's PDF says about itself and carries: its metadata and its attached files, as
plain data. Kept apart from :mod:`assess.pdf.book` so that making them does not load pypdf,
which is needed only once the parts are rendered and joined."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    producer: str
    created: dt.datetime
    lang: str = "en"


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the PDF, described as PDF/A-3 describes its associated files."""

    name: str
    data: bytes
    description: str = ""
    mime: str = "application/octet-stream"
    relationship: str = "Unspecified"  # Source, Data, Supplement, Alternative or Unspecified
