"""Where the phones find the server: the laptop's address on the room's network, a socket that
listens there, and the join address they open."""

from __future__ import annotations

import ipaddress
import socket

from assess.errors import UsageProblem

#: An address from the documentation range (RFC 5737): "connecting" a UDP socket to it sends
#: nothing, but makes the system choose the interface it would route through, the LAN's.
_PROBE = ("192.0.2.1", 9)
_ANY = ("0.0.0.0", "::", "")


def lan_address() -> str | None:
    """The address this machine has on its network (the one its default route leaves by), or
    None when it has none but loopback."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address in _ANY else address


def default_host() -> str:
    """The LAN address, or a message saying what the room needs."""
    address = lan_address()
    if address is None:
        raise UsageProblem(
            "this computer is on no network the phones could reach; join the room's Wi-Fi "
            "(or start the laptop's hotspot), or give --host ADDRESS"
        )
    return address


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host`:`port` (0: a free port), or a message naming both."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family = found[0][0]
        server = socket.create_server((host, port), family=family, backlog=512)
    except (OSError, UnicodeError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise UsageProblem(
            f"cannot listen on {host}:{port} ({reason}); give another --host or --port"
        ) from None
    server.setblocking(False)
    return server


def join_url(host: str, port: int, token: str) -> str:
    """``http://HOST:PORT/join/TOKEN``; a server listening on every address is joined by the
    LAN's."""
    if host in _ANY:
        host = lan_address() or "127.0.0.1"
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass  # a name, such as laptop.local
    return f"http://{host}:{port}/join/{token}"
