"""One real browser run: `streamlit run app.py` in a subprocess, driven by headless Chromium.

Ask the English Tangerang question, wait for the streamed answer and its cited source, and save a
screenshot to tests/artifacts/chat.png (git-ignored) for a human to look at.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_fixtures import REPO, build_corpus

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "tests" / "artifacts"
QUESTION = "How many personnel were deployed in Tangerang?"

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


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"{url} not healthy after {timeout:.0f} s")


@pytest.fixture
def server(tmp_path: Path, embedder: object) -> Iterator[str]:
    settings = build_corpus(tmp_path, embedder=embedder)
    port = free_port()
    env = {**os.environ, "SIAGA_DATA_DIR": str(settings.data_dir), "SIAGA_REPORTS_DIR": str(tmp_path / "reports")}
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
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
def driver(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                f"--user-data-dir={tmp_path / 'chrome-profile'}", "--window-size=1280,1600"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def test_chat_answer_in_a_real_browser(server: str, driver: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(server)
    wait = WebDriverWait(driver, 90)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid="stChatInput"] textarea')))
    box.send_keys(QUESTION)
    box.send_keys(Keys.ENTER)

    # the answer is done when its source expander and the verifier's line are on the page
    wait.until(lambda d: "Tangerang" in " ".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, '[data-testid="stExpander"] summary')))
    wait.until(lambda d: "Verified" in d.find_element(By.TAG_NAME, "body").text
               or "Not verified" in d.find_element(By.TAG_NAME, "body").text)
    time.sleep(1.0)  # let the final re-render settle before the screenshot
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stExpander"] summary')]
    body = driver.find_element(By.TAG_NAME, "body").text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "chat.png"))

    assert any("[1] Polresta Tangerang" in label for label in labels), labels
    assert "1.048" in body or "1,048" in body
    assert "Answered" in body
    assert not driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
