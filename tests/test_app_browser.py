"""One real browser run: the app served as `make run` serves it, driven by headless Chromium.

The server is ``python -m ui.serve`` (``streamlit run app.py`` that warms the model at start). One
session walks what a reporter does: set and clear a date filter, meet a reversed range, ask (the
question must be echoed within a second), follow a [n] to its source card, reload and find the
conversation still there, ask something the articles don't answer, ask for a comparison, filter
by region. Screenshots of each step land in tests/artifacts/ (git-ignored); the README's come from
there. Throughout, the browser's performance log must show no request to a host other than this
machine.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.app_fixtures import ARTICLES, REPO, build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "tests" / "artifacts"
QUESTION = "How many personnel were deployed in Tangerang?"
UNANSWERABLE = "How many polling stations in West Java were rated vulnerable in the 2024 Pilkada?"
COMPARISON = "Compare the personnel deployed by Polresta Tangerang and Polda Bali"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,1400",
)
# In the page: note when Enter goes down in the chat box, then check every animation frame for the question,
# visible, in a chat message (the time that frame ran). Arguments: the chat box, the question.
ECHO_CLOCK = """
const [box, question] = arguments;
const echo = window.siagaEcho = {sent: null, shown: null};
const look = () => {  // once a frame until the question is visible in a chat message
  const seen = Array.from(document.querySelectorAll('[data-testid="stChatMessage"]')).some((m) =>
    m.textContent.includes(question) && m.getBoundingClientRect().height > 0
    && m.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  if (seen) echo.shown = performance.now(); else requestAnimationFrame(look);
};
box.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && echo.sent === null) {
    echo.sent = performance.now();
    requestAnimationFrame(look);
  }
}, {capture: true});
"""
LONG = 900  # seconds an answer may take on a busy CI machine; the test waits for behaviour, not time

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app server exited with {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"{url} not healthy after {timeout:.0f} s")


@pytest.fixture
def server(tmp_path: Path, embedder: object) -> Iterator[str]:
    settings = build_corpus(tmp_path, embedder=embedder)
    from ingest.pipeline import ingest_paths

    ingest_paths([str(ARTICLES / "bali-20240205-polda-bali-jaga-12809-tps.txt")], settings, embedder=embedder)
    port = free_port()
    env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir), "SIAGA_REPORTS_DIR": str(tmp_path / "reports")}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chrome-profile'}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def requests_leaving(log: list[dict[str, Any]]) -> list[str]:
    """Network requests (http, https, ws, wss) to any host but this machine, from the performance log."""
    outside = []
    for entry in log:
        message = json.loads(entry["message"])["message"]
        if message.get("method") not in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            continue
        params = message.get("params", {})
        url = params.get("request", {}).get("url") or params.get("url") or ""
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and not is_loopback(parts.hostname):
            outside.append(url)
    return outside


def test_a_reporters_session_in_a_real_browser(server: str, driver: Any) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    network: list[dict[str, Any]] = []
    # an element can be redrawn between finding and reading it (each widget change reruns the script)
    wait = WebDriverWait(driver, LONG, ignored_exceptions=(StaleElementReferenceException,))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def css(selector: str) -> list[Any]:
        return driver.find_elements(By.CSS_SELECTOR, selector)

    def body_text() -> str:
        return driver.find_element(By.TAG_NAME, "body").text

    def shown_date(key: str) -> str:
        """The date a date field shows, as YYYY-MM-DD; "" while it is empty.

        Streamlit's date input is a row of segments (year, month, day: ``role=spinbutton``) beside a
        hidden native ``<input type=date>`` that holds the date; when the two disagree, this says so.
        """
        field = driver.find_element(By.CSS_SELECTOR, f'.st-key-_w_{key} [data-testid="stDateInputField"]')
        segments = field.find_elements(By.CSS_SELECTOR, '[role="spinbutton"]')
        native = driver.find_element(By.CSS_SELECTOR, f'.st-key-_w_{key} input[type="date"]').get_attribute("value")
        empty = bool(segments) and all(s.get_attribute("data-placeholder") == "true" for s in segments)
        typed = "" if empty else "-".join(s.text for s in segments)
        return typed if typed == (native or "") else f"segments {typed!r}, native input {native!r}"

    def cleared_by(key: str) -> Any:
        """The filter's own ✕ button (the first match: Streamlit keeps an invisible copy as well)."""
        return driver.find_element(By.CSS_SELECTOR, f".st-key-clear_{key} button")

    def type_date(key: str, digits: str) -> None:
        """Click the field's year segment (its calendar opens), type the digits (each segment moves on to
        the next by itself) and press Escape: closing the calendar commits the date to the app, as leaving
        the field does; Enter does not."""
        first = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, f'.st-key-_w_{key} [role="spinbutton"]')))
        first.click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="stDateInputCalendar"]'))
        ActionChains(driver).send_keys(digits, Keys.ESCAPE).perform()
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="stDateInputCalendar"]'))

    def set_date(key: str, value: str) -> None:
        """Type a date and wait until the app holds it: a filter's ✕ is enabled only when the app has a value."""
        type_date(key, value.replace("-", ""))
        wait.until(lambda d: shown_date(key) == value and cleared_by(key).is_enabled())

    def idle() -> None:
        """The app's script run has finished (every element is the current one, none stale)."""
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '[data-testid="stApp"]').get_attribute(
            "data-test-script-state") == "notRunning")

    def submit(question: str) -> None:
        box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid="stChatInput"] textarea')))
        box.send_keys(question)
        driver.execute_script(ECHO_CLOCK, box, question)
        box.send_keys(Keys.ENTER)

    def echo_seconds() -> float:
        """Seconds from Enter going down to the question first being in a chat message, by the browser's clock."""
        assert driver.execute_script("return window.siagaEcho.sent !== null"), "the page saw no Enter"
        wait.until(lambda d: d.execute_script("return window.siagaEcho.shown !== null"))
        return driver.execute_script("const e = window.siagaEcho; return (e.shown - e.sent) / 1000;")

    def chips() -> str:
        return " ".join(e.text for e in css('[data-testid="stBottom"] [data-testid="stMarkdown"]'))

    def snapshot(name: str) -> None:
        driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
        network.extend(driver.get_log("performance"))

    driver.get(server)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid="stChatInput"] textarea')))
    assert box.get_attribute("placeholder") == "Ask about election security…"  # the browser's language
    assert "?c=" in driver.current_url  # the conversation's id: what a reload comes back to
    idle()

    # a date filter can be set and cleared again
    set_date("f_since", "2024-02-01")
    wait.until(lambda d: "From 2024-02-01" in chips())
    cleared_by("f_since").click()
    wait.until(lambda d: shown_date("f_since") == "" and "2024-02-01" not in chips())
    idle()
    # and it stays cleared when the user opens and closes its calendar again, typing nothing
    type_date("f_since", "")
    time.sleep(0.5)  # a change would start a script run; give it the chance before looking
    idle()
    assert shown_date("f_since") == "" and not chips().strip() and not cleared_by("f_since").is_enabled()

    # a reversed range is named at once
    set_date("f_since", "2024-03-01")
    set_date("f_until", "2024-02-01")
    wait.until(lambda d: "The date range is reversed" in " ".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebar"] [data-testid="stAlert"]')))
    wait.until(lambda d: "Reversed dates" in chips())  # the chip row renders after the sidebar's alert
    css(".st-key-clear_filters button")[0].click()
    wait.until(lambda d: not chips().strip() and shown_date("f_since") == "" and shown_date("f_until") == "")
    idle()

    # the question is on the page within a second of pressing Enter, long before the answer
    # (timed by the page itself: WebDriver's own round trips take a good part of a second on a busy machine)
    submit(QUESTION)
    echoed = echo_seconds()
    assert any(QUESTION in e.text for e in css('[data-testid="stChatMessage"]'))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, 'a[href^="#src-"]'))
    idle()
    body = body_text()
    assert "1.048" in body or "1,048" in body
    assert "Answered · " in body
    assert echoed <= 1.0, f"the question took {echoed:.2f} s to appear"
    snapshot("chat-cited-answer")

    # a [n] is a link to its source card, with the cited sentence on hover
    link = css('[data-testid="stChatMessage"] a[href^="#src-"]')[0]
    target = link.get_attribute("href").split("#", 1)[1]
    assert link.get_attribute("title")
    driver.execute_script("window.scrollTo(0, 0); document.querySelector('.stMain').scrollTo(0, 0)")
    link.click()
    wait.until(lambda d: d.execute_script("return window.location.hash") == f"#{target}")
    wait.until(lambda d: d.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;", target))
    card = driver.find_element(By.ID, target)
    assert "Polresta Tangerang" in card.text

    # a reload keeps the conversation
    driver.refresh()
    wait.until(lambda d: d.find_elements(By.ID, target))
    messages = [e.text for e in css('[data-testid="stChatMessage"]')]
    assert len(messages) == 2 and QUESTION in messages[0] and ("1.048" in messages[1] or "1,048" in messages[1])

    # a question the articles don't answer gets an honest refusal
    def answered(count: int) -> str:
        """Wait for the ``count``-th chat message to hold a finished answer; its text."""
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="stChatMessage"]')) == count)
        idle()
        return css('[data-testid="stChatMessage"]')[-1].text

    submit(UNANSWERABLE)
    assert "Not in the articles" in answered(4)
    snapshot("chat-refusal")

    # a comparison (whatever the answerer makes of it, the page stays whole), then a region filter
    submit(COMPARISON)
    answered(6)
    snapshot("chat-comparison")
    set_date("f_since", "2024-02-01")
    region = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, ".st-key-_w_f_regions input")))
    region.click()  # the date field keeps its date when focus leaves it
    region.send_keys("Bali", Keys.ENTER, Keys.ESCAPE)
    wait.until(lambda d: "Region: Bali" in chips() and "From 2024-02-01" in chips())
    idle()
    assert shown_date("f_since") == "2024-02-01"
    snapshot("chat-filter-chips")

    assert not css('[data-testid="stException"]')
    network.extend(driver.get_log("performance"))
    assert network, "the performance log is empty: the check below would prove nothing"
    assert requests_leaving(network) == []
