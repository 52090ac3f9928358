"""The phone's page in a real browser (issue 26): headless Chromium from the system at 360x640,
joining, tapping a vote the facilitator's side counts, the reveal on the page, a second browser
that sees no value before it, and a name like <script> shown as text. Light and dark."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from phones import question
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from assess.phones import PhoneServer

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "<script>alert(1)</script>"
WIDTH, HEIGHT = 360, 640


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Callable[[str], WebDriver]]:
    assert shutil.which(CHROMIUM) and shutil.which(DRIVER), (
        "install chromium and chromium-driver (apt-get install chromium chromium-driver; "
        ".ci/run does)"
    )
    opened: list[WebDriver] = []

    def open_browser(scheme: str = "light") -> WebDriver:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in [*FLAGS, f"--user-data-dir={tmp_path / f'profile-{len(opened)}'}"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        opened.append(driver)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True},
        )
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        return driver

    yield open_browser
    for driver in opened:
        driver.quit()


@pytest.fixture
def server() -> Iterator[PhoneServer]:
    with PhoneServer(("Ana", "Ben", HOSTILE), "127.0.0.1") as running:
        yield running


def _until(check: Callable[[], Any], timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            assert found, "the page did not get there in time"
            return found
        time.sleep(0.05)


def _text(driver: WebDriver, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


def _tap(driver: WebDriver, element: WebElement) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _join(driver: WebDriver, server: PhoneServer, name: str) -> None:
    driver.get(server.address)
    _until(lambda: driver.find_element(By.ID, "join").is_displayed())
    buttons = driver.find_elements(By.CSS_SELECTOR, "button.name")
    _tap(driver, next(b for b in buttons if b.text == name))
    _until(lambda: _text(driver, "me") == name)


def _options(driver: WebDriver) -> list[WebElement]:
    return list(driver.find_elements(By.CSS_SELECTOR, "#options button.option"))


def _fits_a_phone(driver: WebDriver) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= WIDTH, "the page is wider than the phone: it would need zooming"


def test_a_phone_joins_votes_and_sees_the_reveal(
    browser: Callable[..., WebDriver], server: PhoneServer
) -> None:
    q = question()
    ana = browser()
    _join(ana, server, "Ana")
    assert ana.find_element(By.ID, "me").text == "Ana"
    server.open(q)
    _until(lambda: _text(ana, "touchpoint") == q.touchpoint)
    assert _text(ana, "ask") == q.question
    assert ana.find_element(By.ID, "help").get_attribute("textContent") == q.help
    options = _options(ana)
    assert [o.find_element(By.CLASS_NAME, "title").text for o in options] == [
        c.label for c in q.choices
    ]
    for option in [*options, ana.find_element(By.ID, "dont-know")]:
        assert option.size["height"] >= 48 and option.size["width"] >= WIDTH - 40  # thumb-sized
    _fits_a_phone(ana)
    assert _text(ana, "status-text") == "Tap your answer"

    # The tap: counted on the facilitator's side within a second, and nothing on the page moves.
    before = [o.location["y"] for o in _options(ana)]
    seen = server.tally().version
    _tap(ana, options[3])
    assert server.wait(seen, 1.0).summary() == "1 of 1 voted"
    _until(lambda: _text(ana, "status-text") == "Vote counted, waiting for the room")
    assert _text(ana, "status-sub") == "1 of 1 voted"
    assert options[3].get_attribute("aria-pressed") == "true"
    assert [o.location["y"] for o in _options(ana)] == before  # no layout jump
    _tap(ana, options[1])  # a change of mind, until the reveal
    _until(lambda: options[1].get_attribute("aria-pressed") == "true")
    assert server.tally().voted == ("Ana",)

    # A second browser session sees the count, never the value.
    ben = browser()
    _join(ben, server, "Ben")
    _until(lambda: _text(ben, "touchpoint") == q.touchpoint)
    assert _text(ben, "status-sub") == "1 of 2 voted"
    assert "Ana" not in ben.find_element(By.TAG_NAME, "body").text
    assert not [o for o in _options(ben) if o.get_attribute("aria-pressed") == "true"]
    state = ben.execute_async_script(
        "const done = arguments[0];"
        "fetch('/api/state').then(r => r.json()).then(done, e => done(String(e)));"
    )
    assert state["voted"] == 1 and "votes" not in state and state["my_vote"] is None

    # The reveal, with a name that is markup: shown as text, never run.
    client = httpx.Client(base_url=f"http://127.0.0.1:{server.port}")
    key = client.post("/api/join", json={"token": server.token, "name": HOSTILE}).json()["key"]
    client.post("/api/vote", json={"key": key, "dimension": q.dimension, "value": None})
    _tap(ben, _options(ben)[4])
    _until(lambda: len(server.tally().voted) == 3)
    server.reveal()
    for page in (ana, ben):
        _until(lambda page=page: "Revealed" in _text(page, "status-text"))
        voters = [o.find_element(By.CLASS_NAME, "voters").text for o in _options(page)]
        assert voters == ["", "Ana", "", "", "Ben"]
        dont_know = page.find_element(By.CSS_SELECTOR, "#dont-know .voters")
        assert dont_know.get_attribute("textContent") == HOSTILE
        assert _text(page, "status-text") == "Revealed · median 3.5 · spread 3"
        assert _text(page, "status-sub") == "Split: talk it through, then vote again"
        assert not _options(page)[0].is_enabled()  # no change after the reveal
        with pytest.raises(NoAlertPresentException):
            page.switch_to.alert.text  # noqa: B018  (the script never ran)
    client.close()


def _luminance(css: str) -> float:
    parts = [float(p) for p in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(element: WebElement, background: WebElement) -> float:
    fore = _luminance(element.value_of_css_property("color"))
    back = _luminance(background.value_of_css_property("background-color"))
    light, dark = max(fore, back), min(fore, back)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_reads_well_in_light_and_dark(
    browser: Callable[..., WebDriver], server: PhoneServer, scheme: str, tmp_path: Path
) -> None:
    page = browser(scheme)
    _join(page, server, HOSTILE)
    assert page.find_element(By.ID, "me").text == HOSTILE
    server.open(question(index=2))
    _until(lambda: _options(page))
    body = page.find_element(By.TAG_NAME, "body")
    is_dark = _luminance(body.value_of_css_property("background-color")) < 0.2
    assert is_dark == (scheme == "dark")
    first = _options(page)[0]
    title = first.find_element(By.CLASS_NAME, "title")
    pairs = [
        (page.find_element(By.ID, "touchpoint"), body),
        (page.find_element(By.ID, "ask"), body),
        (title, first),
        (first.find_element(By.CLASS_NAME, "text"), first),
    ]
    for text, background in pairs:  # WCAG AA for body text, from arm's length
        assert _contrast(text, background) >= 4.5, text.text
    assert float(title.value_of_css_property("font-size").removesuffix("px")) >= 17
    _fits_a_phone(page)
    page.save_screenshot(str(tmp_path / f"phone-{scheme}.png"))


def test_a_german_room_reads_german_on_every_phone(
    browser: Callable[..., WebDriver], tmp_path: Path
) -> None:
    """The page and its script in the walk's language (the server is made inside it), the
    question from the translated questionnaire (here the English one: the walk hands the server
    its questions); refusals said in German too. No status line is cut at 360 pixels."""
    from assess.files.catalogs import language
    from assess.i18n import speaking

    with speaking(language("de")), PhoneServer(("Ana", "Ben"), "127.0.0.1") as german:
        ana = browser()
        ana.get(german.address)
        _until(lambda: ana.find_element(By.ID, "join").is_displayed())
        assert ana.find_element(By.TAG_NAME, "h1").text == "Wer sind Sie?"
        assert ana.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de"
        _join(ana, german, "Ana")
        _until(lambda: _text(ana, "status-text") == "Angemeldet als Ana")
        q = question()
        german.open(q)
        _until(lambda: _text(ana, "touchpoint") == q.touchpoint)
        assert _text(ana, "status-text") == "Tippen Sie Ihre Antwort an"
        _tap(ana, _options(ana)[2])
        _until(lambda: _text(ana, "status-text") == "Stimme gezählt, bitte warten")
        assert _text(ana, "status-sub") == "1 von 1 haben abgestimmt"
        _fits_a_phone(ana)
        for line in ("status-text", "status-sub"):
            cut = ana.execute_script(
                f"const e = document.getElementById('{line}'); return e.scrollWidth > e.clientWidth"
            )
            assert not cut, _text(ana, line)
        ana.save_screenshot(str(tmp_path / "phone-de.png"))
        german.reveal()
        _until(lambda: _text(ana, "status-text") == "Aufgedeckt · Median 3 · Spannweite 0")

        # Ben's name taken by another phone: the page says so in German.
        other = httpx.Client(base_url=f"http://127.0.0.1:{german.port}")
        other.post("/api/join", json={"token": german.token, "name": "Ben"})
        other.close()
        ben = browser()
        ben.get(german.address)
        _until(lambda: ben.find_element(By.ID, "join").is_displayed())
        buttons = ben.find_elements(By.CSS_SELECTOR, "button.name")
        _tap(ben, next(b for b in buttons if b.text == "Ben"))
        _until(lambda: _text(ben, "join-error") != "")
        assert (
            _text(ben, "join-error")
            == "Mit diesem Namen ist bereits ein anderes Telefon angemeldet."
        )
