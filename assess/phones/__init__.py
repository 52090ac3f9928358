"""Votes from phones: a small web server on the room's network (Starlette + Uvicorn, in a
thread of its own) that shows each phone the open question and takes its blind vote. May import
the files, method and the ground; beside the workshop, which it never imports (nor the workshop
it): `assess.cli` hands the walk a :class:`PhoneServer` as the ground's
:class:`~assess.ballot.VoteRoom`. It never writes the workshop file.

- :mod:`~assess.phones.room`: who joined, the open question and the votes (thread-safe).
- :mod:`~assess.phones.app`: the HTTP API and the page; :mod:`~assess.phones.guard` what every
  request passes first (throttle, body limit, security headers).
- :mod:`~assess.phones.server`: Uvicorn in its thread; :mod:`~assess.phones.address` the LAN
  address and the join address; :mod:`~assess.phones.qr` the join code.
- ``page/``: the phone's page, its style and script, shipped in the package (nothing is fetched
  from the internet).
"""

from __future__ import annotations

from assess.phones.address import default_host, join_url, lan_address
from assess.phones.qr import join_png_path, qr_png, qr_text, write_join_png
from assess.phones.room import MAX_PARTICIPANTS, PhoneRoom
from assess.phones.server import PhoneServer, serve_room

__all__ = [
    "MAX_PARTICIPANTS",
    "PhoneRoom",
    "PhoneServer",
    "default_host",
    "join_png_path",
    "join_url",
    "lan_address",
    "qr_png",
    "qr_text",
    "serve_room",
    "write_join_png",
]
