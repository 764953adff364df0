"""The built site in a real browser: headless Chromium, served from a plain file server.

These tests need Debian's ``chromium`` and ``chromium-driver``; ``.ci/run`` installs
them and sets NEWSBRIEF_REQUIRE_BROWSER=1, so in CI a missing browser fails the run
instead of skipping it.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest

from .conftest import make_site
from .test_mkdocs_plugin import BRIEFS, build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("NEWSBRIEF_REQUIRE_BROWSER"):
        raise RuntimeError("NEWSBRIEF_REQUIRE_BROWSER is set but chromium/chromedriver are missing")
    pytest.skip(
        "no chromium/chromedriver: `apt-get install chromium chromium-driver`",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site, built and served by Python's plain file server on loopback."""
    site = build_site(make_site(tmp_path_factory.mktemp("browser"), BRIEFS))
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    yield driver
    driver.quit()


def requested_hosts(driver: webdriver.Chrome) -> set[str]:
    """Hosts of every request the browser made since the last call."""
    import json

    hosts = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = urlparse(message["params"]["request"]["url"])
            if url.scheme in ("http", "https", "ws", "wss"):
                hosts.add(url.netloc)
    return hosts


def test_brief_page_reads_right_and_loads_nothing_from_elsewhere(browser, base_url) -> None:
    browser.get(base_url + "2025/05/04/kim-tank-factory/")
    heading = browser.find_element(By.CSS_SELECTOR, "article h1")
    assert heading.text == "Kim Jong-un inspects an upgraded tank factory"
    expert = browser.find_element(By.CSS_SELECTOR, ".nb-quotes--expert")
    assert "Yang Moo-jin" in expert.text and expert.is_displayed()
    principal = browser.find_element(By.CSS_SELECTOR, ".nb-quotes--principal")
    assert principal.value_of_css_property("border-left-color") != expert.value_of_css_property(
        "border-left-color"
    )
    browser.find_element(By.LINK_TEXT, "Military").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/tags/military/"))
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "Military"
    assert requested_hosts(browser) == {urlparse(base_url).netloc}


def test_search_finds_an_experts_name(browser, base_url) -> None:
    browser.get(base_url)
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    field = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    WebDriverWait(browser, 10).until(expected_conditions.element_to_be_clickable(field))
    field.send_keys("Yang")
    results = WebDriverWait(browser, 15).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
    )
    titles = [result.text.split("\n")[0] for result in results]
    assert "Kim Jong-un inspects an upgraded tank factory" in titles, titles


def test_markup_in_front_matter_shows_as_text_and_runs_nothing(browser, base_url) -> None:
    browser.get(base_url + "2025/06/11/markup/")
    heading = browser.find_element(By.CSS_SELECTOR, "article h1")
    assert heading.text == "<img src=x onerror=alert(1)> [click](javascript:alert(3))"
    assert browser.title.startswith("<img src=x onerror=alert(1)>")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is how an alert is detected
    assert browser.find_elements(By.CSS_SELECTOR, "article img, article iframe, article svg") == []
