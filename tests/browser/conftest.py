"""Real-browser fixtures: the project's built site served on localhost, Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def _serve(site: Path, port: int):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(project_site, site_port):
    yield from _serve(project_site / "site", site_port)


@pytest.fixture(scope="session")
def one_language_url(one_language_site, one_language_port):
    """The site with tests/fixtures/one-language's essay in it."""
    yield from _serve(one_language_site / "site", one_language_port)


@pytest.fixture(scope="session")
def serve():
    """serve(site, port) -> its URL: a site/ folder served until the session ends (a test's
    own build; it may be built again in place while served)."""
    servers = []

    def start(site: Path, port: int) -> str:
        servers.append(_serve(site, port))
        return next(servers[-1])

    yield start
    for server in servers:
        next(server, None)


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _watched_page(browser, **context_options):
    """A fresh page whose console errors and uncaught exceptions collect in .console_errors."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    return context, page


@pytest.fixture(params=["desktop", "phone"])
def reader(request, browser):
    """A page at 1280 px, then at 390 px (a phone: touch, mobile viewport); `.width` says which."""
    options = ({"viewport": DESKTOP} if request.param == "desktop" else
               {"viewport": PHONE, "is_mobile": True, "has_touch": True})
    context, page = _watched_page(browser, **options)
    page.width = options["viewport"]["width"]
    yield page
    context.close()


@pytest.fixture
def page(browser):
    context, page = _watched_page(browser, viewport=DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = _watched_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()
