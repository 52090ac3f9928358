"""The join address and its QR code (issue 26): the LAN address by default, the code drawn in
the terminal dark on light whatever the terminal's colours, and a PNG beside the workshop for a
slide; both read back by a real barcode reader (zxing-cpp), as a phone camera would."""

from __future__ import annotations

import ipaddress
import socket
import threading
from pathlib import Path

import httpx
import pytest
import zxingcpp
from PIL import Image
from rich.console import Console

from assess.errors import OutputError
from assess.phones import (
    join_png_path,
    join_url,
    lan_address,
    qr_text,
    serve_room,
    write_join_png,
)
from assess.phones.qr import qr_rows

URL = "http://192.168.178.24:50123/join/k9X2bY7mQ4wZ1vT8rL5nPa"


def _read(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_the_join_address_names_the_host_port_and_token() -> None:
    assert join_url("192.168.1.20", 50123, "T") == "http://192.168.1.20:50123/join/T"
    assert join_url("fe80::1", 8000, "T") == "http://[fe80::1]:8000/join/T"
    assert join_url("laptop.local", 8000, "T") == "http://laptop.local:8000/join/T"
    everywhere = join_url("0.0.0.0", 8000, "T")
    assert "0.0.0.0" not in everywhere  # a phone cannot open that: the LAN's address instead
    assert everywhere.endswith(":8000/join/T")


def test_the_lan_address_is_one_of_this_machines_and_not_loopback() -> None:
    address = lan_address()
    if address is None:
        pytest.skip("this machine is on no network")
    assert not ipaddress.ip_address(address).is_loopback
    with socket.create_server((address, 0)):  # it is ours: we can listen on it
        pass


def _terminal_image(url: str) -> Image.Image:
    """The terminal's drawing, cell by cell, as pixels: each cell's upper half in its
    character's colour, its lower half in its background colour."""
    console = Console(width=200, color_system="truecolor")
    lines = qr_text(url).split("\n")
    scale = 6
    image = Image.new("RGB", (len(lines[0]) * scale, len(lines) * 2 * scale), "gray")
    for y, line in enumerate(lines):
        assert set(line.plain) == {"▀"}
        for x in range(len(line)):
            style = line.get_style_at_offset(console, x)
            for half, colour in enumerate((style.color, style.bgcolor)):
                assert colour is not None
                rgb = colour.get_truecolor()
                top = (2 * y + half) * scale
                box = (x * scale, top, (x + 1) * scale, top + scale)
                image.paste((rgb.red, rgb.green, rgb.blue), box)
    return image


def test_the_terminal_code_reads_back_as_the_join_address() -> None:
    assert _read(_terminal_image(URL)) == [URL]


def test_the_terminal_code_sets_both_colours_so_a_dark_terminal_cannot_invert_it() -> None:
    console = Console(width=200, color_system="truecolor")
    text = qr_text(URL)
    rows = qr_rows(URL)
    lines = text.split("\n")
    assert len(lines) == (len(rows) + 1) // 2
    assert all(len(line) == len(rows[0]) <= 60 for line in lines)  # fits beside the walk
    for line in lines:
        for offset in range(len(line)):
            style = line.get_style_at_offset(console, offset)
            assert style.color is not None and style.bgcolor is not None
    # The quiet zone is light.
    corner = lines[0].get_style_at_offset(console, 0)
    assert corner.color is not None and corner.color.get_truecolor().red == 255


def test_the_png_beside_the_workshop_reads_back_and_replaces_only_an_earlier_code(
    tmp_path: Path,
) -> None:
    workshop = tmp_path / "claims.yaml"
    workshop.write_text("title: x\n", encoding="utf-8")
    path = write_join_png(workshop, URL)
    assert path == join_png_path(workshop) == tmp_path / "claims-join.png"
    with Image.open(path) as image:
        assert image.width >= 300  # big enough for a slide
        assert _read(image) == [URL]
    other = URL.replace("k9X2", "ZZZZ")
    write_join_png(workshop, other)  # the next run's code replaces this one
    with Image.open(path) as image:
        assert _read(image) == [other]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims-join.png", "claims.yaml"]


def test_a_file_that_is_not_a_code_is_never_replaced(tmp_path: Path) -> None:
    workshop = tmp_path / "claims.yaml"
    precious = tmp_path / "claims-join.png"
    precious.write_text("my notes, misnamed", encoding="utf-8")
    with pytest.raises(OutputError, match=r"claims-join\.png already exists and is not a PNG"):
        write_join_png(workshop, URL)
    assert precious.read_text(encoding="utf-8") == "my notes, misnamed"


def test_serve_room_starts_the_server_and_writes_its_code_beside_the_workshop(
    tmp_path: Path,
) -> None:
    workshop = tmp_path / "claims.yaml"
    server = serve_room(workshop, ["Ana"], host="127.0.0.1")
    try:
        assert httpx.get(server.address).status_code == 200
        with Image.open(tmp_path / "claims-join.png") as image:
            assert _read(image) == [server.address]
    finally:
        server.stop()


def test_serve_room_that_cannot_write_its_code_leaves_no_server_running(tmp_path: Path) -> None:
    workshop = tmp_path / "claims.yaml"
    (tmp_path / "claims-join.png").write_text("not a code", encoding="utf-8")
    with pytest.raises(OutputError):
        serve_room(workshop, ["Ana"], host="127.0.0.1")
    assert not any(t.name == "assess-phones" for t in threading.enumerate())
